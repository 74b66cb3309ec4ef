import TribuneCore

/// What the writer commits in one transaction: analyzed documents with their sources, and
/// the inputs that failed.
public struct IngestBatch: Sendable {
    public var documents: [AnalyzedSource]
    public var failures: [AnalysisError]

    public init(documents: [AnalyzedSource] = [], failures: [AnalysisError] = []) {
        self.documents = documents
        self.failures = failures
    }

    public var isEmpty: Bool { documents.isEmpty && failures.isEmpty }
}

/// A document and the source it was analyzed from; the source is kept so that `--recode` can
/// analyze it again after a dictionary or model change.
public struct AnalyzedSource: Sendable {
    public var document: Document
    public var source: SourceDocument

    public init(document: Document, source: SourceDocument) {
        self.document = document
        self.source = source
    }
}

/// A stored document's source, as ``Store/sources(after:limit:)`` returns it for re-analysis.
public struct StoredSource: Sendable {
    /// The document's store number: the cursor for the next page.
    public var seq: Int64
    public var id: String
    public var source: SourceDocument

    public init(seq: Int64, id: String, source: SourceDocument) {
        self.seq = seq
        self.id = id
        self.source = source
    }
}
