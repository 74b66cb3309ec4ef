/// One input to the pipeline: the bytes of a page or text, where they came from, and any
/// metadata the record carried alongside them.
public struct SourceDocument: Sendable {
    /// What the payload bytes are.
    public enum Content: String, Sendable, Hashable {
        /// Text a scraper left behind, or any plain text.
        case text
        /// An HTML page.
        case html
    }

    /// The input's address, used in messages and in the document's `source.uri`.
    public var uri: String
    /// The container the input was read from (`text`, `html`, `jsonl`, `warc`).
    public var format: DocumentSource.Format
    public var content: Content
    /// The payload. The document id is its SHA-256.
    public var bytes: [UInt8]
    /// Metadata carried by the record (a JSONL line's `title`, `published`, `site`), used when
    /// the page itself does not say.
    public var title: String?
    public var published: String?
    public var site: String?

    public init(
        uri: String, format: DocumentSource.Format, content: Content, bytes: [UInt8], title: String? = nil,
        published: String? = nil, site: String? = nil
    ) {
        self.uri = uri
        self.format = format
        self.content = content
        self.bytes = bytes
        self.title = title
        self.published = published
        self.site = site
    }
}

/// Turns a source into an analyzed document. Implementations are thread-safe: one instance,
/// with its models and dictionaries loaded once, serves every thread.
public protocol DocumentAnalyzer: Sendable {
    func analyze(_ source: SourceDocument) throws -> Document
}

/// Why one input could not be analyzed. The message names the input.
public struct AnalysisError: Error, Sendable, CustomStringConvertible {
    public var uri: String
    public var reason: String

    public init(uri: String, reason: String) {
        self.uri = uri
        self.reason = reason
    }

    public var description: String { "\(uri): \(reason)" }
}
