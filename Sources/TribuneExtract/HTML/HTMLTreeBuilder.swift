/// Builds the tree from the tokenizer's tags and text with the HTML5 insertion rules that shape
/// what a reader sees:
/// - implied end tags: a `<p>` is closed by the next block, an `<li>` by the next item, a cell by
///   the next cell or row, a heading by the next heading, an `<option>` by the next option;
/// - an end tag closes its element only when it is "in scope" (a `</div>` inside a table cell does
///   not close the div around the table), and an end tag that matches nothing is ignored;
/// - an end tag of an inline element never closes the blocks opened inside it (`<b><p>…</b>`);
///   a new `<a>` closes an open one;
/// - void elements (`br`, `img`, `meta`…) have no content; `/>` closes only SVG and MathML elements;
/// - `head` ends at the first thing that does not belong in it; a second `body` is ignored, and
///   content after `</body>` stays in the body;
/// - inside `svg` and `math`, HTML elements such as `p` or `div` break out.
///
/// Tables are not re-ordered (foster parenting) and misnested formatting is not re-opened
/// (adoption agency): neither changes which words a page holds or the blocks they form.
/// Elements nest at most ``maximumDepth`` deep, as in browsers; deeper tags are ignored and their
/// text joins the deepest element, so that no page can make a walk over the tree unbounded.
struct HTMLTreeBuilder {
    static let maximumDepth = 512

    private(set) var document = HTMLDocument()
    /// The open elements, innermost last.
    private var stack: [Int32] = []
    /// How many open elements have each tag: most "is there an open X?" questions end here.
    private var openCount = [Int32](repeating: 0, count: 256)
    private let traits = HTMLTag.traits
    private let tags = HTMLTag.nameTable
    private let references = CharacterReferences.shared
    private var head: Int32 = -1
    private var body: Int32 = -1
    /// The outermost open `svg` or `math` element, or -1.
    private var foreignRoot: Int32 = -1
    /// The open `<script type="application/ld+json">`, whose text is kept.
    private var capturesJSONLD = false

    var inForeignContent: Bool { foreignRoot >= 0 }

    /// Parses UTF-8 into a document.
    static func parse(_ input: UnsafeBufferPointer<UInt8>) -> HTMLDocument {
        var builder = HTMLTreeBuilder(capacity: input.count)
        var tokenizer = HTMLTokenizer(input)
        tokenizer.run(into: &builder)
        return builder.finish()
    }

    init(capacity: Int) {
        document.nodes.reserveCapacity(capacity / 40 + 16)
        document.text.reserveCapacity(capacity / 4)
        stack.reserveCapacity(64)
        // The root always exists, as in a browser.
        _ = insert(.html, nameHash: 0, attributes: [], input: nil, push: true)
    }

    mutating func finish() -> HTMLDocument {
        pop(to: 0)
        return document
    }

    // MARK: Tokens

    mutating func text(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        if let top = stack.last, top == head {
            // Text that is not white space ends the head.
            var k = range.lowerBound
            while k < range.upperBound, isSpace(input[k]) { k += 1 }
            if k == range.upperBound {
                return
            }
            pop(to: stack.count - 1)
        }
        appendText(input, range, decode: true)
    }

    /// The content of a raw-text element; kept for the title and JSON-LD, dropped otherwise.
    mutating func rawText(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, decode: Bool) {
        guard let top = stack.last else { return }
        let tag = document.nodes[Int(top)].tag
        if tag == .script {
            if capturesJSONLD { document.jsonLD.append(Array(UnsafeBufferPointer(rebasing: input[range]))) }
        } else if tag == .title || tag == .textarea {
            appendText(input, range, decode: decode)
        }
    }

