/// A run of text a page shows as one block: a paragraph, a heading, a list item, a table row, a
/// caption. The unit that content extraction keeps or drops.
struct ContentBlock: Sendable {
    enum Kind: UInt8, Sendable {
        case paragraph, heading, listItem, tableRow, quote, preformatted, caption, other
    }

    /// Where the block stands, as bits: which structures enclose it.
    struct Context: OptionSet, Sendable {
        let rawValue: UInt16
        static let heading = Context(rawValue: 1 << 0)
        static let list = Context(rawValue: 1 << 1)
        static let table = Context(rawValue: 1 << 2)
        static let quote = Context(rawValue: 1 << 3)
        static let preformatted = Context(rawValue: 1 << 4)
        static let caption = Context(rawValue: 1 << 5)
        static let figure = Context(rawValue: 1 << 6)
        static let paragraph = Context(rawValue: 1 << 7)
        /// Every word is inside a link.
        static let allLink = Context(rawValue: 1 << 8)
        static let time = Context(rawValue: 1 << 9)
        static let address = Context(rawValue: 1 << 10)
    }

    var kind: Kind
    /// 1–6 for headings, else 0.
    var headingLevel: UInt8
    var context: Context
    /// The innermost block-level element the text belongs to.
    var owner: Int32
    /// The block's text in ``BlockSegmentation/bytes``.
    var range: Range<Int>
    /// Words, and words inside links.
    var words: Int
    var linkWords: Int
    /// Measures of the text (function words, sentence ending, boilerplate phrases).
    var features: BlockFeatures

    var linkDensity: Double { words == 0 ? 0 : Double(linkWords) / Double(words) }
}

/// Cuts a parsed page into ``ContentBlock``s in reading order, as a browser would lay them out:
/// block-level elements start and end blocks, inline elements and links flow within them, a
/// table row whose cells hold only inline content is one block (cells joined by ` | `), two
/// `<br>` in a row end a block, white space collapses (except in `pre`). Invisible elements
/// (scripts, form controls, SVG, templates) and hidden ones (`hidden`, `aria-hidden`,
/// `display: none`) are skipped.
///
/// One loop over the nodes with an explicit stack of open elements: no recursion.
struct BlockSegmentation {
    private(set) var blocks: [ContentBlock] = []
    /// All blocks' text, back to back.
    private(set) var bytes: [UInt8] = []

    init(_ document: HTMLDocument, vocabulary: CleanupVocabulary) {
        var builder = Builder(document: document, vocabulary: vocabulary)
        builder.run()
        blocks = builder.blocks
        bytes = builder.bytes
    }

    func text(_ block: ContentBlock) -> String { String(decoding: bytes[block.range], as: UTF8.self) }

    func text(_ index: Int) -> String { text(blocks[index]) }

    private struct Builder {
        let document: HTMLDocument
        let vocabulary: CleanupVocabulary
        let traits = HTMLTag.traits
        var blocks: [ContentBlock] = []
        var bytes: [UInt8] = []

        /// Open elements: node, subtree end, and whether it is block-level.
        var stack: [(node: Int32, end: Int32, block: Bool)] = []
        /// Open elements by tag, for the block's context.
        var open = [Int16](repeating: 0, count: 256)
        /// Table rows that are laid out as one block, open ones.
        var simpleRows: [Int32] = []

        var blockStart = 0
        var words = 0
        var linkWords = 0
        var pendingSpace = false
        var inWord = false
        var lastWasBreak = false
        var scratch: [UInt64] = []

        init(document: HTMLDocument, vocabulary: CleanupVocabulary) {
            self.document = document
            self.vocabulary = vocabulary
            bytes.reserveCapacity(document.text.count / 2)
        }

        mutating func run() {
            let nodes = document.nodes
            var i = 1  // the root's children; the root is the html element
            stack.append((0, Int32(nodes.count), true))
            while i < nodes.count {
                while let top = stack.last, Int32(i) >= top.end { close() }
                let node = nodes[i]
                if node.isText {
                    if !node.isForeign { appendText(document.textBytes(of: i)) }
                    i += 1
                    continue
                }
                let tagTraits = traits[Int(node.tag.rawValue)]
                if node.isForeign || node.isHidden || tagTraits.contains(.invisible) {
                    if tagTraits.contains(.block) { flush() }
                    i = Int(node.end)
                    continue
                }
                if node.tag == .br {
                    lineBreak()
                    i += 1
                    continue
                }
                if node.tag == .hr || node.tag == .img {
                    if tagTraits.contains(.block) && node.tag == .hr { flush() }
                    i += 1
                    continue
                }
                let isBlock = tagTraits.contains(.block)
                if node.tag == .td || node.tag == .th, let row = simpleRows.last, row == node.parent {
                    // A cell of a row laid out as one block: a separator, not a new block.
                    if bytes.count > blockStart {
                        bytes.append(contentsOf: [0x20, 0x7C])
                        pendingSpace = true
                        inWord = false
                    }
                    push(i, node, block: false)
                } else {
                    if isBlock { flush() }
                    if node.tag == .tr && isSimpleRow(i) { simpleRows.append(Int32(i)) }
                    push(i, node, block: isBlock)
                }
                i += 1
            }
            while stack.count > 0 { close() }
        }

