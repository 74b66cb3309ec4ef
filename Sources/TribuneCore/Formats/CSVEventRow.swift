/// Events as CSV: one row per event, the event's fields of `SCHEMA.md` flattened, with the
/// names and words they point at written out beside the ids and offsets.
///
/// Fields are quoted as RFC 4180 asks (when they hold a comma, a quote or a line break) and
/// rows end with CRLF. Lists (PLOVER contexts) are joined with `;`.
public enum CSVEventRow {
    public static let columns = [
        "document", "url", "title", "published", "site", "event", "sentence",
        "source", "sourceName", "sourceCode", "target", "targetName", "targetCode",
        "cameo", "root", "quad", "goldstein", "ploverType", "ploverMode", "ploverContext",
        "triggerStart", "triggerEnd", "trigger", "spanStart", "spanEnd", "text",
        "date", "day", "place", "placeName", "geonameid", "lat", "lon", "country", "admin1",
        "modality", "attribution", "attributionName", "confidence",
    ]

    /// The header line, with its line end.
    public static var header: String { line(columns) }

    /// The fields of one event, in the order of ``columns``.
    public static func fields(_ event: Event, in context: EventContext) -> [String] {
        let document = context.document
        let place = context.place(of: event)
        return [
            document.id, document.source.uri, document.title ?? "", document.published ?? "", document.site ?? "",
            event.id, String(event.sentence),
            event.source ?? "", context.entity(event.source)?.name ?? "", event.sourceCode ?? "",
            event.target ?? "", context.entity(event.target)?.name ?? "", event.targetCode ?? "",
            event.cameo, event.root, String(event.quad), number(event.goldstein),
            event.plover?.type ?? "", event.plover?.mode ?? "", event.plover?.context.joined(separator: ";") ?? "",
            String(event.trigger.start), String(event.trigger.end), context.text(event.trigger),
            String(event.span.start), String(event.span.end), context.text(event.span),
            event.date ?? "", context.day(of: event) ?? "", event.place ?? "", place?.name ?? "",
            place?.geonameid.map(String.init) ?? "", place.map { number($0.lat) } ?? "",
            place.map { number($0.lon) } ?? "", place?.country ?? "", place?.admin1 ?? "",
            event.modality.rawValue, event.attribution ?? "", context.entity(event.attribution)?.name ?? "",
            number(event.confidence),
        ]
    }

    /// One event as a CSV line, with its line end.
    public static func line(_ event: Event, in context: EventContext) -> String {
        line(fields(event, in: context))
    }

    /// Any fields as a CSV line, with its line end.
    public static func line(_ fields: [String]) -> String {
        var line = fields.map(quote).joined(separator: ",")
        line += "\r\n"
        return line
    }

    /// Quotes a field when it holds a comma, a quote or a line break.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        var quoted = "\""
        for character in field {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? value.description : ""
    }
}
