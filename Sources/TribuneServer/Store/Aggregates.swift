import Foundation

/// How a page of events is ordered.
enum EventSort: String, CaseIterable, Sendable {
    /// Latest day first (the store's indexed order).
    case newest
    case oldest
    /// Most conflictual first (Goldstein −10).
    case goldstein
    /// Most certain first.
    case confidence

    var orderBy: String {
        switch self {
        case .newest: "e.day DESC, e.seq DESC"
        case .oldest: "e.day ASC, e.seq ASC"
        case .goldstein: "e.goldstein ASC, e.seq DESC"
        case .confidence: "e.confidence DESC, e.seq DESC"
        }
    }
}

/// The length of a timeline's bins.
enum Interval: String, CaseIterable, Sendable {
    case day, month

    /// How many characters of `YYYY-MM-DD` name a bin.
    var prefixLength: Int { self == .day ? 10 : 7 }
}

/// What a timeline's bins are split by.
enum TimelineKey: String, CaseIterable, Sendable {
    /// QuadClass 1–4: verbal and material cooperation, verbal and material conflict.
    case quad
    /// The CAMEO root code, 01–20.
    case root

    var column: String { self == .quad ? "e.quad" : "e.root" }
}

/// Events in one period with one QuadClass or root.
struct TimelineBin: Sendable, Hashable {
    var period: String
    var key: String
    var events: Int
}

/// A place events happened at, and how many.
struct PlaceCount: Sendable, Hashable {
    var geonameid: Int?
    var name: String
    var lat: Double
    var lon: Double
    var country: String?
    var admin1: String?
    var events: Int
}

/// One edge of the actor network.
struct PairEdge: Sendable, Hashable {
    var source: String
    var target: String
    var events: Int
    var cooperation: Int
    var conflict: Int
    var sourceName: String?
    var targetName: String?
}

/// A stored document in a list: what it is and how much was read from it.
struct DocumentSummary: Sendable, Hashable {
    var id: String
    var url: String
    var title: String?
    var published: String?
    var site: String?
    var day: String?
    var events: Int
    var quotes: Int
}

/// A speaker and how often they are quoted.
struct SpeakerCount: Sendable, Hashable {
    var name: String
    var quotes: Int
    var documents: Int
}

/// Searches as people type them, made safe for SQLite.
enum FullTextQuery {
    /// Every word (or `"quoted phrase"`) becomes a quoted FTS5 string, all of them required,
    /// so that punctuation or FTS5 syntax in the search (`RFE/RL`, `NEAR(`) cannot break it.
    static func fts5(_ search: String) -> String {
        var terms: [String] = []
        var current = ""
        var inPhrase = false
        func flush() {
            let term = current.trimmingCharacters(in: .whitespaces)
            if !term.isEmpty { terms.append("\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"") }
            current = ""
        }
        for character in search {
            if character == "\"" {
                flush()
                inPhrase.toggle()
            } else if character.isWhitespace && !inPhrase {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        return terms.isEmpty ? "\"\"" : terms.joined(separator: " ")
    }

    /// Escapes `%`, `_` and `\` for `LIKE … ESCAPE '\'`.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
