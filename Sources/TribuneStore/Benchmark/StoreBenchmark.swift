import Foundation
import TribuneCore

/// `tribune bench store`: how fast the store takes documents in and answers questions.
///
/// Two measurements, each against a baseline run in the same process:
/// - **ingest**: real text documents analyzed on every core with nothing stored (the pipeline's
///   own throughput), then the same documents through ``Ingester`` into a new store; the ratio
///   says whether the store slows ingest down.
/// - **queries**: a synthetic store of N events (``SyntheticCorpus``), then p50/p95 latency
///   of each kind of filter over random values drawn from the corpus's distributions, beside
///   the time of one full scan of the events table.
public enum StoreBenchmark {
    public struct Latency: Sendable {
        public var name: String
        public var p50: Double
        public var p95: Double
        public var rows: Double
        public var indexed: Bool
        /// The plan the database chose for the first instance of the query, when the store tells.
        public var plan: [String] = []
    }

    // MARK: Ingest

    /// How fast a run went: documents per second of wall time, and CPU time (every thread of
    /// the process, user and system) per document. On a machine other work shares, wall time
    /// measures the share the scheduler gave; CPU time measures the work.
    public struct Throughput: Sendable {
        public var documents: Int
        public var seconds: Double
        public var cpuSeconds: Double
        public var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }
        public var cpuMillisecondsPerDocument: Double { documents > 0 ? 1000 * cpuSeconds / Double(documents) : 0 }

