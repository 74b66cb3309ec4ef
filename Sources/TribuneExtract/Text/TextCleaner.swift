import TribuneCore

/// Finds the article in text a scraper left behind: the headline, the body paragraphs and
/// section headings, and drops navigation, captions, promos and legal notices.
public struct TextCleaner: Sendable {
    public init() throws {}

    public func clean(_ text: String) -> Article {
        // Placeholder until the cleaner lands: every non-empty line is a paragraph.
        let lines = text.split(whereSeparator: \.isNewline).map { String($0) }.filter { !$0.allSatisfy(\.isWhitespace) }
        return Article(paragraphs: lines)
    }
}
