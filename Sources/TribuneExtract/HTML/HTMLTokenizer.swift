#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a page's UTF-8 into tags and text, as HTML5's tokenizer does, and hands them to the
/// tree builder as it goes.
///
/// One pass over the bytes, jumping with `memchr` to the next `<` in text, to the closing quote
/// of an attribute value and to the end of a script: most of a modern page's bytes are scripts,
/// styles and attribute values the extractor never reads. Comments, doctypes, processing
/// instructions and CDATA sections are skipped; `script`, `style` and the other raw-text elements
/// end only at their own end tag (with HTML5's rules for `<!--` inside scripts). Malformed
/// markup is read the way browsers read it; a tag cut off by the end of the input is dropped.
struct HTMLTokenizer {
    let input: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// The current tag's kept attributes (scratch, reused from tag to tag).
    private(set) var tagAttributes: [RawAttribute] = []
    private let attributeNames = HTMLAttributeName.nameTable

    /// An attribute as scanned: its id and where its value lies in the input.
    struct RawAttribute {
        var name: HTMLAttributeName
        var value: Range<Int>
    }

    /// How the content after a start tag is to be read.
    enum ContentModel {
        case data
        /// Raw text up to the end tag of the element (`style`, `xmp`, `noscript`…).
        case rawText
        /// Raw text whose character references count (`title`, `textarea`).
        case escapableRawText
        /// Script data: raw text, but `<!--` … `<script>` can hide a `</script>`.
        case script
        /// Everything to the end of the input is text.
        case plaintext
    }

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        tagAttributes.reserveCapacity(16)
    }

    mutating func run(into builder: inout HTMLTreeBuilder) {
        let count = input.count
        while position < count {
            let next = index(of: 0x3C, from: position) ?? count
            if next > position { builder.text(input, position..<next) }
            position = next
            guard position < count else { break }
            markup(into: &builder)
        }
    }

    // MARK: Markup

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0C || byte == 0x0D
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }

    /// At a `<`: a tag, a comment, a doctype, or a `<` that is only text.
    private mutating func markup(into builder: inout HTMLTreeBuilder) {
        let count = input.count
        let next = position + 1 < count ? input[position + 1] : 0
        if Self.isLetter(next) {
            startTag(into: &builder)
        } else if next == UInt8(ascii: "/") {
            let after = position + 2 < count ? input[position + 2] : 0
            if Self.isLetter(after) {
                endTag(into: &builder)
            } else if after == UInt8(ascii: ">") {
                position += 3
            } else if position + 2 >= count {
                builder.text(input, position..<count)
                position = count
            } else {
                skipBogusComment(from: position + 2)
            }
        } else if next == UInt8(ascii: "!") {
            declaration(inForeignContent: builder.inForeignContent)
        } else if next == UInt8(ascii: "?") {
            skipBogusComment(from: position + 1)
        } else {
            builder.text(input, position..<position + 1)
            position += 1
        }
    }

    /// Scans a tag name from `start`; returns its hash and where it ends.
    private func tagName(from start: Int) -> (hash: UInt64, end: Int) {
        var i = start
        var hash = HTMLName.seed
        let count = input.count
        while i < count {
            let byte = input[i]
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") { break }
            hash = HTMLName.mix(hash, byte)
            i += 1
        }
        return (hash, i)
    }

    private mutating func startTag(into builder: inout HTMLTreeBuilder) {
        let (hash, nameEnd) = tagName(from: position + 1)
        var kept: [RawAttribute] = []
        swap(&kept, &tagAttributes)
        kept.removeAll(keepingCapacity: true)
        let names = attributeNames
        let scanned = scanAttributes(from: nameEnd) { nameHash, value in
            // Only the attributes the extractor reads are kept; the first of a name wins.
            if let id = names.id(nameHash), let name = HTMLAttributeName(rawValue: id),
                !kept.contains(where: { $0.name == name })
            {
                kept.append(RawAttribute(name: name, value: value))
            }
        }
        swap(&kept, &tagAttributes)
        guard let (end, selfClosing) = scanned else {
            position = input.count  // cut off by the end of the input: dropped
            return
        }
        position = end
        let model = builder.startTag(hash, attributes: tagAttributes, selfClosing: selfClosing, input: input)
        switch model {
        case .data: break
        case .rawText, .escapableRawText, .script:
            rawText(hash: hash, model: model, into: &builder)
        case .plaintext:
            if position < input.count { builder.text(input, position..<input.count) }
            position = input.count
        }
    }

    private mutating func endTag(into builder: inout HTMLTreeBuilder) {
        let (hash, nameEnd) = tagName(from: position + 2)
        guard let (end, _) = scanAttributes(from: nameEnd, { _, _ in }) else {
            position = input.count
            return
        }
        position = end
        builder.endTag(hash)
    }

    /// Scans attributes up to and past the tag's `>`, handing each name's hash and value range to
    /// `body`; returns where the tag ends and whether it closed with `/>`, or `nil` when the input
    /// ends first.
    private func scanAttributes(from start: Int, _ body: (UInt64, Range<Int>) -> Void) -> (
        end: Int, selfClosing: Bool
    )? {
        let count = input.count
        var i = start
        while true {
            while i < count && Self.isSpace(input[i]) { i += 1 }
            guard i < count else { return nil }
            var byte = input[i]
            if byte == UInt8(ascii: ">") { return (i + 1, false) }
            if byte == UInt8(ascii: "/") {
                i += 1
                if i < count && input[i] == UInt8(ascii: ">") { return (i + 1, true) }
                continue
            }
            // The name: its first character may be `=`.
            var hash = HTMLName.mix(HTMLName.seed, byte)
            i += 1
            while i < count {
                byte = input[i]
                if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
                    || byte == UInt8(ascii: "=")
                {
                    break
                }
                hash = HTMLName.mix(hash, byte)
                i += 1
            }
            while i < count && Self.isSpace(input[i]) { i += 1 }
            var value = i..<i
            if i < count && input[i] == UInt8(ascii: "=") {
                i += 1
                while i < count && Self.isSpace(input[i]) { i += 1 }
                guard i < count else { return nil }
                let quote = input[i]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = index(of: quote, from: i + 1) else { return nil }
                    value = (i + 1)..<close
                    i = close + 1
                } else {
                    let valueStart = i
                    while i < count && !Self.isSpace(input[i]) && input[i] != UInt8(ascii: ">") { i += 1 }
                    value = valueStart..<i
                }
            }
            body(hash, value)
        }
    }

    /// The first `byte` at or after `start`, found with `memchr`.
    @inline(__always)
    private func index(of byte: UInt8, from start: Int) -> Int? {
        guard let base = input.baseAddress, start < input.count else { return nil }
        guard let found = memchr(base + start, Int32(byte), input.count - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// `<!--…-->`, `<!DOCTYPE …>`, `<![CDATA[…]]>`, or a bogus comment up to the next `>`.
    private mutating func declaration(inForeignContent: Bool) {
        let count = input.count
        let start = position + 2
        if start + 1 < count && input[start] == UInt8(ascii: "-") && input[start + 1] == UInt8(ascii: "-") {
            skipComment(from: start + 2)
        } else if inForeignContent, matches("[CDATA[", at: start, caseSensitive: true) {
            position = find("]]>", from: start + 7).map { $0 + 3 } ?? count
        } else {
            skipBogusComment(from: start)
        }
    }

    /// A comment's content starts at `start`: it ends at `-->` or `--!>`, and `<!-->` and
    /// `<!--->` are whole (empty) comments.
    private mutating func skipComment(from start: Int) {
        let count = input.count
        if start < count && input[start] == UInt8(ascii: ">") {
            position = start + 1
            return
        }
        if start + 1 < count && input[start] == UInt8(ascii: "-") && input[start + 1] == UInt8(ascii: ">") {
            position = start + 2
            return
        }
        var i = start
        while let g = index(of: 0x3E, from: i) {
            if g - 2 >= start && input[g - 1] == UInt8(ascii: "-") && input[g - 2] == UInt8(ascii: "-") {
                position = g + 1
                return
            }
            if g - 3 >= start && input[g - 1] == UInt8(ascii: "!") && input[g - 2] == UInt8(ascii: "-")
                && input[g - 3] == UInt8(ascii: "-")
            {
                position = g + 1
                return
            }
            i = g + 1
        }
        position = count
    }

    private mutating func skipBogusComment(from start: Int) {
        position = index(of: 0x3E, from: start).map { $0 + 1 } ?? input.count
    }

    // MARK: Raw text

    /// Reads the content of a raw-text element up to its end tag and hands both to the builder.
    private mutating func rawText(hash: UInt64, model: ContentModel, into builder: inout HTMLTreeBuilder) {
        let start = position
        guard let (contentEnd, tagEnd) = findEndTag(hash: hash, from: start, script: model == .script) else {
            builder.rawText(input, start..<input.count, decode: model == .escapableRawText)
            position = input.count
            return
        }
        builder.rawText(input, start..<contentEnd, decode: model == .escapableRawText)
        position = tagEnd
        builder.endTag(hash)
    }

    /// Finds `</name` followed by white space, `/` or `>`: where the content ends and where the
    /// end tag does. In script data, an end tag inside `<!-- <script> … -->` does not count.
    private func findEndTag(hash: UInt64, from start: Int, script: Bool) -> (contentEnd: Int, tagEnd: Int)? {
        let count = input.count
        var i = start
        var escaped = false
        var doubleEscaped = false
        while i < count {
            guard let l = index(of: 0x3C, from: i) else { return nil }
            if script {
                // `-->` between here and the `<` ends an escaped section.
                if escaped && find("-->", from: i, before: l) != nil {
                    escaped = false
                    doubleEscaped = false
                }
                if !escaped, matches("<!--", at: l, caseSensitive: true) {
                    escaped = true
                    i = l + 4
                    continue
                }
                if escaped && !doubleEscaped, matches("<script", at: l, caseSensitive: false),
                    l + 7 < count,
                    Self.isSpace(input[l + 7]) || input[l + 7] == UInt8(ascii: "/")
                        || input[l + 7] == UInt8(ascii: ">")
                {
                    doubleEscaped = true
                    i = l + 7
                    continue
                }
            }
            if l + 1 < count && input[l + 1] == UInt8(ascii: "/") {
                let (nameHash, nameEnd) = tagName(from: l + 2)
                if nameHash == hash && nameEnd > l + 2 && nameEnd < count {
                    if doubleEscaped {
                        doubleEscaped = false
                        i = nameEnd
                        continue
                    }
                    guard let (end, _) = scanAttributes(from: nameEnd, { _, _ in }) else { return (l, count) }
                    return (l, end)
                }
            }
            i = l + 1
        }
        return nil
    }

    private func matches(_ literal: StaticString, at start: Int, caseSensitive: Bool) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard start + length <= input.count else { return false }
        let bytes = literal.utf8Start
        for k in 0..<length {
            let byte = input[start + k]
            if caseSensitive ? byte != bytes[k] : byte | 0x20 != bytes[k] | 0x20 { return false }
        }
        return true
    }

    private func find(_ literal: StaticString, from start: Int, before limit: Int? = nil) -> Int? {
        let length = literal.utf8CodeUnitCount
        let end = (limit ?? input.count) - length
        var i = start
        while i <= end {
            if matches(literal, at: i, caseSensitive: true) { return i }
            i += 1
        }
        return nil
    }
}
