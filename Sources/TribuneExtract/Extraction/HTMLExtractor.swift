import Foundation
import TribuneCore

/// Turns an HTML page into its ``Article``: the body's paragraphs, headings, list items and table
/// rows in reading order, its title, publication date, authors, site and language, and what was
/// dropped and why.
///
/// The steps, each its own type: ``HTMLCharset`` decodes the bytes; ``HTMLDocument`` parses them;
/// ``BlockSegmentation`` lays the text out in blocks; ``MainContent`` finds the article among them;
/// ``PageSignals``, ``JSONLDArticle``, ``TitleChooser``, ``AuthorNames`` and ``DateReader`` read
/// the metadata, preferring what several sources agree on. One extractor, loaded once, serves any
/// number of threads.
///
/// ```swift
/// let extractor = try HTMLExtractor()
/// let article = extractor.extract(html: pageBytes, url: "https://example.com/2025/09/04/talks")
/// print(article.title ?? "", article.published ?? "", article.paragraphs.count)
/// ```
public struct HTMLExtractor: Sendable {
    let vocabulary: ExtractionVocabulary

    /// Loads the shipped resources.
    public init() throws {
        vocabulary = try ExtractionVocabulary.shipped()
    }

    /// Extracts the article from raw page bytes in any encoding HTML allows.
    /// - Parameters:
    ///   - url: where the page came from, when known (its path may hold the date).
    ///   - charset: the encoding the server declared (`Content-Type`), when known.
    public func extract(html bytes: [UInt8], url: String? = nil, charset: String? = nil) -> Article {
        let utf8 = HTMLCharset.utf8(bytes, declared: charset)
        return extract(document: HTMLDocument(parsing: utf8), url: url)
    }

    /// Extracts the article from a parsed page.
    public func extract(document: HTMLDocument, url: String? = nil) -> Article {
        let analysis = analyze(document, url: url)
        let segmentation = analysis.segmentation
        var decision = analysis.decision
        var article = Article()
        article.title = analysis.title
        article.site = analysis.metadata.site
        let top = Self.leadingBlocks(decision, segmentation).map { segmentation.text($0) }
        article.authors = analysis.metadata.authors(bylines: top) {
            bylineCandidates(segmentation)
        }
        article.published = analysis.metadata.published(
            nearTitle: top,
            nearHeadline: {
                Self.headlineBlocks(decision, segmentation, title: analysis.title).map { segmentation.text($0) }
            },
            datelines: { blocks(ledBy: vocabulary.datelineLeads, in: segmentation) })
        // A byline the body still holds before its first paragraph ("By Jane Doe and John Roe")
        // is metadata, not article text.
        if !article.authors.isEmpty {
            var bylines: [Int] = []
            for block in decision.body.prefix(6) {
                if analysis.metadata.isByline(segmentation.text(block)) {
                    bylines.append(block)
                } else if analysis.content.isProse(segmentation.blocks[block]) {
                    break
                }
            }
            decision.body.removeAll { bylines.contains($0) }
            decision.removed += bylines.map { ($0, .boilerplate) }
        }
        article.paragraphs = decision.body.map { segmentation.text($0) }
        article.removed = decision.removed.map { RemovedText(text: segmentation.text($0.block), reason: $0.reason) }
        article.language = analysis.metadata.language ?? LanguageGuess(vocabulary: vocabulary).guess(article.paragraphs)
        return article
    }

    /// Every step's result, for ``extract(document:url:)`` and ``explain(html:url:)``.
    struct Analysis {
        var segmentation: BlockSegmentation
        var content: MainContent
        var metadata: MetadataReader
        var title: String?
        var decision: MainContent.Decision
    }

    func analyze(_ document: HTMLDocument, url: String?) -> Analysis {
        let segmentation = BlockSegmentation(document, vocabulary: vocabulary.cleanup)
        let content = MainContent(document: document, segmentation: segmentation, vocabulary: vocabulary)
        let metadata = MetadataReader(
            signals: PageSignals(document, vocabulary: vocabulary), vocabulary: vocabulary, url: url)
        let firstProse = segmentation.blocks.first { content.isProse($0) }.map { Int($0.owner) }
        let title = metadata.title(near: firstProse)
        return Analysis(
            segmentation: segmentation, content: content, metadata: metadata, title: title,
            decision: content.decide(title: title))
    }

