import Foundation
import Testing
import TribuneCore
import TribuneStore

/// Hostile and broken inputs, as a crawl of the open web delivers them, through `tribune analyze`
/// and `tribune ingest` as a user runs them: each gets a document or one error line that names
/// it and says why, never a crash, a hang or silence, and the batch goes on past it with exit
/// code 1 at the end.
///
/// The 50 MB page is refused here by `--max-bytes` (its full analysis takes minutes in a debug
/// build); `scripts/bench-scale.sh` analyzes it in a release build and measures its memory, and
/// `TRIBUNE_BIG_PAGE=1 swift test --filter BadInput` runs it here too.
@Suite(
    "Hostile and broken input: a document or one clear error each, and the batch goes on",
    .enabled(if: Fixtures.tribuneExecutable != nil))
struct BadInputTests {
    enum Outcome: CustomStringConvertible {
        /// A document whose text contains this.
        case document(String)
        /// An error whose reason contains this.
        case failure(String)

        var isFailure: Bool {
            if case .failure = self { return true }
            return false
        }

        var description: String {
            switch self {
            case .document(let text): "document containing \"\(text)\""
            case .failure(let reason): "error \"\(reason)\""
            }
        }
    }

    /// One hostile file and what must become of each item in it, in order.
    struct Case {
        var name: String
        var bytes: [UInt8]
        var outcomes: [Outcome]
    }

    static let sentence = "Pakistan blamed Uzbek militants on Monday for the unrest along the Afghan border."
    static let second = "Officials said the talks in Peshawar would resume next week."

    static func page(_ body: String, head: String = "<title>Border unrest</title>") -> [UInt8] {
        Array("<!doctype html><html><head>\(head)</head><body><article>\(body)</article></body></html>".utf8)
    }

