import Foundation
import Testing
import TribuneCore

@testable import TribuneExtract

/// A seeded random-mutation fuzzer over the charset decoder, tokenizer, tree builder and extractor:
/// real pages (the WCXB pages when `../shared/data` is there, the committed fixture otherwise) are
/// cut, spliced and sprinkled with the byte sequences that stress an HTML parser, and every result
/// must be a well-formed tree and an article with no empty paragraph.
///
/// A few seconds by default; `TRIBUNE_FUZZ_ITERATIONS=200000 swift test --filter Fuzz` runs longer,
/// and `TRIBUNE_FUZZ_SEED` repeats a run.
@Suite("HTML fuzzing")
struct HTMLFuzzTests {
    static let extractor = try! HTMLExtractor()

    /// Fragments that open, close or break the parser's states.
    static let fragments: [[UInt8]] =
        [
            "<", "</", ">", "/>", "<p>", "</p>", "<li>", "<td>", "<tr>", "<table>", "</table>",
            "<div class=\"article\">",
            "</div>", "<a href=x>", "</a>", "<b>", "</b>", "<svg>", "</svg>", "<math><mi>", "<script>", "</script>",
            "<style>", "<template>", "<!--", "-->", "<![CDATA[", "]]>", "<!doctype html>", "&", "&amp", "&#", "&#x",
            "&#1114112;", "&#x0;", "&notin;", "<title>", "</title>", "<textarea>", "<plaintext>", "<noscript>",
            "<body>",
            "<head>", "<html>", "=\"", "'", "<h1>", "<br/>", "<img src=", "<meta charset=\"utf-16\">",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"", "\"}",
            "<time datetime=\"", "<meta property=\"article:published_time\" content=\"",
        ].map { Array($0.utf8) } + [
            [0], [0xFF], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF],
        ]

    static func seeds() -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        if let shared = TestData.shared {
            let folder = shared.appendingPathComponent("dev/extraction/wcxb-dev/html")
            for id in TestData.wcxbIDs().enumerated().filter({ $0.offset % 80 == 0 }).map(\.element) {
                let url = folder.appendingPathComponent(String(format: "%04d.html.gz", id))
                if let data = try? Data(contentsOf: url), let html = try? Gzip.decompress(Array(data)) {
                    seeds.append(html)
                }
            }
        }
        if let fixture = try? Data(contentsOf: TestData.fixture("wikinews-bird-flu.html")) {
            seeds.append(Array(fixture))
        }
        seeds.append(Array("<p>One<p>Two<table><tr><td>a<td>b</table><ul><li>x<li>y</ul>".utf8))
        return seeds
    }

    static func mutate(_ input: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...12, using: &random) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0:  // insert a fragment
                bytes.insert(contentsOf: fragments.randomElement(using: &random)!, at: at)
            case 1:  // flip a byte
                if at < bytes.count { bytes[at] = UInt8.random(in: 0...255, using: &random) }
            case 2:  // delete a run
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &random))
                if at < end { bytes.removeSubrange(at..<end) }
            case 3:  // duplicate a run somewhere else
                let end = min(bytes.count, at + Int.random(in: 1...400, using: &random))
                let run = Array(bytes[at..<end])
                bytes.insert(contentsOf: run, at: Int.random(in: 0...bytes.count, using: &random))
            case 4:  // cut
                bytes.removeSubrange(at...)
            default:  // deep nesting
                let open = fragments.randomElement(using: &random)!
                bytes.insert(
                    contentsOf: Array(repeating: open, count: Int.random(in: 1...600, using: &random)).joined(), at: at)
            }
        }
        return bytes
    }

    /// The invariants every parse must keep: pre-order numbering, subtrees nested, text in range.
    static func checkTree(_ document: HTMLDocument) {
        let nodes = document.nodes
        #expect(!nodes.isEmpty && nodes[0].tag == .html && Int(nodes[0].end) == nodes.count)
        for i in nodes.indices.dropFirst() {
            let node = nodes[i]
            let parent = Int(node.parent)
            guard parent >= 0, parent < i, Int(node.end) > i, node.end <= nodes[parent].end else {
                Issue.record("node \(i) breaks the tree: parent \(parent), end \(node.end)")
                return
            }
            if node.isText { _ = document.textBytes(of: i) }
        }
    }

    @Test("no input crashes the reader or the extractor, and every tree is well formed")
    func mutatedPages() {
        let environment = ProcessInfo.processInfo.environment
        let iterations = environment["TRIBUNE_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 300
        let seed = environment["TRIBUNE_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_129
        var random = SeededGenerator(seed: seed)
        let seeds = Self.seeds()
        for _ in 0..<iterations {
            var input = seeds.randomElement(using: &random)!
            // Whole pages are slow to re-extract in a debug build; a window keeps the run short.
            if input.count > 12_000 {
                let start = Int.random(in: 0..<(input.count - 8_000), using: &random)
                input = Array(input[start..<start + 8_000])
            }
            let bytes = Self.mutate(input, using: &random)
            let document = HTMLDocument(parsing: HTMLCharset.utf8(bytes))
            Self.checkTree(document)
            let article = Self.extractor.extract(html: bytes)
            #expect(!article.paragraphs.contains { $0.isEmpty })
        }
    }

    @Test("random bytes, and every prefix of a page, parse without crashing")
    func randomBytesAndPrefixes() {
        var random = SeededGenerator(seed: 99)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...2_000, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            Self.checkTree(HTMLDocument(parsing: HTMLCharset.utf8(bytes)))
        }
        let page = Array(
            "<!doctype html><html><head><meta charset=utf-8><title>T &amp; U</title></head><body><p class=\"a\" id='b' hidden>x &#x41;<!-- c --><script>if (a < b) {}</script><svg><p>y</svg></body></html>"
                .utf8)
        for cut in 0...page.count { Self.checkTree(HTMLDocument(parsing: Array(page.prefix(cut)))) }
    }
}
