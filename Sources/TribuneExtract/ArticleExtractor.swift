import TribuneCore

/// The Extract stage: from a source's bytes to its article.
///
/// Text goes through ``TextDecoding`` and ``TextCleaner``; HTML is not read yet. One extractor,
/// with its resources loaded once, serves any number of threads.
public struct ArticleExtractor: Sendable {
    private let cleaner: TextCleaner

    public init() throws {
        cleaner = try TextCleaner()
    }

    /// The article in `source`, or an error that names the source and says why there is none.
    public func extract(_ source: SourceDocument) throws(AnalysisError) -> Article {
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
            return cleaner.clean(text)
        }
    }
}
