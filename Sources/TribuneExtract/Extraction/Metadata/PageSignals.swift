import TribuneCore

/// What a page says about itself besides its text, gathered in one pass over the tree:
/// `<title>`, `<meta>` elements, JSON-LD, microdata (`itemprop`), `<time>` elements, author
/// links, `<html lang>`, the canonical address, and the visible top-level headings.
struct PageSignals {
    struct Heading {
        var node: Int
        var level: Int
        var text: String
    }

    struct TimeElement {
        var node: Int
        var datetime: String
        /// Marked as the publication date (`pubdate`, `itemprop="datePublished"`).
        var published: Bool
        var modified: Bool
    }

    struct ItemProperty {
        var node: Int
        /// Lower case.
        var name: String
        var value: String
    }

    var titleTag: String?
    /// `<meta>` elements: the lower-case name (`name`, `property`, `itemprop` or `http-equiv`)
    /// and the content.
    var metas: [(name: String, content: String)] = []
    var htmlLanguage: String?
    var canonical: String?
    var jsonLD: [JSONValue] = []
    /// `h1` elements, and `h2` elements when the page has no `h1`, visible ones only.
    var headings: [Heading] = []
    var times: [TimeElement] = []
    var itemProperties: [ItemProperty] = []
    /// The text of `rel="author"` links.
    var authorLinks: [(node: Int, text: String)] = []
    /// The text of links to an author's page (`/author/jane-doe`), outside the comments.
    var authorPageLinks: [(node: Int, text: String)] = []
    /// The short text of elements whose class or id marks a byline (`post-author`), outside the
    /// comments, in document order.
    var bylineElements: [(node: Int, text: String)] = []

    init(_ document: HTMLDocument, vocabulary: ExtractionVocabulary) {
        let authorPaths = Set(vocabulary.authorPaths.map { Self.hash($0.utf8) })
        let authorClasses = Set(vocabulary.authorClasses.map { Self.hash($0.utf8) })
        htmlLanguage = document.attribute(.lang, of: 0) ?? document.attribute(.xmlLang, of: 0)
        var h2: [Heading] = []
        var hiddenUntil = 0
        var i = 0
        let nodes = document.nodes
        while i < nodes.count {
            let node = nodes[i]
            if node.isText || node.isForeign {
                i += 1
                continue
            }
            if i >= hiddenUntil && node.isHidden { hiddenUntil = Int(node.end) }
            switch node.tag {
            case .title:
                if titleTag == nil { titleTag = document.text(of: i) }
            case .meta:
                let name =
                    document.attribute(.property, of: i) ?? document.attribute(.name, of: i)
                    ?? document.attribute(.itemprop, of: i) ?? document.attribute(.httpEquiv, of: i)
                if let name, let content = document.attribute(.content, of: i) {
                    metas.append((name.lowercased().trimmed, content.trimmed))
                }
            case .link:
                if let rel = document.attribute(.rel, of: i)?.lowercased() {
                    if rel.split(separator: " ").contains("canonical") { canonical = document.attribute(.href, of: i) }
                }
            case .h1, .h2:
                if i >= hiddenUntil {
                    let text = document.text(of: i)
                    if !text.isEmpty {
                        let heading = Heading(node: i, level: node.tag == .h1 ? 1 : 2, text: text)
                        if node.tag == .h1 { headings.append(heading) } else if h2.count < 8 { h2.append(heading) }
                    }
                }
            case .time:
                if let datetime = document.attribute(.datetime, of: i) {
                    let prop = document.attribute(.itemprop, of: i)?.lowercased() ?? ""
                    let className = document.attribute(.class, of: i)?.lowercased() ?? ""
                    times.append(
                        TimeElement(
                            node: i, datetime: datetime,
                            published: document.hasAttribute(.pubdate, i) || prop.contains("datepublished")
                                || className.contains("publish"),
                            modified: prop.contains("datemodified") || className.contains("updated")
                                || className.contains("modified")))
                }
            default:
                break
            }
            if node.tag == .a || node.tag == .link, let rel = document.attribute(.rel, of: i)?.lowercased(),
                rel.split(separator: " ").contains("author"), node.tag == .a, !Self.inComments(document, i)
            {
                let text = document.text(of: i)
                if !text.isEmpty { authorLinks.append((i, text)) }
            }
            if node.tag == .a, authorPageLinks.count < 8, let href = document.attributeBytes(.href, of: i),
                Self.pathLeadsToAuthor(href, authorPaths), !Self.inComments(document, i)
            {
                let text = document.text(of: i)
                if !text.isEmpty && text.utf8.count <= 100 { authorPageLinks.append((i, text)) }
            }
            if bylineElements.count < 8, i >= hiddenUntil,
                Self.hasWord(document.attributeBytes(.class, of: i), authorClasses)
                    || Self.hasWord(document.attributeBytes(.id, of: i), authorClasses),
                !Self.inComments(document, i)
            {
                let text = document.text(of: i)
                if !text.isEmpty && text.utf8.count <= 120 { bylineElements.append((i, text)) }
            }
            if node.tag != .meta, let prop = document.attribute(.itemprop, of: i) {
                for name in prop.lowercased().split(separator: " ") where Self.itemPropertiesRead.contains(name) {
                    let value =
                        document.attribute(.content, of: i) ?? document.attribute(.datetime, of: i)
                        ?? (node.tag == .link ? "" : document.text(of: i))
                    itemProperties.append(ItemProperty(node: i, name: String(name), value: value))
                }
            }
            i += 1
        }
        if headings.isEmpty { headings = h2 }
        for script in document.jsonLD {
            if let value = Self.parseJSONLD(script) { jsonLD.append(value) }
        }
    }

