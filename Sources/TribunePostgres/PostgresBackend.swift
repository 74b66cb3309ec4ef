import Foundation
import TribuneStore

/// Opens PostgreSQL stores, when Tribune was built with them.
public enum PostgresBackend {
    /// Whether this build has the PostgreSQL backend (the `Postgres` package trait).
    public static var isAvailable: Bool {
        #if Postgres
            true
        #else
            false
        #endif
    }

    /// Whether a `--db` value names a PostgreSQL server rather than a file.
    public static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Connects to the database a `postgres://user:password@host:port/database` URL names and
    /// brings its schema up to date.
    public static func open(url: String) throws -> any Store {
        #if Postgres
            return try PostgresStore(url: url)
        #else
            throw StoreError(
                location: PostgresURL.redacted(url),
                reason: "this tribune was built without PostgreSQL; rebuild with the Postgres trait: "
                    + "swift build -c release --traits Postgres")
        #endif
    }
}

extension PostgresBackend {
    /// Empties every table of a PostgreSQL store (benchmarks and tests that share a database).
    public static func removeEverything(in store: any Store) throws {
        #if Postgres
            try (store as? PostgresStore)?.removeEverything()
        #endif
    }
}

/// The parts of a `postgres://` URL.
public struct PostgresURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String?
    /// `disable` (the default on this machine's loopback), `prefer` or `require`.
    public var sslMode: String

    /// Reads `postgres://user:password@host:port/database?sslmode=…`; a `host=/path` query item
    /// names a Unix socket folder instead of a host.
    public init(_ text: String) throws {
        guard PostgresBackend.isURL(text), let components = URLComponents(string: text) else {
            throw StoreError(location: Self.redacted(text), reason: "not a postgres:// URL")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"] ?? "localhost"
        port = components.port ?? Int(query["port"] ?? "") ?? 5432
        user = components.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? query["password"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? nil : path
        sslMode = query["sslmode"] ?? "disable"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw StoreError(location: Self.redacted(text), reason: "unknown sslmode \(sslMode)")
        }
    }

    /// The URL with its password hidden, for messages.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }

    /// `host:port/database` for messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database ?? user)" }
}
