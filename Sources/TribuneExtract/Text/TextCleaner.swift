import TribuneCore

/// Finds the article in text a scraper left behind: the headline, the body paragraphs and
/// section headings, and drops navigation, captions, promos and legal notices, saying why.
///
/// A general method over lines, with no markup to lean on (after jusText, boilerpipe and Body
/// Text Extraction):
/// 1. every non-blank line is a block, measured by ``BlockFeatures`` — length, function-word
///    share, capitals, final punctuation, links, datelines, boilerplate phrases — and by its
///    page: ``Repetition`` (captions printed twice, menus) and ``LinkList`` (runs of title-case
///    lines);
/// 2. ``BlockClassifier`` judges each block alone, then by its neighbours (jusText);
/// 3. ``CommentSection`` ends the article where reader comments begin, and ``ContentRegion``
///    keeps the best-scoring run of blocks, so that what follows the article goes even when it
///    reads well;
/// 4. ``HeadlineFinder`` takes the title-like line just before the body;
/// 5. every dropped block gets the most specific reason the evidence gives: its phrases, else
///    where it stands (before the headline: navigation; between headline and body: caption or
///    byline; after the article: promo, or legal beside a legal notice).
///
/// The vocabulary is data (`Resources/function-words-en.txt`, `date-words-en.txt`,
/// `boilerplate-*.txt`). One cleaner, loaded once, serves any number of threads.
///
/// ```swift
/// let article = try TextCleaner().clean(scrapedText)
/// print(article.title ?? "", article.paragraphs.joined(separator: "\n\n"))
/// ```
public struct TextCleaner: Sendable {
    let vocabulary: CleanupVocabulary
    /// Share of function words above which a text counts as English.
    static let englishShare = 0.2

    /// Loads the shipped word lists; throws when they cannot be found.
    public init() throws {
        vocabulary = try CleanupVocabulary.shipped()
    }

    init(vocabulary: CleanupVocabulary) {
        self.vocabulary = vocabulary
    }

    /// Cleans one text. Linear in its length; any input, however odd, gives an article (perhaps an
    /// empty one).
    public func clean(_ text: String) -> Article {
        let decision = decide(text)
        let blocks = decision.blocks
        var article = Article()
        article.title = decision.headline.map { String(blocks[$0].text) }
        article.paragraphs = decision.body.map { String(blocks[$0].text) }
        for i in blocks.indices {
            if let reason = decision.reasons[i] {
                article.removed.append(RemovedText(text: String(blocks[i].text), reason: reason))
            }
        }
        if decision.english && Self.isEnglish(decision.body.lazy.map { blocks[$0].features }) {
            article.language = "en"
        }
        return article
    }

    /// Why each line was kept or dropped: one line of figures per block (kind, function-word
    /// share, words, then the line), for finding out what went wrong on a page.
    public func explain(_ text: String) -> [String] {
        let decision = decide(text)
        let body = Set(decision.body)
        return decision.blocks.indices.map { i in
            let block = decision.blocks[i]
            let judgement = decision.judgements[i]
            let verdict =
                i == decision.headline ? "TITLE" : body.contains(i) ? "keep" : decision.reasons[i]?.rawValue ?? "?"
            let initial = "\(judgement.blockClass)"
            let region = decision.region.contains(i) ? "|" : " "
            let share = String(Int((block.features.functionDensity * 100).rounded()))
            return "\(region) \(verdict.padding(toLength: 11, withPad: " ", startingAt: 0)) "
                + "\(initial.padding(toLength: 13, withPad: " ", startingAt: 0)) \(share)% \(block.features.words)w  "
                + block.text.prefix(100)
        }
    }

    /// Every block, what the classifier and the region made of it, and the outcome.
    struct Decision {
        var blocks: [TextBlock] = []
        var english = false
        var judgements: [BlockClassifier.Judgement] = []
        var region: Range<Int> = 0..<0
        var headline: Int?
        /// The kept blocks, in order.
        var body: [Int] = []
        /// Why each dropped block was dropped (`nil` for the body and the headline).
        var reasons: [RemovedText.Reason?] = []
    }

