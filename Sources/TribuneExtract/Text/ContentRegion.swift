/// Picks the article's stretch of the page: the contiguous run of blocks whose kept words most
/// outweigh the dropped blocks inside it (the maximum-sum run, as in Finn's Body Text
/// Extraction).
///
/// Kept blocks cut off from the article by boilerplate — a comment thread after "Leave a reply",
/// teasers after "Related posts" — fall outside, while a caption or an "Advertisement" line inside
/// the article does not split it.
enum ContentRegion {
    /// What a dropped block costs, in words: boilerplate phrases or repetition count in full, a
    /// block dropped only for its shape at a quarter (weights chosen on odd-numbered WCXB pages).
    static let evidenceWeight = 1.0
    static let evidenceMinimum = 3.0
    static let shapeWeight = 0.25

    /// The run, or `nil` when no block is kept.
    /// - Parameter evidence: whether a block's words or repetition named it boilerplate.
    static func select(_ blocks: [TextBlock], kept: [Bool], evidence: [Bool]) -> Range<Int>? {
        var best: Range<Int>?
        var bestScore = 0.0
        var start = 0
        var score = 0.0
        for i in blocks.indices {
            let words = Double(blocks[i].features.words)
            if kept[i] {
                score += words
            } else {
                score -= evidence[i] ? evidenceWeight * words + evidenceMinimum : shapeWeight * words
            }
            if score <= 0 {
                score = 0
                start = i + 1
            } else if score > bestScore {
                bestScore = score
                best = start..<(i + 1)
            }
        }
        return best
    }
}