    /// Why each block of a page was kept or dropped: one line per block with the verdict, its
    /// kind, words, link density, value and the element that holds it, then its text; the
    /// container's path first. For finding out what went wrong on a page.
    public func explain(html bytes: [UInt8], url: String? = nil) -> [String] {
        let document = HTMLDocument(parsing: HTMLCharset.utf8(bytes))
        let analysis = analyze(document, url: url)
        let (segmentation, content, title, decision) =
            (analysis.segmentation, analysis.content, analysis.title, analysis.decision)
        func describe(_ node: Int) -> String {
            let n = document.nodes[node]
            var text = n.tag.name
            if let id = document.attribute(.id, of: node) { text += "#" + id }
            if let className = document.attribute(.class, of: node) {
                text += "." + className.split(separator: " ").prefix(3).joined(separator: ".")
            }
            let hint = content.hintWeight[node]
            return hint == 0 ? text : text + String(format: "(%+.1f)", hint)
        }
        func scored(_ node: Int) -> String {
            describe(node) + String(format: "[%.0f]", node < decision.scores.count ? decision.scores[node] : 0)
        }
        var path: [String] = []
        var node = decision.container
        while node > 0 {
            path.append(scored(node))
            node = Int(document.nodes[node].parent)
        }
        var lines = ["title: \(title ?? "(none)")", "container: " + path.reversed().joined(separator: " > ")]
        for (node, score) in decision.candidates {
            lines.append(String(format: "  candidate %8.1f  ", score) + describe(node))
        }
        let kept = Set(decision.body)
        var reasons: [Int: String] = [:]
        for (block, reason) in decision.removed { reasons[block] = reason.rawValue }
        for (index, block) in segmentation.blocks.enumerated() {
            let verdict = kept.contains(index) ? "KEEP" : reasons[index] ?? "?"
            let text = segmentation.text(block).replacingOccurrences(of: "\n", with: " / ")
            lines.append(
                verdict.padding(toLength: 11, withPad: " ", startingAt: 0)
                    + String(
                        format: "%@ %3dw %3.0f%%L %+6.1f  ",
                        "\(block.kind)".padding(toLength: 12, withPad: " ", startingAt: 0),
                        block.words, block.linkDensity * 100, content.value(block))
                    + describe(Int(block.owner)).prefix(40).padding(toLength: 40, withPad: " ", startingAt: 0) + "  "
                    + text.prefix(100))
        }
        return lines
    }

    /// Why `bytes` cannot be a page, or `nil` when they can: empty input, white space only, or
    /// binary data (an image, an archive, an executable) named like a page.
    public static func refusal(_ bytes: [UInt8]) -> String? {
        if bytes.allSatisfy({ $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }) {
            return bytes.isEmpty ? "empty input" : "input holds only white space"
        }
        if HTMLCharset.byteOrderMark(bytes) != nil || HTMLCharset.guessUTF16(bytes) != nil { return nil }
        return TextDecoding.binaryKind(bytes).map { "binary data (\($0)), not HTML" }
    }

    /// Short blocks anywhere on the page that begin with a byline's first word ("Written",
    /// "Author:"), each with the block after it: the page's author boxes. A byte test picks them,
    /// so that no other block's text is built.
    func bylineCandidates(_ segmentation: BlockSegmentation) -> [(text: String, next: String?)] {
        blocks(ledBy: vocabulary.bylineFirstWords, in: segmentation)
    }

    /// Short blocks whose first word (lower case, before a space or colon) is one of `words`,
    /// each with the block after it.
    func blocks(ledBy words: Set<[UInt8]>, in segmentation: BlockSegmentation) -> [(text: String, next: String?)] {
        let blocks = segmentation.blocks
        var found: [(text: String, next: String?)] = []
        var word: [UInt8] = []
        for (k, block) in blocks.enumerated() where block.words <= 12 {
            word.removeAll(keepingCapacity: true)
            for byte in segmentation.bytes[block.range] {
                if byte == 0x20 || byte == UInt8(ascii: ":") || word.count > 16 { break }
                word.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            guard words.contains(word) else { continue }
            found.append((segmentation.text(block), k + 1 < blocks.count ? segmentation.text(blocks[k + 1]) : nil))
        }
        return found
    }

    /// The short blocks around the headline (or, without it, the article's first block), nearest
    /// first and those after it before those above: where a page writes its date when no
    /// metadata does ("Last updated: Dec 12, 2025" above the headline, "23.07.2025 · 6 min read"
    /// under the byline).
    static func headlineBlocks(
        _ decision: MainContent.Decision, _ segmentation: BlockSegmentation, title: String?
    ) -> [Int] {
        let blocks = segmentation.blocks
        var anchor = decision.body.first
        if let title {
            let key = Array(title.utf8)
            let limit = min(blocks.count, (decision.body.first ?? 0) + 40)
            if let found = (0..<limit).first(where: { segmentation.bytes[blocks[$0].range].elementsEqual(key) }) {
                anchor = found
            }
        }
        guard let anchor else { return [] }
        // Sixteen blocks below, eight above, taken in turn.
        var order: [Int] = []
        for distance in 1...16 {
            for k in distance <= 8 ? [anchor + distance, anchor - distance] : [anchor + distance]
            where k >= 0 && k < blocks.count && blocks[k].words <= 12 {
                order.append(k)
            }
        }
        return order
    }

    /// The short blocks around the start of the article, where bylines and dates stand: those
    /// dropped before the first kept block, and the first few kept.
    static func leadingBlocks(_ decision: MainContent.Decision, _ segmentation: BlockSegmentation) -> [Int] {
        guard let first = decision.body.first else { return [] }
        let start = max(0, first - 12)
        return (start..<min(segmentation.blocks.count, first + 3)).filter { segmentation.blocks[$0].words <= 30 }
    }
}
