import TribuneCore
import TribuneNLP

/// What the coding stages read: the article's text, its linguistic analysis, and the date it
/// was published (the anchor for relative dates).
public struct CodingContext: Sendable {
    /// The document text as UTF-8 bytes; the analysis's offsets point into it.
    public let utf8: [UInt8]
    /// Converts byte offsets to the scalar indexes the document uses.
    public let offsets: ScalarOffsets
    public let analysis: AnalyzedText
    /// ISO 8601 publication date, or `nil` when unknown.
    public let published: String?

    public init(utf8: [UInt8], offsets: ScalarOffsets, analysis: AnalyzedText, published: String?) {
        self.utf8 = utf8
        self.offsets = offsets
        self.analysis = analysis
        self.published = published
    }
}

/// The annotations the coding stages add to a document.
public struct Annotations: Sendable, Hashable {
    public var entities: [Entity] = []
    public var events: [Event] = []
    public var quotes: [Quote] = []
    public var times: [TimeExpression] = []
    public var places: [Place] = []
    public var counts: [Count] = []

    public init() {}
}

/// The Resolve and Code stages: entities and actors, times and places, events, quotes and
/// counts, read from the analyzed text. Each joins here as it lands.
///
/// One coder, with its dictionaries loaded once, serves any number of threads.
public struct DocumentCoder: Sendable {
    public init() throws {}

    public func code(_ context: CodingContext) -> Annotations {
        Annotations()
    }
}
