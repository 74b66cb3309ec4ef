/// Finds the headline: the title-like line just before the body starts (captions, bylines,
/// dates and menus may sit between).
///
/// Each candidate line near the body's start is scored: a headline has no final period and a
/// few to a few dozen words, is in title case when the site uses it, shares its words with the
/// opening paragraphs, and stands close to them. Lines repeated next to themselves in sentence
/// case are captions; names alone are bylines; lines of figures are dates.
struct HeadlineFinder: Sendable {
    /// How many blocks before the body's start to look at.
    var window = 40
    /// How many blocks after it: the body may start with a kept line that is really the title.
    var lookahead = 3
    var maximumWords = 30
    /// Words of the opening paragraphs a headline's words are compared with.
    var openingWords = 300

    /// The index of the headline among `blocks`, or `nil` when no line looks like one.
    func find(
        _ blocks: [TextBlock], bodyStart: Int, body: [Int], repetition: Repetition, vocabulary: CleanupVocabulary
    ) -> Int? {
        let opening = openingVocabulary(blocks, body: body, vocabulary: vocabulary)
        var best: (index: Int, score: Double)?
        let first = max(0, bodyStart - window)
        let last = min(blocks.count, bodyStart + lookahead)
        for i in first..<last where isCandidate(blocks[i].features) {
            let f = blocks[i].features
            // Weights chosen on the odd-numbered WCXB pages (see `CleanupEvaluation`).
            var score = 2 * f.capitalizedShare
            if f.words >= 4 && f.words <= 20 { score += 1 }
            score += 0.15 * Double(min(f.words, 12))  // headlines run longer than labels and names
            score += 4 * overlap(blocks[i], opening, vocabulary: vocabulary)
            // Nearer is likelier; after the body's start, much less likely.
            score -= i < bodyStart ? 0.05 * Double(bodyStart - 1 - i) : 1 + 0.5 * Double(i - bodyStart)
            if repetition.adjacent[i] && f.capitalizedShare < 0.5 { score -= 2 }
            if f.isBylineOrDate { score -= 2 }
            if f.numbered { score -= 1.5 }  // "2. Plan ahead": a section of a list article
            if f.words <= 3 && f.capitalizedShare == 1 && f.functionWords == 0 { score -= 1 }  // a name
            // Bylines and datelines follow headlines.
            if blocks[(i + 1)..<min(blocks.count, i + 4)].contains(where: { $0.features.isBylineOrDate }) { score += 1 }
            if best == nil || score > best!.score { best = (i, score) }
        }
        return best?.index
    }

    func isCandidate(_ f: BlockFeatures) -> Bool {
        // A final period ends a sentence, not a headline; `?` and `!` may end either.
        guard f.words >= 2, f.words <= maximumWords, !f.hasLink, f.ending != .colon, f.ending != .period else {
            return false
        }
        if let evidence = f.boilerplate, evidence.decides(words: f.words) { return false }
        return true
    }

    /// The content words (not function words, not numbers) of the body's first paragraphs.
    private func openingVocabulary(_ blocks: [TextBlock], body: [Int], vocabulary: CleanupVocabulary) -> Set<UInt64> {
        var words: Set<UInt64> = []
        var count = 0
        // Prose only: a heading in the body may be the very line being judged.
        for i in body where count < openingWords && blocks[i].features.endsSentence && blocks[i].features.words >= 8 {
            WordScanner.scan(blocks[i].text, symbols: SymbolSet()) { word in
                count += 1
                if !word.numeric && !vocabulary.functionWords.contains(word.hash) { words.insert(word.hash) }
            }
        }
        return words
    }

    /// The share of a line's content words that the opening paragraphs use too.
    private func overlap(_ block: TextBlock, _ opening: Set<UInt64>, vocabulary: CleanupVocabulary) -> Double {
        var shared = 0
        var total = 0
        WordScanner.scan(block.text, symbols: SymbolSet()) { word in
            guard !word.numeric && !vocabulary.functionWords.contains(word.hash) else { return }
            total += 1
            if opening.contains(word.hash) { shared += 1 }
        }
        return total == 0 ? 0 : Double(shared) / Double(total)
    }
}
