import ArgumentParser
import Foundation
import Tribune
import TribuneCore
import TribuneExtract
import TribunePostgres
import TribuneStore

extension BenchCommand {
    struct StoreBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "Ingest throughput against the pipeline's own, and query latency on a synthetic store.",
            discussion: """
                Ingest: the sample pages, made distinct, analyzed on every core with nothing stored, then \
                ingested into a new store; the ratio is the share of the pipeline's throughput ingest keeps. \
                Queries: a synthetic store of --events events with realistic distributions (actors, CAMEO roots, \
                days over 25 years, countries, places), then p50/p95 latency per kind of filter (limit 100, latest \
                first) beside one full scan of the events table. SQLite always; PostgreSQL too with --postgres \
                (an empty database, or --reset to empty it).
                """
        )

        @Option(help: "Events in the synthetic store.")
        var events = 1_000_000

        @Option(help: "Documents for the ingest measurement.")
        var documents = 3000

        @Option(help: "The folder of sample pages.")
        var samples = "samples"

        @Option(help: "Threads analyzing documents (default: one per core).")
        var workers: Int?

        @Option(help: "Rounds of the ingest measurement, alternating pipeline and ingest; the best of each counts.")
        var rounds = 3

        @Option(help: "Queries per kind of filter.")
        var repetitions = 40

        @Option(help: "Keep the synthetic SQLite store here (and reuse it if it exists) instead of a temporary file.")
        var sqlite: String?

        @Option(help: ArgumentHelp("Also measure PostgreSQL, in this (empty) database.", valueName: "url"))
        var postgres: String?

        @Flag(help: "Empty the PostgreSQL database first.")
        var reset = false

        @Flag(help: "Skip the ingest measurement.")
        var noIngest = false

        @Flag(help: "Skip the query measurement.")
        var noQueries = false

        @Flag(help: "Print each query's whole plan, not only the indexes it uses.")
        var plans = false

        func run() throws {
            let workers = self.workers ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
            print("tribune bench store: \(workers) workers, \(ProcessInfo.processInfo.activeProcessorCount) cores")
            if !noIngest { try measureIngest(workers: workers) }
            if !noQueries { try measureQueries() }
        }

        private func measureIngest(workers: Int) throws {
            var pages: [SourceDocument] = []
            InputReader(paths: [samples]).read { item in
                if case .source(let source) = item { pages.append(source) }
            }
            guard !pages.isEmpty else {
                throw ValidationError("no sample pages in \(samples) (name them with --samples)")
            }
            let sources = StoreBenchmark.sources(from: pages, count: documents)
            let pipeline = try Pipeline()
            var backends: [(String, () throws -> any TribuneStore.Store)] = [
                ("no store (the ingest machinery alone)", { DiscardingStore() }),
                ("SQLite", { try SQLiteStore(path: Self.temporaryPath("ingest")) }),
            ]
            if let postgres {
                backends.append(("PostgreSQL", { try self.openPostgres(postgres, reset: self.reset) }))
            }
            print(
                "\n== ingest: \(documents) text documents made from \(pages.count) sample pages "
                    + "(\(sources.reduce(0) { $0 + $1.bytes.count } / documents) bytes each on average)")
            _ = StoreBenchmark.pipelineThroughput(Array(sources.prefix(200)), analyzer: pipeline, workers: workers)
            print("load: \(Self.loadAverage())")
            for (name, open) in backends {
                var pipelineBest: StoreBenchmark.Throughput?
                var ingestBest: StoreBenchmark.Throughput?
                for _ in 0..<rounds {
                    let pipelineRun = StoreBenchmark.pipelineThroughput(sources, analyzer: pipeline, workers: workers)
                    pipelineBest = pipelineRun.best(pipelineBest)
                    let store = try open()
                    defer {
                        if name == "SQLite" {
                            store.close()
                            Self.remove(store.location)
                        } else {
                            try? PostgresBackend.removeEverything(in: store)
                            store.close()
                        }
                    }
                    let ingestRun = try StoreBenchmark.ingestThroughput(
                        sources, analyzer: pipeline, store: store, workers: workers)
                    ingestBest = ingestRun.best(ingestBest)
                }
                guard let pipelineBest, let ingestBest else { continue }
                print(
                    String(
                        format:
                            "%@: pipeline alone %.1f docs/s, ingest %.1f docs/s: %.1f%% of the pipeline's throughput; "
                            + "CPU %.2f ms/doc alone, %.2f ms/doc ingesting: %.1f%% (best of %d each)",
                        name, pipelineBest.documentsPerSecond, ingestBest.documentsPerSecond,
                        100 * ingestBest.documentsPerSecond / pipelineBest.documentsPerSecond,
                        pipelineBest.cpuMillisecondsPerDocument, ingestBest.cpuMillisecondsPerDocument,
                        100 * pipelineBest.cpuMillisecondsPerDocument / ingestBest.cpuMillisecondsPerDocument, rounds))
            }
            print("load: \(Self.loadAverage())")
        }

        /// The 1, 5 and 15 minute load averages, to say how busy the machine was.
        static func loadAverage() -> String {
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
                .joined(separator: " ") ?? "unknown"
        }

        private func measureQueries() throws {
            var backends: [(String, any TribuneStore.Store, Bool)] = []
            let sqlitePath = sqlite ?? Self.temporaryPath("queries")
            let reuse = sqlite != nil && FileManager.default.fileExists(atPath: sqlitePath)
            backends.append(("SQLite", try SQLiteStore(path: sqlitePath), reuse))
            if let postgres {
                let store = try openPostgres(postgres, reset: reset)
                backends.append(("PostgreSQL", store, try store.counts().events >= events))
            }
            for (name, store, reuse) in backends {
                defer {
                    store.close()
                    if name == "SQLite" && sqlite == nil { Self.remove(sqlitePath) }
                }
                print("\n== queries on \(name): \(ProgressBar.grouped(events)) synthetic events")
                if reuse {
                    print("reusing the store at \(store.location): \(try store.counts())")
                } else {
                    let rate = try StoreBenchmark.fill(store, events: events) { written in
                        if Terminal.isStandardError {
                            FileHandle.standardError.write(
                                Data("\r\u{1B}[2K  \(ProgressBar.grouped(written)) events".utf8))
                        }
                    }
                    if Terminal.isStandardError { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
                    print(
                        String(format: "filled at %.0f events/s (batches of 5,000 events, one transaction each)", rate))
                }
                print("load: \(Self.loadAverage())")
                let scan = try StoreBenchmark.fullScanMilliseconds(store)
                print(String(format: "baseline: one full scan of the events table %.1f ms", scan))
                print("filter                                 p50 ms   p95 ms   rows  indexed")
                var worst = 0.0
                for latency in try StoreBenchmark.queryLatencies(store, repetitions: repetitions) {
                    if latency.indexed { worst = max(worst, latency.p95) }
                    print(
                        latency.name.padding(toLength: 38, withPad: " ", startingAt: 0)
                            + String(
                                format: " %7.2f  %7.2f  %5.0f  %@", latency.p50, latency.p95, latency.rows,
                                latency.indexed ? "yes" : "no"))
                    if plans {
                        for line in latency.plan { print("    \(line)") }
                    } else if !latency.plan.isEmpty {
                        print("    plan: " + Self.planSummary(latency.plan))
                    }
                }
                print(String(format: "worst p95 of the indexed filters: %.2f ms (bar: 50 ms)", worst))
            }
        }

        private func openPostgres(_ url: String, reset: Bool) throws -> any TribuneStore.Store {
            let store = try PostgresBackend.open(url: url)
            if try store.counts().documents > 0 {
                guard reset else {
                    store.close()
                    throw ValidationError("\(store.location) is not empty: name an empty database, or add --reset")
                }
                try PostgresBackend.removeEverything(in: store)
            }
            return store
        }

        /// The steps of a plan that say how rows are found and sorted, each once, in order:
        /// enough to see an index used or a sort over every match.
        static func planSummary(_ plan: [String]) -> String {
            var seen = Set<String>()
            var steps: [String] = []
            for line in plan {
                // PostgreSQL's lines carry costs and an arrow; the step is what comes between.
                var step = line.trimmingCharacters(in: .whitespaces)
                if let cost = step.range(of: "  (cost=") { step = String(step[..<cost.lowerBound]) }
                if step.hasPrefix("->") { step = step.dropFirst(2).trimmingCharacters(in: .whitespaces) }
                let telling = ["INDEX", "SCAN", "TEMP B-TREE", "Index", "Seq Scan", "Sort", "Bitmap"].contains {
                    step.contains($0)
                }
                guard telling, seen.insert(step).inserted else { continue }
                steps.append(step)
            }
            return steps.joined(separator: " | ")
        }

        static func temporaryPath(_ name: String) -> String {
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "tribune-bench-\(name)-\(UUID().uuidString).sqlite"
            )
            .path
        }

        static func remove(_ path: String) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}
