import TribuneCore

/// The Analyze stage: the article's text in; its sentences and tokens, each token's part of
/// speech (UPOS and XPOS), lemma, syntactic head and dependency relation out.
///
/// The ``Segmenter`` splits the text; the ``SyntaxAnnotator`` (tagger, lemmatizer, parser) reads
/// each sentence. One analyzer, with its models loaded once, serves any number of threads.
public struct LinguisticAnalyzer: Sendable {
    private let segmenter: Segmenter
    private let syntax: SyntaxAnnotator?

    /// Loads the shipped word lists and models.
    public init() throws {
        try self.init(segmenter: Segmenter(), syntax: SyntaxAnnotator())
    }

    /// An analyzer with the given parts; without `syntax`, only sentences and tokens.
    public init(segmenter: Segmenter, syntax: SyntaxAnnotator?) {
        self.segmenter = segmenter
        self.syntax = syntax
    }

    /// Analyzes the paragraphs (byte ranges) of a UTF-8 text.
    public func analyze(_ utf8: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>]) -> AnalyzedText {
        let segmentation = segmenter.segment(utf8, paragraphs: paragraphs)
        guard let syntax else { return AnalyzedText(segmentation: segmentation) }
        var output = SyntaxAnnotator.Output()
        output.reserve(segmentation.tokens.count)
        var scratch = SyntaxAnnotator.Scratch()
        segmentation.tokens.withUnsafeBufferPointer { tokens in
            for sentence in segmentation.sentences where !sentence.tokens.isEmpty {
                syntax.annotate(
                    utf8, UnsafeBufferPointer(rebasing: tokens[sentence.tokens]), into: &output, scratch: &scratch)
            }
        }
        return AnalyzedText(segmentation: segmentation, syntax: output, annotator: syntax)
    }

    /// Analyzes a string whose paragraphs are separated by blank lines.
    public func analyze(_ text: String) -> AnalyzedText {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { analyze($0, paragraphs: Segmenter.paragraphs(of: $0)) }
    }
}

/// What the Analyze stage knows about a text, in UTF-8 byte offsets.
///
/// The per-token arrays run parallel to ``tokens``; they are empty when the text was only
/// segmented (``init(segmentation:)``).
public struct AnalyzedText: Sendable {
    public var segmentation: Segmentation
    /// Each token's universal part of speech.
    public var upos: [UniversalPOS] = []
    /// Each token's Penn Treebank tag (`NNP`, `VBD`…).
    public var xpos: [String] = []
    public var lemmas: [String] = []
    /// Each token's syntactic head, as an index into ``tokens``; `nil` for the root of its sentence.
    public var heads: [Int?] = []
    /// Each token's Universal Dependencies relation to its head (`nsubj`, `obj`, `nsubj:pass`…;
    /// `root` for a sentence's root).
    public var relations: [String] = []

    public init(segmentation: Segmentation) {
        self.segmentation = segmentation
    }

    init(segmentation: Segmentation, syntax: SyntaxAnnotator.Output, annotator: SyntaxAnnotator) {
        self.segmentation = segmentation
        let tagSet = annotator.tagger.tagSet
        upos = syntax.tags.map { tagSet.universal[Int($0)] }
        xpos = syntax.tags.map { tagSet.xpos[Int($0)] }
        lemmas = syntax.lemmas
        if let parser = annotator.parser {
            heads.reserveCapacity(syntax.heads.count)
            for sentence in segmentation.sentences {
                for index in sentence.tokens {
                    let head = Int(syntax.heads[index])
                    heads.append(head < 0 ? nil : sentence.tokens.lowerBound + head)
                }
            }
            relations = syntax.labels.map { parser.labels[Int($0)] }
        }
    }

    public var tokens: [Token] { segmentation.tokens }
    public var sentences: [Sentence] { segmentation.sentences }

    /// The tokens as the document JSON shows them, offsets converted to scalar indexes.
    public func documentTokens(_ offsets: ScalarOffsets) -> [DocumentToken] {
        segmentation.tokens.enumerated().map { index, token in
            DocumentToken(
                span: offsets.span(bytes: token.range),
                pos: index < upos.count ? upos[index].rawValue : nil,
                lemma: index < lemmas.count ? lemmas[index] : nil,
                head: index < heads.count ? heads[index] : nil,
                dep: index < relations.count ? relations[index] : nil)
        }
    }
}