        /// A row whose cells hold no block-level element.
        private func isSimpleRow(_ row: Int) -> Bool {
            let end = Int(document.nodes[row].end)
            var k = row + 1
            while k < end {
                let n = document.nodes[k]
                if !n.isText && n.tag != .td && n.tag != .th && n.tag != .br
                    && traits[Int(n.tag.rawValue)].contains(.block)
                    && !traits[Int(n.tag.rawValue)].contains(.invisible)
                {
                    return false
                }
                k += 1
            }
            return true
        }

        private mutating func push(_ index: Int, _ node: HTMLDocument.Node, block: Bool) {
            stack.append((Int32(index), node.end, block))
            open[Int(node.tag.rawValue)] += 1
        }

        private mutating func close() {
            let top = stack[stack.count - 1]
            let tag = document.nodes[Int(top.node)].tag
            if top.block { flushOwned(by: top.node) }
            stack.removeLast()
            open[Int(tag.rawValue)] -= 1
            if tag == .tr, simpleRows.last == top.node { simpleRows.removeLast() }
        }

        private mutating func lineBreak() {
            if lastWasBreak {
                flush()
                return
            }
            if bytes.count > blockStart {
                bytes.append(0x0A)
                pendingSpace = false
                inWord = false
                lastWasBreak = true
            }
        }

        private mutating func appendText(_ text: ArraySlice<UInt8>) {
            let preformatted = open[Int(HTMLTag.pre.rawValue)] > 0
            let inLink = open[Int(HTMLTag.a.rawValue)] > 0
            var k = text.startIndex
            let end = text.endIndex
            while k < end {
                let byte = text[k]
                var isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                var width = 1
                if byte == 0xC2, k + 1 < end, text[k + 1] == 0xA0 {
                    isSpace = true  // no-break space
                    width = 2
                }
                if isSpace {
                    if preformatted && (byte == 0x0A) {
                        if bytes.count > blockStart && bytes.last != 0x0A { bytes.append(0x0A) }
                        pendingSpace = false
                    } else {
                        pendingSpace = bytes.count > blockStart && bytes.last != 0x0A
                    }
                    inWord = false
                    k += width
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                lastWasBreak = false
                let isWordByte =
                    byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                if isWordByte && !inWord {
                    words += 1
                    if inLink { linkWords += 1 }
                }
                inWord = isWordByte
                bytes.append(byte)
                k += 1
            }
        }

        /// Ends the current block (if it has text), owned by the innermost open block element.
        private mutating func flush() {
            let owner = stack.last(where: { $0.block })?.node ?? 0
            flushOwned(by: owner)
        }

        private mutating func flushOwned(by owner: Int32) {
            defer {
                blockStart = bytes.count
                words = 0
                linkWords = 0
                pendingSpace = false
                inWord = false
                lastWasBreak = false
            }
            var end = bytes.count
            while end > blockStart, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A { end -= 1 }
            bytes.removeSubrange(end...)
            guard end > blockStart, words > 0 else {
                bytes.removeSubrange(blockStart...)
                return
            }
            // A list of links is judged by its links alone: its words need no closer look.
            let features =
                linkWords * 2 > words
                ? BlockFeatures(words: words)
                : bytes.withUnsafeBufferPointer {
                    BlockFeatures(
                        UnsafeBufferPointer(rebasing: $0[blockStart..<end]), vocabulary: vocabulary, scratch: &scratch)
                }
            var context: ContentBlock.Context = []
            func count(_ tag: HTMLTag) -> Int16 { open[Int(tag.rawValue)] }
            var headingLevel: UInt8 = 0
            for level in 1...6 where count(HTMLTag(rawValue: HTMLTag.h1.rawValue + UInt8(level - 1))!) > 0 {
                headingLevel = UInt8(level)
                context.insert(.heading)
                break
            }
            if count(.li) + count(.dd) + count(.dt) > 0 { context.insert(.list) }
            if count(.td) + count(.th) + count(.tr) > 0 { context.insert(.table) }
            if count(.blockquote) > 0 { context.insert(.quote) }
            if count(.pre) > 0 { context.insert(.preformatted) }
            if count(.figcaption) + count(.caption) > 0 { context.insert(.caption) }
            if count(.figure) > 0 { context.insert(.figure) }
            if count(.p) > 0 { context.insert(.paragraph) }
            if count(.time) > 0 { context.insert(.time) }
            if count(.address) > 0 { context.insert(.address) }
            if linkWords == words { context.insert(.allLink) }
            blocks.append(
                ContentBlock(
                    kind: kind(owner: owner), headingLevel: headingLevel, context: context, owner: owner,
                    range: blockStart..<end, words: words, linkWords: linkWords, features: features))
        }

        /// The innermost structure that says what the block is.
        private func kind(owner: Int32) -> ContentBlock.Kind {
            for entry in stack.reversed() {
                let tag = document.nodes[Int(entry.node)].tag
                switch tag {
                case .h1, .h2, .h3, .h4, .h5, .h6: return .heading
                case .li, .dd, .dt: return .listItem
                case .tr, .td, .th: return .tableRow
                case .pre: return .preformatted
                case .blockquote: return .quote
                case .figcaption, .caption: return .caption
                case .p: return .paragraph
                default: continue
                }
            }
            return .other
        }
    }
}

extension BlockFeatures {
    /// Features that only count words, for blocks judged on other grounds.
    init(words: Int) {
        self.words = words
    }
}
