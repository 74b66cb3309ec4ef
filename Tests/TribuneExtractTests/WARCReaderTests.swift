import Foundation
import Testing
import TribuneCore

@testable import TribuneExtract

/// The WARC reader, on archives built here the way crawlers (wget, Heritrix, Common Crawl) write
/// them: a `warcinfo` record, requests, responses of all kinds, a revisit.
@Suite("WARC reader")
struct WARCReaderTests {
    static let page = """
        <!doctype html><html lang="en"><head><title>Flood waters recede in the valley | Daily</title></head>
        <body><article><h1>Flood waters recede in the valley</h1>
        <p>Flood waters began to recede on Sunday after three days of heavy rain, officials said.</p></article></body></html>
        """

    /// One WARC record: the version line, the headers, the block, CRLF CRLF.
    static func record(_ type: String, uri: String? = nil, contentType: String, block: [UInt8], length: Int? = nil)
        -> [UInt8]
    {
        var header = "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <urn:uuid:\(UUID().uuidString)>\r\n"
        header += "WARC-Date: 2026-11-29T10:00:00Z\r\n"
        if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
        header += "Content-Type: \(contentType)\r\nContent-Length: \(length ?? block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    static func response(
        _ uri: String, status: String = "200 OK", headers: [String] = ["Content-Type: text/html; charset=utf-8"],
        body: [UInt8]
    ) -> [UInt8] {
        let http = "HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n"
        return record(
            "response", uri: uri, contentType: "application/http; msgtype=response", block: Array(http.utf8) + body)
    }

