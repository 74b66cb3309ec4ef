/// Makes a dependency tree projective by lifting (Nivre and Nilsson 2005, without encoding the
/// lifts in the labels): while some arc crosses another, the shortest such arc's dependent is
/// re-attached to its head's head. The arc-eager parser can only build projective trees, so it
/// trains on these; the few crossing arcs of English (under 1% in EWT) are lost.
enum Projectivizer {
    /// `heads[i]` is the head of word `i + 1` (1-based, 0 for the root). Returns how many arcs
    /// were lifted.
    @discardableResult
    static func projectivize(_ heads: inout [Int]) -> Int {
        var lifts = 0
        while let arc = shortestCrossing(heads) {
            let head = heads[arc - 1]
            heads[arc - 1] = heads[head - 1]
            lifts += 1
        }
        return lifts
    }

    /// The dependent (1-based) of the shortest non-projective arc, if any.
    static func shortestCrossing(_ heads: [Int]) -> Int? {
        var best: (word: Int, length: Int)?
        for word in 1...max(1, heads.count) where word <= heads.count {
            let head = heads[word - 1]
            guard head > 0 else { continue }
            let length = abs(head - word)
            if let current = best, current.length <= length { continue }
            if !isProjective(word, heads) { best = (word, length) }
        }
        return best?.word
    }

    /// Whether every word between `word` and its head descends from that head.
    static func isProjective(_ word: Int, _ heads: [Int]) -> Bool {
        let head = heads[word - 1]
        for between in (min(word, head) + 1)..<max(word, head) {
            var ancestor = between
            var steps = 0
            while ancestor != head && ancestor != 0 && steps <= heads.count {
                ancestor = heads[ancestor - 1]
                steps += 1
            }
            if ancestor != head { return false }
        }
        return true
    }

    /// Whether `heads` is a tree: one root, every word reaching it without a cycle.
    static func isTree(_ heads: [Int]) -> Bool {
        guard heads.filter({ $0 == 0 }).count == 1, heads.allSatisfy({ $0 >= 0 && $0 <= heads.count }) else {
            return false
        }
        for word in 1...max(1, heads.count) where word <= heads.count {
            var ancestor = word
            var steps = 0
            while ancestor != 0 {
                ancestor = heads[ancestor - 1]
                steps += 1
                if steps > heads.count { return false }
            }
        }
        return true
    }
}
