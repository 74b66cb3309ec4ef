/// Finds the link lists of a page that arrive as text: runs of two or more short lines in title
/// case with no sentence among them — menus, and the teaser headlines of "related" blocks.
///
/// With no markup there is no link density to measure; this shape is what a list of links
/// leaves behind. A run that follows a line ending in `:` is a list the text introduces, and stays
/// for the classifier to judge.
struct LinkList: Sendable {
    /// Share of capitalised content words that makes a line title case.
    var titleCase = 0.75
    var maximumWords = 15

    /// Whether each block belongs to a link list.
    func find(_ blocks: [TextBlock]) -> [Bool] {
        var result = [Bool](repeating: false, count: blocks.count)
        var runStart = 0
        for i in 0...blocks.count {
            if i < blocks.count && isItem(blocks[i].features) { continue }
            let introduced = runStart > 0 && blocks[runStart - 1].features.ending == .colon
            if i - runStart >= 2 && !introduced {
                for j in runStart..<i { result[j] = true }
            }
            runStart = i + 1
        }
        return result
    }

    func isItem(_ f: BlockFeatures) -> Bool {
        f.words >= 2 && f.words <= maximumWords && !f.endsSentence && f.ending != .colon
            && f.capitalizedShare >= titleCase
    }
}
