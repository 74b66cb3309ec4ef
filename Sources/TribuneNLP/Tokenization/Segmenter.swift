import TribuneCore

/// A token: a byte range of the text.
public struct Token: Sendable, Hashable {
    public var start: Int32
    public var end: Int32
    public init(start: Int32, end: Int32) {
        self.start = start
        self.end = end
    }
    public var range: Range<Int> { Int(start)..<Int(end) }
}

/// A sentence: a range of token indexes and the bytes it covers.
public struct Sentence: Sendable, Hashable {
    public var tokens: Range<Int>
    public var bytes: Range<Int>
    public init(tokens: Range<Int>, bytes: Range<Int>) {
        self.tokens = tokens
        self.bytes = bytes
    }
}

/// Tokens and sentences of a text.
public struct Segmentation: Sendable, Hashable {
    public var tokens: [Token] = []
    public var sentences: [Sentence] = []
    public init() {}
}

/// Splits paragraphs into tokens and sentences.
public struct Segmenter: Sendable {
    public init() throws {}

    /// Segments each paragraph (a byte range of `utf8`); a sentence never crosses a paragraph.
    public func segment(_ utf8: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>]) -> Segmentation {
        // Placeholder until the tokenizer lands: white-space tokens, one sentence per paragraph.
        var result = Segmentation()
        for paragraph in paragraphs {
            let first = result.tokens.count
            var i = paragraph.lowerBound
            while i < paragraph.upperBound {
                while i < paragraph.upperBound, utf8[i] == 0x20 || utf8[i] == 0x0A { i += 1 }
                let start = i
                while i < paragraph.upperBound, utf8[i] != 0x20, utf8[i] != 0x0A { i += 1 }
                if i > start { result.tokens.append(Token(start: Int32(start), end: Int32(i))) }
            }
            if result.tokens.count > first {
                result.sentences.append(Sentence(tokens: first..<result.tokens.count, bytes: paragraph))
            }
        }
        return result
    }
}
