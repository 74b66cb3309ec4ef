import TribuneCore

/// jusText's block classification (Pomikálek 2011), adapted to lines of text with no markup.
///
/// Each block is first judged alone — `good` prose, `nearGood`, `short`, or `bad` — by its
/// length, its share of function words and its boilerplate phrases; then short and near-good
/// blocks take their class from the nearest clear blocks around them, so that a short heading or
/// sentence between paragraphs stays and a stray sentence in a menu goes.
struct BlockClassifier: Sendable {
    enum Class: Sendable, Equatable {
        case good, nearGood, short, bad
    }

    /// jusText's lengths, in characters; the function-word shares are lower than jusText's
    /// because the shipped list is shorter than its stop list (chosen on the odd-numbered WCXB
    /// pages, see `CleanupEvaluation`).
    struct Thresholds: Sendable {
        var lengthLow = 70
        var lengthHigh = 200
        var functionWordsLow = 0.15
        var functionWordsHigh = 0.18
        /// The near-good share for a line that ends a sentence of eight words or more.
        var functionWordsSentence = 0.08
        /// A heading stays when a good block starts within this many characters after it.
        var headingDistance = 200
        /// Longest block, in words, that can be a heading.
        var headingWords = 15
    }

    /// What the classifier makes of one block on its own.
    struct Judgement: Sendable {
        var blockClass: Class
        /// Why the block should go if it does, when the evidence names it.
        var reason: RemovedText.Reason? = nil
    }

    var thresholds = Thresholds()
    /// Whether the text is English, so that function-word shares mean something. Without them,
    /// length and sentence punctuation decide alone.
    var english: Bool

    /// The class of a block on its own, with the reason when the evidence names one.
    func judge(_ block: TextBlock, repeatsAdjacent: Bool, repeatsElsewhere: Bool, inLinkList: Bool) -> Judgement {
        let f = block.features
        if f.words == 0 { return Judgement(blockClass: .bad, reason: .boilerplate) }
        if let evidence = f.boilerplate, evidence.decides(words: f.words) {
            return Judgement(blockClass: .bad, reason: evidence.reason)
        }
        if f.hasLink && f.words <= 12 { return Judgement(blockClass: .bad, reason: .navigation) }
        if f.isBylineOrDate { return Judgement(blockClass: .bad, reason: .boilerplate) }
        let sentence = f.endsSentence && f.words >= 3
        // Paragraphs do not repeat verbatim; captions printed twice, menus and titles do. A line
        // repeated far away may still be a recurring heading ("Pros"), so context decides.
        if repeatsAdjacent && !sentence { return Judgement(blockClass: .bad, reason: .caption) }
        if repeatsElsewhere && !sentence { return Judgement(blockClass: .short, reason: .navigation) }
        if inLinkList { return Judgement(blockClass: .bad) }
        let density = english ? f.functionDensity : 1  // without a word list, length and punctuation decide
        if f.characters < thresholds.lengthLow {
            return Judgement(blockClass: sentence && density >= thresholds.functionWordsLow ? .nearGood : .short)
        }
        if density >= thresholds.functionWordsHigh && f.characters >= thresholds.lengthHigh && (sentence || english) {
            return Judgement(blockClass: .good)
        }
        // A full sentence stays near-good on fewer function words: news is dense with names and figures.
        let low = sentence && f.words >= 8 ? thresholds.functionWordsSentence : thresholds.functionWordsLow
        return Judgement(blockClass: density >= low ? .nearGood : .bad)
    }

    /// Whether a block could be a section heading: short, title-like, no final period.
    func isHeading(_ block: TextBlock) -> Bool {
        let f = block.features
        return f.words >= 1 && f.words <= thresholds.headingWords && !f.endsSentence && !f.hasLink
    }

    /// jusText's context-sensitive pass: every block ends up good or bad. Linear in the blocks.
    func revise(_ judgements: [Judgement], blocks: [TextBlock]) -> [Bool] {
        var offsets = [0]  // characters before each block, for heading distances
        offsets.reserveCapacity(blocks.count + 1)
        for block in blocks { offsets.append(offsets.last! + block.features.characters) }
        let initial = judgements.map(\.blockClass)
        var classes = initial
        // Short headings shortly before a good block count as near-good.
        var nextGood = Self.nearest(after: classes) { $0 == .good }
        for i in classes.indices where classes[i] == .short && isHeading(blocks[i]) {
            if let j = nextGood[i], offsets[j] - offsets[i + 1] <= thresholds.headingDistance { classes[i] = .nearGood }
        }
        let clearBefore = Self.nearest(before: classes) { $0 == .good || $0 == .bad }
        let clearAfter = Self.nearest(after: classes) { $0 == .good || $0 == .bad }
        let settledBefore = Self.nearest(before: classes) { $0 != .short }
        let settledAfter = Self.nearest(after: classes) { $0 != .short }
        func at(_ index: Int?, _ classes: [Class]) -> Class { index.map { classes[$0] } ?? .bad }
        var revised = classes
        for i in classes.indices where classes[i] == .short {
            let previous = at(clearBefore[i], classes)
            let next = at(clearAfter[i], classes)
            if previous == .good && next == .good {
                revised[i] = .good
            } else if previous == .bad && next == .bad {
                revised[i] = .bad
            } else if (previous == .bad && at(settledBefore[i], classes) == .nearGood)
                || (next == .bad && at(settledAfter[i], classes) == .nearGood)
            {
                revised[i] = .good
            } else {
                revised[i] = .bad
            }
        }
        // In reading order, as jusText does: a near-good block just settled counts for the next.
        let revisedAfter = Self.nearest(after: revised) { $0 == .good || $0 == .bad }
        var previous = Class.bad
        for i in classes.indices {
            if revised[i] == .nearGood {
                revised[i] = previous == .bad && at(revisedAfter[i], revised) == .bad ? .bad : .good
            }
            if revised[i] == .good || revised[i] == .bad { previous = revised[i] }
        }
        // Headings that context made bad come back when good text follows them closely.
        nextGood = Self.nearest(after: revised) { $0 == .good }
        for i in classes.indices where revised[i] == .bad && initial[i] != .bad && isHeading(blocks[i]) {
            if let j = nextGood[i], offsets[j] - offsets[i + 1] <= thresholds.headingDistance { revised[i] = .good }
        }
        return revised.map { $0 == .good }
    }

    /// For each index, the nearest index before it whose class passes `test`.
    private static func nearest(before classes: [Class], where test: (Class) -> Bool) -> [Int?] {
        var result = [Int?](repeating: nil, count: classes.count)
        var last: Int?
        for i in classes.indices {
            result[i] = last
            if test(classes[i]) { last = i }
        }
        return result
    }

    /// For each index, the nearest index after it whose class passes `test`.
    private static func nearest(after classes: [Class], where test: (Class) -> Bool) -> [Int?] {
        var result = [Int?](repeating: nil, count: classes.count)
        var last: Int?
        for i in classes.indices.reversed() {
            result[i] = last
            if test(classes[i]) { last = i }
        }
        return result
    }
}
