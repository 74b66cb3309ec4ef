import Foundation
import Testing
import TribuneCore

@testable import TribuneExtract

/// Article extraction from whole pages: the committed Wikinews page, and real pages of the WCXB
/// benchmark when `../shared/data` is there.
@Suite("HTML extraction")
struct HTMLExtractionTests {
    static let extractor = try! HTMLExtractor()

    static func fixture() throws -> Article {
        let bytes = Array(try Data(contentsOf: TestData.fixture("wikinews-bird-flu.html")))
        return extractor.extract(html: bytes, url: "https://en.wikinews.org/wiki/Turkish_government")
    }

    @Test("keeps the article's paragraphs and its section heading, in order, and nothing around them")
    func fixtureBody() throws {
        let article = try Self.fixture()
        let body = article.paragraphs
        #expect(body.count == 6)
        #expect(body.first?.hasPrefix("The Turkish government has come under fire") == true)
        #expect(body.contains("Spread of the disease"))
        #expect(
            body.last
                == "The number of confirmed human cases of H5N1 in Turkey is 18. Three of those have died from the virus."
        )
        #expect(body.contains { $0.contains("December 15, 2005") })  // &nbsp; read as a space
        #expect(body.contains { $0.contains("Turkey\u{2019}s 81 provinces") })
        let text = body.joined(separator: "\n")
        for boilerplate in [
            "cookies", "Politics", "Share on", "newsletter", "Related", "disgrace", "Creative Commons", "Tags",
        ] {
            #expect(!text.contains(boilerplate), "\(boilerplate) was kept")
        }
        // The headline is the title, not a paragraph.
        #expect(!body.contains("Turkish government accused of being too slow to respond to bird flu"))
    }

    @Test("reads the title, publication date (not the modification date), site and language")
    func fixtureMetadata() throws {
        let article = try Self.fixture()
        #expect(article.title == "Turkish government accused of being too slow to respond to bird flu")
        #expect(article.published?.hasPrefix("2006-01-09") == true)
        #expect(article.site == "Wikinews")
        #expect(article.language == "en")
        #expect(article.authors.isEmpty)
    }

    @Test("says why it dropped what it dropped")
    func fixtureRemovals() throws {
        let removed = try Self.fixture().removed
        #expect(removed.contains { $0.text.contains("disgrace") && $0.reason == .comments })
        #expect(removed.contains { $0.text.contains("Politics") && $0.reason == .navigation })
    }

    @Test("finds authors in a byline, splitting several and dropping the site's name")
    func bylines() {
        let html = """
            <html><head><title>Talks resume in Geneva | The Courier</title>
            <meta property="og:site_name" content="The Courier"></head><body>
            <article><h1>Talks resume in Geneva</h1><p class="byline">By Jane Doe and John Roe, The Courier staff</p>
            <p>Negotiators from both sides returned to the table in Geneva on Tuesday, the first meeting since talks broke down in the spring.</p>
            <p>Officials said they expected the talks to last at least a week, and that a joint statement would follow.</p>
            </article></body></html>
            """
        let article = Self.extractor.extract(html: Array(html.utf8))
        #expect(article.title == "Talks resume in Geneva")
        #expect(article.authors == ["Jane Doe", "John Roe"])
        #expect(article.site == "The Courier")
        #expect(article.paragraphs.count == 2)
    }

    @Test("reads the date from the URL when the page gives none")
    func urlDate() {
        let html =
            "<html><body><article><h1>Rain</h1><p>It rained all day in the city on Tuesday, and the river rose to its highest level in years, officials said.</p></article></body></html>"
        let article = Self.extractor.extract(html: Array(html.utf8), url: "https://news.example/2024/03/07/rain")
        #expect(article.published?.hasPrefix("2024-03-07") == true)
    }

    @Test("refuses empty, blank and binary input with a reason, through the Extract stage")
    func refusals() throws {
        let extractor = try ArticleExtractor()
        for (bytes, reason) in [
            ([UInt8](), "empty"), (Array("  \n ".utf8), "white space"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "binary"),
        ] {
            let source = SourceDocument(uri: "file:///x.html", format: .html, content: .html, bytes: bytes)
            #expect(throws: AnalysisError.self) { try extractor.extract(source) }
            do {
                _ = try extractor.extract(source)
            } catch {
                #expect(error.reason.contains(reason))
                #expect(error.uri == "file:///x.html")
            }
        }
    }

    // MARK: Real pages

    /// Lower-cased `\w+` bag-of-words F1, the WCXB metric.
    static func f1(_ extracted: String, _ gold: String) -> Double {
        func bag(_ text: String) -> [String: Int] {
            var counts: [String: Int] = [:]
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }) {
                counts[String(word), default: 0] += 1
            }
            return counts
        }
        let (e, g) = (bag(extracted), bag(gold))
        let overlap = e.reduce(0) { $0 + min($1.value, g[$1.key] ?? 0) }
        let (p, r) = (
            Double(overlap) / Double(max(1, e.values.reduce(0, +))),
            Double(overlap) / Double(max(1, g.values.reduce(0, +)))
        )
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    @Test(
        "extracts the body of real news and blog pages close to the gold (WCXB, held-out even ids)",
        .enabled(if: TestData.hasShared))
    func wcxbBodies() throws {
        var scores: [Double] = []
        var titles = 0
        for id in TestData.wcxbIDs().filter({ $0 % 2 == 0 }).prefix(40) {
            guard let page = try TestData.wcxbPage(id), let gold = page.gold["main_content"]?.string else { continue }
            let article = Self.extractor.extract(html: page.html, url: page.url)
            scores.append(Self.f1(article.paragraphs.joined(separator: "\n"), gold))
            if let title = page.gold["title"]?.string,
                article.title?.lowercased().filter({ !$0.isWhitespace })
                    == title.lowercased().filter({ !$0.isWhitespace })
            {
                titles += 1
            }
        }
        #expect(scores.count == 40)
        let mean = scores.reduce(0, +) / Double(scores.count)
        #expect(mean >= 0.85, "mean body F1 \(mean)")
        #expect(scores.filter { $0 < 0.5 }.count <= 3, "pages below 0.5: \(scores.filter { $0 < 0.5 })")
        #expect(titles >= 32, "titles right: \(titles)/40")
    }
}
