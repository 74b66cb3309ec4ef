import Foundation
import Testing
import TribuneCore

@Suite("tribune analyze, as a user runs it")
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
    }

    func run(_ arguments: [String]) throws -> Run? {
        guard let executable = Fixtures.tribuneExecutable else { return nil }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: Array(stdout), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test(
        "writes one document per input in input order, reports failures by name and exits 1",
        .enabled(if: Fixtures.tribuneExecutable != nil))
    func batchWithFailures() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let image = directory.appendingPathComponent("photo.html.txt")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: image)
        let result = try #require(
            try run([
                "analyze", "--format", "jsonl", Fixtures.sample("rferl-pakistan-imu.txt").path, image.path,
                "/no/such/page.txt", Fixtures.sample("wikinews.jsonl").path,
            ]))
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 5)
        let documents = try lines.map { try Document(jsonBytes: $0) }
        #expect(documents[0].source.uri.hasSuffix("rferl-pakistan-imu.txt"))
        #expect(documents[1].source.format == .jsonl)
        #expect(result.stderr.contains("photo.html.txt: binary data (PNG image), not text"))
        #expect(result.stderr.contains("/no/such/page.txt: no such file or directory"))
        #expect(result.stderr.contains("2 inputs failed"))
    }

    @Test("writes one JSON value: a bare object for one document", .enabled(if: Fixtures.tribuneExecutable != nil))
    func singleJSON() throws {
        let result = try #require(try run(["analyze", Fixtures.sample("rferl-pakistan-imu.txt").path]))
        #expect(result.status == 0)
        let value = try JSONParser.parse(result.stdout)
        #expect(value["schema"]?.string == "tribune.document/1")
    }

    @Test("writes an array for several documents", .enabled(if: Fixtures.tribuneExecutable != nil))
    func arrayJSON() throws {
        let result = try #require(try run(["analyze", Fixtures.sample("wikinews").path]))
        #expect(result.status == 0)
        let value = try JSONParser.parse(result.stdout)
        #expect(value.array?.count == 3)
    }

    @Test("rejects a --published that is not a date", .enabled(if: Fixtures.tribuneExecutable != nil))
    func badPublished() throws {
        let result = try #require(try run(["analyze", "--published", "June 30", "x.txt"]))
        #expect(result.status != 0)
        #expect(result.stderr.contains("--published must be an ISO 8601 date"))
    }
}

@Suite("Shipped resources")
struct ResourceLayoutTests {
    @Test(
        "sit beside the executable where the resource locator looks, not only in the source tree",
        .enabled(if: Fixtures.tribuneExecutable != nil))
    func besideExecutable() throws {
        let directory = try #require(Fixtures.tribuneExecutable).deletingLastPathComponent()
        for (module, file) in [("TribuneExtract", "function-words-en.txt"), ("TribuneNLP", "abbreviations.txt")] {
            let path = directory.appendingPathComponent("Tribune_\(module).resources/Resources/\(file)").path
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
    }
}
