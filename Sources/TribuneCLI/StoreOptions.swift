import ArgumentParser
import Foundation
import TribuneCore
import TribunePostgres
import TribuneStore

/// `--db`: which store a command reads or writes.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The store: an SQLite file (created if missing), or postgres://user:password@host:port/database.",
            valueName: "path-or-url"))
    var location: String = ProcessInfo.processInfo.environment["TRIBUNE_DB"] ?? "tribune.sqlite"

    func open() throws -> any Store {
        if PostgresBackend.isURL(location) {
            return try PostgresBackend.open(url: location)
        }
        return try SQLiteStore(path: location)
    }

    /// Opens the store for reading: a missing SQLite file is an error, not a new empty store.
    func openExisting() throws -> any Store {
        if !PostgresBackend.isURL(location), !FileManager.default.fileExists(atPath: location) {
            throw StoreError(
                location: location, reason: "no such store (run tribune ingest first, or name one with --db)")
        }
        return try open()
    }
}

/// The filters `events`, `actors` and `export` share.
struct EventFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An actor code or prefix on either side (PAK matches PAKGOV).", valueName: "code"))
    var actor: String?

    @Option(help: ArgumentHelp("An actor code or prefix as the source.", valueName: "code"))
    var source: String?

    @Option(help: ArgumentHelp("An actor code or prefix as the target.", valueName: "code"))
    var target: String?

    @Option(help: ArgumentHelp("A CAMEO event code or root (19 matches 190 and 1951).", valueName: "code"))
    var code: String?

    @Option(help: "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")
    var quad: Int?

    @Option(help: ArgumentHelp("A PLOVER event type (ASSAULT, ACCUSE…).", valueName: "type"))
    var plover: String?

    @Option(help: "asserted, reported, claimed, denied, negated, hypothetical or future.")
    var modality: String?

    @Option(help: ArgumentHelp("First day, inclusive.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(help: ArgumentHelp("Last day, inclusive.", valueName: "YYYY-MM-DD"))
    var until: String?

    @Option(help: ArgumentHelp("Where it happened: ISO 3166-1 alpha-2 country code (PK).", valueName: "CC"))
    var country: String?

    @Option(help: ArgumentHelp("Where it happened: a place or province name.", valueName: "name"))
    var place: String?

    @Option(help: ArgumentHelp("Within KM kilometres of a point.", valueName: "LAT,LON,KM"))
    var near: String?

    @Option(name: .customLong("q"), help: ArgumentHelp("Words or \"a phrase\" in the article text.", valueName: "text"))
    var text: String?

    @Option(name: .customLong("doc"), help: ArgumentHelp("Only the events of one document.", valueName: "id"))
    var document: String?

    func query() throws -> EventQuery {
        var query = EventQuery()
        query.actor = actor
        query.source = source
        query.target = target
        query.code = code
        if let code, !code.allSatisfy({ $0.isNumber || $0 == "*" }) {
            throw ValidationError("--code takes a CAMEO code such as 19 or 190, not \"\(code)\"")
        }
        if let quad, !(1...4).contains(quad) { throw ValidationError("--quad must be 1, 2, 3 or 4") }
        query.quad = quad
        query.plover = plover
        if let modality {
            guard let value = Event.Modality(rawValue: modality.lowercased()) else {
                throw ValidationError(
                    "--modality must be one of \(Event.Modality.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.modality = value
        }
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, value.count != 10 || !ISODate.isValid(value) {
                throw ValidationError("\(name) must be a day such as 2008-06-30, not \"\(value)\"")
            }
        }
        query.since = since
        query.until = until
        if let country, country.count != 2 || !country.allSatisfy(\.isLetter) {
            throw ValidationError("--country takes an ISO 3166-1 alpha-2 code such as PK, not \"\(country)\"")
        }
        query.country = country
        query.place = place
        if let near {
            guard let circle = GeoCircle(near) else {
                throw ValidationError("--near takes LAT,LON,KM such as 34.0,71.5,50, not \"\(near)\"")
            }
            query.near = circle
        }
        query.text = text
        query.document = document
        return query
    }
}

/// How a query command prints what it found.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, csv
}

/// Standard output, buffered: queries and exports write many small pieces.
struct OutputStream {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ text: String) { write(Array(text.utf8)) }

    mutating func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

enum Terminal {
    static var isStandardOutput: Bool { isatty(STDOUT_FILENO) == 1 }
    static var isStandardError: Bool { isatty(STDERR_FILENO) == 1 }

    /// The terminal's width in columns, or 120 when it cannot be told.
    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 {
            return columns
        }
        return 120
    }
}

/// Runs a store command body, turning store errors into a clear message and exit code 1.
func withStore<T>(_ options: StoreOptions, existing: Bool = true, _ body: (any Store) throws -> T) throws -> T {
    let store: any Store
    do {
        store = existing ? try options.openExisting() : try options.open()
    } catch let error as StoreError {
        FileHandle.standardError.write(Data("tribune: \(error)\n".utf8))
        throw ExitCode(1)
    }
    defer { store.close() }
    do {
        return try body(store)
    } catch let error as StoreError {
        FileHandle.standardError.write(Data("tribune: \(error)\n".utf8))
        throw ExitCode(1)
    }
}
