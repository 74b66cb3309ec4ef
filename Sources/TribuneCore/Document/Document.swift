/// One analyzed article: the contract between Tribune and everything downstream.
///
/// Its JSON form (``jsonBytes(pretty:)``) is the `tribune.document/1` schema of
/// `SCHEMA.md`. Every span is a pair of Unicode scalar indexes into ``text``.
public struct Document: Hashable, Sendable, Identifiable {
    /// The schema name written into every document.
    public static let schema = "tribune.document/1"

    /// Hex SHA-256 of the source bytes: the content key.
    public var id: String
    public var source: DocumentSource
    public var title: String?
    /// ISO 8601 date or date-time, or `nil` when unknown. Never invented.
    public var published: String?
    public var authors: [String]
    public var site: String?
    public var language: String?
    /// The clean article body; paragraphs separated by a blank line (`"\n\n"`).
    public var text: String
    public var paragraphs: [Span]
    /// What cleanup dropped from the page, and why.
    public var removed: [RemovedText]
    public var sentences: [Span]
    /// Tokens, when asked for (`--tokens`); `nil` leaves them out of the JSON.
    public var tokens: [DocumentToken]?
    public var entities: [Entity]
    public var events: [Event]
    public var quotes: [Quote]
    public var times: [TimeExpression]
    public var places: [Place]
    public var counts: [Count]

    public init(
        id: String, source: DocumentSource, title: String? = nil, published: String? = nil,
        authors: [String] = [], site: String? = nil, language: String? = nil, text: String,
        paragraphs: [Span] = [], removed: [RemovedText] = [], sentences: [Span] = [],
        tokens: [DocumentToken]? = nil, entities: [Entity] = [], events: [Event] = [],
        quotes: [Quote] = [], times: [TimeExpression] = [], places: [Place] = [],
        counts: [Count] = []
    ) {
        self.id = id
        self.source = source
        self.title = title
        self.published = published
        self.authors = authors
        self.site = site
        self.language = language
        self.text = text
        self.paragraphs = paragraphs
        self.removed = removed
        self.sentences = sentences
        self.tokens = tokens
        self.entities = entities
        self.events = events
        self.quotes = quotes
        self.times = times
        self.places = places
        self.counts = counts
    }
}
