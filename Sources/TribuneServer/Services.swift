import Foundation
import Hummingbird
import Synchronization
import TribuneCore
import TribuneStore

/// What `tribune serve` is told, with safe defaults.
public struct ServerOptions: Sendable {
    /// Loopback unless told otherwise: the dashboard has no login.
    public var host = "127.0.0.1"
    public var port = 8080
    /// The largest page `POST /api/analyze` accepts.
    public var maxAnalyzeBytes = 4 << 20
    /// The longest query string accepted.
    public var maxQueryBytes = 4096
    /// How long a request may run before it is answered with 503.
    public var requestTimeout: Duration = .seconds(30)
    /// How long an idle keep-alive connection stays open.
    public var idleTimeout: Duration = .seconds(60)
    /// How many analyses `POST /api/analyze` runs at once; more are answered with 503.
    public var concurrentAnalyses = 2

    public init() {}
}

/// Loads the pipeline the first time a page is posted to `/api/analyze` (loading its models
/// takes seconds; a server that only browses the store never pays for it).
public final class AnalyzerLoader: Sendable {
    private let load: @Sendable () throws -> any DocumentAnalyzer
    private let loaded = Mutex<(any DocumentAnalyzer)?>(nil)
    private let running = Mutex(0)

    public init(_ load: @escaping @Sendable () throws -> any DocumentAnalyzer) {
        self.load = load
    }

    func analyzer() throws -> any DocumentAnalyzer {
        if let analyzer = loaded.withLock({ $0 }) { return analyzer }
        let analyzer = try load()
        loaded.withLock { $0 = analyzer }
        return analyzer
    }

    /// Takes one of `limit` slots, or returns false when all are taken.
    func enter(limit: Int) -> Bool {
        running.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func leave() { running.withLock { $0 -= 1 } }
}

/// What handlers work with: the store, its read-only reader, the analyzer, the options.
struct Services: Sendable {
    var store: any Store
    /// Present for SQLite stores: pages in any order, aggregates, places, documents, speakers.
    var reader: SQLiteReader?
    var analyzer: AnalyzerLoader?
    var options: ServerOptions
    var cache: ResponseCache

    /// The reader, or 501 naming what is missing.
    func requireReader(_ what: String) throws -> SQLiteReader {
        guard let reader else {
            throw HTTPError(
                .notImplemented,
                message: "\(what) is served from SQLite stores only for now (this store: \(store.location))")
        }
        return reader
    }
}
