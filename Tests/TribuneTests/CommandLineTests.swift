import Foundation
import Testing
import TribuneCore

@Suite("tribune analyze, as a user runs it")
struct CommandLineTests {
    func run(_ arguments: [String]) throws -> CommandRun? {
        guard let executable = Fixtures.tribuneExecutable else { return nil }
        return try Fixtures.run(executable, arguments)
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
        #expect(lines.count == 7, "one line per input, failures included")
        let errors = try lines[1...2].map { try JSONParser.parse($0) }
        #expect(errors[0]["uri"]?.string?.hasSuffix("photo.html.txt") == true && errors[0]["error"]?.string != nil)
        #expect(errors[1]["uri"]?.string == "/no/such/page.txt")
        let documents = try ([lines[0]] + lines[3...]).map { try Document(jsonBytes: $0) }
        #expect(documents[0].source.uri.hasSuffix("rferl-pakistan-imu.txt"))
        #expect(documents[1].source.format == .jsonl)
        #expect(result.stderr.contains("photo.html.txt: binary data (PNG image), not text"))
        #expect(result.stderr.contains("/no/such/page.txt: no such file or directory"))
        #expect(result.stderr.contains("2 inputs failed"))
    }

    @Test(
        "filters JSONL from standard input: one line per record, in input order, failures in their place",
        .enabled(if: Fixtures.tribuneExecutable != nil))
    func standardInputFilter() throws {
        let executable = try #require(Fixtures.tribuneExecutable)
        let sample = try String(contentsOf: Fixtures.sample("rferl-pakistan-imu.txt"), encoding: .utf8)
        var records: [String] = []
        for number in 0..<12 {
            switch number {
            case 4: records.append("{not json")
            case 9: records.append(#"{"id": "empty-record"}"#)
            default:
                var json = JSONWriter(pretty: false)
                json.beginObject()
                json.member("id", "r\(number)")
                json.member("text", sample + "\n\nCopy \(number).")
                json.member("published", "2008-07-01")
                json.endObject()
                records.append(String(decoding: json.bytes, as: UTF8.self))
            }
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["analyze", "--format", "jsonl", "--threads", "2", "-"]
        let input = Pipe()
        let out = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data(records.joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let lines = try Array(stdout).split(separator: UInt8(ascii: "\n")).map { try JSONParser.parse($0) }
        #expect(lines.count == records.count)
        for (number, line) in lines.enumerated() {
            switch number {
            case 4: #expect(line["error"]?.string?.contains("JSON") == true && line["uri"]?.string == "stdin#line5")
            case 9: #expect(line["id"]?.string == "empty-record" && line["error"] != nil)
            default:
                #expect(line["source"]?["uri"]?.string == "stdin#r\(number)")
                #expect((line["events"]?.array?.count ?? 0) > 0)
            }
        }
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
