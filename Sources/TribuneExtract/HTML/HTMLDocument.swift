/// A parsed page: its elements and text as a tree stored flat, in document order.
///
/// Nodes are numbered in the order the parser opened them, which is the tree's pre-order: the
/// descendants of node `i` are exactly the nodes `i + 1 ..< nodes[i].end`. Every walk over the
/// tree is therefore a loop over a range, never a recursion, however deep the page nests; and a
/// value summed over subtrees is one backwards pass adding each node into its parent.
///
/// ```swift
/// let page = HTMLDocument(parsing: Array("<p>Talks <b>resumed</b>.</p>".utf8))
/// for i in page.nodes.indices where page.nodes[i].tag == .p {
///     print(page.text(of: i))   // "Talks resumed."
/// }
/// ```
public struct HTMLDocument: Sendable {
    /// An element or a run of text.
    public struct Node: Sendable {
        /// The element's tag (``HTMLTag/unknown`` for names HTML does not define); meaningless for
        /// text.
        public var tag: HTMLTag
        public var isText: Bool
        /// Inside `<svg>` or `<math>`.
        public var isForeign: Bool
        /// Hidden from readers by its own attributes: `hidden`, `aria-hidden="true"`, or a
        /// `style` with `display: none` or `visibility: hidden`.
        public var isHidden: Bool
        /// How many elements enclose it.
        public var depth: UInt16
        /// The enclosing element, or -1 for the root.
        public var parent: Int32
        /// One past the last node of its subtree.
        public var end: Int32
        /// For text, its bytes in ``HTMLDocument/text``; for elements, its attributes in
        /// ``HTMLDocument/attributes``.
        var start: Int32
        var count: Int32
        /// For elements of unknown tags, a hash of the name (to match their end tags).
        var nameHash: UInt32
    }

    /// The nodes in document order; node 0 is the `html` element, always present.
    public internal(set) var nodes: [Node] = []
    /// The decoded UTF-8 of every text node, back to back.
    public internal(set) var text: [UInt8] = []
    /// The attributes the extractor reads (``HTMLAttributeName``); others are not kept.
    public internal(set) var attributes: [HTMLAttribute] = []
    /// The decoded UTF-8 of the kept attribute values, back to back.
    var attributeValues: [UInt8] = []
    /// The contents of `<script type="application/ld+json">` elements, as written.
    public internal(set) var jsonLD: [[UInt8]] = []

    /// Parses UTF-8 (see ``HTMLCharset`` to get there from other encodings).
    public init(parsing utf8: [UInt8]) {
        self = utf8.withUnsafeBufferPointer { HTMLTreeBuilder.parse($0) }
    }

    init() {}

    // MARK: Reading the tree

    /// The bytes of a text node.
    public func textBytes(of node: Int) -> ArraySlice<UInt8> {
        let n = nodes[node]
        guard n.isText else { return [] }
        return text[Int(n.start)..<Int(n.start + n.count)]
    }

    /// The text inside a node, white space collapsed, invisible elements (scripts, form controls,
    /// templates) left out.
    public func text(of node: Int) -> String {
        var out: [UInt8] = []
        var i = node
        let end = Int(nodes[node].end)
        var space = false
        while i < end {
            let n = nodes[i]
            if n.isText {
                for byte in textBytes(of: i) {
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        space = !out.isEmpty
                    } else {
                        if space { out.append(0x20) }
                        space = false
                        out.append(byte)
                    }
                }
                i += 1
            } else if i != node && (n.isHidden || HTMLTag.traits[Int(n.tag.rawValue)].contains(.invisible)) {
                i = Int(n.end)
            } else {
                if i != node && HTMLTag.traits[Int(n.tag.rawValue)].contains(.block) { space = !out.isEmpty }
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The attributes of an element.
    public func attributes(of node: Int) -> ArraySlice<HTMLAttribute> {
        let n = nodes[node]
        guard !n.isText else { return [] }
        return attributes[Int(n.start)..<Int(n.start + n.count)]
    }

    /// The value of an element's attribute, as bytes, or `nil` when it has none.
    public func attributeBytes(_ name: HTMLAttributeName, of node: Int) -> ArraySlice<UInt8>? {
        for attribute in attributes(of: node) where attribute.name == name {
            return attributeValues[Int(attribute.valueStart)..<Int(attribute.valueEnd)]
        }
        return nil
    }

    /// The value of an element's attribute, or `nil` when it has none.
    public func attribute(_ name: HTMLAttributeName, of node: Int) -> String? {
        attributeBytes(name, of: node).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether an element has the attribute, with any value.
    public func hasAttribute(_ name: HTMLAttributeName, _ node: Int) -> Bool {
        attributes(of: node).contains { $0.name == name }
    }

    /// The nearest enclosing element with this tag, the node itself included.
    public func ancestor(_ node: Int, tag: HTMLTag) -> Int? {
        var i = node
        while i >= 0 {
            if !nodes[i].isText && nodes[i].tag == tag { return i }
            i = Int(nodes[i].parent)
        }
        return nil
    }

    /// Whether `node` lies inside `ancestor` (or is it).
    public func contains(_ ancestor: Int, _ node: Int) -> Bool {
        node >= ancestor && node < Int(nodes[ancestor].end)
    }
}

/// An attribute the extractor reads. Others are dropped while parsing: no page pays for the
/// `data-*` and `srcset` values it carries.
public struct HTMLAttribute: Sendable {
    public var name: HTMLAttributeName
    var valueStart: Int32
    var valueEnd: Int32
}

/// The attributes kept, by id.
public enum HTMLAttributeName: UInt8, CaseIterable, Sendable {
    case `class`, id, href, rel, itemprop, itemtype, itemscope, property, name, content, datetime, lang, xmlLang
    case hidden, style, role, ariaHidden, type, httpEquiv, charset, pubdate, title

    /// The name as written in HTML.
    public var spelling: String {
        switch self {
        case .xmlLang: "xml:lang"
        case .ariaHidden: "aria-hidden"
        case .httpEquiv: "http-equiv"
        default: String(describing: self)
        }
    }

    static let nameTable = HTMLNameTable(allCases.map(\.spelling))
}