        /// The better of two runs of the same work: the faster wall time, the smaller CPU time.
        public func best(_ other: Throughput?) -> Throughput {
            guard let other else { return self }
            return Throughput(
                documents: documents, seconds: min(seconds, other.seconds),
                cpuSeconds: min(cpuSeconds, other.cpuSeconds))
        }
    }

    /// `count` distinct sources made from real pages: each page with a line of its own at the end
    /// (`Dispatch 17 of the bench corpus.`), so every source hashes differently.
    public static func sources(from pages: [SourceDocument], count: Int) -> [SourceDocument] {
        guard !pages.isEmpty else { return [] }
        return (0..<count).map { i in
            var source = pages[i % pages.count]
            source.uri += "#bench\(i)"
            source.bytes += Array("\n\nDispatch \(i) of the bench corpus.\n".utf8)
            return source
        }
    }

    /// Analyzes `sources` on `workers` threads, storing nothing.
    public static func pipelineThroughput(_ sources: [SourceDocument], analyzer: any DocumentAnalyzer, workers: Int)
        -> Throughput
    {
        let next = Counter()
        let started = Date()
        let cpu = ResourceUsage.processCPUSeconds()
        let group = DispatchGroup()
        for _ in 0..<max(1, workers) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while true {
                    let i = next.increment()
                    guard i < sources.count else { return }
                    _ = try? analyzer.analyze(sources[i])
                }
            }
        }
        group.wait()
        return Throughput(
            documents: sources.count, seconds: Date().timeIntervalSince(started),
            cpuSeconds: ResourceUsage.processCPUSeconds() - cpu)
    }

    /// Ingests `sources` into `store` (which should be empty).
    public static func ingestThroughput(
        _ sources: [SourceDocument], analyzer: any DocumentAnalyzer, store: any Store, workers: Int
    ) throws -> Throughput {
        var options = IngestOptions()
        options.workers = workers
        let cpu = ResourceUsage.processCPUSeconds()
        let summary = try Ingester(store: store, analyzer: analyzer, options: options).ingest { emit in
            for source in sources { try emit(.source(source)) }
        }
        guard summary.stored == sources.count else {
            throw StoreError(
                location: store.location, reason: "bench ingest stored \(summary.stored) of \(sources.count) documents")
        }
        return Throughput(
            documents: summary.stored, seconds: summary.elapsed, cpuSeconds: ResourceUsage.processCPUSeconds() - cpu)
    }

    // MARK: Queries

    /// Fills an empty store with `events` synthetic events; returns events written per second.
    public static func fill(_ store: any Store, events: Int, progress: ((Int) -> Void)? = nil) throws -> Double {
        var corpus = SyntheticCorpus()
        let documents = (events + corpus.eventsPerDocument - 1) / corpus.eventsPerDocument
        let started = Date()
        var batch = IngestBatch()
        for index in 0..<documents {
            let document = corpus.document(index)
            let source = SourceDocument(
                uri: document.source.uri, format: .text, content: .text, bytes: Array(document.text.utf8))
            batch.documents.append(AnalyzedSource(document: document, source: source))
            if batch.documents.count == 500 || index == documents - 1 {
                _ = try store.write(batch)
                batch = IngestBatch()
                progress?((index + 1) * corpus.eventsPerDocument)
            }
        }
        try store.optimize()
        return Double(documents * corpus.eventsPerDocument) / Date().timeIntervalSince(started)
    }

    /// Latency of each kind of query, `repetitions` random instances each.
    public static func queryLatencies(_ store: any Store, repetitions: Int = 40) throws -> [Latency] {
        var corpus = SyntheticCorpus(seed: 99)
        typealias Make = (inout SyntheticCorpus) -> EventQuery
        let kinds: [(String, Bool, Make)] = [
            (
                "actor, either side (country prefix)", true,
                { c in
                    var q = EventQuery()
                    q.actor = c.randomActorPrefix()
                    return q
                }
            ),
            (
                "source actor (exact code)", true,
                { c in
                    var q = EventQuery()
                    q.source = c.randomActorCode()
                    return q
                }
            ),
            (
                "target actor (country prefix)", true,
                { c in
                    var q = EventQuery()
                    q.target = c.randomActorPrefix()
                    return q
                }
            ),
            (
                "CAMEO root", true,
                { c in
                    var q = EventQuery()
                    q.code = c.randomRoot()
                    return q
                }
            ),
            (
                "CAMEO code (3 digits)", true,
                { c in
                    var q = EventQuery()
                    q.code = c.randomRoot() + "1"
                    return q
                }
            ),
            (
                "date range (one month)", true,
                { c in
                    var q = EventQuery()
                    (q.since, q.until) = c.randomMonth()
                    return q
                }
            ),
            (
                "country", true,
                { c in
                    var q = EventQuery()
                    q.country = c.randomCountry()
                    return q
                }
            ),
            (
                "actor + root + year", true,
                { c in
                    var q = EventQuery()
                    q.actor = c.randomActorPrefix()
                    q.code = c.randomRoot()
                    (q.since, q.until) = c.randomYear()
                    return q
                }
            ),
            (
                "country + date range (one year)", true,
                { c in
                    var q = EventQuery()
                    q.country = c.randomCountry()
                    (q.since, q.until) = c.randomYear()
                    return q
                }
            ),
            (
                "PLOVER type", false,
                { _ in
                    var q = EventQuery()
                    q.plover = "ASSAULT"
                    return q
                }
            ),
            (
                "place name", false,
                { c in
                    var q = EventQuery()
                    q.place = c.randomPlace().name
                    return q
                }
            ),
            (
                "near a point (50 km)", false,
                { c in
                    let p = c.randomPlace()
                    var q = EventQuery()
                    q.near = GeoCircle(lat: p.lat, lon: p.lon, km: 50)
                    return q
                }
            ),
            (
                "full text", false,
                { c in
                    var q = EventQuery()
                    q.text = "\"\(c.randomPlace().name)\""
                    return q
                }
            ),
            (
                "modality denied + quad 4", false,
                { _ in
                    var q = EventQuery()
                    q.modality = .denied
                    q.quad = 4
                    return q
                }
            ),
        ]
        var results: [Latency] = []
        for (name, indexed, make) in kinds {
            var times: [Double] = []
            var rows = 0
            var plan: [String] = []
            for i in 0..<(repetitions + 3) {
                var query = make(&corpus)
                query.limit = 100
                if i == 0, let planning = store as? any QueryPlanning { plan = try planning.plan(query) }
                let start = Date()
                let found = try store.events(query)
                let elapsed = Date().timeIntervalSince(start) * 1000
                if i >= 3 {  // the first runs warm the cache
                    times.append(elapsed)
                    rows += found.count
                }
            }
            times.sort()
            results.append(
                Latency(
                    name: name, p50: percentile(times, 0.5), p95: percentile(times, 0.95),
                    rows: Double(rows) / Double(repetitions), indexed: indexed, plan: plan))
        }
        return results
    }

    /// Milliseconds to count every event in the store with a filter no index serves: the full
    /// scan an unindexed question would cost.
    public static func fullScanMilliseconds(_ store: any Store) throws -> Double {
        var query = EventQuery()
        query.modality = .hypothetical
        _ = try store.countEvents(query)
        let start = Date()
        _ = try store.countEvents(query)
        return Date().timeIntervalSince(start) * 1000
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = -1

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// A store that keeps nothing: ingesting into it measures the ingest machinery (reading,
/// hashing, queues, threads) without any database.
public final class DiscardingStore: Store {
    public let location = "nowhere"

    public init() {}

    public func existingDocumentIDs(_ ids: [String]) throws -> Set<String> { [] }
    public func write(_ batch: IngestBatch) throws -> WriteResult {
        WriteResult(stored: batch.documents.count, events: batch.documents.reduce(0) { $0 + $1.document.events.count })
    }
    public func replace(_ documents: [Document]) throws {}
    public func sources(after cursor: Int64?, limit: Int) throws -> [StoredSource] { [] }
    public func document(matching key: String) throws -> DocumentLookup { .notFound }
    public func documents(seqs: [Int64]) throws -> [Int64: StoredDocument] { [:] }
    public func documentSeqs(after cursor: Int64?, limit: Int) throws -> [Int64] { [] }
    public func events(_ query: EventQuery) throws -> [EventRecord] { [] }
    public func countEvents(_ query: EventQuery) throws -> Int { 0 }
    public func quotes(_ query: QuoteQuery) throws -> [QuoteRecord] { [] }
    public func topActors(_ query: EventQuery, limit: Int) throws -> [ActorCount] { [] }
    public func topPairs(_ query: EventQuery, limit: Int) throws -> [PairCount] { [] }
    public func counts() throws -> StoreCounts { StoreCounts() }
    public func failures(limit: Int) throws -> [IngestFailure] { [] }
    public func optimize() throws {}
    public func close() {}
}