    /// FNV-1a of lower-cased bytes.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(WordScanner.seed) {
            ($0 ^ UInt64($1 | ($1 >= 0x41 && $1 <= 0x5A ? 0x20 : 0))) &* WordScanner.prime
        }
    }

    /// Whether one of the words of a class or id value (split at anything not a letter or
    /// digit) is in `words`.
    static func hasWord(_ value: ArraySlice<UInt8>?, _ words: Set<UInt64>) -> Bool {
        guard let value else { return false }
        var hash = WordScanner.seed
        var length = 0
        for byte in value {
            let lower = byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                hash = (hash ^ UInt64(lower)) &* WordScanner.prime
                length += 1
            } else {
                if length > 0 && words.contains(hash) { return true }
                (hash, length) = (WordScanner.seed, 0)
            }
        }
        return length > 0 && words.contains(hash)
    }

    /// Whether a link's path has a segment of `segments` followed by another (`/author/jane-doe`).
    static func pathLeadsToAuthor(_ href: ArraySlice<UInt8>, _ segments: Set<UInt64>) -> Bool {
        var start = href.startIndex
        // Past the scheme and host, when there are.
        if let scheme = href.firstIndex(of: UInt8(ascii: ":")), scheme + 2 < href.endIndex,
            href[scheme + 1] == 0x2F, href[scheme + 2] == 0x2F
        {
            start = href[(scheme + 3)...].firstIndex(of: 0x2F) ?? href.endIndex
        }
        var matched = false
        var hash = WordScanner.seed
        var length = 0
        for byte in href[start...] {
            if byte == 0x2F || byte == 0x3F || byte == 0x23 {  // / ? #
                if length > 0 {
                    if matched { return true }
                    matched = segments.contains(hash)
                }
                if byte != 0x2F { return false }
                (hash, length) = (WordScanner.seed, 0)
            } else {
                hash = (hash ^ UInt64(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))) &* WordScanner.prime
                length += 1
            }
        }
        return matched && length > 0
    }

    /// Whether an element stands in a comment section (an ancestor's class or id says "comment").
    static func inComments(_ document: HTMLDocument, _ node: Int) -> Bool {
        let marker = Array("comment".utf8)
        var i = node
        while i > 0 {
            for value in [document.attributeBytes(.class, of: i), document.attributeBytes(.id, of: i)] {
                guard let value, value.count >= marker.count else { continue }
                let lower = value.map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) }
                if lower.indices.dropLast(marker.count - 1).contains(where: {
                    lower[$0..<$0 + marker.count].elementsEqual(marker)
                }) {
                    return true
                }
            }
            i = Int(document.nodes[i].parent)
        }
        return false
    }

    /// The microdata properties worth reading (lower case).
    static let itemPropertiesRead: Set<Substring> = [
        "headline", "name", "author", "creator", "datepublished", "datecreated", "datemodified", "articlebody",
        "publisher", "inlanguage",
    ]

    /// The content of the first meta element with one of `names`, tried in order.
    func meta(_ names: [String]) -> String? {
        for name in names {
            if let found = metas.first(where: { $0.name == name && !$0.content.isEmpty }) { return found.content }
        }
        return nil
    }

    /// Every non-empty content of meta elements with one of `names`.
    func metaValues(_ names: [String]) -> [String] {
        metas.filter { names.contains($0.name) && !$0.content.isEmpty }.map(\.content)
    }

    /// JSON-LD as pages write it: strict JSON first, then with the usual faults mended (HTML
    /// comment or CDATA wrappers, raw line breaks inside strings, trailing commas).
    static func parseJSONLD(_ bytes: [UInt8]) -> JSONValue? {
        if let value = try? JSONParser.parse(bytes) { return value }
        var text = String(decoding: bytes, as: UTF8.self)
        for wrapper in ["<!--", "-->", "<![CDATA[", "]]>", "//<![CDATA[", "//]]>"] {
            text = text.replacingOccurrences(of: wrapper, with: "")
        }
        var mended: [UInt8] = []
        var inString = false
        var escaped = false
        let utf8 = Array(text.utf8)
        for (k, byte) in utf8.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte < 0x20 {
                    mended.append(0x20)
                    continue
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: ",") {
                // A comma before a closing bracket is dropped.
                var next = k + 1
                while next < utf8.count, utf8[next] <= 0x20 { next += 1 }
                if next < utf8.count, utf8[next] == UInt8(ascii: "}") || utf8[next] == UInt8(ascii: "]") { continue }
            }
            mended.append(byte)
        }
        return try? JSONParser.parse(mended)
    }
}

extension String {
    /// Without white space at either end.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// White space runs collapsed to one space, ends trimmed.
    var collapsingWhitespace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
