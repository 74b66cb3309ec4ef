import TribuneCore

/// The Analyze stage: the article's text in, its sentences and tokens out (and, as the models
/// land, their tags, lemmas and dependency parse).
///
/// One analyzer, with its models loaded once, serves any number of threads.
public struct LinguisticAnalyzer: Sendable {
    private let segmenter: Segmenter

    public init() throws {
        segmenter = try Segmenter()
    }

    /// Analyzes the paragraphs (byte ranges) of a UTF-8 text.
    public func analyze(_ utf8: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>]) -> AnalyzedText {
        AnalyzedText(segmentation: segmenter.segment(utf8, paragraphs: paragraphs))
    }
}

/// What the Analyze stage knows about a text, in UTF-8 byte offsets.
public struct AnalyzedText: Sendable {
    public var segmentation: Segmentation

    public init(segmentation: Segmentation) {
        self.segmentation = segmentation
    }

    public var tokens: [Token] { segmentation.tokens }
    public var sentences: [Sentence] { segmentation.sentences }

    /// The tokens as the document JSON shows them, offsets converted to scalar indexes.
    public func documentTokens(_ offsets: ScalarOffsets) -> [DocumentToken] {
        segmentation.tokens.map { DocumentToken(span: offsets.span(bytes: $0.range)) }
    }
}
