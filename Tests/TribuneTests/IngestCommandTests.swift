import Foundation
import Testing
import TribuneCore
import TribuneStore

/// `tribune ingest` and the query commands, run as a user runs them.
@Suite("tribune ingest and the store commands, as a user runs them", .enabled(if: Fixtures.tribuneExecutable != nil))
struct IngestCommandTests {
    static func run(_ arguments: [String]) throws -> CommandRun { try Fixtures.runTribune(arguments) }

    /// A temporary folder, removed when `body` returns.
    static func inTemporaryFolder(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test("ingesting the sample twice leaves one document, and events --format json is a JSON array")
    func sampleTwice() throws {
        try Self.inTemporaryFolder { folder in
            let db = folder.appendingPathComponent("tribune.sqlite").path
            let sample = Fixtures.sample("rferl-pakistan-imu.txt").path
            let first = try Self.run(["ingest", sample, "--db", db])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.text.contains("ingested 1 documents"))
            let second = try Self.run(["ingest", sample, "--db", db])
            #expect(second.status == 0)
            #expect(second.text.contains("ingested 0 documents"))
            #expect(second.text.contains("skipped 1 already in the store"))
            let store = try SQLiteStore(path: db)
            defer { store.close() }
            #expect(try store.counts().documents == 1)

            let events = try Self.run(["events", "--db", db, "--format", "json"])
            #expect(events.status == 0)
            let array = try #require(try JSONParser.parse(events.stdout).array)
            #expect(array.count == (try store.counts().events))
        }
    }

    @Test("tribune doc prints the stored document exactly as tribune analyze printed it")
    func docEqualsAnalyze() throws {
        try Self.inTemporaryFolder { folder in
            let db = folder.appendingPathComponent("tribune.sqlite").path
            let sample = Fixtures.sample("rferl-pakistan-imu.txt").path
            let analyzed = try Self.run(["analyze", sample])
            #expect(try Self.run(["ingest", sample, "--db", db, "--quiet"]).status == 0)
            let id = try Document(jsonBytes: analyzed.stdout).id
            let stored = try Self.run(["doc", String(id.prefix(12)), "--db", db])
            #expect(stored.status == 0)
            #expect(stored.stdout == analyzed.stdout)
            let missing = try Self.run(["doc", "ffffffff", "--db", db])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no document ffffffff"))
        }
    }

    @Test("query commands on an empty store print valid empty output in every format")
    func emptyStore() throws {
        try Self.inTemporaryFolder { folder in
            let db = folder.appendingPathComponent("tribune.sqlite").path
            let wikinews = Fixtures.sample("wikinews").path
            #expect(try Self.run(["ingest", wikinews, "--db", db, "--quiet"]).status == 0)
            #expect(try Self.run(["events", "--db", db, "--format", "json", "--actor", "XYZ"]).text == "[]\n")
            #expect(try Self.run(["events", "--db", db, "--format", "jsonl", "--actor", "XYZ"]).stdout.isEmpty)
            #expect(try Self.run(["events", "--db", db, "--actor", "XYZ"]).text == "no events match\n")
            #expect(try Self.run(["quotes", "--db", db, "--format", "json", "--speaker", "XYZ"]).text == "[]\n")
            let quotes = try JSONParser.parse(Array(try Self.run(["quotes", "--db", db, "--format", "json"]).stdout))
            #expect(quotes.array?.isEmpty == false, "the Wikinews samples quote people")
            let actors = try JSONParser.parse(Array(try Self.run(["actors", "--db", db, "--format", "json"]).stdout))
            #expect(actors.array != nil, "the actors of the samples' events, as a JSON array")
            let csv = try Self.run(["export", "--db", db, "--format", "csv"])
            #expect(csv.text.hasPrefix("document,url,title,"))
            let jsonl = try Self.run(["export", "--db", db])
            #expect(jsonl.text.split(separator: "\n").count == 3)
        }
    }