    mutating func startTag(
        _ nameHash: UInt64, attributes: [HTMLTokenizer.RawAttribute], selfClosing: Bool,
        input: UnsafeBufferPointer<UInt8>
    ) -> HTMLTokenizer.ContentModel {
        var tag = tags.lookup(nameHash) ?? .unknown
        if tag == .image { tag = .img }
        let traits = self.traits[Int(tag.rawValue)]

        if foreignRoot >= 0 {
            if !traits.contains(.breaksOutOfForeign) {
                let node = insert(tag, nameHash: nameHash, attributes: attributes, input: input, push: !selfClosing)
                document.nodes[Int(node)].isForeign = true
                return tag == .script && !selfClosing ? .script : .data
            }
            pop(to: stack.firstIndex(of: foreignRoot)!)
        }

        switch tag {
        case .html:
            if document.nodes[0].count == 0 { setAttributes(of: 0, attributes, input: input) }
            return .data
        case .head:
            if head < 0 && body < 0 && stack.count == 1 {
                head = insert(.head, nameHash: nameHash, attributes: attributes, input: input, push: true)
            }
            return .data
        case .body:
            guard body < 0 else { return .data }
            pop(to: 1)
            body = insert(.body, nameHash: nameHash, attributes: attributes, input: input, push: true)
            return .data
        default:
            break
        }
        if let top = stack.last, top == head, !traits.contains(.headContent) {
            pop(to: stack.count - 1)
        }
        if traits.contains(.closesParagraph) && inScope(.p, boundaries: .button) {
            close(.p)
        }
        switch tag {
        case .li:
            closeListItem { $0 == .li }
        case .dd, .dt:
            closeListItem { $0 == .dd || $0 == .dt }
        case .h1, .h2, .h3, .h4, .h5, .h6:
            if let top = stack.last, document.nodes[Int(top)].tag.isHeading { pop(to: stack.count - 1) }
        case .a:
            closeOpenLink()
        case .td, .th:
            closeInTableScope(.td, .th)
        case .tr:
            closeInTableScope(.td, .th)
            closeInTableScope(.tr, .tr)
        case .tbody, .thead, .tfoot:
            closeInTableScope(.td, .th)
            closeInTableScope(.tr, .tr)
            closeInTableScope(.tbody, .thead, .tfoot)
        case .option:
            if currentTag == .option { pop(to: stack.count - 1) }
        case .optgroup:
            if currentTag == .option { pop(to: stack.count - 1) }
            if currentTag == .optgroup { pop(to: stack.count - 1) }
        case .rb, .rtc:
            while let current = currentTag, current == .rb || current == .rp || current == .rt || current == .rtc {
                pop(to: stack.count - 1)
            }
        case .rp, .rt:
            while let current = currentTag, current == .rb || current == .rp || current == .rt {
                pop(to: stack.count - 1)
            }
        default:
            break
        }

        let isVoid = traits.contains(.void)
        let foreign = tag == .svg || tag == .math
        let node = insert(
            tag, nameHash: nameHash, attributes: attributes, input: input, push: !isVoid && !(foreign && selfClosing))
        if foreign {
            document.nodes[Int(node)].isForeign = true
            if !selfClosing && stack.last == node { foreignRoot = node }
            return .data
        }
        guard stack.last == node else { return .data }
        if tag == .script {
            capturesJSONLD = isJSONLD(attributes, input: input)
            return .script
        }
        if tag == .plaintext { return .plaintext }
        if traits.contains(.rawText) { return .rawText }
        if traits.contains(.escapableRawText) { return .escapableRawText }
        return .data
    }

