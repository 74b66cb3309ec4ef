import TribuneCore

/// Where Tribune keeps what it has read: documents keyed by the hash of their source bytes,
/// every annotation in tables made for the questions researchers ask, and the inputs that
/// failed.
///
/// Two backends implement it: ``SQLiteStore`` (a file, no server: the default) and
/// `PostgresStore` (module `TribunePostgres`, built with the `Postgres` trait). Methods are
/// synchronous and safe to call from several threads; each write is one transaction.
public protocol Store: AnyObject, Sendable {
    /// A short description for messages: the file path, or the server and database.
    var location: String { get }

    /// The ids among `ids` that are already stored.
    func existingDocumentIDs(_ ids: [String]) throws -> Set<String>

    /// Stores a batch in one transaction: its documents (skipping any already stored), their
    /// sources and annotations, and its failures. Documents stored clear an earlier failure
    /// of the same input.
    func write(_ batch: IngestBatch) throws -> WriteResult

    /// Replaces the annotations (and text, if it changed) of stored documents with a new
    /// analysis, in one transaction: the old coding stays until the new one commits.
    func replace(_ documents: [Document]) throws

    /// Stored sources in storage order, after `cursor` (a document's ``StoredSource/seq``).
    func sources(after cursor: Int64?, limit: Int) throws -> [StoredSource]

    /// One document by its id, a unique prefix of it (at least four characters), or its URI.
    func document(matching key: String) throws -> DocumentLookup

    /// Documents by their store numbers, in any order.
    func documents(seqs: [Int64]) throws -> [Int64: StoredDocument]

    /// Store numbers of documents in storage order, after `cursor`: for walking every document.
    func documentSeqs(after cursor: Int64?, limit: Int) throws -> [Int64]

    /// Events matching a query, in the query's order, at most `query.limit` of them.
    func events(_ query: EventQuery) throws -> [EventRecord]

    /// How many events match a query's filters (its order, cursor and limit aside).
    func countEvents(_ query: EventQuery) throws -> Int

    /// Quotes matching a query, newest first.
    func quotes(_ query: QuoteQuery) throws -> [QuoteRecord]

    /// The actors that appear most often, as source or target, in the events matching `query`.
    func topActors(_ query: EventQuery, limit: Int) throws -> [ActorCount]

    /// The source → target pairs that appear most often in the events matching `query`.
    func topPairs(_ query: EventQuery, limit: Int) throws -> [PairCount]

    /// How many rows each table holds.
    func counts() throws -> StoreCounts

    /// The inputs that failed and were not stored since.
    func failures(limit: Int) throws -> [IngestFailure]

    /// Refreshes the planner's statistics; worth calling after a large ingest.
    func optimize() throws

    /// Closes connections. The store must not be used afterwards.
    func close()
}

/// A store that can show how its database answers an event query.
public protocol QueryPlanning {
    /// The plan, one line per step, as the database explains it: for a prefix filter answered
    /// code by code, the search for the codes first, then the query.
    func plan(_ query: EventQuery) throws -> [String]
}

/// What one ``Store/write(_:)`` did.
public struct WriteResult: Hashable, Sendable {
    /// Documents newly stored.
    public var stored = 0
    /// Documents that were already stored (by another run, say) and left as they were.
    public var alreadyPresent = 0
    public var events = 0

    public init(stored: Int = 0, alreadyPresent: Int = 0, events: Int = 0) {
        self.stored = stored
        self.alreadyPresent = alreadyPresent
        self.events = events
    }
}

/// The result of looking a document up by id, prefix or URI.
public enum DocumentLookup: Sendable, Equatable {
    case found(Document)
    case ambiguous([String])
    case notFound
}

/// A document as stored, with its store number and the time it was stored.
public struct StoredDocument: Sendable, Equatable {
    public var seq: Int64
    public var document: Document
    /// When it was stored: ISO 8601, UTC.
    public var ingestedAt: String

    public init(seq: Int64, document: Document, ingestedAt: String) {
        self.seq = seq
        self.document = document
        self.ingestedAt = ingestedAt
    }
}

/// Rows per table.
public struct StoreCounts: Hashable, Sendable, CustomStringConvertible {
    public var documents = 0
    public var entities = 0
    public var mentions = 0
    public var events = 0
    public var quotes = 0
    public var times = 0
    public var places = 0
    public var counts = 0
    public var failures = 0

    public init() {}

    public var description: String {
        "\(documents) documents, \(events) events, \(entities) entities (\(mentions) mentions), \(quotes) quotes, "
            + "\(times) times, \(places) places, \(counts) counts, \(failures) failures"
    }
}

/// A stored input that failed, and why.
public struct IngestFailure: Hashable, Sendable {
    public var uri: String
    public var reason: String
    /// When it last failed, ISO 8601 UTC.
    public var failedAt: String

    public init(uri: String, reason: String, failedAt: String) {
        self.uri = uri
        self.reason = reason
        self.failedAt = failedAt
    }
}

/// Why a store could not be opened or used. The message names the store.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var location: String
    public var reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
}
