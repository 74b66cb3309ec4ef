/// The article's metadata, from the page's signals: each field from the sources that state it,
/// in order of trust.
struct MetadataReader {
    let signals: PageSignals
    let vocabulary: ExtractionVocabulary
    let jsonLD: JSONLDArticle
    let dates: DateReader
    /// The page's address: the one given, else its canonical or `og:url`.
    let url: String?
    let site: String?
    let language: String?

    init(signals: PageSignals, vocabulary: ExtractionVocabulary, url: String?) {
        self.signals = signals
        self.vocabulary = vocabulary
        jsonLD = JSONLDArticle(signals.jsonLD, vocabulary: vocabulary)
        dates = DateReader(months: vocabulary.months)
        let given = url.flatMap { $0.hasPrefix("http") ? $0 : nil }
        self.url = given ?? signals.canonical ?? signals.meta(vocabulary.metaNames("url"))
        let siteMeta = signals.meta(["og:site_name"]) ?? jsonLD.siteName ?? signals.meta(vocabulary.metaNames("site"))
        site = (siteMeta ?? jsonLD.publisher).map(\.collapsingWhitespace).flatMap { name in
            // A Twitter handle is not the site's name.
            name.isEmpty || name.hasPrefix("@") || name.hasPrefix("http") ? nil : name
        }
        let declared = signals.htmlLanguage ?? signals.meta(vocabulary.metaNames("language")) ?? jsonLD.language
        language = declared.flatMap(Self.languageCode)
    }

    /// `en` from `en-US`, `en_GB`, `EN`; `nil` for what is not a language tag.
    static func languageCode(_ tag: String) -> String? {
        let code = tag.trimmed.prefix { $0.isLetter }.lowercased()
        return (2...3).contains(code.count) ? code : nil
    }

    // MARK: Title

    func title(near contentStart: Int?) -> String? {
        var metaTitles: [String] = []
        if let headline = jsonLD.headline { metaTitles.append(headline.collapsingWhitespace) }
        metaTitles += signals.metaValues(vocabulary.metaNames("title")).map {
            CharacterReferences.shared.decode($0).collapsingWhitespace
        }
        metaTitles += signals.itemProperties.filter { $0.name == "headline" }.map(\.value.collapsingWhitespace)
        let chooser = TitleChooser(
            headings: signals.headings, metaTitles: metaTitles.filter { !$0.isEmpty },
            titleTag: signals.titleTag?.collapsingWhitespace, siteName: site)
        return chooser.choose(near: contentStart).map(\.collapsingWhitespace)
    }

    // MARK: Authors

    /// Authors from, in order: JSON-LD, `<meta>` (and the "Written by" label pairs of
    /// `twitter:label1`/`twitter:data1`), microdata, `rel="author"` links, links to author pages,
    /// the visible byline among `bylines` (the short blocks at the article's start; "Written by"
    /// alone on its line introduces the next), elements whose class marks a byline, and last a
    /// byline anywhere among `elsewhere` (an author box after the text) led by more than "By".
    func authors(bylines: [String], elsewhere: () -> [(text: String, next: String?)] = { [] }) -> [String] {
        var reader = AuthorNames(vocabulary: vocabulary, dates: dates)
        reader.siteNames = Set([site, jsonLD.publisher, jsonLD.siteName].compactMap { $0?.lowercased() })
        var visible = bylines.filter { isByline($0) }
        for (k, text) in bylines.enumerated().dropLast() where isLead(text) { visible.append(bylines[k + 1]) }
        // Links to author pages name the byline's authors where they stand together; further
        // down they are a list of the site's writers.
        let firstAuthorPage = signals.authorPageLinks.first?.node ?? 0
        let authorPages: [String] = signals.authorPageLinks.filter { $0.node < firstAuthorPage + 40 }.map(\.text)
        // The page's own author fields are read literally; visible text is trimmed to the names.
        let sources: [(values: [String], literal: Bool)] = [
            (jsonLD.authors, true),
            (signals.metaValues(vocabulary.metaNames("author")).map(CharacterReferences.shared.decode), true),
            (labeledAuthors(), true),
            (signals.itemProperties.filter { $0.name == "author" || $0.name == "creator" }.map(\.value), false),
            (signals.authorLinks.map(\.text), false),
            (authorPages, false),
            (visible, false),
        ]
        // A field that names only the site or a handle ("Example News", "jdoe") stands unless a
        // byline below names a person.
        var fallback: [String] = []
        // A byline that repeats a word of that name ("Example Last update") is the site again:
        // the field's spelling stands.
        func settle(_ names: [String]) -> [String] {
            let fieldWords = Set(fallback.flatMap { $0.lowercased().split(separator: " ") })
            let shared = names.contains { $0.lowercased().split(separator: " ").contains(where: fieldWords.contains) }
            return shared ? fallback : names
        }
        for (values, literal) in sources {
            var names: [String] = []
            for value in values {
                for name in reader.names(value, literal: literal) where !names.contains(name) { names.append(name) }
            }
            if names.isEmpty { continue }
            if literal && names.allSatisfy(isSiteOrHandle) {
                if fallback.isEmpty { fallback = names }
                continue
            }
            return settle(names)
        }
        // The first element marked as a byline that names someone; later ones are often quotes,
        // testimonials or an author box about someone else.
        for (_, text) in signals.bylineElements {
            let names = reader.names(text)
            if !names.isEmpty { return settle(names) }
        }
        // An author box away from the start: "Written by Jane Doe", or "Article by" above the name.
        // A lone "By" is too common elsewhere ("By clicking…") to be trusted there.
        for (text, next) in elsewhere() {
            let candidate: String
            if isByline(text, minimumLead: 2) {
                candidate = text
            } else if let next, isLead(text, strong: true) {
                candidate = next
            } else {
                continue
            }
            let names = reader.names(candidate)
            if !names.isEmpty { return settle(names) }
        }
        return fallback
    }