    mutating func endTag(_ nameHash: UInt64) {
        var tag = tags.lookup(nameHash) ?? .unknown
        if foreignRoot >= 0 {
            // The nearest open foreign element of that name closes; anything else leaves foreign content.
            let rootIndex = stack.firstIndex(of: foreignRoot)!
            var k = stack.count - 1
            while k >= rootIndex {
                if matches(Int(stack[k]), tag, nameHash) {
                    pop(to: k)
                    return
                }
                k -= 1
            }
            // `</p>` and `</br>` leave foreign content; other end tags close HTML elements as usual.
            if tag == .p || tag == .br { pop(to: rootIndex) }
        }
        if tag == .image { tag = .img }
        switch tag {
        case .html, .body:
            return
        case .head:
            if let top = stack.last, top == head { pop(to: stack.count - 1) }
        case .p:
            if inScope(.p, boundaries: .button) { close(.p) }
        case .li:
            if inScope(.li, boundaries: .listItem) { close(.li) }
        case .dd, .dt:
            if inScope(tag, boundaries: .standard) { close(tag) }
        case .h1, .h2, .h3, .h4, .h5, .h6:
            if let k = innermost(where: { $0.isHeading }, boundaries: .standard) { pop(to: k) }
        case .br:
            _ = insert(.br, nameHash: nameHash, attributes: [], input: nil, push: false)
        case .table, .tbody, .thead, .tfoot, .tr, .td, .th, .caption:
            if inScope(tag, boundaries: .table) { close(tag) }
        case .unknown:
            closeOther(tag, nameHash)
        default:
            if traits[Int(tag.rawValue)].contains(.special) {
                if inScope(tag, boundaries: .standard) { close(tag) }
            } else {
                closeOther(tag, nameHash)
            }
        }
    }

    // MARK: Insertion

    private var currentTag: HTMLTag? { stack.last.map { document.nodes[Int($0)].tag } }

    /// Appends an element under the current node; pushes it unless it is void or the page is
    /// already nested as deep as allowed.
    private mutating func insert(
        _ tag: HTMLTag, nameHash: UInt64, attributes: [HTMLTokenizer.RawAttribute],
        input: UnsafeBufferPointer<UInt8>?, push: Bool
    ) -> Int32 {
        let index = Int32(document.nodes.count)
        let parent = stack.last ?? -1
        let inForeign = foreignRoot >= 0
        document.nodes.append(
            HTMLDocument.Node(
                tag: tag, isText: false, isForeign: inForeign, isHidden: false, depth: UInt16(stack.count),
                parent: parent,
                end: index + 1, start: Int32(document.attributes.count), count: 0,
                nameHash: tag == .unknown ? UInt32(truncatingIfNeeded: nameHash) : 0))
        if let input, !attributes.isEmpty { setAttributes(of: Int(index), attributes, input: input) }
        if push && stack.count < Self.maximumDepth {
            stack.append(index)
            openCount[Int(tag.rawValue)] += 1
        }
        return index
    }

    private mutating func setAttributes(
        of node: Int, _ attributes: [HTMLTokenizer.RawAttribute], input: UnsafeBufferPointer<UInt8>
    ) {
        document.nodes[node].start = Int32(document.attributes.count)
        document.nodes[node].count = Int32(attributes.count)
        for attribute in attributes {
            let start = Int32(document.attributeValues.count)
            references.decode(input, attribute.value, into: &document.attributeValues, attribute: true)
            document.attributes.append(
                HTMLAttribute(name: attribute.name, valueStart: start, valueEnd: Int32(document.attributeValues.count))
            )
            let value = document.attributeValues[Int(start)...]
            switch attribute.name {
            case .hidden:
                // React's streaming server rendering parks content in `<div hidden id="S:0">` until
                // its script moves it into place: readers see it.
                let id = attributes.first { $0.name == .id }.map { input[$0.value] }
                if !(id.map { $0.starts(with: "S:".utf8) } ?? false) { document.nodes[node].isHidden = true }
            case .ariaHidden:
                if value.elementsEqual("true".utf8) { document.nodes[node].isHidden = true }
            case .style:
                if Self.hides(value) { document.nodes[node].isHidden = true }
            default:
                break
            }
        }
    }