    @Test("names a store it cannot open, and a bad filter, without crashing")
    func badInput() throws {
        try Self.inTemporaryFolder { folder in
            let notAStore = folder.appendingPathComponent("page.sqlite")
            try Data("Pakistan Blames IMU Militants".utf8).write(to: notAStore)
            let result = try Self.run(["events", "--db", notAStore.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(notAStore.path): "))
            let missing = try Self.run(["events", "--db", folder.appendingPathComponent("none.sqlite").path])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no such store"))
            let badDay = try Self.run(["events", "--since", "June 2008"])
            #expect(badDay.status != 0)
            #expect(badDay.stderr.contains("--since must be a day"))
            let noFolder = try Self.run([
                "ingest", Fixtures.sample("wikinews").path, "--db", "/no/such/folder/t.sqlite",
            ])
            #expect(noFolder.status == 1)
            #expect(noFolder.stderr.contains("/no/such/folder does not exist"))
        }
    }

    /// `TRIBUNE_CRASH_REPEAT=10` runs the whole scenario ten times in a row, each with fresh
    /// stores; `TRIBUNE_CRASH_KILLS` sets the kills per scenario (3).
    @Test("kill -9 in the middle of an ingest, then the same command again: the store equals a clean run's")
    func crashSafety() throws {
        let environment = ProcessInfo.processInfo.environment
        let repeats = environment["TRIBUNE_CRASH_REPEAT"].flatMap(Int.init) ?? 1
        let killRounds = environment["TRIBUNE_CRASH_KILLS"].flatMap(Int.init) ?? 3
        for round in 1...max(1, repeats) {
            try crashScenario(kills: killRounds, round: round)
        }
    }

    func crashScenario(kills killRounds: Int, round: Int) throws {
        try Self.inTemporaryFolder { folder in
            let corpus = folder.appendingPathComponent("corpus")
            try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
            let pages =
                try ["rferl-pakistan-imu.txt"].map { try Data(contentsOf: Fixtures.sample($0)) }
                + FileManager.default.contentsOfDirectory(atPath: Fixtures.sample("wikinews").path).sorted().map {
                    try Data(contentsOf: Fixtures.sample("wikinews/\($0)"))
                }
            for i in 0..<120 {
                var page = pages[i % pages.count]
                page.append(Data("\n\nDispatch \(i) from the crash test.\n".utf8))
                try page.write(to: corpus.appendingPathComponent(String(format: "page-%03d.txt", i)))
            }
            let clean = folder.appendingPathComponent("clean.sqlite").path
            let crashed = folder.appendingPathComponent("crashed.sqlite").path
            let ingest = ["ingest", corpus.path, "--quiet", "--batch", "16"]
            let started = ContinuousClock.now
            #expect(try Self.run(ingest + ["--db", clean]).status == 0)
            // Kills land between a fifth and nine tenths of a whole run: mostly while documents
            // are analyzed and batches commit (each later run has less left to do).
            let whole = (ContinuousClock.now - started) / .seconds(1)
            var generator = SystemRandomNumberGenerator()
            var kills = 0
            var storedAtKills: [Int] = []
            for _ in 0..<killRounds {
                let process = Process()
                process.executableURL = Fixtures.tribuneExecutable
                process.arguments = ingest + ["--db", crashed]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                Thread.sleep(forTimeInterval: Double.random(in: 0.2...0.9, using: &generator) * whole)
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
                process.waitUntilExit()
                if FileManager.default.fileExists(atPath: crashed) {
                    let store = try SQLiteStore(path: crashed)
                    storedAtKills.append(try store.counts().documents)
                    store.close()
                }
            }
            let finish = try Self.run(ingest + ["--db", crashed])
            #expect(finish.status == 0, "\(finish.stderr)")

            let cleanStore = try SQLiteStore(path: clean)
            let crashedStore = try SQLiteStore(path: crashed)
            defer {
                cleanStore.close()
                crashedStore.close()
            }
            let counts = try cleanStore.counts()
            #expect(counts.documents == 120)
            #expect(kills > 0, "round \(round): at least one ingest was killed before it finished")
            #expect(try crashedStore.counts() == counts, "round \(round): after \(kills) kills")
            let cleanExport = try Self.run(["export", "--db", clean, "--format", "jsonl"])
            let crashedExport = try Self.run(["export", "--db", crashed, "--format", "jsonl"])
            let sorted = { (run: CommandRun) in
                run.stdout.split(separator: UInt8(ascii: "\n")).map { Array($0) }.sorted {
                    $0.lexicographicallyPrecedes($1)
                }
            }
            #expect(sorted(cleanExport) == sorted(crashedExport), "round \(round): the same documents, byte for byte")
            let same = sorted(cleanExport) == sorted(crashedExport)
            FileHandle.standardError.write(
                Data(
                    ("crash safety round \(round): \(kills) kills (documents stored at each: \(storedAtKills)), "
                        + "store equals a clean run's: \(same)\n").utf8))
        }
    }
}