    /// Whether an author field's name is the site's (its name, or its host without dots) or a
    /// handle (one lower-case word, or words joined by dots or underscores).
    private func isSiteOrHandle(_ name: String) -> Bool {
        let lower = name.lowercased()
        let sites = [site, jsonLD.publisher, jsonLD.siteName].compactMap { $0?.lowercased() }
        if sites.contains(lower) || sites.contains("the " + lower) { return true }
        if !name.contains(" ") && (name == lower || name.contains(".") || name.contains("_")) { return true }
        let squeezed = lower.filter { $0.isLetter || $0.isNumber }
        if let url, let host = url.split(separator: "/").dropFirst().first?.lowercased(), squeezed.count >= 4 {
            return host.split(separator: ".").contains { $0 == squeezed }
        }
        return false
    }

    /// The authors named by label pairs (`twitter:label1` "Written by", `twitter:data1` "Jane Doe").
    private func labeledAuthors() -> [String] {
        var names: [String] = []
        for (name, content) in signals.metas where name.hasPrefix("twitter:label") && isLead(content) {
            let data = "twitter:data" + name.dropFirst("twitter:label".count)
            if let value = signals.metas.first(where: { $0.name == data })?.content { names.append(value) }
        }
        return names
    }

    /// A block that is only a byline's lead ("Written by", "Author:"); `strong`, one that is more
    /// than a preposition ("By", "Von"): two words, a word of five letters or more, or a colon.
    private func isLead(_ text: String, strong: Bool = false) -> Bool {
        let words = text.split(separator: " ").map { $0.lowercased().trimmingPunctuation }
        guard !words.isEmpty, words.count <= 3, vocabulary.bylineLeads.contains(where: { $0 == words }) else {
            return false
        }
        return !strong || words.count >= 2 || words[0].count >= 5 || text.hasSuffix(":")
    }

    /// A short block that begins with a byline's lead ("By …") of at least `minimumLead` words.
    func isByline(_ text: String, minimumLead: Int = 1) -> Bool {
        let words = text.split(separator: " ").prefix(3).map { $0.lowercased().trimmingPunctuation }
        guard text.split(separator: " ").count <= 16 else { return false }
        return vocabulary.bylineLeads.contains { lead in
            lead.count >= minimumLead && lead.count < words.count && Array(words.prefix(lead.count)) == lead
        }
    }

    // MARK: Date

    /// The publication date, from the most trusted source that states one: JSON-LD, `<meta>`,
    /// `<time>` marked as the publication, microdata, the address, the first `<time>`, a date
    /// among `nearTitle` (the short blocks at the article's start), then among `nearHeadline`
    /// (the short blocks around the headline), then a dateline anywhere (`datelines`: "Posted on
    /// April 13, 2023", or "Published" above the date); the modification date last.
    func published(
        nearTitle: [String], nearHeadline: () -> [String] = { [] },
        datelines: () -> [(text: String, next: String?)] = { [] }
    ) -> String? {
        var candidates: [String?] = [jsonLD.published]
        candidates += signals.metaValues(vocabulary.metaNames("published")).map { Optional($0) }
        candidates += signals.times.filter(\.published).map { Optional($0.datetime) }
        candidates += signals.itemProperties.filter { $0.name == "datepublished" || $0.name == "datecreated" }
            .map { Optional($0.value) }
        for candidate in candidates {
            if let value = candidate, let date = dates.metadata(value) { return date }
        }
        if let url, let date = DateReader.url(url) { return date }
        for time in signals.times where !time.modified {
            if let date = dates.metadata(time.datetime) { return date }
        }
        for text in nearTitle where text.count <= 120 {
            if let date = dates.text(text) { return date }
        }
        for text in nearHeadline() where text.utf8.count <= 80 {
            if let date = dates.text(text) { return date }
        }
        for (text, next) in datelines() where text.utf8.count <= 80 {
            if let date = dates.text(text) { return date }
            if text.split(separator: " ").count <= 2, let next, next.utf8.count <= 40, let date = dates.text(next) {
                return date
            }
        }
        let modified: [String?] =
            [jsonLD.modified] + signals.metaValues(vocabulary.metaNames("modified")).map { Optional($0) }
            + signals.times.filter(\.modified).map { Optional($0.datetime) }
        for candidate in modified {
            if let value = candidate, let date = dates.metadata(value) { return date }
        }
        return nil
    }
}
