import TribuneCoding
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
        /// Sources larger than this many bytes are refused with an error naming them
        /// (`--max-bytes`): the bound that keeps one hostile input from taking the machine.
        public var maximumBytes: Int

        public init(
            includeTokens: Bool = false, published: String? = nil, maximumBytes: Int = Pipeline.defaultMaximumBytes
        ) {
            self.includeTokens = includeTokens
            self.published = published
            self.maximumBytes = maximumBytes
        }
    }

    /// The default bound on one source: 64 MiB, above any real article page (the largest news
    /// pages are a few MB) and within what one document's analysis holds under 1 GiB resident.
    public static let defaultMaximumBytes = 64 << 20

    public var options: Options
    private let extractor: ArticleExtractor
    private let analyzer: LinguisticAnalyzer
    private let coder: DocumentCoder

    /// Loads the shipped resources.
    public init(options: Options = Options()) throws {
        self.options = options
        self.extractor = try ArticleExtractor()
        self.analyzer = try LinguisticAnalyzer()
        self.coder = try DocumentCoder()
    }

    public func analyze(_ source: SourceDocument) throws -> Document {
        if source.bytes.count > options.maximumBytes {
            throw AnalysisError(uri: source.uri, reason: Self.tooLarge(source.bytes.count, limit: options.maximumBytes))
        }
        return assemble(try extractor.extract(source), from: source)
    }

    /// The reason given for a source over the size limit.
    public static func tooLarge(_ size: Int, limit: Int) -> String {
        "too large: \(size) bytes, over the limit of \(limit) (--max-bytes)"
    }

    /// Lays the paragraphs out as the document text, analyzes and codes it, and converts every
    /// offset to scalar indexes.
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
        let analysis = utf8.withUnsafeBufferPointer { analyzer.analyze($0, paragraphs: paragraphRanges) }

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
            sentences: analysis.sentences.map { offsets.span(bytes: $0.bytes) }
        )
        if options.includeTokens {
            document.tokens = analysis.documentTokens(offsets)
        }
        let annotations = coder.code(
            CodingContext(utf8: utf8, offsets: offsets, analysis: analysis, published: document.published))
        document.entities = annotations.entities
        document.events = annotations.events
        document.quotes = annotations.quotes
        document.times = annotations.times
        document.places = annotations.places
        document.counts = annotations.counts
        return document
    }
}
