/// A readable summary of a document, for people at a terminal (`--format text`).
public enum DocumentSummary {
    public static func render(_ document: Document) -> String {
        var lines: [String] = []
        lines.append("== \(document.source.uri) (\(document.source.format.rawValue)) ==")
        lines.append("title:      \(document.title ?? "(none found)")")
        lines.append("published:  \(document.published ?? "(unknown)")")
        if !document.authors.isEmpty { lines.append("authors:    \(document.authors.joined(separator: "; "))") }
        if let site = document.site { lines.append("site:       \(site)") }
        lines.append("language:   \(document.language ?? "(unknown)")")
        var size = "\(document.paragraphs.count) paragraphs, \(document.sentences.count) sentences"
        if let tokens = document.tokens { size += ", \(tokens.count) tokens" }
        lines.append("body:       \(size), \(document.text.unicodeScalars.count) characters")
        if !document.removed.isEmpty {
            var counts: [String: Int] = [:]
            for r in document.removed { counts[r.reason.rawValue, default: 0] += 1 }
            let tally = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("removed:    \(document.removed.count) blocks (\(tally))")
            for r in document.removed {
                lines.append("  - [\(r.reason.rawValue)] \(clip(r.text, 90))")
            }
        }
        let counted: [(String, Int)] = [
            ("entities", document.entities.count), ("events", document.events.count),
            ("quotes", document.quotes.count), ("times", document.times.count),
            ("places", document.places.count), ("counts", document.counts.count),
        ]
        lines.append("found:      " + counted.map { "\($0.1) \($0.0)" }.joined(separator: ", "))
        lines.append("")
        for (i, sentence) in document.sentences.enumerated() {
            lines.append("  [\(i)] \(document.text.slice(sentence))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func clip(_ text: String, _ length: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= length ? flat : String(flat.prefix(length - 1)) + "…"
    }
}
