/// The store's tables and their columns, shared by both backends so that a document flattens
/// into the same rows whichever database receives them.
///
/// Every annotation row carries `doc`, the store number of its document; the backends add it
/// in front of the values ``DocumentRows`` produces.
package enum Tables {
    package static let documents = [
        "id", "uri", "format", "title", "published", "site", "language", "day", "text", "annotations",
        "ingested_at", "coded_at",
    ]
    package static let sources = ["doc", "content", "title", "published", "site", "bytes"]
    package static let entities = [
        "doc", "id", "type", "name", "actor_code", "actor_country", "actor_sector", "titles", "place",
    ]
    package static let mentions = ["doc", "entity", "span_start", "span_end"]
    package static let events = [
        "doc", "id", "sentence", "source", "target", "source_code", "target_code", "cameo", "root", "quad",
        "goldstein", "plover_type", "plover_mode", "plover_context", "trigger_start", "trigger_end", "span_start",
        "span_end", "date", "day", "place", "place_name", "place_key", "admin1", "admin1_key", "country", "lat", "lon",
        "geonameid", "modality", "attribution", "confidence", "source_name", "target_name", "text",
    ]
    package static let quotes = [
        "doc", "id", "kind", "text", "span_start", "span_end", "speaker", "speaker_text", "speaker_name",
        "speaker_key", "cue", "cue_start", "cue_end", "date", "day",
    ]
    package static let times = ["doc", "span_start", "span_end", "text", "type", "value", "mod"]
    package static let places = [
        "doc", "entity", "name", "geonameid", "lat", "lon", "country", "admin1", "feature_class", "confidence",
    ]
    package static let counts = ["doc", "span_start", "span_end", "kind", "value", "qualifier", "subject", "event"]

    /// The annotation tables, in the order rows are inserted, with their columns.
    package static let annotations: [(name: String, columns: [String])] = [
        ("entities", entities), ("mentions", mentions), ("events", events), ("quotes", quotes), ("times", times),
        ("places", places), ("counts", counts),
    ]

    /// The columns an event query selects, in the order ``EventRecord/init(row:)`` reads them.
    package static let eventSelection = [
        "e.seq", "e.doc", "d.id", "d.uri", "d.title", "d.published", "e.day", "e.id", "e.sentence", "e.source",
        "e.target", "e.source_code", "e.target_code", "e.cameo", "e.root", "e.quad", "e.goldstein", "e.plover_type",
        "e.plover_mode", "e.plover_context", "e.trigger_start", "e.trigger_end", "e.span_start", "e.span_end",
        "e.date", "e.place", "e.modality", "e.attribution", "e.confidence", "e.source_name", "e.target_name",
        "e.place_name", "e.geonameid", "e.lat", "e.lon", "e.country", "e.admin1", "e.text",
    ].joined(separator: ", ")

    /// The columns a quote query selects, in the order ``QuoteRecord/init(row:)`` reads them.
    package static let quoteSelection = [
        "q.seq", "d.id", "d.uri", "d.title", "q.day", "q.id", "q.kind", "q.text", "q.span_start", "q.span_end",
        "q.speaker", "q.speaker_text", "q.speaker_name", "q.cue", "q.cue_start", "q.cue_end", "q.date",
    ].joined(separator: ", ")
}

/// A value bound to or read from SQL, the same for both backends.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    package init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    package init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    package init(_ value: Double?) { self = value.map { $0.isFinite ? .real($0) : .null } ?? .null }

    package var string: String? {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .blob(let b): String(decoding: b, as: UTF8.self)
        case .null: nil
        }
    }

    package var int64: Int64? {
        switch self {
        case .integer(let i): i
        case .real(let d): Int64(exactly: d.rounded())
        case .text(let s): Int64(s)
        default: nil
        }
    }

    package var int: Int? { int64.map { Int($0) } }

    package var double: Double? {
        switch self {
        case .real(let d): d
        case .integer(let i): Double(i)
        case .text(let s): Double(s)
        default: nil
        }
    }

    package var bytes: [UInt8]? {
        switch self {
        case .blob(let b): b
        case .text(let s): Array(s.utf8)
        default: nil
        }
    }
}