    func decide(_ text: String) -> Decision {
        var decision = Decision()
        let blocks = TextBlock.split(text, vocabulary: vocabulary)
        decision.blocks = blocks
        guard !blocks.isEmpty else { return decision }
        // Judged on the sentences when there are some: menus and tables say little of the language.
        let sentences = blocks.lazy.map(\.features).filter { $0.endsSentence && $0.words >= 5 }
        let english = Self.isEnglish(sentences.isEmpty ? blocks.map(\.features) : Array(sentences))
        decision.english = english
        let classifier = BlockClassifier(english: english)
        let repetition = Repetition(blocks)

        let lists = LinkList().find(blocks)
        let judgements = blocks.indices.map { i in
            classifier.judge(
                blocks[i], repeatsAdjacent: repetition.adjacent[i], repeatsElsewhere: repetition.count(i) > 1,
                inLinkList: lists[i])
        }
        decision.judgements = judgements
        var kept = classifier.revise(judgements, blocks: blocks)
        if !kept.contains(true) {
            // Nothing reads as prose (a one-line text, a list): trust what is not boilerplate.
            kept = judgements.map { $0.blockClass != .bad }
        }
        let initial = judgements.map(\.blockClass)
        var hints = judgements.map(\.reason)
        if let comments = CommentSection.start(blocks, kept: kept, reasons: hints) {
            for i in comments..<blocks.count {
                kept[i] = false
                hints[i] = hints[i] ?? .comments
            }
        }
        // Only boilerplate phrases weigh fully against the region: repeated cells of a table do not.
        let phrases = blocks.map { $0.features.boilerplate?.decides(words: $0.features.words) ?? false }
        let region = ContentRegion.select(blocks, kept: kept, evidence: phrases) ?? blocks.endIndex..<blocks.endIndex
        decision.region = region

        // The body starts at the region's first prose block; headings before it may be the title.
        let bodyStart =
            region.first { initial[$0] == .good || initial[$0] == .nearGood && !classifier.isHeading(blocks[$0]) }
            ?? region.lowerBound
        let headline = HeadlineFinder().find(
            blocks, bodyStart: bodyStart, body: region.filter { kept[$0] }, repetition: repetition,
            vocabulary: vocabulary)
        decision.headline = headline
        let introStart = headline.map { $0 + 1 } ?? bodyStart

        // A copy of the headline or of a kept block is a duplicate.
        var keptKeys: Set<UInt64> = headline.map { [blocks[$0].features.key] } ?? []
        var reasons: [RemovedText.Reason?] = Array(repeating: nil, count: blocks.count)
        for i in blocks.indices where i != headline {
            if region.contains(i) && i >= introStart && kept[i] {
                if keptKeys.insert(blocks[i].features.key).inserted {
                    decision.body.append(i)
                } else {
                    reasons[i] = .duplicate
                }
                continue
            }
            reasons[i] =
                keptKeys.contains(blocks[i].features.key) && blocks[i].features.words > 0
                ? .duplicate
                : hints[i] ?? defaultReason(i, blocks, introStart: introStart, bodyStart: bodyStart, region: region)
        }
        Self.extendLegalNotices(&reasons, hints: hints, blocks, after: region.upperBound, classifier: classifier)
        decision.reasons = reasons
        return decision
    }

    /// Where a dropped block sits says what it is, when its words do not.
    private func defaultReason(
        _ i: Int, _ blocks: [TextBlock], introStart: Int, bodyStart: Int, region: Range<Int>
    ) -> RemovedText.Reason {
        if i < introStart { return .navigation }
        if i < bodyStart { return blocks[i].features.isBylineOrDate ? .boilerplate : .caption }
        if i >= region.upperBound { return .promo }
        return .boilerplate
    }

    /// A notice runs over several blocks and one of them names it: the sentences next to a legal
    /// block after the article belong to it (but not a teaser under a promo headline).
    private static func extendLegalNotices(
        _ reasons: inout [RemovedText.Reason?], hints: [RemovedText.Reason?], _ blocks: [TextBlock], after end: Int,
        classifier: BlockClassifier
    ) {
        guard end < blocks.count else { return }
        for i in stride(from: blocks.count - 2, through: end, by: -1)
        where hints[i] == nil && reasons[i + 1] == .legal && blocks[i].features.endsSentence {
            if i > end && classifier.isHeading(blocks[i - 1]) { continue }
            reasons[i] = .legal
        }
    }

    private static func isEnglish(_ features: some Sequence<BlockFeatures>) -> Bool {
        var words = 0
        var functionWords = 0
        for f in features {
            words += f.words
            functionWords += f.functionWords
        }
        return words >= 8 && Double(functionWords) >= englishShare * Double(words)
    }
}

/// Which blocks repeat: how often each block's words occur on the page, and whether the same
/// line stands right next to it (a caption printed twice).
struct Repetition {
    private var counts = WordIndex<Int>()
    private let keys: [UInt64]
    let adjacent: [Bool]

    init(_ blocks: [TextBlock]) {
        keys = blocks.map(\.features.key)
        for key in keys where key != 0 { counts[key] = (counts[key] ?? 0) + 1 }
        var adjacent = [Bool](repeating: false, count: blocks.count)
        for i in blocks.indices.dropFirst() where keys[i] != 0 && keys[i] == keys[i - 1] {
            adjacent[i] = true
            adjacent[i - 1] = true
        }
        self.adjacent = adjacent
    }

    func count(_ i: Int) -> Int { counts[keys[i]] ?? 0 }
}
