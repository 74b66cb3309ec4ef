import Foundation
import Testing
import TribuneCore
import TribuneExtract

@Suite("Reading inputs")
struct InputReaderTests {
    func items(_ paths: [String]) -> [InputItem] {
        var items: [InputItem] = []
        InputReader(paths: paths).read { items.append($0) }
        return items
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("reads the Wikinews JSONL sample as one text source per record, with its metadata")
    func jsonlSample() throws {
        let sources = items([Fixtures.sample("wikinews.jsonl").path]).compactMap { item -> SourceDocument? in
            if case .source(let s) = item { return s }
            return nil
        }
        #expect(sources.count == 4)
        let first = try #require(sources.first)
        #expect(first.format == .jsonl)
        #expect(first.content == .text)
        #expect(first.uri.hasPrefix("http://en.wikinews.org/wiki/"))
        #expect(first.published == "2009-07-30")
        #expect(first.title?.hasPrefix("Airbus offers funding") == true)
    }

    @Test("walks a directory in sorted order, skipping hidden files")
    func directory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try Data("b".utf8).write(to: directory.appendingPathComponent("b.txt"))
        try Data("a".utf8).write(to: directory.appendingPathComponent("nested/a.txt"))
        try Data("hidden".utf8).write(to: directory.appendingPathComponent(".hidden.txt"))
        let uris = items([directory.path]).compactMap { item -> String? in
            if case .source(let s) = item { return URL(string: s.uri)?.lastPathComponent }
            return nil
        }
        #expect(uris == ["b.txt", "a.txt"])
    }

    @Test("reports a broken JSONL line and a record without text by line, and goes on")
    func brokenLines() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("feed.jsonl")
        let lines = [
            #"{"id": "1", "text": "Troops withdrew."}"#, #"{"id": "2", "text": "#, #"{"id": "3"}"#, "",
            #"{"id": "4", "html": "<p>Talks resumed.</p>"}"#,
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let found = items([file.path])
        #expect(found.count == 4)
        guard case .source(let first) = found[0], case .failure(let broken) = found[1],
            case .failure(let empty) = found[2], case .source(let page) = found[3]
        else {
            Issue.record("unexpected items \(found)")
            return
        }
        #expect(first.uri.hasSuffix("feed.jsonl#1"))
        #expect(broken.uri.hasSuffix("feed.jsonl#line2"))
        #expect(empty.reason.contains("neither \"text\" nor \"html\""))
        #expect(page.content == .html)
    }

    @Test("names a missing path")
    func missing() {
        let found = items(["/no/such/file.txt"])
        guard case .failure(let error) = found.first else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description == "/no/such/file.txt: no such file or directory")
    }

    @Test("expands glob patterns")
    func globs() throws {
        let pattern = Fixtures.repository.appendingPathComponent("samples/wikinews/*.txt").path
        #expect(InputReader.expand(pattern).count == 3)
    }

    @Test("reads .html.gz as a page and .jsonl.gz as records, and names a damaged gzip file")
    func compressed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = "<html><body><p>Troops withdrew from the town on Monday, officials said.</p></body></html>"
        try Data(Fixtures.gzip(Array(page.utf8))).write(to: directory.appendingPathComponent("a.html.gz"))
        let lines = #"{"id": "1", "html": "<p>Talks resumed.</p>"}"# + "\n" + #"{"id": "2", "text": "Talks ended."}"#
        try Data(Fixtures.gzip(Array(lines.utf8))).write(to: directory.appendingPathComponent("b.jsonl.gz"))
        try Data(Fixtures.gzip(Array(page.utf8)).dropLast(6)).write(to: directory.appendingPathComponent("c.html.gz"))
        let found = items([directory.path])
        #expect(found.count == 4)
        guard case .source(let html) = found[0], case .source(let record) = found[1], case .source(let text) = found[2],
            case .failure(let damaged) = found[3]
        else {
            Issue.record("unexpected items \(found)")
            return
        }
        #expect(html.content == .html && html.bytes == Array(page.utf8))
        #expect(record.content == .html && record.uri.hasSuffix("b.jsonl.gz#1"))
        #expect(text.content == .text)
        #expect(damaged.uri.hasSuffix("c.html.gz"))
        #expect(damaged.reason.contains("gzip"))
    }

    @Test("reads the pages of a WARC file as HTML sources addressed by their target URI")
    func warc() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = "<html><body><p>Troops withdrew from the town on Monday, officials said.</p></body></html>"
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        let record =
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/2026/11/30/troops\r\n"
            + "Content-Type: application/http; msgtype=response\r\nContent-Length: \(http.utf8.count)\r\n\r\n"
            + http + "\r\n\r\n"
        try Data(Fixtures.gzip(Array(record.utf8))).write(to: directory.appendingPathComponent("crawl.warc.gz"))
        let found = items([directory.path])
        guard found.count == 1, case .source(let source) = found[0] else {
            Issue.record("unexpected items \(found)")
            return
        }
        #expect(source.uri == "https://news.example/2026/11/30/troops")
        #expect(source.format == .warc && source.content == .html)
        #expect(source.bytes == Array(page.utf8))
    }
}
