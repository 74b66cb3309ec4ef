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

    /// Authors from, in order: JSON-LD, `<meta>`, microdata, `rel="author"` links, links to
    /// author pages, the visible byline among `bylines` (the short blocks at the article's start;
    /// "Written by" alone on its line introduces the next), and elements whose class marks a
    /// byline.
    func authors(bylines: [String]) -> [String] {
        var reader = AuthorNames(vocabulary: vocabulary, dates: dates)
        reader.siteNames = Set([site, jsonLD.publisher, jsonLD.siteName].compactMap { $0?.lowercased() })
        var visible = bylines.filter(isByline)
        for (k, text) in bylines.enumerated().dropLast() where isLead(text) { visible.append(bylines[k + 1]) }
        let sources: [[String]] = [
            jsonLD.authors,
            signals.metaValues(vocabulary.metaNames("author")).map(CharacterReferences.shared.decode),
            signals.itemProperties.filter { $0.name == "author" || $0.name == "creator" }.map(\.value),
            signals.authorLinks.map(\.text),
            // Links to author pages name the byline's authors where they stand together; further
            // down they are a list of the site's writers.
            signals.authorPageLinks.filter { $0.node < (signals.authorPageLinks.first?.node ?? 0) + 40 }.map(\.text),
            visible,
        ]
        for source in sources {
            var names: [String] = []
            for value in source {
                for name in reader.names(value) where !names.contains(name) { names.append(name) }
            }
            if !names.isEmpty { return names }
        }
        // The first element marked as a byline that names someone; later ones are often quotes,
        // testimonials or an author box about someone else.
        for (_, text) in signals.bylineElements {
            let names = reader.names(text)
            if !names.isEmpty { return names }
        }
        return []
    }

    /// A block that is only a byline's lead ("Written by", "Author:").
    private func isLead(_ text: String) -> Bool {
        let words = text.split(separator: " ").map { $0.lowercased().trimmingPunctuation }
        return !words.isEmpty && words.count <= 3 && vocabulary.bylineLeads.contains { $0 == words }
    }

    /// A short block that begins with a byline's lead ("By …").
    func isByline(_ text: String) -> Bool {
        let words = text.split(separator: " ").prefix(3).map { $0.lowercased().trimmingPunctuation }
        guard text.split(separator: " ").count <= 16 else { return false }
        return vocabulary.bylineLeads.contains { lead in
            lead.count < words.count && Array(words.prefix(lead.count)) == lead
        }
    }

    // MARK: Date

    /// The publication date, from the most trusted source that states one: JSON-LD, `<meta>`,
    /// `<time>` marked as the publication, microdata, the address, the first `<time>`, a date
    /// among `nearTitle` (the short blocks at the article's start); the modification date last.
    func published(nearTitle: [String]) -> String? {
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
        let modified: [String?] =
            [jsonLD.modified] + signals.metaValues(vocabulary.metaNames("modified")).map { Optional($0) }
            + signals.times.filter(\.modified).map { Optional($0.datetime) }
        for candidate in modified {
            if let value = candidate, let date = dates.metadata(value) { return date }
        }
        return nil
    }
}
