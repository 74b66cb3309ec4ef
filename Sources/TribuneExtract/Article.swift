import TribuneCore

/// What extraction finds in a page: the article's paragraphs and its metadata, and what it
/// dropped on the way.
public struct Article: Sendable, Hashable {
    public var title: String?
    /// ISO 8601 date or date-time, when the page says.
    public var published: String?
    public var authors: [String]
    public var site: String?
    /// ISO 639-1 code, when known.
    public var language: String?
    /// The body, one entry per paragraph or heading, in reading order; no entry is empty.
    public var paragraphs: [String]
    public var removed: [RemovedText]

    public init(
        title: String? = nil, published: String? = nil, authors: [String] = [], site: String? = nil,
        language: String? = nil, paragraphs: [String] = [], removed: [RemovedText] = []
    ) {
        self.title = title
        self.published = published
        self.authors = authors
        self.site = site
        self.language = language
        self.paragraphs = paragraphs
        self.removed = removed
    }
}
