import TribuneCore
import TribuneExtract
import TribuneNLP

/// Tribune's pipeline: source bytes in, an analyzed ``Document`` out.
///
/// Extract finds the article; Analyze splits it into sentences and tokens; the stages that
/// resolve and code it join as they land. One pipeline, with every resource loaded once,
/// serves any number of threads.
public struct Pipeline: DocumentAnalyzer {
    public struct Options: Sendable {
        /// Put the tokens into the document (`--tokens`).
        public var includeTokens = false
        /// The publication date to assume when neither the page nor its record gives one:
        /// the anchor for relative dates.
        public var published: String?

        public init(includeTokens: Bool = false, published: String? = nil) {
            self.includeTokens = includeTokens
            self.published = published
        }
    }

    public var options: Options
    private let cleaner: TextCleaner
    private let segmenter: Segmenter

    /// Loads the shipped resources.
    public init(options: Options = Options()) throws {
        self.options = options
        self.cleaner = try TextCleaner()
        self.segmenter = try Segmenter()
    }

    public func analyze(_ source: SourceDocument) throws -> Document {
        let article: Article
        switch source.content {
        case .html:
            throw AnalysisError(
                uri: source.uri, reason: "HTML input is not yet supported (text and JSONL text records are)")
        case .text:
            let text: String
            do {
                text = try TextDecoding.decode(source.bytes)
            } catch {
                throw AnalysisError(uri: source.uri, reason: error.reason)
            }
            article = cleaner.clean(text)
        }
        return assemble(article, from: source)
    }

    /// Lays the paragraphs out as the document text, segments it and converts every offset to
    /// scalar indexes.
    func assemble(_ article: Article, from source: SourceDocument) -> Document {
        var utf8: [UInt8] = []
        var paragraphRanges: [Range<Int>] = []
        for paragraph in article.paragraphs {
            if !utf8.isEmpty { utf8.append(contentsOf: [0x0A, 0x0A]) }
            let start = utf8.count
            utf8.append(contentsOf: paragraph.utf8)
            paragraphRanges.append(start..<utf8.count)
        }
        let text = String(decoding: utf8, as: UTF8.self)
        let offsets = ScalarOffsets(utf8)
        let segmentation = utf8.withUnsafeBufferPointer { segmenter.segment($0, paragraphs: paragraphRanges) }

        var document = Document(
            id: SHA256.hex(source.bytes),
            source: DocumentSource(uri: source.uri, format: source.format),
            title: article.title ?? source.title,
            published: article.published ?? source.published ?? options.published,
            authors: article.authors,
            site: article.site ?? source.site,
            language: article.language,
            text: text,
            paragraphs: paragraphRanges.map { offsets.span(bytes: $0) },
            removed: article.removed,
            sentences: segmentation.sentences.map { offsets.span(bytes: $0.bytes) }
        )
        if options.includeTokens {
            document.tokens = segmentation.tokens.map { DocumentToken(span: offsets.span(bytes: $0.range)) }
        }
        return document
    }
}
