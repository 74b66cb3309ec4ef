/// Chooses the headline a reader sees, from the page's `h1` elements, its metadata titles
/// (JSON-LD `headline`, `og:title`, `twitter:title`…) and `<title>` minus the site's name.
///
/// Agreement decides first: an `h1` that one of the other titles repeats (in full or in part) is
/// the headline. Otherwise the `h1` nearest the article's text, unless it only names the site;
/// then the metadata titles, then `<title>`.
struct TitleChooser {
    var headings: [PageSignals.Heading]
    var metaTitles: [String]
    var titleTag: String?
    var siteName: String?

    /// - Parameter near: the position (node index) of the article's text, when known: the
    ///   heading closest before it, or first inside it, is preferred among those that disagree.
    func choose(near contentStart: Int?) -> String? {
        let others = (metaTitles + [titleTag].compactMap { $0 }).map(Self.key).filter { !$0.isEmpty }
        let site = siteName.map(Self.key)
        // The part of `<title>` that a separator sets after the headline names the site or the
        // section ("A brief intro to git • Jane Doe"): an `h1` that is only that is no headline.
        let siteParts = Set(titleTag.map(Self.trailingParts) ?? [])
        let headings = self.headings.filter { heading in
            let key = Self.key(heading.text)
            return !key.isEmpty && key != site && !siteParts.contains(key) && heading.text.count <= 400
        }
        for heading in headings where heading.level == 1 || headings.allSatisfy({ $0.level > 1 }) {
            let key = Self.key(heading.text)
            if others.contains(where: { Self.agree(key, $0) }) { return heading.text }
        }
        // A heading of two words that no other title repeats is a section's name ("Our Blog")
        // more often than a headline, when the page has another title to offer.
        let least = others.isEmpty ? 2 : 3
        if let contentStart, !headings.isEmpty {
            let before = headings.last { $0.node <= contentStart }
            if let before, before.level == 1, before.text.split(separator: " ").count >= least { return before.text }
        }
        if let first = headings.first(where: { $0.level == 1 }), first.text.split(separator: " ").count >= 3 {
            return first.text
        }
        if let meta = metaTitles.first(where: { !Self.key($0).isEmpty }) { return stripSite(meta) }
        return titleTag.map(stripSite).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The keys of the parts of a title after its first, at the first separator it uses.
    static func trailingParts(_ title: String) -> [String] {
        for separator in separators where title.contains(separator) {
            return title.components(separatedBy: separator).dropFirst().map(key).filter { !$0.isEmpty }
        }
        return []
    }

    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ", " ~ ", " • "]

    /// A title without the site name that pages append or prepend ("Talks resume | Example News").
    func stripSite(_ title: String) -> String {
        for separator in Self.separators where title.contains(separator) {
            var parts = title.components(separatedBy: separator)
            let site = siteName.map(Self.key)
            if let site, let index = parts.firstIndex(where: { Self.key($0) == site || Self.agree(Self.key($0), site) })
            {
                parts.remove(at: index)
                return parts.joined(separator: separator).trimmed
            }
            // The shorter end is the site's name.
            let last = parts.last!.split(separator: " ").count
            let first = parts.first!.split(separator: " ").count
            if last <= 4 && last < first {
                parts.removeLast()
            } else if first <= 3 && first < last {
                parts.removeFirst()
            } else {
                continue
            }
            return parts.joined(separator: separator).trimmed
        }
        return title.trimmed
    }

    /// Lower case, typographic quotes and dashes made plain, white space collapsed.
    static func key(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var space = false
        for scalar in text.lowercased().unicodeScalars {
            var c = scalar
            switch scalar.value {
            case 0x2018, 0x2019, 0x201B, 0x2032: c = "'"
            case 0x201C, 0x201D, 0x201F, 0x2033: c = "\""
            case 0x2010...0x2015, 0x2212: c = "-"
            case 0xA0: c = " "
            default: break
            }
            if c.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space { out.unicodeScalars.append(" ") }
            space = false
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// Two title keys agree when equal, or when the shorter (of at least two words) stands inside
    /// the longer.
    static func agree(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard short.contains(" "), short.count * 3 >= long.count else { return false }
        return long.contains(short)
    }
}