    static func utf16(_ text: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
        var out: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
            out += bigEndian ? pair : pair.reversed()
        }
        return out
    }

    /// A WARC response record for `body`, with a `Content-Length` that may lie.
    static func warcResponse(_ uri: String, body: [UInt8], lengthDelta: Int = 0) -> [UInt8] {
        let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".utf8) + body
        let header =
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:\(UUID().uuidString)>\r\n"
            + "WARC-Target-URI: \(uri)\r\nContent-Type: application/http; msgtype=response\r\n"
            + "Content-Length: \(block.count + lengthDelta)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    static func cases() -> [Case] {
        var random = SystemRandomNumberGenerator()
        let text = sentence + "\n\n" + second + "\n"
        let paragraphs = "<p>\(sentence)</p><p>\(second)</p>"
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += (0..<4000).map { _ in UInt8.random(in: 0...255, using: &random) }
        let pdf = Array("%PDF-1.4\n%\u{E2}\u{E3}\n1 0 obj << /Type /Catalog >> endobj\n".utf8) + png.suffix(2000)
        // Random bytes, with a zero byte early so that no draw can pass for text.
        let noise = [0x41, 0x00] + (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &random) }
        let invalidUTF8 =
            Array("Pakistan blamed Uzbek militants ".utf8) + [0xC3, 0x28, 0xFF, 0xFE, 0x80]
            + Array(" on Monday for the unrest.\n\n\(second)\n".utf8)
        // UTF-8 with a windows-1252 paragraph pasted in.
        var mixed = page("<p>Caf\u{E9} owners in Peshawar said the talks were na\u{EF}ve.</p>")
        let pasted =
            Array("<p>Officials in Lahore called the ".utf8) + [0x93, 0x63, 0x61, 0x66, 0xE9, 0x94]
            + Array(" talks a failure.</p>".utf8)
        mixed.insert(contentsOf: pasted, at: mixed.count - "</article></body></html>".utf8.count)
        let deep =
            page(
                String(repeating: "<div>", count: 100_000) + paragraphs + String(repeating: "</div>", count: 100_000))
        var attributes = Array("<!doctype html><html><body><article><p".utf8)
        attributes.reserveCapacity(12_000_000)
        for i in 0..<1_000_000 { attributes += Array(" a\(i)=\"\(i % 10)\"".utf8) }
        attributes += Array(">\(sentence)</p><p>\(second)</p></article></body></html>".utf8)
        let gzipped = Fixtures.gzip(page(paragraphs))
        let good = page(paragraphs)
        let other = page("<p>\(second) Troops withdrew from Makin.</p>")
        let warc =
            warcResponse("https://example.org/one", body: good)
            + warcResponse("https://example.org/long", body: other, lengthDelta: 40)
            + warcResponse("https://example.org/two", body: other)
        let truncatedWARC =
            Fixtures.gzip(warcResponse("https://example.org/first", body: good))
            + Array(Fixtures.gzip(warcResponse("https://example.org/cut", body: other)).prefix(200))
        let jsonl = [
            #"{"id": "a", "text": "\#(sentence)"}"#, #"{"id": "b", "text": "unterminated"#, "[1, 2, 3]",
            #"{"id": "d", "title": "no payload"}"#, "", #"{"id": "e", "html": "<p>\#(second)</p>"}"#,
            "\u{FF}\u{FE} not json at all",
        ].joined(separator: "\n")

        return [
            Case(name: "empty.html", bytes: [], outcomes: [.failure("empty input")]),
            Case(name: "empty.txt", bytes: [], outcomes: [.failure("empty input")]),
            Case(name: "blank.txt", bytes: Array(" \n\t\r\n".utf8), outcomes: [.failure("only white space")]),
            Case(name: "photo.html", bytes: png, outcomes: [.failure("binary data (PNG image), not HTML")]),
            Case(name: "report.html", bytes: pdf, outcomes: [.failure("binary data (PDF document), not HTML")]),
            Case(name: "noise.html", bytes: noise, outcomes: [.failure("binary data (NUL bytes), not HTML")]),
            Case(name: "invalid-utf8.txt", bytes: invalidUTF8, outcomes: [.document("on Monday for the unrest")]),
            Case(name: "mixed.html", bytes: mixed, outcomes: [.document("talks a failure")]),
            Case(
                name: "utf16le-bom.txt", bytes: utf16(text, bigEndian: false, mark: true), outcomes: [.document(second)]
            ),
            Case(
                name: "utf16be-bom.txt", bytes: utf16(text, bigEndian: true, mark: true), outcomes: [.document(second)]),
            Case(name: "utf16le.txt", bytes: utf16(text, bigEndian: false, mark: false), outcomes: [.document(second)]),
            Case(name: "utf16be.txt", bytes: utf16(text, bigEndian: true, mark: false), outcomes: [.document(second)]),
            Case(
                name: "utf16le.html",
                bytes: utf16(String(decoding: good, as: UTF8.self), bigEndian: false, mark: false),
                outcomes: [.document(second)]),
            Case(
                name: "utf16be-bom.html",
                bytes: utf16(String(decoding: good, as: UTF8.self), bigEndian: true, mark: true),
                outcomes: [.document(second)]),
            Case(name: "deep.html", bytes: deep, outcomes: [.document(second)]),
            Case(name: "attributes.html", bytes: attributes, outcomes: [.document(second)]),
            Case(name: "page.html.gz", bytes: gzipped, outcomes: [.document(second)]),
            Case(
                name: "truncated.html.gz", bytes: Array(gzipped.prefix(gzipped.count / 2)),
                outcomes: [.failure("truncated gzip data")]),
            Case(
                name: "crawl.warc", bytes: warc,
                outcomes: [.document(second), .failure("Content-Length"), .document("Troops withdrew from Makin")]),
            Case(
                name: "truncated.warc.gz", bytes: truncatedWARC,
                outcomes: [.document(second), .failure("truncated gzip data")]),
            Case(
                name: "feed.jsonl", bytes: Array(jsonl.utf8),
                outcomes: [
                    .document("Uzbek militants"), .failure("invalid JSON"), .failure("a record must be a JSON object"),
                    .failure("neither \"text\" nor \"html\""), .document(second), .failure("invalid JSON"),
                ]),
        ]
    }

    static func run(_ arguments: [String]) throws -> CommandRun { try Fixtures.runTribune(arguments) }

    /// Writes the cases into a new folder, with the 50 MB page when `bigPage`.
    static func folder(bigPage: Bool) throws -> (URL, [Case]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tribune-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var cases = cases()
        if bigPage {
            cases.append(
                Case(name: "huge.html", bytes: bigPageBytes(), outcomes: [.failure("too large: 52428800 bytes")]))
        }
        for item in cases { try Data(item.bytes).write(to: directory.appendingPathComponent(item.name)) }
        return (directory, cases)
    }

    /// A 50 MB article: the sample page's paragraphs, numbered so that no two are the same.
    static func bigPageBytes(size: Int = 50 << 20) -> [UInt8] {
        let sample = (try? String(contentsOf: Fixtures.sample("rferl-pakistan-imu.txt"), encoding: .utf8)) ?? sentence
        let paragraphs = sample.split(separator: "\n").filter { $0.count > 80 }
        var out = Array("<!doctype html><html><head><title>A very long page</title></head><body><article>".utf8)
        out.reserveCapacity(size)
        let close = Array("</article></body></html>".utf8)
        var i = 0
        while out.count + close.count < size {
            let paragraph = Array("<p>\(i): \(paragraphs[i % paragraphs.count])</p>\n".utf8)
            out += paragraph.prefix(size - close.count - out.count)
            i += 1
        }
        return out + close
    }

    /// The items of the JSONL output that came from the file `name`, in order: a document's text or
    /// an error's reason.
    static func items(_ lines: [JSONValue], from name: String) -> [Outcome] {
        func named(_ uri: String) -> Bool {
            uri.hasSuffix("/\(name)") || uri.contains("/\(name)#") || uri.contains("/\(name) (")
        }
        return lines.compactMap { line in
            if let error = line["error"]?.string, let uri = line["uri"]?.string {
                return named(uri) ? .failure(error) : nil
            }
            guard let uri = line["source"]?["uri"]?.string, let text = line["text"]?.string else { return nil }
            return named(uri) ? .document(text) : nil
        }
    }

    static func matches(_ found: Outcome, _ expected: Outcome) -> Bool {
        switch (found, expected) {
        case (.document(let text), .document(let part)): text.contains(part)
        case (.failure(let reason), .failure(let part)): reason.contains(part)
        default: false
        }
    }

    @Test("tribune analyze: each input gets its document or one error line naming it, and the batch exits 1")
    func analyzeBatch() throws {
        let (directory, cases) = try Self.folder(bigPage: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.run(["analyze", "--format", "jsonl", "--max-bytes", "20M", directory.path])
        #expect(result.reason == .exit, "no crash: \(result.stderr.suffix(2000))")
        #expect(result.status == 1)
        let lines = try result.stdout.split(separator: UInt8(ascii: "\n")).map { try JSONParser.parse($0) }
        let stderrLines = result.stderr.split(separator: "\n")
        var failures = 0
        // WARC pages are addressed by their own URLs: the crawls are checked below.
        for item in cases where !item.name.contains(".warc") {
            let found = Self.items(lines, from: item.name)
            let expected = item.outcomes
            #expect(found.count == expected.count, "\(item.name): \(found) for \(expected)")
            for (got, want) in zip(found, expected) {
                #expect(Self.matches(got, want), "\(item.name): \(got), expected \(want)")
            }
            let named = stderrLines.filter { $0.contains("/\(item.name)") }
            let expectedFailures = expected.filter(\.isFailure).count
            #expect(named.count == expectedFailures, "\(item.name): one error line per failure: \(named)")
            for line in named { #expect(line.hasPrefix("tribune: file://"), "\(line)") }
            failures += expectedFailures
        }
        // The crawls: pages by their URL, failures by the file and record.
        let pages = lines.filter(\.isWARCPage).compactMap { $0["source"]?["uri"]?.string }
        #expect(
            pages == ["https://example.org/one", "https://example.org/two", "https://example.org/first"],
            "the good records of both crawls, in order")
        let lying = stderrLines.filter { $0.contains("/crawl.warc#record2") }
        #expect(lying.count == 1 && lying[0].contains("Content-Length"), "\(lying)")
        // A damaged gzip member ends the crawl: its reason names the file and the byte.
        let cut = stderrLines.filter { $0.contains("/truncated.warc.gz") }
        #expect(cut.count == 1 && cut[0].contains("truncated gzip data at byte"), "\(cut)")
        failures += 2
        #expect(result.stderr.contains("tribune: \(failures) inputs failed"), "\(result.stderr.suffix(600))")
        #expect(stderrLines.count == failures + 1, "nothing else on standard error: \(result.stderr)")
    }

    @Test("tribune ingest: the good inputs are stored, each bad one recorded with its reason, and the run exits 1")
    func ingestBatch() throws {
        let (directory, cases) = try Self.folder(bigPage: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The store lies outside the folder ingested, so that it is not read as an input.
        let db = directory.path + ".sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        let result = try Self.run(["ingest", directory.path, "--db", db, "--max-bytes", "20M"])
        #expect(result.reason == .exit, "no crash: \(result.stderr.suffix(2000))")
        #expect(result.status == 1)
        let outcomes = cases.flatMap(\.outcomes)
        let failed = outcomes.filter(\.isFailure).count
        let store = try SQLiteStore(path: db)
        defer { store.close() }
        let counts = try store.counts()
        let recorded = try store.failures(limit: 100).map { "\($0.uri): \($0.reason)" }
        #expect(counts.failures == failed, "\(recorded)")
        // Documents are keyed by their bytes: the UTF-16 and plain copies of one text are distinct,
        // but the page inside page.html.gz is the first page of each crawl, stored once.
        #expect(counts.documents == outcomes.count - failed - 2)
        let text = String(decoding: try Self.run(["export", "--db", db, "--format", "jsonl"]).stdout, as: UTF8.self)
        #expect(text.contains("Troops withdrew from Makin"))
        for item in cases where item.outcomes.contains(where: \.isFailure) && !item.name.contains("warc") {
            #expect(result.stderr.contains("/\(item.name)"), "\(item.name) is named")
        }
    }

    @Test(
        "the 50 MB page is analyzed whole under the default limit",
        .enabled(if: ProcessInfo.processInfo.environment["TRIBUNE_BIG_PAGE"] != nil), .timeLimit(.minutes(30)))
    func bigPage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tribune-big-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("huge.html")
        try Data(Self.bigPageBytes()).write(to: page)
        let result = try Self.run(["analyze", "--format", "jsonl", page.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try Document(jsonBytes: result.stdout)
        #expect(document.text.utf8.count > 40 << 20, "the article is the whole page")
    }
}

extension JSONValue {
    /// Whether a line of output is a page read from a WARC record (addressed by its own URL).
    fileprivate var isWARCPage: Bool { self["source"]?["format"]?.string == "warc" }
}
