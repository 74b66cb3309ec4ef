import TribuneCore

/// The Extract stage: from a source's bytes to its article.
///
/// HTML goes through ``HTMLExtractor`` (charset, parse, main content, metadata); text goes
/// through ``TextDecoding`` and ``TextCleaner``. One extractor, with its resources loaded once,
/// serves any number of threads.
public struct ArticleExtractor: Sendable {
    private let cleaner: TextCleaner
    private let html: HTMLExtractor

    public init() throws {
        cleaner = try TextCleaner()
        html = try HTMLExtractor()
    }

    /// The article in `source`, or an error that names the source and says why there is none.
    public func extract(_ source: SourceDocument) throws(AnalysisError) -> Article {
        switch source.content {
        case .html:
            if let reason = HTMLExtractor.refusal(source.bytes) {
                throw AnalysisError(uri: source.uri, reason: reason)
            }
            let url = source.uri.hasPrefix("http://") || source.uri.hasPrefix("https://") ? source.uri : nil
            return html.extract(html: source.bytes, url: url)
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
