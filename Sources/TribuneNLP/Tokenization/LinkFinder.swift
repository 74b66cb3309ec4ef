/// Recognizes URLs and e-mail addresses, which the tokenizer keeps whole.
///
/// A link is a chunk of text between white space, less the brackets, quotes and punctuation
/// around it, that starts with a scheme (`https://`, `mailto:`) or `www.`, is an address
/// (`name@example.org`, or `Move-Team@ENRON` inside a company), or is a host name with a path
/// (`bbc.co.uk/news`).
struct LinkFinder {
    let text: UnsafeBufferPointer<UInt8>

    /// The link inside `chunk`, or nil.
    func link(in chunk: Range<Int>) -> Range<Int>? {
        guard chunk.count >= 5, mayHoldLink(chunk) else { return nil }
        var start = chunk.lowerBound
        var end = chunk.upperBound
        while start < end, let length = openerLength(at: start, end) { start += length }
        let opensBracket = (start..<end).contains { text[$0] == 0x28 }
        while end > start, let length = closerLength(before: end, start, opensBracket: opensBracket) { end -= length }
        guard end - start >= 4 else { return nil }
        let core = start..<end
        if hasScheme(core) || startsWithWWW(core) || isEmail(core) || isHostWithPath(core) { return core }
        return nil
    }

    /// A quick test before looking closer: an `@`, a `/` or a `www.`.
    private func mayHoldLink(_ chunk: Range<Int>) -> Bool {
        for index in chunk {
            let byte = text[index]
            if byte == 0x40 || byte == 0x2F { return true }
            if byte | 0x20 == 0x77, index + 3 < chunk.upperBound, text[index + 1] | 0x20 == 0x77,
                text[index + 2] | 0x20 == 0x77, text[index + 3] == 0x2E
            {
                return true
            }
        }
        return false
    }

    private func openerLength(at index: Int, _ end: Int) -> Int? {
        switch text[index] {
        case 0x28, 0x5B, 0x7B, 0x3C, 0x22, 0x27: return 1  // ( [ { < " '
        case 0xE2 where index + 2 < end && text[index + 1] == 0x80:
            // ‘ “ (U+2018, U+201C)
            return text[index + 2] == 0x98 || text[index + 2] == 0x9C ? 3 : nil
        case 0xC2 where index + 1 < end && text[index + 1] == 0xAB: return 2  // «
        default: return nil
        }
    }

    private func closerLength(before end: Int, _ start: Int, opensBracket: Bool) -> Int? {
        let byte = text[end - 1]
        switch byte {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x5D, 0x7D, 0x3E, 0x22, 0x27: return 1  // . , ; : ! ? ] } > " '
        case 0x29:  // ")" stays when the link opened one: "…/Chernobyl_(disaster)"
            return opensBracket ? nil : 1
        case 0x99, 0x9D:  // ’ ”
            return end - start >= 3 && text[end - 3] == 0xE2 && text[end - 2] == 0x80 ? 3 : nil
        case 0xBB:  // »
            return end - start >= 2 && text[end - 2] == 0xC2 ? 2 : nil
        default:
            return nil
        }
    }

    private func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39) }

    /// `scheme://` (2 to 10 letters), or `mailto:`.
    private func hasScheme(_ core: Range<Int>) -> Bool {
        var index = core.lowerBound
        while index < core.upperBound, isASCIILetter(text[index]) { index += 1 }
        let letters = index - core.lowerBound
        guard letters >= 2, letters <= 10, index < core.upperBound, text[index] == 0x3A else { return false }
        if index + 2 < core.upperBound, text[index + 1] == 0x2F, text[index + 2] == 0x2F { return true }
        return letters == 6 && index + 1 < core.upperBound
            && zip(core.lowerBound..<index, "mailto".utf8).allSatisfy { text[$0] | 0x20 == $1 }
    }

    private func startsWithWWW(_ core: Range<Int>) -> Bool {
        core.count > 4 && (0..<3).allSatisfy { text[core.lowerBound + $0] | 0x20 == 0x77 }
            && text[core.lowerBound + 3] == 0x2E
    }

    /// `local@host.tld`.
    private func isEmail(_ core: Range<Int>) -> Bool {
        guard let at = core.firstIndex(where: { text[$0] == 0x40 }), at > core.lowerBound else { return false }
        let localOK = (core.lowerBound..<at).allSatisfy {
            let byte = text[$0]
            return isASCIIAlphanumeric(byte) || byte == 0x2E || byte == 0x5F || byte == 0x25 || byte == 0x2B
                || byte == 0x2D
        }
        return localOK && (isHost(at + 1..<core.upperBound) || isMailbox(at + 1..<core.upperBound))
    }

    /// An internal mail domain without dots, as in `Team@ENRON`: two letters or more.
    private func isMailbox(_ range: Range<Int>) -> Bool {
        range.count >= 2 && range.allSatisfy { isASCIILetter(text[$0]) }
    }

    /// `host.tld/path`.
    private func isHostWithPath(_ core: Range<Int>) -> Bool {
        guard let slash = core.firstIndex(where: { text[$0] == 0x2F }), slash + 1 < core.upperBound else {
            return false
        }
        return isHost(core.lowerBound..<slash)
    }

    /// Letters, digits, dots and hyphens, with a dot, ending in a label of 2 to 6 letters.
    private func isHost(_ range: Range<Int>) -> Bool {
        guard let first = range.first, isASCIIAlphanumeric(text[first]) else { return false }
        var lastDot: Int?
        for index in range {
            let byte = text[index]
            if byte == 0x2E {
                lastDot = index
            } else if !isASCIIAlphanumeric(byte) && byte != 0x2D {
                return false
            }
        }
        guard let dot = lastDot else { return false }
        let label = dot + 1..<range.upperBound
        return label.count >= 2 && label.count <= 6 && label.allSatisfy { isASCIILetter(text[$0]) }
    }
}
