/// Reads person names out of a byline or an author field: "By Jane Doe and John Roe, Staff
/// Writers" is `["Jane Doe", "John Roe"]`.
///
/// The lead ("By", "Written by"), dates and what follows a bar or bullet go; the rest is split
/// at commas, semicolons, "and" and "&"; parts that are no one's name are dropped — job titles
/// and credentials ("Staff Writer", "MD"), the site's name, addresses, the words of
/// `not-author` in `html-metadata.txt` ("Staff", "Editorial Team").
///
/// A page's own author field (JSON-LD `author`, `<meta name="author">`) is read literally: the
/// name it states is the author, be it an organization, a desk or a handle ("Example News Desk",
/// "jdoe"); only the splitting, credentials, addresses and placeholders ("None") go.
struct AuthorNames {
    let vocabulary: ExtractionVocabulary
    let dates: DateReader
    /// Names of the site and its publisher, lower case: never an author.
    var siteNames: Set<String> = []

    static let roleWords: Set<String> = [
        "writer", "writers", "reporter", "reporters", "correspondent", "columnist", "contributor", "contributing",
        "senior", "staff", "editor", "editors", "producer", "journalist", "analyst", "fellow", "director", "chief",
        "managing", "associate", "assistant", "deputy", "special", "freelance", "photographer", "photos", "photo",
        "video", "intern", "team", "desk", "bureau", "founder", "ceo", "manager", "specialist", "expert", "guest",
        "author", "authors", "medically", "reviewed", "updated", "published", "posted", "on", "at", "in", "for",
        "the", "of", "last", "read", "min", "minute", "minutes", "ago", "hours", "days", "share", "follow",
    ]

    static let connectors: Set<String> = ["and", "&", "und", "et", "y", "e", "en", "og", "och", "with"]

    /// The names in `raw`, or none.
    /// - Parameter literal: `raw` is an author field, not a visible byline: job words and the
    ///   site's name stay part of the name.
    func names(_ raw: String, literal: Bool = false) -> [String] {
        var text = raw.collapsingWhitespace
        guard !text.isEmpty, text.count <= 300 else { return [] }
        if text.hasPrefix("http") || text.hasPrefix("/") || text.hasPrefix("www.") { return [] }
        // What follows a bar, a bullet or a line of its own is not the name.
        for stop in [" | ", "|", " • ", "•", " · ", " — ", " – ", " - ", "\n"] {
            if let range = text.range(of: stop) { text = String(text[..<range.lowerBound]) }
        }
        var words = text.split(separator: " ").map(String.init)
        // The byline's lead.
        for lead in vocabulary.bylineLeads {
            let lower = words.prefix(lead.count).map { $0.lowercased().trimmingPunctuation }
            if lower == lead || (lower.count == lead.count && lower.last == lead.last! + ":") {
                words.removeFirst(lead.count)
                break
            }
        }
        // Split into parts at commas, semicolons and connectors.
        var parts: [[String]] = [[]]
        for word in words {
            let lower = word.lowercased()
            if Self.connectors.contains(lower) {
                parts.append([])
                continue
            }
            var w = word
            var ends = false
            if w.hasSuffix(",") || w.hasSuffix(";") {
                w.removeLast()
                ends = true
            }
            if !w.isEmpty { parts[parts.count - 1].append(w) }
            if ends { parts.append([]) }
        }
        var names: [String] = []
        for part in parts {
            // A date or a number ends the name ("Jane Doe September 4, 2025").
            var kept: [String] = []
            for (k, word) in part.enumerated() {
                let isMonth = vocabulary.months[word.lowercased().trimmingPunctuation] != nil
                if word.contains(where: \.isNumber) || (isMonth && !kept.isEmpty) {
                    break
                }
                // "on Tuesday", "on Aug": the date that follows the name.
                if ["on", "at", "|", "»"].contains(word.lowercased()), k + 1 < part.count, isDateWord(part[k + 1]) {
                    break
                }
                kept.append(word)
            }
            if !kept.isEmpty && kept.allSatisfy(isDateWord) { continue }
            while !literal, let last = kept.last, Self.roleWords.contains(last.lowercased().trimmingPunctuation) {
                kept.removeLast()
            }
            while !literal, let first = kept.first, Self.roleWords.contains(first.lowercased().trimmingPunctuation) {
                kept.removeFirst()
            }
            guard isName(kept, literal: literal) else { continue }
            let name = kept.joined(separator: " ").trimming(".:;,")
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// A word of dates: a month or weekday name, "updated", "ago".
    private func isDateWord(_ word: String) -> Bool {
        let bare = word.lowercased().trimmingPunctuation
        return vocabulary.months[bare] != nil || vocabulary.cleanup.dateWords.contains(WordScanner.hash(bare))
    }

    /// Whether words can be a person's name: one to five words (eight in a field), no address,
    /// not only job words or credentials; in a byline, not the site.
    private func isName(_ words: [String], literal: Bool) -> Bool {
        guard (1...(literal ? 8 : 5)).contains(words.count) else { return false }
        let joined = words.joined(separator: " ")
        if joined.contains("@") || joined.contains("://") || joined.contains("www.") { return false }
        let lower = words.map { $0.lowercased().trimmingPunctuation }
        if vocabulary.notAuthors.contains(lower.joined(separator: " ")) { return false }
        // Credentials: "MD", "RD", "Ph.D.", "MS".
        if words.allSatisfy({ Self.isCredential($0) }) { return false }
        guard let first = words.first?.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        // Job words alone ("Staff Writer") name no one, in a field or a byline.
        if lower.allSatisfy({ vocabulary.notAuthors.contains($0) || Self.roleWords.contains($0) }) { return false }
        if literal { return true }
        if siteNames.contains(joined.lowercased()) || siteNames.contains("the " + joined.lowercased()) { return false }
        // A single lower-case word is a handle or a stray word, not a byline name.
        if words.count == 1 && !first.properties.isUppercase { return false }
        return true
    }

    private static func isCredential(_ word: String) -> Bool {
        let letters = word.filter { $0.isLetter }
        guard !letters.isEmpty, letters.count <= 5 else { return false }
        return letters.allSatisfy(\.isUppercase) || word.contains(".") && letters.count <= 3
    }
}

extension String {
    /// Without punctuation at either end.
    var trimmingPunctuation: String {
        trimming(Self.punctuation)
    }

    private static let punctuation = Set(".,;:!?()[]\"'“”‘’".unicodeScalars)

    /// Without white space, nor any of the characters of `set`, at either end.
    func trimming(_ set: String) -> String {
        trimming(Set(set.unicodeScalars))
    }

    /// Without white space, nor any of `unwanted`, at either end.
    func trimming(_ unwanted: Set<Unicode.Scalar>) -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, unwanted.contains(scalars[start]) || scalars[start].properties.isWhitespace {
            start = scalars.index(after: start)
        }
        while end > start {
            let last = scalars[scalars.index(before: end)]
            guard unwanted.contains(last) || last.properties.isWhitespace else { break }
            end = scalars.index(before: end)
        }
        return String(scalars[start..<end])
    }
}
