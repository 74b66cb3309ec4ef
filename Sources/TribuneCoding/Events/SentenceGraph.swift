import TribuneNLP

/// One parsed sentence as the event coder reads it: words upper-cased as the dictionaries write
/// them, lemmas, parts of speech and the dependency tree, indexed from 0 within the sentence.
struct SentenceGraph {
    /// Index of the sentence's first token in the analysis.
    let first: Int
    let words: [String]
    let lemmas: [String]
    let upos: [UniversalPOS]
    /// Head of each word within the sentence; -1 for the root.
    let heads: [Int]
    let relations: [String]
    let children: [[Int]]

    init(analysis: AnalyzedText, sentence: Sentence, text: UnsafeBufferPointer<UInt8>) {
        let range = sentence.tokens
        first = range.lowerBound
        let tokens = analysis.tokens
        words = range.map { String(decoding: text[tokens[$0].range], as: UTF8.self).uppercased() }
        let hasSyntax = analysis.upos.count == tokens.count
        lemmas = range.map { hasSyntax && $0 < analysis.lemmas.count ? analysis.lemmas[$0].uppercased() : "" }
        upos = range.map { hasSyntax ? analysis.upos[$0] : .x }
        let parsed = analysis.heads.count == tokens.count && analysis.relations.count == tokens.count
        heads = range.map { index in
            guard parsed, let head = analysis.heads[index], range.contains(head) else { return -1 }
            return head - range.lowerBound
        }
        relations = range.map { parsed ? analysis.relations[$0] : "" }
        var children = Array(repeating: [Int](), count: range.count)
        for (index, head) in heads.enumerated() where head >= 0 { children[head].append(index) }
        self.children = children
    }

    var count: Int { words.count }

    /// The relation without its subtype (`nsubj:pass` → `nsubj`).
    func baseRelation(_ index: Int) -> Substring {
        relations[index].split(separator: ":", maxSplits: 1).first ?? ""
    }

    func children(of index: Int, _ relation: String) -> [Int] {
        children[index].filter { relations[$0] == relation }
    }

    func child(of index: Int, base relation: String) -> Int? {
        children[index].first { baseRelation($0) == relation }
    }

    /// The words of the subtree of `index`, in order, leaving out the subtrees of children whose
    /// relation is in `excluding`.
    func subtree(_ index: Int, excluding: Set<Substring> = []) -> [Int] {
        var result: [Int] = []
        var stack = [index]
        while let node = stack.popLast() {
            result.append(node)
            for child in children[node] where !excluding.contains(baseRelation(child)) { stack.append(child) }
        }
        return result.sorted()
    }

    /// The preposition (`case` child) of a nominal, upper case, or `nil`.
    func preposition(of index: Int) -> String? {
        children[index].first { relations[$0] == "case" }.map { words[$0] }
    }

    /// Whether `ancestor` dominates `index`.
    func dominates(_ ancestor: Int, _ index: Int) -> Bool {
        var node = index
        var steps = 0
        while node >= 0, steps <= count {
            if node == ancestor { return true }
            node = heads[node]
            steps += 1
        }
        return false
    }
}
