import Foundation
import Testing
import TribuneCore
import TribuneStore

/// What every backend must do at scale: answer prefix filters with the same events however it
/// plans them, and take writes from several writers at once without losing or doubling any.
extension StoreSpecification {
    // MARK: Prefix filters

    /// Synthetic documents (the benchmark's corpus, 3,000 events over 400 actor codes) and one
    /// document with more codes under one prefix than the store expands: every prefix filter,
    /// alone and with others, returns the events a scan of the whole table finds, latest first.
    func prefixFiltersMatchAScan() throws {
        try withStore { store in
            var corpus = SyntheticCorpus(seed: 7)
            var documents = (0..<300).map { corpus.document($0) }
            let many = (0..<(QuerySQL.maximumExpansion + 16)).map { i in
                Corpus.EventSpec(
                    source: (name: "unit \(i)", code: String(format: "XYZ%03d", i)), target: Corpus.imu,
                    cameo: i % 2 == 0 ? "190" : "1951", quad: 4, goldstein: -10, plover: "ASSAULT", verb: "fought",
                    date: String(format: "2011-05-%02d", 1 + i % 28))
            }
            documents.append(
                Corpus.document(id: String(repeating: "c", count: 64), published: "2011-06-01", events: many))
            for chunk in documents.chunked(100) {
                _ = try store.write(
                    IngestBatch(documents: chunk.map { AnalyzedSource(document: $0, source: Corpus.source(for: $0)) }))
            }
            try store.optimize()
            var everything = EventQuery()
            everything.order = .storage
            everything.limit = nil
            let all = try store.events(everything)
            #expect(all.count == 300 * corpus.eventsPerDocument + many.count)

            func expected(_ q: EventQuery) -> [Int64] {
                func has(_ code: String?, _ prefix: String?) -> Bool {
                    guard let prefix else { return true }
                    return code?.hasPrefix(prefix.uppercased().replacing("*", with: "")) == true
                }
                let matching = all.filter { r in
                    let e = r.event
                    let actor = q.actor.map { has(e.sourceCode, $0) || has(e.targetCode, $0) } ?? true
                    let code = q.code.map { $0.count == 2 ? e.root == $0 : e.cameo.hasPrefix($0) } ?? true
                    let since = q.since.map { (r.day ?? "") >= $0 } ?? true
                    let until = q.until.map { r.day != nil && r.day! <= $0 } ?? true
                    return actor && has(e.sourceCode, q.source) && has(e.targetCode, q.target) && code && since && until
                }
                let ordered = matching.sorted { a, b in
                    (a.day ?? "", a.seq) > (b.day ?? "", b.seq)
                }
                return ordered.prefix(q.limit ?? .max).map(\.seq)
            }
            var queries: [EventQuery] = []
            func add(limit: Int = 100, _ configure: (inout EventQuery) -> Void) {
                var q = EventQuery()
                q.limit = limit
                configure(&q)
                queries.append(q)
            }
            for prefix in ["USA", "pak", "U", "A*", "TJKGOV", "ZZZ", "XYZ", "XYZ01"] {
                add { $0.actor = prefix }
                add { $0.source = prefix }
                add { $0.target = prefix }
            }
            add(limit: 5) { $0.actor = "USA" }
            add(limit: 10_000) { $0.actor = "RUS" }
            add { $0.code = "191" }
            add { $0.code = "1951" }
            add { $0.code = "04" }
            add {
                $0.actor = "IRN"
                $0.code = "19"
                ($0.since, $0.until) = ("2015-01-01", "2024-12-31")
            }
            add {
                $0.source = "USA"
                $0.target = "RUS"
            }
            add {
                $0.code = "190"
                $0.until = "2011-05-10"
            }
            for q in queries {
                let found = try store.events(q).map(\.seq)
                #expect(found == expected(q), "\(q)")
            }
        }
    }

    // MARK: Several writers

