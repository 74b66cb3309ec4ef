import Foundation
import Testing
import TribuneCore
import TribuneStore

/// A store that cannot be written — a read-only file or folder, a full disk — makes `tribune
/// ingest` fail with one clear error naming the store, and leaves what was stored intact.
extension IngestCommandTests {
    /// The store's documents as `tribune export` writes them, sorted.
    static func exported(_ db: String) throws -> [[UInt8]] {
        let run = try run(["export", "--db", db, "--format", "jsonl"])
        return run.stdout.split(separator: UInt8(ascii: "\n")).map { Array($0) }.sorted {
            $0.lexicographicallyPrecedes($1)
        }
    }

    /// SQLite's own check of every page and index.
    static func integrity(_ db: String) throws -> String {
        let store = try SQLiteStore(path: db)
        defer { store.close() }
        return try store.integrityCheck()
    }

    /// Pages made distinct from the samples, `count` of them, in `folder`.
    static func corpus(in folder: URL, count: Int) throws -> URL {
        let corpus = folder.appendingPathComponent("corpus-\(count)")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let page = try Data(contentsOf: Fixtures.sample("rferl-pakistan-imu.txt"))
        for i in 0..<count {
            var copy = page
            copy.append(Data("\n\nDispatch \(i) of the store safety test.\n".utf8))
            try copy.write(to: corpus.appendingPathComponent(String(format: "page-%03d.txt", i)))
        }
        return corpus
    }

    /// Runs `arguments` as the unprivileged user `nobody` when the tests run as root (whom file
    /// modes do not stop), through util-linux's `setpriv`; `nil` when that cannot be done.
    static func unprivileged(_ arguments: [String]) -> [String]? {
        guard getuid() == 0 else { return arguments }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
        return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + arguments
    }

    static func runCommand(_ command: [String]) throws -> CommandRun {
        try Fixtures.run(URL(fileURLWithPath: command[0]), Array(command.dropFirst()))
    }

    @Test("a read-only store or folder: one clear error naming the store, and the store is intact")
    func readOnlyStore() throws {
        try Self.inTemporaryFolder { folder in
            let db = folder.appendingPathComponent("tribune.sqlite").path
            #expect(try Self.run(["ingest", Fixtures.sample("wikinews").path, "--db", db, "--quiet"]).status == 0)
            let before = try Self.exported(db)
            let corpus = try Self.corpus(in: folder, count: 4)
            let executable = try #require(Fixtures.tribuneExecutable).path
            // The folder and the store become read-only (and readable by the unprivileged user).
            let manager = FileManager.default
            try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
            for path in [folder.path, corpus.path] {
                try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: path)
            }
            for name in try manager.contentsOfDirectory(atPath: corpus.path) {
                try manager.setAttributes(
                    [.posixPermissions: 0o444], ofItemAtPath: corpus.appendingPathComponent(name).path)
            }
            defer { try? manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
            guard let command = Self.unprivileged([executable, "ingest", corpus.path, "--db", db, "--quiet"]) else {
                Issue.record("running as root without /usr/bin/setpriv: the read-only case cannot be tried")
                return
            }
            let result = try Self.runCommand(command)
            #expect(result.status == 1, "\(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "one line: \(result.stderr)")
            #expect(result.stderr.hasPrefix("tribune: \(db): "), "names the store: \(result.stderr)")
            #expect(result.stderr.contains("readonly") || result.stderr.contains("read-only"), "\(result.stderr)")
            // A new store in the read-only folder.
            let fresh = folder.appendingPathComponent("new.sqlite").path
            let create = try Self.runCommand(
                Self.unprivileged([executable, "ingest", corpus.path, "--db", fresh, "--quiet"]) ?? [])
            #expect(create.status == 1)
            #expect(create.stderr.hasPrefix("tribune: \(fresh): "), "\(create.stderr)")
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try manager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
            #expect(try Self.exported(db) == before, "the store holds exactly what it held")
            #expect(try Self.integrity(db) == "ok")
        }
    }

    @Test("a full disk mid-ingest: one clear error, the store stays consistent, and the ingest finishes later")
    func fullDisk() throws {
        try Self.inTemporaryFolder { folder in
            let db = folder.appendingPathComponent("tribune.sqlite").path
            #expect(try Self.run(["ingest", Fixtures.sample("wikinews").path, "--db", db, "--quiet"]).status == 0)
            let before = try Self.exported(db)
            let corpus = try Self.corpus(in: folder, count: 40)
            let executable = try #require(Fixtures.tribuneExecutable).path
            // RLIMIT_FSIZE stands in for a full disk: a write past 256 KB in any file fails
            // (EFBIG, with SIGXFSZ ignored) as it would with ENOSPC.
            let script = "trap '' XFSZ; ulimit -f 256; exec \"$0\" \"$@\""
            let result = try Self.runCommand(
                ["/bin/bash", "-c", script, executable, "ingest", corpus.path, "--db", db, "--quiet", "--batch", "8"])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("tribune: \(db): "), "names the store: \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
            #expect(try Self.integrity(db) == "ok")
            let partial = try Self.exported(db)
            #expect(Set(before).isSubset(of: Set(partial)), "nothing stored before is lost")
            // With room again, the same command finishes the job.
            let finish = try Self.run(["ingest", corpus.path, "--db", db, "--quiet"])
            #expect(finish.status == 0, "\(finish.stderr)")
            let store = try SQLiteStore(path: db)
            defer { store.close() }
            #expect(try store.counts().documents == before.count + 40)
        }
    }
}
