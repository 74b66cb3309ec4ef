import TribuneCore

extension EventRecord {
    /// The event as JSON: the fields of `SCHEMA.md`'s event, with its document and the names,
    /// place and words it points at written out (`sourceName`, `place`, `text`…).
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("seq", Int(seq))
        w.member("document", document)
        w.member("url", url)
        w.member("title", title)
        w.member("published", published)
        w.member("day", day)
        w.member("id", event.id)
        w.member("sentence", event.sentence)
        w.member("source", event.source)
        w.member("sourceName", sourceName)
        w.member("sourceCode", event.sourceCode)
        w.member("target", event.target)
        w.member("targetName", targetName)
        w.member("targetCode", event.targetCode)
        w.member("cameo", event.cameo)
        w.member("root", event.root)
        w.member("quad", event.quad)
        w.member("goldstein", event.goldstein)
        w.key("plover")
        if let plover = event.plover {
            w.beginObject()
            w.member("type", plover.type)
            w.member("mode", plover.mode)
            w.member("context", plover.context)
            w.endObject()
        } else {
            w.null()
        }
        w.member("trigger", event.trigger)
        w.member("span", event.span)
        w.member("date", event.date)
        w.member("place", event.place)
        w.key("location")
        if let place {
            w.beginObject()
            w.member("name", place.name)
            w.member("geonameid", place.geonameid)
            w.member("lat", place.lat)
            w.member("lon", place.lon)
            w.member("country", place.country)
            w.member("admin1", place.admin1)
            w.endObject()
        } else {
            w.null()
        }
        w.member("modality", event.modality.rawValue)
        w.member("attribution", event.attribution)
        w.member("confidence", event.confidence)
        w.member("text", text)
        w.endObject()
    }

    /// The cells of the terminal table: day, who, did what, to whom, where, how, and the words.
    public var tableCells: [String] {
        let plover = event.plover.map { " \($0.type)" } ?? ""
        let place = self.place.map { p in p.country.map { "\(p.name), \($0)" } ?? p.name } ?? ""
        return [
            day ?? "", event.sourceCode ?? "-", event.cameo + plover, event.targetCode ?? "-", place,
            event.modality.rawValue, String(document.prefix(8)), text,
        ]
    }

    public static let tableHeader = ["DAY", "SOURCE", "EVENT", "TARGET", "WHERE", "MODALITY", "DOC", "TEXT"]
}

extension QuoteRecord {
    /// The quote as JSON: the fields of `SCHEMA.md`'s quote, with its document and the speaker's name.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("seq", Int(seq))
        w.member("document", document)
        w.member("url", url)
        w.member("title", title)
        w.member("day", day)
        w.member("id", quote.id)
        w.member("kind", quote.kind.rawValue)
        w.member("text", quote.text)
        w.member("span", quote.span)
        w.member("speaker", quote.speaker)
        w.member("speakerName", speakerName)
        w.member("speakerText", quote.speakerText)
        w.member("cue", quote.cue)
        w.member("cueSpan", quote.cueSpan)
        w.member("date", quote.date)
        w.endObject()
    }

    public var tableCells: [String] {
        [
            day ?? "", speakerName ?? quote.speakerText ?? "?", quote.cue ?? "", quote.kind.rawValue,
            String(document.prefix(8)), quote.text,
        ]
    }

    public static let tableHeader = ["DAY", "SPEAKER", "CUE", "KIND", "DOC", "QUOTE"]

    public static let csvColumns = [
        "document", "url", "title", "day", "quote", "kind", "text", "spanStart", "spanEnd", "speaker", "speakerName",
        "speakerText", "cue", "date",
    ]

    public var csvFields: [String] {
        [
            document, url, title ?? "", day ?? "", quote.id, quote.kind.rawValue, quote.text, String(quote.span.start),
            String(quote.span.end), quote.speaker ?? "", speakerName ?? "", quote.speakerText ?? "", quote.cue ?? "",
            quote.date ?? "",
        ]
    }
}

/// Columns aligned for a terminal: every column as wide as its widest cell, the last one cut
/// to what the line has left.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ cells: [String]) { rows.append(cells) }

    public func render(width: Int) -> String {
        let all = [header] + rows.map { $0.map(Self.flatten) }
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count - 1 {
                widths[i] = max(widths[i], min(cell.count, 40))
            }
        }
        let used = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let last = max(10, width - used)
        var output = ""
        for row in all {
            var line = ""
            for (i, cell) in row.enumerated() {
                if i == row.count - 1 {
                    line += Self.cut(cell, to: last)
                } else {
                    let text = Self.cut(cell, to: widths[i])
                    line += text + String(repeating: " ", count: widths[i] - text.count + 2)
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            output += line + "\n"
        }
        return output
    }

    private static func flatten(_ cell: String) -> String {
        String(cell.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    private static func cut(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }
}
