/// A calendar day as the number `yyyymmdd` (2008-06-30 is `20080630`): what date restrictions
/// compare, in the order days come.
public typealias ActorDay = Int

/// When a role holds, as the CAMEO/Phoenix dictionaries write it: `<d` (up to and including
/// `d`), `>d` (from `d` on), `a-b` (from `a` to `b`, both included), or always.
public struct DateRestriction: Hashable, Sendable, CustomStringConvertible {
    /// The first day it holds, or `nil` for no lower bound.
    public var from: ActorDay?
    /// The last day it holds, or `nil` for no upper bound.
    public var until: ActorDay?

    public init(from: ActorDay? = nil, until: ActorDay? = nil) {
        self.from = from
        self.until = until
    }

    /// Whether there is no bound at all.
    public var isAlways: Bool { from == nil && until == nil }

    public func contains(_ day: ActorDay) -> Bool {
        (from.map { day >= $0 } ?? true) && (until.map { day <= $0 } ?? true)
    }

    /// The dictionary form with 8-digit dates: `>20080325`, `<19910901`, `19910901-19911221`, or
    /// the empty string.
    public var description: String {
        switch (from, until) {
        case (nil, nil): ""
        case (let from?, nil): ">\(from)"
        case (nil, let until?): "<\(until)"
        case (let from?, let until?): "\(from)-\(until)"
        }
    }

    /// Reads a restriction as the dictionaries write it: `>080325`, `< 910901`, `700101-000101`,
    /// `20040101-20061201`. Six-digit dates are `yymmdd`, years before 30 in the 2000s as
    /// PETRARCH reads them. Returns `nil` when it is not a restriction.
    public init?(parsing text: Substring) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("<") || trimmed.hasPrefix(">") {
            guard let day = Self.day(trimmed.dropFirst().trimmingCharacters(in: .whitespaces)[...]) else { return nil }
            self = trimmed.hasPrefix("<") ? DateRestriction(until: day) : DateRestriction(from: day)
            return
        }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = Self.day(parts[0]), let until = Self.day(parts[1]) else { return nil }
        self.init(from: from, until: until)
    }

    /// `yymmdd` or `yyyymmdd` as an ``ActorDay``; `nil` for anything else.
    public static func day(_ text: Substring) -> ActorDay? {
        guard text.allSatisfy(\.isASCII), let value = Int(text), value >= 0 else { return nil }
        let day: Int
        switch text.count {
        case 6:
            let year = value / 10_000
            day = (year < 30 ? 2000 + year : 1900 + year) * 10_000 + value % 10_000
        case 8: day = value
        default: return nil
        }
        let month = day / 100 % 100
        let dayOfMonth = day % 100
        // `000101`-style placeholders read as a real day; only reject impossible ones.
        guard (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        return day
    }

    /// An ISO 8601 date (`2008-06-30`, or the date part of a timestamp) as an ``ActorDay``.
    public static func day(iso text: String) -> ActorDay? {
        let digits = text.prefix(10).filter { $0 != "-" }
        guard digits.count == 8 else { return nil }
        return day(Substring(digits))
    }
}

/// One code an actor holds, with when it holds and the dictionary line that says so.
public struct ActorRole: Hashable, Sendable {
    /// The CAMEO code, e.g. `PAKGOV`, `IGOUNO`, `IMGMUSALQ`.
    public var code: String
    public var dates: DateRestriction
    /// Where the dictionary says it.
    public var origin: DictionaryLine

    public init(code: String, dates: DateRestriction = DateRestriction(), origin: DictionaryLine) {
        self.code = code
        self.dates = dates
        self.origin = origin
    }
}

/// A line of a dictionary file, for telling a user why a code was given.
public struct DictionaryLine: Hashable, Sendable, CustomStringConvertible {
    /// The file's name (`Phoenix.Countries.actors.txt`).
    public var file: String
    /// 1-based.
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}
