import TribuneCore

/// The data HTML extraction reads, loaded once: class and id hints, where pages put their
/// metadata, byline words, month names, the commonest words of some languages, and the text
/// cleanup's word lists (function words, boilerplate phrases).
///
/// All of it ships in `Resources` (`html-hints.txt`, `html-metadata.txt`, `month-names.txt`,
/// `language-words.txt`, plus cleanup's lists), for users to read and extend.
final class ExtractionVocabulary: Sendable {
    let hints: ClassHints
    let cleanup: CleanupVocabulary
    /// Meta names by field, in order of preference (lower case).
    let metaFields: [String: [String]]
    /// JSON-LD `@type`s, lower case, of objects that are the article, in order of preference.
    let articleTypes: [String]
    let siteTypes: Set<String>
    /// Phrases that introduce a byline, as lower-case words.
    let bylineLeads: [[String]]
    /// The first words of `bylineLeads`, as lower-case UTF-8.
    let bylineFirstWords: Set<[UInt8]>
    let notAuthors: Set<String>
    /// Words that introduce a visible publication date, as lower-case UTF-8.
    let datelineLeads: Set<[UInt8]>
    /// Path segments that lead to an author's page (`/author/jane-doe`), lower case.
    let authorPaths: Set<String>
    /// Words of class and id names that mark where a byline's name stands, lower case.
    let authorClasses: Set<String>
    /// Month names and abbreviations (lower case) to 1–12.
    let months: [String: Int]
    /// Frequent words by language code.
    let languageWords: [(code: String, words: Set<String>)]

    static func shipped() throws -> ExtractionVocabulary {
        func load(_ file: String) throws -> [Substring] {
            DataFile.entries(try ResourceLocator.text(file, module: "TribuneExtract", sourceFile: #filePath))
        }
        return ExtractionVocabulary(
            hints: try ClassHints.shipped(), cleanup: try CleanupVocabulary.shipped(),
            metadata: try load("html-metadata.txt"), months: try load("month-names.txt"),
            languages: try load("language-words.txt"))
    }

    init(
        hints: ClassHints, cleanup: CleanupVocabulary, metadata: [Substring], months monthLines: [Substring],
        languages: [Substring]
    ) {
        self.hints = hints
        self.cleanup = cleanup
        var fields: [String: [String]] = [:]
        for line in metadata {
            let parts = line.split(whereSeparator: \.isWhitespace)
            guard parts.count >= 2 else { continue }
            fields[String(parts[0]), default: []].append(parts[1...].joined(separator: " ").lowercased())
        }
        metaFields = fields.filter {
            ![
                "article-type", "site-type", "byline", "not-author", "author-path", "author-class", "dateline",
            ].contains($0.key)
        }
        articleTypes = fields["article-type"] ?? []
        siteTypes = Set(fields["site-type"] ?? [])
        bylineLeads = (fields["byline"] ?? []).map { $0.split(separator: " ").map(String.init) }
            .sorted { $0.count > $1.count }
        bylineFirstWords = Set(bylineLeads.compactMap { $0.first.map { Array($0.utf8) } })
        notAuthors = Set(fields["not-author"] ?? [])
        datelineLeads = Set((fields["dateline"] ?? []).map { Array($0.utf8) })
        authorPaths = Set(fields["author-path"] ?? [])
        authorClasses = Set(fields["author-class"] ?? [])
        var months: [String: Int] = [:]
        for line in monthLines {
            let parts = line.split(whereSeparator: \.isWhitespace)
            guard let number = parts.first.flatMap({ Int($0) }), (1...12).contains(number) else { continue }
            for name in parts.dropFirst() where months[name.lowercased()] == nil {
                months[name.lowercased()] = number
            }
        }
        self.months = months
        languageWords = languages.compactMap { line in
            let parts = line.split(whereSeparator: \.isWhitespace)
            guard parts.count > 1 else { return nil }
            return (String(parts[0]), Set(parts.dropFirst().map { $0.lowercased() }))
        }
    }

    /// The meta names of a field, in order of preference.
    func metaNames(_ field: String) -> [String] { metaFields[field] ?? [] }
}
