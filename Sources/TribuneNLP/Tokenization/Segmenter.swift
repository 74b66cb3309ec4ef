import TribuneCore

/// A token: a range of bytes of the UTF-8 text.
public struct Token: Sendable, Hashable {
    /// The offset of the token's first byte.
    public var start: Int32
    /// The offset just past the token's last byte.
    public var end: Int32

    public init(start: Int32, end: Int32) {
        self.start = start
        self.end = end
    }

    /// The token's bytes as a range of offsets.
    public var range: Range<Int> { Int(start)..<Int(end) }
}

/// A sentence: a range of token indexes and the bytes it covers, from its first token's start to
/// its last token's end.
public struct Sentence: Sendable, Hashable {
    /// Indexes into ``Segmentation/tokens``.
    public var tokens: Range<Int>
    public var bytes: Range<Int>

    public init(tokens: Range<Int>, bytes: Range<Int>) {
        self.tokens = tokens
        self.bytes = bytes
    }
}

/// Tokens and sentences of a text.
public struct Segmentation: Sendable, Hashable {
    /// Every token of every paragraph, in text order.
    public var tokens: [Token] = []
    /// Every sentence, in text order; together they hold every token once.
    public var sentences: [Sentence] = []

    public init() {}
}

/// Splits text into tokens and sentences, by rules, keeping byte offsets.
///
/// Tokens follow the conventions of the Universal Dependencies English treebanks, which the
/// tagger and parser are trained on (see ``Tokenizer``); sentences end at sentence-final
/// punctuation unless an abbreviation, a quotation or the next word says otherwise (see
/// ``SentenceSplitter``). Both read the word lists in `Resources` (abbreviations, titles, hyphen
/// prefixes, contractions, emoticons, sentence starters), loaded once by `init()`.
///
/// A `Segmenter` is immutable: one instance serves any number of threads.
///
/// ```swift
/// let segmenter = try Segmenter()
/// let text = "Dr. Smith arrived at 10 a.m. Monday. He left."
/// let result = segmenter.segment(text)
/// // result.sentences.count == 2; "Dr.", "a.m." and "Monday" are tokens
/// ```
public struct Segmenter: Sendable {
    let tokenizer: Tokenizer
    let splitter: SentenceSplitter

    /// Loads the shipped word lists and boundary model.
    public init() throws {
        try self.init(lexicon: SegmenterLexicon(), model: BoundaryModel.load())
    }

    /// Loads the shipped word lists, and the boundary model only if `learned` is true; without
    /// it, sentences end by the rules alone (to measure what the model adds).
    public init(learned: Bool) throws {
        try self.init(lexicon: SegmenterLexicon(), model: learned ? BoundaryModel.load() : nil)
    }

    /// A segmenter with the given lists; without a model, sentence ends follow the rules alone.
    init(lexicon: SegmenterLexicon, model: BoundaryModel?) {
        tokenizer = Tokenizer(lexicon: lexicon)
        splitter = SentenceSplitter(lexicon: lexicon, model: model)
    }

    /// Segments each paragraph (a byte range of `utf8`). A sentence never crosses a paragraph
    /// end, and every paragraph that holds a token ends a sentence.
    ///
    /// Ranges outside the text are clipped; empty paragraphs yield nothing. Runs in time linear in
    /// the length of the paragraphs.
    public func segment(_ utf8: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>]) -> Segmentation {
        var buffer = TokenBuffer()
        var sentences: [Sentence] = []
        var features = BoundaryFeatures()
        buffer.reserve(paragraphs.reduce(0) { $0 + $1.count } / 5 + 16)
        let limit = min(utf8.count, Int(Int32.max))  // offsets are 32-bit
        for paragraph in paragraphs {
            let lower = max(0, min(paragraph.lowerBound, limit))
            let upper = max(lower, min(paragraph.upperBound, limit))
            let first = buffer.count
            tokenizer.tokenize(utf8, paragraph: lower..<upper, into: &buffer)
            splitter.split(utf8, buffer, tokens: first..<buffer.count, features: &features, into: &sentences)
        }
        var result = Segmentation()
        result.tokens = buffer.tokens
        result.sentences = sentences
        return result
    }

    /// Segments a string whose paragraphs are separated by blank lines (`"\n\n"`, possibly with
    /// spaces between the line breaks). Offsets are UTF-8 byte offsets into `text`.
    public func segment(_ text: String) -> Segmentation {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { segment($0, paragraphs: Self.paragraphs(of: $0)) }
    }

    /// The paragraphs of text separated by blank lines.
    public static func paragraphs(of utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var paragraphs: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < utf8.count {
            guard utf8[index] == 0x0A else {
                index += 1
                continue
            }
            var probe = index + 1
            while probe < utf8.count, utf8[probe] == 0x20 || utf8[probe] == 0x09 || utf8[probe] == 0x0D { probe += 1 }
            if probe < utf8.count, utf8[probe] == 0x0A {
                if index > start { paragraphs.append(start..<index) }
                while probe < utf8.count, utf8[probe] == 0x0A || utf8[probe] == 0x20 || utf8[probe] == 0x0D {
                    probe += 1
                }
                start = probe
                index = probe
            } else {
                index += 1
            }
        }
        if utf8.count > start { paragraphs.append(start..<utf8.count) }
        return paragraphs
    }
}
