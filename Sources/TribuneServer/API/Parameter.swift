import Foundation
import Hummingbird
import TribuneCore
import TribuneStore

/// One query parameter an endpoint takes: its name, what values it accepts, and the words
/// that describe it in `/openapi.json`. Requests are checked against the same list, so the
/// description and the behaviour cannot drift apart.
struct Parameter: Sendable {
    enum Kind: Sendable {
        case text
        /// A whole number in a range.
        case integer(ClosedRange<Int>)
        /// A calendar day, `YYYY-MM-DD`.
        case day
        /// A CAMEO code or prefix: digits only.
        case cameo
        /// An ISO 3166-1 alpha-2 country code.
        case country
        /// `LAT,LON,KM`.
        case circle
        case boolean
        /// One of a fixed set of words.
        case choice([String])
    }

    var name: String
    var kind: Kind
    var summary: String
    /// A value that makes the endpoint answer with data on the sample store (for the docs and tests).
    var example: String?

    init(_ name: String, _ kind: Kind, _ summary: String, example: String? = nil) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.example = example
    }

    /// The value, checked against the kind; throws 400 naming the parameter when it does not fit.
    func check(_ value: String) throws -> String {
        func reject(_ expected: String) -> HTTPError {
            HTTPError(.badRequest, message: "\(name) must be \(expected), not \"\(value.prefix(80))\"")
        }
        switch kind {
        case .text:
            guard !value.isEmpty else { throw reject("a non-empty text") }
            // A NUL or other control character is no word anyone searches for, and SQLite's
            // full-text query syntax fails on some: refused here rather than as a 500.
            guard !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw HTTPError(.badRequest, message: "\(name) must not hold control characters")
            }
        case .integer(let range):
            guard let number = Int(value), range.contains(number) else {
                throw reject("a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
        case .day:
            guard value.utf8.count == 10, ISODate.isValid(value) else { throw reject("a day such as 2008-06-30") }
        case .cameo:
            guard !value.isEmpty, value.utf8.count <= 4, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw reject("a CAMEO code such as 19 or 190")
            }
        case .country:
            guard value.utf8.count == 2, value.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else {
                throw reject("an ISO 3166-1 alpha-2 code such as PK")
            }
        case .circle:
            guard GeoCircle(value) != nil else { throw reject("LAT,LON,KM such as 34.0,71.5,50") }
        case .boolean:
            guard ["true", "false", "1", "0"].contains(value) else { throw reject("true or false") }
        case .choice(let values):
            guard values.contains(value) else { throw reject("one of \(values.joined(separator: ", "))") }
        }
        return value
    }
}

/// The parameters of one request, checked: unknown names, repeated names and values that
/// do not fit are answered with 400 before any query runs.
struct Arguments: Sendable {
    private var values: [String: String]
    /// Path parameters (`{id}`), already decoded.
    var path: [String: String]

    init(query: String?, accepted: [Parameter], path: [String: String] = [:]) throws {
        self.path = path
        values = [:]
        guard let query, !query.isEmpty else { return }
        let byName = Dictionary(accepted.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else {
                throw HTTPError(.badRequest, message: "a parameter name is not valid percent-encoding")
            }
            guard let parameter = byName[name] else {
                let known = accepted.map(\.name).joined(separator: ", ")
                throw HTTPError(
                    .badRequest,
                    message: "unknown parameter \"\(name.prefix(40))\"; this endpoint takes "
                        + (known.isEmpty ? "none" : known))
            }
            guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw HTTPError(.badRequest, message: "\(name) is not valid percent-encoding")
            }
            guard values[name] == nil else { throw HTTPError(.badRequest, message: "\(name) is given twice") }
            // An empty value means "not set": what an HTML form sends for a field left blank.
            if value.isEmpty { continue }
            values[name] = try parameter.check(value)
        }
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space, then percent escapes.
    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    subscript(_ name: String) -> String? { values[name] }

    func int(_ name: String) -> Int? { values[name].flatMap { Int($0) } }

    func bool(_ name: String) -> Bool { values[name] == "true" || values[name] == "1" }
}