    /// Appends text to the current node, extending the text node just before when it is the
    /// current node's last child (text around a comment is one run).
    private mutating func appendText(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, decode: Bool) {
        let start = document.text.count
        if decode {
            references.decode(input, range, into: &document.text)
        } else {
            document.text.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
        }
        let added = document.text.count - start
        guard added > 0 else { return }
        let parent = stack.last ?? -1
        if let last = document.nodes.indices.last, document.nodes[last].isText, document.nodes[last].parent == parent {
            document.nodes[last].count += Int32(added)
            return
        }
        let index = Int32(document.nodes.count)
        document.nodes.append(
            HTMLDocument.Node(
                tag: .unknown, isText: true, isForeign: foreignRoot >= 0, isHidden: false, depth: UInt16(stack.count),
                parent: parent,
                end: index + 1, start: Int32(start), count: Int32(added), nameHash: 0))
    }

    /// Pops the open elements down to `count` of them, recording where each one's subtree ends.
    private mutating func pop(to count: Int) {
        let end = Int32(document.nodes.count)
        while stack.count > max(count, 0) {
            let node = stack.removeLast()
            document.nodes[Int(node)].end = end
            openCount[Int(document.nodes[Int(node)].tag.rawValue)] -= 1
            if node == foreignRoot { foreignRoot = -1 }
            if document.nodes[Int(node)].tag == .script { capturesJSONLD = false }
        }
    }

    // MARK: Scope

    private enum Boundaries {
        case standard, button, listItem, table
    }

    private func isBoundary(_ tag: HTMLTag, _ boundaries: Boundaries) -> Bool {
        switch boundaries {
        case .standard: traits[Int(tag.rawValue)].contains(.scopeBoundary)
        case .button: tag == .button || traits[Int(tag.rawValue)].contains(.scopeBoundary)
        case .listItem: tag == .ol || tag == .ul || traits[Int(tag.rawValue)].contains(.scopeBoundary)
        case .table: tag == .html || tag == .table || tag == .template
        }
    }

    /// The stack position of the innermost open element that satisfies `test`, if no boundary
    /// comes first.
    private func innermost(where test: (HTMLTag) -> Bool, boundaries: Boundaries) -> Int? {
        var k = stack.count - 1
        while k >= 0 {
            let tag = document.nodes[Int(stack[k])].tag
            if test(tag) { return k }
            if isBoundary(tag, boundaries) { return nil }
            k -= 1
        }
        return nil
    }

    private func inScope(_ tag: HTMLTag, boundaries: Boundaries) -> Bool {
        openCount[Int(tag.rawValue)] > 0 && innermost(where: { $0 == tag }, boundaries: boundaries) != nil
    }

    /// Closes the innermost open `tag` and everything opened inside it.
    private mutating func close(_ tag: HTMLTag) {
        var k = stack.count - 1
        while k >= 0 {
            if document.nodes[Int(stack[k])].tag == tag {
                pop(to: k)
                return
            }
            k -= 1
        }
    }

    /// Closes the innermost open element with one of the tags (a cell, a row, a section), if it
    /// is in table scope.
    private mutating func closeInTableScope(_ first: HTMLTag, _ second: HTMLTag, _ third: HTMLTag? = nil) {
        let counts = openCount
        func open(_ tag: HTMLTag?) -> Bool { tag.map { counts[Int($0.rawValue)] > 0 } ?? false }
        guard open(first) || open(second) || open(third) else { return }
        if let k = innermost(where: { $0 == first || $0 == second || $0 == third }, boundaries: .table) {
            pop(to: k)
        }
    }

    /// A new item closes the open item of its list, unless a block other than `address`, `div` or
    /// `p` stands between (an item of a nested list).
    private mutating func closeListItem(_ isItem: (HTMLTag) -> Bool) {
        var k = stack.count - 1
        while k >= 0 {
            let tag = document.nodes[Int(stack[k])].tag
            if isItem(tag) {
                pop(to: k)
                return
            }
            if traits[Int(tag.rawValue)].contains(.special) && tag != .address && tag != .div && tag != .p { return }
            k -= 1
        }
    }