    /// A gzip member holding `bytes` in stored DEFLATE blocks (what `gzip -0` writes).
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var start = 0
        repeat {
            let end = min(bytes.count, start + 65_535)
            let length = UInt16(end - start)
            out.append(end == bytes.count ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += bytes[start..<end]
            start = end
        } while start < bytes.count
        func word(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return out + word(CRC32.checksum(bytes)) + word(UInt32(truncatingIfNeeded: bytes.count))
    }

    static func chunked(_ bytes: [UInt8], size: Int) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            out += Array((String(end - start, radix: 16) + ";ext=1\r\n").utf8) + bytes[start..<end] + [0x0D, 0x0A]
            start = end
        }
        return out + Array("0\r\n\r\n".utf8)
    }

    /// A small crawl: two pages among records that are not pages.
    static let records: [[UInt8]] = [
        record(
            "warcinfo", contentType: "application/warc-fields",
            block: Array("software: test\r\nformat: WARC File Format 1.0\r\n".utf8)),
        record(
            "request", uri: "https://news.example/2026/11/28/floods",
            contentType: "application/http; msgtype=request",
            block: Array("GET /2026/11/28/floods HTTP/1.1\r\nHost: news.example\r\n\r\n".utf8)),
        response("https://news.example/2026/11/28/floods", body: Array(page.utf8)),
        response(
            "https://news.example/logo.png", headers: ["Content-Type: image/png"], body: [0x89, 0x50, 0x4E, 0x47]),
        response(
            "https://news.example/old", status: "301 Moved Permanently",
            headers: ["Location: https://news.example/new", "Content-Type: text/html"], body: Array("<p>moved</p>".utf8)
        ),
        response(
            "https://news.example/2026/11/29/roads",
            headers: ["Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip"],
            body: chunked(gzip(Array(page.replacingOccurrences(of: "Flood", with: "Road").utf8)), size: 100)),
        record(
            "revisit", uri: "https://news.example/2026/11/28/floods",
            contentType: "application/http; msgtype=response", block: Array("HTTP/1.1 200 OK\r\n\r\n".utf8)),
    ]

    func read(_ bytes: [UInt8]) -> [InputItem] {
        var reader = WARCReader(bytes: bytes, uri: "file:///crawl.warc")
        var items: [InputItem] = []
        while let item = reader.next() { items.append(item) }
        return items
    }

    func pages(_ items: [InputItem]) -> [SourceDocument] {
        items.compactMap { if case .source(let s) = $0 { s } else { nil } }
    }

    func failures(_ items: [InputItem]) -> [AnalysisError] {
        items.compactMap { if case .failure(let f) = $0 { f } else { nil } }
    }

    @Test("reads the HTML responses of a plain WARC and skips every other record")
    func plainArchive() throws {
        let items = read(Self.records.flatMap { $0 })
        #expect(failures(items).isEmpty)
        let found = pages(items)
        #expect(
            found.map(\.uri) == ["https://news.example/2026/11/28/floods", "https://news.example/2026/11/29/roads"])
        #expect(found.allSatisfy { $0.format == .warc && $0.content == .html })
        #expect(String(decoding: found[0].bytes, as: UTF8.self) == Self.page)
        // Chunked transfer and gzip content coding are undone.
        #expect(String(decoding: found[1].bytes, as: UTF8.self).contains("Road waters began to recede"))
    }

    @Test("reads a .warc.gz with one gzip member per record, as crawlers write it")
    func compressedArchive() {
        let items = read(Self.records.flatMap { Self.gzip($0) })
        #expect(failures(items).isEmpty)
        #expect(pages(items).count == 2)
        // The whole archive compressed as one member reads the same.
        #expect(pages(read(Self.gzip(Self.records.flatMap { $0 }))).count == 2)
    }

    @Test("reports a Content-Length that runs past the end as a truncated record, keeping the pages before it")
    func truncated() throws {
        var bytes = Self.records.prefix(3).flatMap { $0 }
        bytes += Self.response("https://news.example/cut", body: Array(Self.page.utf8)).prefix(300)
        let items = read(bytes)
        #expect(pages(items).count == 1)
        let failure = try #require(failures(items).first)
        #expect(failure.uri == "file:///crawl.warc#record4")
        #expect(failure.reason.contains("truncated"))
    }

    @Test("reports a Content-Length that lies and goes on with the next record")
    func lyingLength() throws {
        let page = Array(Self.page.utf8)
        let short = Self.record(
            "response", uri: "https://news.example/short", contentType: "application/http; msgtype=response",
            block: Array("HTTP/1.1 200 OK\r\n\r\n".utf8) + page, length: 40)
        let long = Self.record(
            "response", uri: "https://news.example/long", contentType: "application/http; msgtype=response",
            block: Array("HTTP/1.1 200 OK\r\n\r\n".utf8) + page, length: page.count + 500)
        let next = Self.response("https://news.example/next", body: page)
        for lying in [short, long] {
            let items = read(lying + next + Self.records[2])
            #expect(failures(items).count == 1)
            #expect(failures(items).first?.reason.contains("Content-Length") == true)
            #expect(pages(items).map(\.uri) == ["https://news.example/next", "https://news.example/2026/11/28/floods"])
        }
    }

    @Test("reports a damaged gzip member and reads the members after it")
    func damagedMember() {
        var members = Self.records.map { Self.gzip($0) }
        members[2].replaceSubrange(20..<40, with: [UInt8](repeating: 0x55, count: 20))
        let items = read(members.flatMap { $0 })
        #expect(!failures(items).isEmpty)
        #expect(pages(items).map(\.uri) == ["https://news.example/2026/11/29/roads"])
    }

    @Test("never crashes on cut or corrupted archives")
    func corrupted() {
        let whole = Self.records.flatMap { $0 }
        var generator = SeededGenerator(seed: 7)
        for cut in stride(from: 0, to: whole.count, by: 37) { _ = read(Array(whole.prefix(cut))) }
        for _ in 0..<200 {
            var bytes = whole
            for _ in 0..<8 {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = read(bytes)
            _ = read(Self.gzip(bytes))
        }
    }

    @Test("is what InputReader uses for .warc and .warc.gz files, and for files that start like one")
    func throughInputReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-warc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.records.flatMap { $0 }).write(to: folder.appendingPathComponent("a.warc"))
        try Data(Self.records.flatMap { Self.gzip($0) }).write(to: folder.appendingPathComponent("b.warc.gz"))
        try Data(Self.records.flatMap { $0 }).write(to: folder.appendingPathComponent("c.dat"))
        var uris: [String] = []
        InputReader(paths: [folder.path]).read { item in
            if case .source(let source) = item { uris.append(source.uri) }
        }
        #expect(uris.count == 6)
        #expect(Set(uris) == ["https://news.example/2026/11/28/floods", "https://news.example/2026/11/29/roads"])
    }
}

/// A small deterministic random generator (SplitMix64), so that a failing run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
