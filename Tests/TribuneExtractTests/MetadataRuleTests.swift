import Foundation
import Testing
import TribuneCore

@testable import TribuneExtract

/// Where the extractor finds authors and dates that a page states outside JSON-LD's usual
/// fields: each rule first on a small page written to show it, then on real WCXB pages (their
/// gold values) when `../shared/data` is there.
@Suite("HTML metadata rules")
struct MetadataRuleTests {
    static let extractor = try! HTMLExtractor()

    static func article(_ html: String, url: String? = nil) -> Article {
        extractor.extract(html: Array(html.utf8), url: url)
    }

    static let body = """
        <p>Negotiators from both sides returned to the table in Geneva on Tuesday, the first meeting since talks broke down in the spring.</p>
        <p>Officials said they expected the talks to last at least a week, and that a joint statement would follow.</p>
        """

    @Test("reads an author field literally: a desk or an organization the page names is its author")
    func literalField() {
        let page = Self.article(
            """
            <html><head><meta name="author" content="Courier Lifestyle Desk">
            <meta property="og:site_name" content="The Courier"></head>
            <body><article><h1>Talks resume</h1>\(Self.body)</article></body></html>
            """)
        #expect(page.authors == ["Courier Lifestyle Desk"])
    }

    @Test("prefers a visible byline naming a person over an author field that only names the site")
    func siteFieldGivesWay() {
        let page = Self.article(
            """
            <html><head><meta name="author" content="The Courier">
            <meta property="og:site_name" content="The Courier"></head>
            <body><article><h1>Talks resume</h1><p class="byline">By Jane Doe</p>\(Self.body)</article></body></html>
            """)
        #expect(page.authors == ["Jane Doe"])
        let alone = Self.article(
            """
            <html><head><meta name="author" content="The Courier">
            <meta property="og:site_name" content="The Courier"></head>
            <body><article><h1>Talks resume</h1>\(Self.body)</article></body></html>
            """)
        #expect(alone.authors == ["The Courier"])
    }

    @Test("reads the author of a \"Written by\" label pair (twitter:label1, twitter:data1)")
    func labelPair() {
        let page = Self.article(
            """
            <html><head><meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="4 minutes">
            <meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Jane Doe"></head>
            <body><article><h1>Talks resume</h1>\(Self.body)</article></body></html>
            """)
        #expect(page.authors == ["Jane Doe"])
    }

    @Test("finds an author box after the text, \"Written by\" or a lone \"Author\" above the name")
    func authorBox() {
        let written = Self.article(
            """
            <html><body><article><h1>Talks resume</h1>\(Self.body)</article>
            <aside><h3>Written by John Roe</h3><p>John Roe covers diplomacy from Geneva.</p></aside></body></html>
            """)
        #expect(written.authors == ["John Roe"])
        let labelled = Self.article(
            """
            <html><body><article><h1>Talks resume</h1>\(Self.body)</article>
            <div><h3>Author</h3><p>John Roe</p></div></body></html>
            """)
        #expect(labelled.authors == ["John Roe"])
        // A lone "By" far from the headline is not a byline.
        let clicking = Self.article(
            """
            <html><body><article><h1>Talks resume</h1>\(Self.body)</article>
            <footer><p>By</p><p>Clicking Accept</p></footer></body></html>
            """)
        #expect(clicking.authors.isEmpty)
    }

    @Test("reads a visible date written near the headline when no metadata gives one")
    func dateNearHeadline() {
        let above = Self.article(
            """
            <html><body><main><div><span>Last updated:</span> <span>Dec 12, 2025</span></div>
            <div></div><div></div><nav><a href="/">Home</a></nav>
            <h1>Talks resume in Geneva</h1>\(Self.body)</main></body></html>
            """)
        #expect(above.published == "2025-12-12")
        let below = Self.article(
            """
            <html><body><main><h1>Talks resume in Geneva</h1><p>Jane Doe</p><p><span>23.07.2025</span> · 6 min read</p>
            \(Self.body)</main></body></html>
            """)
        #expect(below.published == "2025-07-23")
    }

    // MARK: Real pages

    /// Extracted authors and date of a WCXB dev page, with its gold ones.
    static func wcxb(_ id: Int) throws -> (article: Article, author: String?, date: String?)? {
        guard let page = try TestData.wcxbPage(id) else { return nil }
        let article = extractor.extract(html: page.html, url: page.url)
        return (article, page.gold["author"]?.string, page.gold["publish_date"]?.string)
    }

    @Test(
        "reads real pages' authors by each rule as their gold has them (WCXB)",
        .enabled(if: TestData.hasShared),
        arguments: [
            (4111, "an organization in <meta name=author>"), (4581, "a handle in the author field, no byline"),
            (151, "a byline naming a person over a field naming the site"),
            (345, "a byline naming a person over a field naming the site"), (4451, "a twitter:label pair"),
            (4095, "a \"Written by\" author box after the text"), (4079, "\"Author\" above the name"),
        ])
    func realAuthors(id: Int, rule: String) throws {
        let page = try #require(try Self.wcxb(id))
        let gold = try #require(page.author)
        #expect(page.article.authors == [gold], "\(rule)")
    }

    @Test(
        "reads real pages' dates written near the headline as their gold has them (WCXB)",
        .enabled(if: TestData.hasShared), arguments: [19, 309, 113])
    func realDates(id: Int) throws {
        let page = try #require(try Self.wcxb(id))
        #expect(page.article.published == page.date)
    }
}
