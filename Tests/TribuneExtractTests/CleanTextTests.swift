import Testing
import TribuneCore

@testable import TribuneExtract

/// Articles with no boilerplate must pass through the cleaner essentially untouched.
@Suite("Clean articles pass through", .enabled(if: TestData.hasShared, "needs ../shared/data"))
struct CleanTextTests {
    static let cleaner = try! TextCleaner()
    /// Read once for the tests that share them.
    static let meantime = (try? TestData.meantime()) ?? []
    static let wcxb = (try? TestData.wcxbGold(limit: 200)) ?? []

    @Test("MEANTIME: the headline is the title, the dateline goes, every sentence of the body stays")
    func meantimeParagraph() throws {
        let articles = Self.meantime
        #expect(articles.count == 120)
        for article in articles {
            let body = article.sentences.joined(separator: " ")
            let cleaned = Self.cleaner.clean("\(article.title)\n\n\(article.date)\n\n\(body)\n")
            #expect(cleaned.title == article.title, "\(article.name)")
            #expect(cleaned.paragraphs == [body], "\(article.name)")
            #expect(cleaned.removed == [RemovedText(text: article.date, reason: .boilerplate)], "\(article.name)")
            #expect(cleaned.language == "en", "\(article.name)")
        }
    }

    @Test("MEANTIME, one sentence a line: the title is still found and almost every sentence stays")
    func meantimeLines() throws {
        var sentences = 0
        var kept = 0
        for article in Self.meantime {
            let text = ([article.title, article.date] + article.sentences).joined(separator: "\n")
            let cleaned = Self.cleaner.clean(text)
            #expect(cleaned.title == article.title, "\(article.name)")
            sentences += article.sentences.count
            kept += article.sentences.filter { cleaned.paragraphs.contains($0) }.count
        }
        // Short lines are what boilerplate looks like; a handful of terse ones may go.
        #expect(sentences > 1_500)
        #expect(Double(kept) >= 0.99 * Double(sentences), "kept \(kept) of \(sentences)")
    }

    @Test("GeoVirus: every text is kept whole, with no title made up")
    func geoVirus() throws {
        let texts = try TestData.geoVirus()
        #expect(texts.count >= 229)
        for text in texts {
            let cleaned = Self.cleaner.clean(text)
            let paragraphs = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            #expect(cleaned.paragraphs == paragraphs)
            #expect(cleaned.title == nil)
            #expect(cleaned.removed.isEmpty)
            #expect(cleaned.language == "en")
        }
    }

    @Test("WCXB gold bodies under their titles: the title is found and the words stay")
    func wcxbGold() throws {
        let pages = Self.wcxb
        #expect(pages.count == 200)
        var titles = 0
        var recall = 0.0
        for page in pages {
            let cleaned = Self.cleaner.clean("\(page.title)\n\n\(page.body)")
            if cleaned.title == page.title.trimmingCharacters(in: .whitespaces) { titles += 1 }
            recall += TestData.recall(of: page.body, in: cleaned.paragraphs.joined(separator: "\n\n"))
        }
        // Gold bodies hold tables and link lists, which cleanup drops as it would on a page.
        #expect(titles >= 170, "titles found: \(titles) of 200")
        #expect(recall / 200 >= 0.9, "mean word recall \(recall / 200)")
    }

    @Test("WCXB gold bodies below the page's own boilerplate: the boilerplate goes, the body stays")
    func wcxbWithout() throws {
        var kept = 0
        var snippets = 0
        var recall = 0.0
        let pages = Self.wcxb
        for page in pages {
            let text = (page.without + [page.title, "", page.body]).joined(separator: "\n")
            let cleaned = Self.cleaner.clean(text)
            snippets += page.without.count
            kept += page.without.filter { cleaned.paragraphs.contains($0) }.count
            recall += TestData.recall(of: page.body, in: cleaned.paragraphs.joined(separator: "\n\n"))
        }
        #expect(Double(kept) <= 0.03 * Double(snippets), "boilerplate kept: \(kept) of \(snippets)")
        #expect(recall / Double(pages.count) >= 0.9)
    }
}
