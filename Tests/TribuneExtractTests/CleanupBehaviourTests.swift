import Foundation
import Testing
import TribuneCore

@testable import TribuneExtract

/// What cleanup does with the common shapes of scraped pages, each on a small page built for it.
@Suite("Cleanup behaviour")
struct CleanupBehaviourTests {
    static let cleaner = try! TextCleaner()

    static let paragraphs = [
        "The city council voted on Tuesday to close the old bridge to traffic after engineers found cracks in two of its supports.",
        "Officials said the closure would last at least six months, and that buses would be rerouted over the northern crossing while the repairs are carried out.",
        "Residents who live near the bridge have complained for years about its condition, and some said they were relieved that the council had finally acted.",
    ]

    func clean(_ lines: [String]) -> Article { Self.cleaner.clean(lines.joined(separator: "\n\n")) }

    @Test("keeps a section heading that stands between paragraphs")
    func heading() {
        let article = clean(
            ["Council Closes Old Bridge", Self.paragraphs[0], "What Happens Next"] + Self.paragraphs[1...])
        #expect(article.title == "Council Closes Old Bridge")
        #expect(article.paragraphs == [Self.paragraphs[0], "What Happens Next"] + Self.paragraphs[1...])
    }

    @Test("drops menus before the headline, and cookie and copyright notices after the article")
    func menusAndNotices() {
        let article = clean(
            ["Skip to main content", "Home", "News", "Sport", "Council Closes Old Bridge"] + Self.paragraphs + [
                "We use cookies to improve your experience. By continuing to browse you agree to our cookie policy.",
                "© 2024 The Daily Example. All rights reserved.",
            ])
        #expect(article.title == "Council Closes Old Bridge")
        #expect(article.paragraphs == Self.paragraphs)
        let reasons = Dictionary(article.removed.map { ($0.text, $0.reason) }) { first, _ in first }
        #expect(reasons["Skip to main content"] == .navigation)
        #expect(reasons["Home"] == .navigation)
        #expect(reasons["© 2024 The Daily Example. All rights reserved."] == .legal)
        #expect(reasons.keys.contains { $0.hasPrefix("We use cookies") && reasons[$0] == .legal })
    }

    @Test("drops a related-stories block after the article as a promo")
    func related() {
        let article = clean(
            ["Council Closes Old Bridge"] + Self.paragraphs + [
                "Related Stories", "Mayor Defends Budget For Road Repairs", "New Ferry Service Planned For Spring",
            ])
        #expect(article.paragraphs == Self.paragraphs)
        #expect(article.removed.map(\.reason) == [.promo, .promo, .promo])
    }

    @Test("ends the article where reader comments begin")
    func comments() {
        let comment =
            "I have driven over that bridge every day for twenty years and I am glad that somebody is finally doing something about it."
        let article = clean(
            ["Council Closes Old Bridge"] + Self.paragraphs + Self.paragraphs.map { $0 + " More on that later." }
                + ["3 Comments", "Jane Doe", comment, "Reply"])
        #expect(!article.paragraphs.contains(comment))
        #expect(article.removed.suffix(4).allSatisfy { $0.reason == .comments })
    }

    @Test("drops a caption printed twice, and a paragraph printed twice keeps its first copy")
    func repeats() {
        let caption = "Traffic on the old bridge in a photograph taken last spring"
        let article = clean(
            ["Council Closes Old Bridge", caption, caption] + Self.paragraphs + [Self.paragraphs[1]])
        #expect(article.paragraphs == Self.paragraphs)
        #expect(
            article.removed == [
                RemovedText(text: caption, reason: .caption), RemovedText(text: caption, reason: .caption),
                RemovedText(text: Self.paragraphs[1], reason: .duplicate),
            ])
    }

    @Test("drops bylines and datelines as page furniture, and does not take them for the headline")
    func bylines() {
        let article = clean(["Council Closes Old Bridge", "By Jane Doe", "June 30, 2008"] + Self.paragraphs)
        #expect(article.title == "Council Closes Old Bridge")
        #expect(article.paragraphs == Self.paragraphs)
        #expect(article.removed.map(\.reason) == [.boilerplate, .boilerplate])
    }

    @Test("keeps a text in another language, without claiming it is English")
    func otherLanguage() {
        let german = [
            "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für den Verkehr zu sperren, nachdem Ingenieure Risse gefunden hatten.",
            "Die Sperrung soll mindestens sechs Monate dauern; Busse werden in dieser Zeit über die nördliche Brücke umgeleitet.",
        ]
        let article = clean(["Stadtrat sperrt alte Brücke"] + german)
        #expect(article.paragraphs == german)
        #expect(article.title == "Stadtrat sperrt alte Brücke")
        #expect(article.language == nil)
    }

    @Test("keeps a one-line text, and gives an empty article for empty or blank input")
    func tiny() {
        #expect(Self.cleaner.clean("Bomb kills five in Kabul.").paragraphs == ["Bomb kills five in Kabul."])
        #expect(Self.cleaner.clean("") == Article())
        #expect(Self.cleaner.clean(" \n\t\n\u{00A0}\u{200B}\n\n") == Article())
    }

    @Test("survives odd input: one giant line, control characters, symbols, many short lines")
    func oddInput() {
        let giant = String(repeating: "word and word, ", count: 200_000)
        #expect(Self.cleaner.clean(giant).paragraphs.count == 1)
        var generator = SystemRandomNumberGenerator()
        let garbage = String(
            decoding: (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }, as: UTF8.self)
        _ = Self.cleaner.clean(garbage)
        _ = Self.cleaner.clean(String(repeating: "| › » © •\n", count: 1_000))
        let lines = (0..<100_000).map { "Item \($0)" }.joined(separator: "\n")
        let started = ContinuousClock.now
        _ = Self.cleaner.clean(lines)
        // A guard against quadratic time (which takes hours here), not a benchmark: the bound is
        // loose enough for a debug build on a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("explains each line's fate")
    func explain() {
        let lines = Self.cleaner.explain(
            ["Home", "Council Closes Old Bridge", Self.paragraphs[0]].joined(separator: "\n"))
        #expect(lines.count == 3)
        #expect(lines[0].contains("navigation") && lines[1].contains("TITLE") && lines[2].contains("keep"))
    }
}
