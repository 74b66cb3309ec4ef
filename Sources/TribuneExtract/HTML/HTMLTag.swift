/// An element's tag name, interned to a small integer: the parser and the extractor compare
/// tags by id, never by string.
///
/// Names HTML defines get their own id; any other name (custom elements, typos, XML islands)
/// is ``unknown``, and the parser keeps a hash of its name to match its end tag.
/// An element's tag name, interned to a small integer: the parser and the extractor compare
/// tags by id, never by string.
///
/// Names HTML defines get their own case; any other name (custom elements, typos, XML islands)
/// is ``unknown``, and the parser keeps a hash of its name to match its end tag.
public enum HTMLTag: UInt8, CaseIterable, Sendable {
    case unknown, a, abbr, address, applet, area, article, aside, audio, b, base, basefont, bdi, bdo, bgsound, big
    case blockquote, body, br, button, canvas, caption, center, cite, code, col, colgroup, data, datalist, dd, del
    case details, dfn, dialog, dir, div, dl, dt, em, embed, fieldset, figcaption, figure, font, footer, form, frame
    case frameset, h1, h2, h3, h4, h5, h6, head, header, hgroup, hr, html, i, iframe, image, img, input, ins, kbd
    case keygen, label, legend, li, link, listing, main, map, mark, marquee, math, menu, meta, meter, nav, nobr
    case noembed, noframes, noscript, object, ol, optgroup, option, output, p, param, picture, plaintext, pre
    case progress, q, rb, rp, rt, rtc, ruby, s, samp, script, search, section, select, slot, small, source, span
    case strike, strong, style, sub, summary, sup, svg, table, tbody, td, template, textarea, tfoot, th, thead, time
    case title, tr, track, tt, u, ul, `var`, video, wbr, xmp, foreignObject, desc

    /// The id of a tag name (any case), or ``unknown``.
    public init(_ name: String) {
        self = HTMLTag.nameTable.lookup(HTMLName.hash(Array(name.utf8))) ?? .unknown
    }

    /// The lower-case name, as written in HTML (`#unknown` for ``unknown``).
    public var name: String { HTMLTag.names[Int(rawValue)] }

    /// The names by id: each case's name, lower-cased (`foreignObject` is `foreignobject`).
    private static let names: [String] = allCases.map { tag in
        tag == .unknown ? "#unknown" : String(describing: tag).lowercased()
    }

    static let nameTable = HTMLNameTable(HTMLTag.allCases.dropFirst().map(\.name), firstID: 1)

    /// `h1`…`h6`.
    public var isHeading: Bool { rawValue >= HTMLTag.h1.rawValue && rawValue <= HTMLTag.h6.rawValue }
    /// The heading level, 1–6, or `nil`.
    public var headingLevel: Int? { isHeading ? Int(rawValue - HTMLTag.h1.rawValue) + 1 : nil }

    // MARK: Categories

    /// What the parser and the extractor need to know about each tag, as bits.
    struct Traits: OptionSet, Sendable {
        let rawValue: UInt32
        /// Has no content and no end tag (`br`, `img`, `meta`…).
        static let void = Traits(rawValue: 1 << 0)
        /// HTML's "special" category: an end tag for another element does not close it.
        static let special = Traits(rawValue: 1 << 1)
        /// A start tag that closes an open `p` first.
        static let closesParagraph = Traits(rawValue: 1 << 2)
        /// Ends implied by the next sibling or the parent's end (`p`, `li`, `dd`, `option`…).
        static let impliedEnd = Traits(rawValue: 1 << 3)
        /// Bounds "in scope" searches (`table`, `td`, `html`, `object`…).
        static let scopeBoundary = Traits(rawValue: 1 << 4)
        /// Content is raw text, only this element's end tag ends it (`script`, `style`…).
        static let rawText = Traits(rawValue: 1 << 5)
        /// Like raw text, but character references are decoded (`title`, `textarea`).
        static let escapableRawText = Traits(rawValue: 1 << 6)
        /// Belongs in `<head>`: does not end it.
        static let headContent = Traits(rawValue: 1 << 7)
        /// Breaks the text into separate blocks when rendered.
        static let block = Traits(rawValue: 1 << 8)
        /// Never rendered as text (`script`, `template`, form controls, media).
        static let invisible = Traits(rawValue: 1 << 9)
        /// Ends SVG or MathML content when met inside it.
        static let breaksOutOfForeign = Traits(rawValue: 1 << 10)
        /// Formatting elements: `b`, `i`, `a`… (end tags that cross blocks are ignored).
        static let formatting = Traits(rawValue: 1 << 11)
    }

    static let traits: [Traits] = {
        var traits = [Traits](repeating: [], count: 256)
        func mark(_ list: String, _ trait: Traits) {
            for name in list.split(separator: " ") {
                let tag = HTMLTag(String(name))
                precondition(tag != .unknown, "no tag \(name)")
                traits[Int(tag.rawValue)].insert(trait)
            }
        }
        mark(
            "area base basefont bgsound br col embed hr image img input keygen link meta param source track wbr", .void)
        mark(
            """
            address applet area article aside base basefont bgsound blockquote body br button caption center col \
            colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 \
            h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav \
            noembed noframes noscript object ol p param plaintext pre script search section select source style \
            summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp foreignobject desc
            """, .special)
        mark(
            """
            address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer \
            header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form \
            plaintext table hr xmp li dd dt
            """, .closesParagraph)
        mark("dd dt li optgroup option p rb rp rt rtc", .impliedEnd)
        mark("applet caption html table td th marquee object template foreignobject desc", .scopeBoundary)
        mark("script style xmp iframe noembed noframes noscript", .rawText)
        mark("title textarea", .escapableRawText)
        mark("base basefont bgsound link meta noscript script style template title", .headContent)
        mark(
            """
            address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset \
            figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li listing main \
            menu nav ol p plaintext pre search section summary table tbody td tfoot th thead tr ul xmp option \
            select textarea iframe video audio canvas svg math img picture object embed
            """, .block)
        mark(
            """
            script style template noscript noembed noframes iframe head title button select option optgroup \
            datalist textarea input keygen object embed applet canvas audio video svg math map area dialog \
            frameset frame param source track meta link base
            """, .invisible)
        mark(
            """
            b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing \
            menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var
            """, .breaksOutOfForeign)
        mark("a b big code em font i nobr s small strike strong tt u", .formatting)
        return traits
    }()
}

/// Hashes of lower-cased names (FNV-1a), as the tokenizer computes them while it scans.
enum HTMLName {
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* prime
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(seed, mix)
    }
}

/// A small open-addressed map from name hashes to ids: the interning table for tag and attribute
/// names.
struct HTMLNameTable: Sendable {
    private var keys: [UInt64]
    private var ids: [UInt8]
    private let mask: Int

    /// Names get ids from `firstID` on, in order.
    init(_ names: [String], firstID: Int = 0) {
        var capacity = 16
        while capacity < names.count * 4 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        ids = [UInt8](repeating: 0, count: capacity)
        mask = capacity - 1
        for (offset, name) in names.enumerated() {
            let key = HTMLName.hash(Array(name.utf8))
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 {
                precondition(keys[slot] != key, "two names share a hash: \(name)")
                slot = (slot + 1) & mask
            }
            keys[slot] = key
            ids[slot] = UInt8(firstID + offset)
        }
    }

    /// The id of the name with this hash, or `nil`.
    @inline(__always)
    func id(_ key: UInt64) -> UInt8? {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = keys[slot]
            if found == key { return ids[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    func lookup(_ key: UInt64) -> HTMLTag? { id(key).flatMap(HTMLTag.init(rawValue:)) }
}
