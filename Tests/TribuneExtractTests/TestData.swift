import Foundation
import TribuneCore

/// The texts the tests read: the sample page committed in the repository, and — when
/// `../shared/data` is there — MEANTIME, GeoVirus and the WCXB gold bodies.
enum TestData {
    /// The repository: three levels up from this file.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/data`, or `nil` when this checkout has none (tests that need it are skipped).
    static let shared: URL? = {
        let url = repository.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static var hasShared: Bool { shared != nil }

    /// A file committed under `Tests/TribuneExtractTests/Fixtures`.
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    /// The ids of the WCXB dev pages, in order (none without `../shared/data`).
    static func wcxbIDs() -> [Int] {
        guard let shared else { return [] }
        let folder = shared.appendingPathComponent("dev/extraction/wcxb-dev/ground-truth")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { $0.hasSuffix(".json") ? Int($0.dropLast(5)) : nil }.sorted()
    }

    /// A WCXB dev page and its gold (`ground_truth` object), or `nil` without `../shared/data`.
    static func wcxbPage(_ id: Int) throws -> (html: [UInt8], url: String?, gold: JSONValue)? {
        guard let shared else { return nil }
        let folder = shared.appendingPathComponent("dev/extraction/wcxb-dev")
        let name = String(format: "%04d", id)
        let html = try Gzip.decompress(
            Array(try Data(contentsOf: folder.appendingPathComponent("html/\(name).html.gz"))))
        let json = try JSONParser.parse(
            Array(try Data(contentsOf: folder.appendingPathComponent("ground-truth/\(name).json"))))
        guard let gold = json["ground_truth"] else { return nil }
        return (html, json["url"]?.string, gold)
    }

    /// The page the project is built around, as a scraper left it.
    static func samplePage() throws -> String {
        try String(contentsOf: repository.appendingPathComponent("samples/rferl-pakistan-imu.txt"), encoding: .utf8)
    }

    // MARK: MEANTIME

    /// A MEANTIME Wikinews article: sentence 0 is the headline, sentence 1 the date.
    struct Wikinews {
        var name: String
        var title: String
        var date: String
        var sentences: [String]
    }

    /// The 120 English MEANTIME articles, their tokens joined back into sentences.
    static func meantime() throws -> [Wikinews] {
        guard let shared else { return [] }
        let root = shared.appendingPathComponent("meantime/intra-doc_annotation")
        var articles: [Wikinews] = []
        for corpus in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let folder = root.appendingPathComponent(corpus)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            where name.hasSuffix(".xml") {
                let xml = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                let sentences = meantimeSentences(xml)
                guard sentences.count > 2 else { continue }
                articles.append(
                    Wikinews(name: name, title: sentences[0], date: sentences[1], sentences: Array(sentences[2...])))
            }
        }
        return articles
    }

    /// `<token … sentence="N" …>word</token>` elements, grouped by sentence and detokenized.
    static func meantimeSentences(_ xml: String) -> [String] {
        let bytes = Array(xml.utf8)
        var sentences: [Int: [String]] = [:]
        var position = 0
        while let open = find("<token ", in: bytes, from: position),
            let close = find(">", in: bytes, from: open),
            let end = find("</token>", in: bytes, from: close)
        {
            let attributes = String(decoding: bytes[open..<close], as: UTF8.self)
            if let marker = attributes.firstRange(of: "sentence=\"") {
                let digits = attributes[marker.upperBound...].prefix { $0.isNumber }
                let word = unescape(String(decoding: bytes[(close + 1)..<end], as: UTF8.self))
                sentences[Int(digits) ?? 0, default: []].append(word)
            }
            position = end
        }
        return sentences.keys.sorted().map { detokenize(sentences[$0]!) }
    }

    /// The offset of `needle` in `bytes` at or after `start`.
    static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Joins tokens with spaces, except before closing punctuation and clitics and after `(`, `$`.
    static func detokenize(_ tokens: [String]) -> String {
        let attached: Set<String> = [
            ",", ".", ";", ":", "!", "?", ")", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m",
        ]
        var text = ""
        for token in tokens {
            if text.isEmpty || attached.contains(token) || text.hasSuffix("(") || text.hasSuffix("$") {
                text += token
            } else {
                text += " " + token
            }
        }
        return text
    }

    // MARK: GeoVirus

    /// The texts of the GeoVirus Wikinews articles: bodies with no headline.
    static func geoVirus() throws -> [String] {
        guard let shared else { return [] }
        let bytes = Array(try Data(contentsOf: shared.appendingPathComponent("dev/geo/GeoVirus.xml")))
        var texts: [String] = []
        var position = 0
        while let open = find("<text>", in: bytes, from: position), let close = find("</text>", in: bytes, from: open) {
            let text = unescape(String(decoding: bytes[(open + 6)..<close], as: UTF8.self))
            if !text.allSatisfy(\.isWhitespace) { texts.append(text) }
            position = close
        }
        return texts
    }

    // MARK: WCXB

    /// A WCXB dev page's gold annotation.
    struct GoldPage {
        var id: String
        var title: String
        var body: String
        var without: [String]
    }

    static var wcxb: URL? { shared?.appendingPathComponent("dev/extraction/wcxb-dev") }

    /// The first `limit` gold annotations that have a body.
    static func wcxbGold(limit: Int) throws -> [GoldPage] {
        guard let wcxb else { return [] }
        let folder = wcxb.appendingPathComponent("ground-truth")
        var pages: [GoldPage] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where name.hasSuffix(".json") && pages.count < limit {
            let gold = try JSONParser.parse(Array(try Data(contentsOf: folder.appendingPathComponent(name))))[
                "ground_truth"]
            guard let body = gold?["main_content"]?.string, !body.isEmpty, let title = gold?["title"]?.string else {
                continue
            }
            let without = gold?["without"]?.array?.compactMap(\.string) ?? []
            pages.append(GoldPage(id: String(name.prefix(4)), title: title, body: body, without: without))
        }
        return pages
    }

    /// Lower-cased `\w+` words as a multiset, the WCXB way.
    static func words(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for word in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
            counts[String(word), default: 0] += 1
        }
        return counts
    }

    /// The share of `gold`'s words that `text` holds too.
    static func recall(of gold: String, in text: String) -> Double {
        let goldWords = words(gold)
        let found = words(text)
        let total = goldWords.values.reduce(0, +)
        let shared = goldWords.reduce(0) { $0 + min($1.value, found[$1.key] ?? 0) }
        return total == 0 ? 1 : Double(shared) / Double(total)
    }
}