    /// A link inside a link closes the first, when only inline elements stand between.
    private mutating func closeOpenLink() {
        guard openCount[Int(HTMLTag.a.rawValue)] > 0 else { return }
        var k = stack.count - 1
        while k >= 0 {
            let tag = document.nodes[Int(stack[k])].tag
            if tag == .a {
                pop(to: k)
                return
            }
            if traits[Int(tag.rawValue)].contains(.special) { return }
            k -= 1
        }
    }

    /// "Any other end tag": closes the innermost open element of that name, unless a special
    /// element (a block) is open inside it.
    private mutating func closeOther(_ tag: HTMLTag, _ nameHash: UInt64) {
        if tag != .unknown && openCount[Int(tag.rawValue)] == 0 { return }
        var k = stack.count - 1
        while k >= 0 {
            let node = Int(stack[k])
            if matches(node, tag, nameHash) {
                pop(to: k)
                return
            }
            if traits[Int(document.nodes[node].tag.rawValue)].contains(.special) { return }
            k -= 1
        }
    }

    private func matches(_ node: Int, _ tag: HTMLTag, _ nameHash: UInt64) -> Bool {
        let n = document.nodes[node]
        guard n.tag == tag else { return false }
        return tag != .unknown || n.nameHash == UInt32(truncatingIfNeeded: nameHash)
    }

    /// Whether a style says `display: none` or `visibility: hidden` (spaces and case aside).
    static func hides(_ style: ArraySlice<UInt8>) -> Bool {
        // Both end in "e" or "n" after a colon: look only where "none" or "hidden" could stand.
        var i = style.startIndex
        while let colon = style[i...].firstIndex(of: UInt8(ascii: ":")) {
            var k = colon + 1
            while k < style.endIndex, style[k] == 0x20 || style[k] == 0x09 { k += 1 }
            if matchesWord("none", style, k), precededBy("display", style, colon) { return true }
            if matchesWord("hidden", style, k), precededBy("visibility", style, colon) { return true }
            i = colon + 1
        }
        return false
    }

    private static func matchesWord(_ word: StaticString, _ bytes: ArraySlice<UInt8>, _ at: Int) -> Bool {
        let length = word.utf8CodeUnitCount
        guard at + length <= bytes.endIndex else { return false }
        for k in 0..<length where bytes[at + k] | 0x20 != word.utf8Start[k] { return false }
        let next = at + length
        return next == bytes.endIndex || !(bytes[next] | 0x20 >= 0x61 && bytes[next] | 0x20 <= 0x7A)
    }

    /// Whether the property name `name` ends just before the colon at `colon`.
    private static func precededBy(_ name: StaticString, _ bytes: ArraySlice<UInt8>, _ colon: Int) -> Bool {
        var end = colon
        while end > bytes.startIndex, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let length = name.utf8CodeUnitCount
        guard end - length >= bytes.startIndex else { return false }
        return matchesWord(name, bytes, end - length)
            && (end - length == bytes.startIndex
                || !(bytes[end - length - 1] | 0x20 >= 0x61
                    && bytes[end - length - 1] | 0x20 <= 0x7A) && bytes[end - length - 1] != UInt8(ascii: "-"))
    }

    private func isJSONLD(_ attributes: [HTMLTokenizer.RawAttribute], input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let type = attributes.first(where: { $0.name == .type }) else { return false }
        let value = UnsafeBufferPointer(rebasing: input[type.value])
        let expected = "application/ld+json".utf8
        var k = 0
        while k < value.count && isSpace(value[k]) { k += 1 }
        var matched = 0
        for byte in expected {
            guard k < value.count, value[k] | 0x20 == byte | 0x20 else { return false }
            k += 1
            matched += 1
        }
        return matched == expected.count
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0C || byte == 0x0D
    }
}
