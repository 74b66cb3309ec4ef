import Testing
import TribuneCore

@testable import TribuneExtract

/// The page Tribune is built around (`samples/rferl-pakistan-imu.txt`), as a scraper left it:
/// navigation on top, a caption printed twice, the article, then promos and a legal notice.
@Suite("Cleanup of the sample page")
struct SamplePageCleanupTests {
    static let cleaner = try! TextCleaner()

    let page: String
    let article: Article

    init() throws {
        page = try TestData.samplePage()
        article = Self.cleaner.clean(page)
    }

    /// The article's paragraphs as the page has them: every line from the first paragraph to the
    /// last, the section heading included.
    var articleLines: [String] {
        let lines = page.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let first = lines.firstIndex { $0.hasPrefix("For months, media reports") }!
        let last = lines.firstIndex { $0.contains("replenish its depleted and scattered ranks") }!
        return Array(lines[first...last])
    }

    @Test("finds the headline exactly")
    func headline() {
        #expect(article.title == "Pakistan Blames IMU Militants For Afghan Border Unrest")
    }

    @Test("keeps every paragraph of the article, in order, and nothing else")
    func body() {
        #expect(articleLines.count == 23)
        #expect(article.paragraphs == articleLines)
        #expect(article.paragraphs.contains("History Of Violence"))
    }

    @Test("drops navigation, the caption twice, the promos and the legal notice, each with its reason")
    func removed() {
        func line(_ start: String) -> String {
            page.split(separator: "\n").map(String.init).first { $0.hasPrefix(start) }!
        }
        let caption = line("Uzbek authorities have waged")
        let expected: [(RemovedText.Reason, String)] = [
            (.navigation, "Accessibility links"),
            (.navigation, "Breaking News"),
            (.caption, caption),
            (.caption, caption),
            (.promo, "The Briefing: Targeting A Regional Threat"),
            (.promo, "The Briefing: Afghan-Pakistani Security"),
            (.promo, line("RFE/RL's Hashem Mohmand sees signs")),
            (.legal, line("RFE/RL has been declared")),
            (.legal, line("If you are in Russia")),
            (.promo, "To find out more, click here."),
        ]
        #expect(article.removed == expected.map { RemovedText(text: $0.1, reason: $0.0) })
        let text = article.paragraphs.joined(separator: "\n\n")
        for boilerplate in ["Breaking News", caption, "The Briefing", "undesirable organization", "click here"] {
            #expect(!text.contains(boilerplate))
        }
    }

    @Test("accounts for every line of the page: title, body or removed")
    func everyLine() {
        let lines = page.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        #expect(1 + article.paragraphs.count + article.removed.count == lines.count)
    }

    @Test("says the page is English, and leaves no empty paragraph or blank line in one")
    func shape() {
        #expect(article.language == "en")
        #expect(article.paragraphs.allSatisfy { !$0.isEmpty && !$0.contains("\n") })
    }

    @Test("gives the same article from one cleaner shared by many tasks")
    func concurrent() async {
        let page = self.page
        let expected = article
        await withTaskGroup(of: Article.self) { group in
            for _ in 0..<8 { group.addTask { Self.cleaner.clean(page) } }
            for await result in group { #expect(result == expected) }
        }
    }

    @Test("reads the same with Windows line ends and no blank lines")
    func layout() {
        let squeezed = page.split(separator: "\n").filter { !$0.isEmpty }.joined(separator: "\r\n")
        let again = Self.cleaner.clean(squeezed)
        #expect(again.title == article.title)
        #expect(again.paragraphs == article.paragraphs)
    }
}