    /// Four writers at once, each with a connection of its own as separate processes have,
    /// given overlapping documents in different orders: each document is stored once with all
    /// its annotations, and none is lost.
    func concurrentWriters() throws {
        let first = try backend.makeStore()
        defer { removeStore(first) }
        var corpus = SyntheticCorpus(seed: 11)
        let items = (0..<240).map { index in
            let document = corpus.document(index)
            return AnalyzedSource(document: document, source: Corpus.source(for: document))
        }
        let writers = 4
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let store = try backend.reopen(first)
                defer { store.close() }
                // Three quarters of the documents each, starting at a different place and
                // alternately backwards, so that every document is given to three writers.
                let start = writer * items.count / writers
                var mine = (0..<(items.count * 3 / 4)).map { items[(start + $0) % items.count] }
                if writer % 2 == 1 { mine.reverse() }
                for chunk in mine.chunked(16) {
                    results.add(try store.write(IngestBatch(documents: Array(chunk))))
                }
            } catch {
                results.fail(error)
            }
        }
        #expect(results.errors.isEmpty, "\(results.errors)")
        #expect(results.total.stored == items.count)
        #expect(results.total.alreadyPresent == writers * items.count * 3 / 4 - items.count)
        let counts = try first.counts()
        #expect(counts.documents == items.count)
        #expect(counts.events == items.reduce(0) { $0 + $1.document.events.count })
        #expect(counts.quotes == items.reduce(0) { $0 + $1.document.quotes.count })
        #expect(counts.mentions == items.reduce(0) { $0 + $1.document.entities.reduce(0) { $0 + $1.mentions.count } })
        for item in items.prefix(20) {
            #expect(try first.document(matching: item.document.id) == .found(item.document))
        }
    }
}

/// Write results gathered from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var total = WriteResult()
    private(set) var errors: [String] = []

    func add(_ result: WriteResult) {
        lock.lock()
        defer { lock.unlock() }
        total.stored += result.stored
        total.alreadyPresent += result.alreadyPresent
        total.events += result.events
    }

    func fail(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        errors.append("\(error)")
    }
}

extension StoreSpecification {
    /// `tribune ingest` in three processes at once (three machines, say) into one store, on
    /// overlapping folders of real pages: each process ends without a failure, each page is
    /// stored once, and the store holds what one process ingesting every page stores.
    func concurrentIngestProcesses() throws {
        guard let tribune = TribuneExecutable.url else { return }
        let store = try backend.makeStore()
        defer { removeStore(store) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let wikinews = URL(fileURLWithPath: Samples.path("wikinews"))
        let pages =
            try [Data(contentsOf: URL(fileURLWithPath: Samples.path("rferl-pakistan-imu.txt")))]
            + FileManager.default.contentsOfDirectory(atPath: wikinews.path).sorted().map {
                try Data(contentsOf: wikinews.appendingPathComponent($0))
            }
        let count = 36
        let processes = 3
        var slices: [URL] = []
        for slice in 0..<processes {
            let directory = folder.appendingPathComponent("slice-\(slice)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // Each page is in two slices: the one it falls in and the next.
            for k in 0..<(2 * count / processes) {
                let i = (slice * count / processes + k) % count
                var page = pages[i % pages.count]
                page.append(Data("\n\nDispatch \(i) from the multi-writer test.\n".utf8))
                try page.write(to: directory.appendingPathComponent(String(format: "page-%03d.txt", i)))
            }
            slices.append(directory)
        }
        func start(_ arguments: [String]) throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = tribune
            process.arguments = arguments
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            return (process, errors)
        }
        let running = try slices.map {
            try start(["ingest", $0.path, "--db", backend.argument(store), "--quiet", "--batch", "4"])
        }
        for (process, errors) in running {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(message)")
        }
        let counts = try store.counts()
        #expect(counts.documents == count)
        #expect(counts.failures == 0)

        let clean = folder.appendingPathComponent("clean.sqlite").path
        let (alone, errors) = try start(["ingest"] + slices.map(\.path) + ["--db", clean, "--quiet"])
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        alone.waitUntilExit()
        let reference = try SQLiteStore(path: clean)
        defer { reference.close() }
        #expect(try reference.counts() == counts, "the same rows as one process ingesting every page")
    }
}
