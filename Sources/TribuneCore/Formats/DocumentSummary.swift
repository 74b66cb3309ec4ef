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
        let names = Dictionary(document.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        if !document.events.isEmpty {
            lines.append("events:")
            for event in document.events { lines.append("  " + line(event, in: document, names: names)) }
        }
        if !document.quotes.isEmpty {
            lines.append("quotes:")
            for quote in document.quotes {
                let speaker = quote.speaker.flatMap { names[$0] } ?? quote.speakerText ?? "(no speaker)"
                lines.append("  \(quote.id) \(quote.kind.rawValue) · \(speaker): \"\(clip(quote.text, 80))\"")
            }
        }
        lines.append("")
        for (i, sentence) in document.sentences.enumerated() {
            lines.append("  [\(i)] \(document.text.slice(sentence))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "V3 Pakistani forces [PAKMIL] —190 ASSAULT→ Uzbek militants [UZBREB] · claimed by … · 2007 · «killed»"
    private static func line(_ event: Event, in document: Document, names: [String: String]) -> String {
        func actor(_ id: String?, _ code: String?) -> String {
            let name = id.flatMap { names[$0] }
            switch (name, code) {
            case (let name?, let code?): return "\(name) [\(code)]"
            case (let name?, nil): return name
            case (nil, let code?): return "[\(code)]"
            case (nil, nil): return "—"
            }
        }
        var parts = [
            "\(event.id) \(actor(event.source, event.sourceCode)) —\(event.cameo)"
                + (event.plover.map { " \($0.type)" } ?? "") + "→ \(actor(event.target, event.targetCode))"
        ]
        if event.modality != .asserted {
            parts.append(event.modality.rawValue + (event.attribution.flatMap { names[$0] }.map { " by \($0)" } ?? ""))
        }
        if let date = event.date { parts.append(date) }
        if let place = event.place.flatMap({ names[$0] }) { parts.append("in " + place) }
        parts.append("«\(document.text.slice(event.trigger))»")
        return parts.joined(separator: " · ")
    }

    private static func clip(_ text: String, _ length: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= length ? flat : String(flat.prefix(length - 1)) + "…"
    }
}
