/// A stretch of text between quotation marks, in UTF-8 byte offsets.
struct QuotedSegment: Hashable {
    /// From the opening mark to the end of the closing mark (or of the paragraph).
    var outer: Range<Int>
    /// The quoted words, without the marks and the spaces next to them.
    var content: Range<Int>
    var paragraph: Int
    /// Its paragraph ends inside the quote and the next paragraph opens a quote that goes on.
    var continuesNext = false
    /// It goes on from the previous paragraph's quote.
    var continuesPrevious = false
}

/// Pairs the quotation marks of a text: straight (`"`) and curly (`“ ”`) double quotes and
/// guillemets (`« »`). Marks inside a quote nest (inner quotes are part of the outer one); a
/// paragraph that opens a quote and does not close it goes on in the next paragraph when that
/// one opens with a quotation mark, as news style writes long quotes. Single quotes are left
/// alone: in English text most of them are apostrophes.
enum QuoteMarks {
    enum Mark { case open, close, either }

    /// The quoted segments of `utf8`, paragraphs being separated by blank lines.
    static func segments(_ utf8: [UInt8]) -> [QuotedSegment] {
        let paragraphs = paragraphRanges(utf8)
        var segments: [QuotedSegment] = []
        var carried = false
        for (number, paragraph) in paragraphs.enumerated() {
            var open: Int?
            var continuing = false
            var nested = 0
            var index = paragraph.lowerBound
            while index < paragraph.upperBound {
                guard let (mark, length) = mark(utf8, at: index, in: paragraph) else {
                    index += 1
                    continue
                }
                switch (mark, open) {
                case (.open, nil):
                    open = index
                    continuing = carried && index == firstNonSpace(utf8, paragraph)
                case (.open, _):
                    nested += 1
                case (.close, let start?) where nested == 0:
                    segments.append(
                        segment(
                            utf8, start: start, end: index + length, contentEnd: index, paragraph: number,
                            continuesPrevious: continuing))
                    open = nil
                case (.close, _):
                    nested = max(0, nested - 1)
                case (.either, nil):
                    open = index
                    continuing = carried && index == firstNonSpace(utf8, paragraph)
                case (.either, let start?):
                    if nested > 0 {
                        nested -= 1
                    } else {
                        segments.append(
                            segment(
                                utf8, start: start, end: index + length, contentEnd: index, paragraph: number,
                                continuesPrevious: continuing))
                        open = nil
                    }
                }
                index += length
            }
            carried = false
            if let start = open {
                var last = segment(
                    utf8, start: start, end: paragraph.upperBound, contentEnd: paragraph.upperBound, paragraph: number,
                    continuesPrevious: continuing)
                if number + 1 < paragraphs.count, let next = paragraphs.dropFirst(number + 1).first,
                    let first = firstNonSpace(utf8, next), let (mark, _) = mark(utf8, at: first, in: next),
                    mark != .close
                {
                    last.continuesNext = true
                    carried = true
                }
                segments.append(last)
            }
        }
        return segments
    }

    private static func segment(
        _ utf8: [UInt8], start: Int, end: Int, contentEnd: Int, paragraph: Int, continuesPrevious: Bool
    ) -> QuotedSegment {
        var from = start + markLength(utf8, at: start)
        var to = contentEnd
        while from < to, utf8[from] == 0x20 || utf8[from] == 0x0A { from += 1 }
        while to > from, utf8[to - 1] == 0x20 || utf8[to - 1] == 0x0A { to -= 1 }
        return QuotedSegment(
            outer: start..<end, content: from..<to, paragraph: paragraph, continuesPrevious: continuesPrevious)
    }

    /// The mark at `index`, if any, and its length in bytes. A straight quote opens when it
    /// follows a space (or the paragraph's start) and precedes a non-space; else it closes.
    static func mark(_ utf8: [UInt8], at index: Int, in paragraph: Range<Int>) -> (Mark, Int)? {
        let byte = utf8[index]
        if byte == 0x22 {
            let before = index > paragraph.lowerBound ? utf8[index - 1] : 0x20
            let after = index + 1 < paragraph.upperBound ? utf8[index + 1] : 0x20
            let opensAfter = before == 0x20 || before == 0x28 || before == 0x5B || before == 0x0A || before == 0x2D
            if opensAfter && after != 0x20 { return (.either, 1) }
            return (.close, 1)
        }
        if byte == 0xE2, index + 2 < utf8.count, utf8[index + 1] == 0x80 {
            if utf8[index + 2] == 0x9C { return (.open, 3) }
            if utf8[index + 2] == 0x9D { return (.close, 3) }
        }
        if byte == 0xC2, index + 1 < utf8.count {
            if utf8[index + 1] == 0xAB { return (.open, 2) }
            if utf8[index + 1] == 0xBB { return (.close, 2) }
        }
        return nil
    }

    private static func markLength(_ utf8: [UInt8], at index: Int) -> Int {
        switch utf8[index] {
        case 0xE2: 3
        case 0xC2: 2
        default: 1
        }
    }

    private static func firstNonSpace(_ utf8: [UInt8], _ range: Range<Int>) -> Int? {
        range.first { utf8[$0] != 0x20 && utf8[$0] != 0x0A }
    }

    /// The paragraphs: text between blank lines.
    static func paragraphRanges(_ utf8: [UInt8]) -> [Range<Int>] {
        var paragraphs: [Range<Int>] = []
        var start = 0
        var index = 0
        while index + 1 < utf8.count {
            if utf8[index] == 0x0A, utf8[index + 1] == 0x0A {
                if index > start { paragraphs.append(start..<index) }
                index += 2
                while index < utf8.count, utf8[index] == 0x0A { index += 1 }
                start = index
                continue
            }
            index += 1
        }
        if start < utf8.count { paragraphs.append(start..<utf8.count) }
        return paragraphs
    }
}
