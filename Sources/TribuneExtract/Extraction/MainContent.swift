import TribuneCore

/// Finds the article among a page's blocks: which blocks are the body, and why each other block
/// was dropped.
///
/// 1. Every element gets a hint from its tag, `role`, `itemprop` and class and id words
///    (``ClassHints``): `article`, `main`, `articleBody` for; `nav`, `aside`, `footer`, comments,
///    share bars, related links, cookie notices against.
/// 2. Every block gets a value: its words outside links when it reads as prose (long enough,
///    function words or a sentence end), a cost when it is a list of links or boilerplate phrases,
///    little either way when short.
/// 3. Values add up the tree, a subtree under a negative hint counting for less; the element with
///    the highest sum, weighted by its own hint, is the article's container (the maximum-subtree
///    rule: it takes in what reads as text and leaves out what costs).
/// 4. Inside the container, blocks under a negatively hinted element, lists of links, and
///    boilerplate go, each with its reason; the headline and the byline go as duplicates of the
///    metadata; so do blocks that repeat one kept.
struct MainContent {
    struct Decision {
        /// The kept blocks, in order.
        var body: [Int] = []
        /// Why each dropped block was dropped, by block.
        var removed: [(block: Int, reason: RemovedText.Reason)] = []
        /// The container element.
        var container: Int = 0
        /// The best-scoring elements, best first (for ``HTMLExtractor/explain(html:url:)``).
        var candidates: [(node: Int, score: Double)] = []
        /// Each element's score as a container.
        var scores: [Double] = []
    }

    let document: HTMLDocument
    let segmentation: BlockSegmentation
    let vocabulary: ExtractionVocabulary
    /// Each element's hint weight (0 for text) and, when negative, the reason it gives.
    private(set) var hintWeight: [Float]
    private(set) var hintReason: [RemovedText.Reason?]
    /// Whether the page reads as English, which lets function words judge prose.
    let english: Bool

    init(document: HTMLDocument, segmentation: BlockSegmentation, vocabulary: ExtractionVocabulary) {
        self.document = document
        self.segmentation = segmentation
        self.vocabulary = vocabulary
        // Only elements that hold text need a hint: the blocks' owners and their ancestors.
        var holdsText = [Bool](repeating: false, count: document.nodes.count)
        for block in segmentation.blocks {
            var node = Int(block.owner)
            while node >= 0 && !holdsText[node] {
                holdsText[node] = true
                node = Int(document.nodes[node].parent)
            }
        }
        (hintWeight, hintReason) = Self.hints(document, vocabulary.hints, for: holdsText)
        var words = 0
        var functionWords = 0
        for block in segmentation.blocks where block.features.words >= 8 {
            words += block.features.words
            functionWords += block.features.functionWords
        }
        english = words >= 20 && Double(functionWords) >= 0.2 * Double(words)
    }

    // MARK: Hints

    /// The hint of each element marked in `needed` (the others get 0).
    static func hints(_ document: HTMLDocument, _ classHints: ClassHints, for needed: [Bool]) -> (
        [Float], [RemovedText.Reason?]
    ) {
        let nodes = document.nodes
        var weights = [Float](repeating: 0, count: nodes.count)
        var reasons = [RemovedText.Reason?](repeating: nil, count: nodes.count)
        var cache: [UInt64: ClassHints.Hint] = [:]
        for i in nodes.indices where needed[i] && !nodes[i].isText {
            var weight: Float = 0
            var reason: RemovedText.Reason?
            switch nodes[i].tag {
            case .nav: (weight, reason) = (-3, .navigation)
            case .aside: (weight, reason) = (-2.5, .promo)
            case .footer: (weight, reason) = (-2.5, .legal)
            case .header: (weight, reason) = (-1, .navigation)
            case .form: (weight, reason) = (-1, .boilerplate)
            case .article: weight = 2
            case .main: weight = 1.5
            default: break
            }
            let className = document.attributeBytes(.class, of: i)
            let id = document.attributeBytes(.id, of: i)
            if className != nil || id != nil {
                var key = WordScanner.seed
                for byte in className ?? [] { key = (key ^ UInt64(byte)) &* WordScanner.prime }
                key = (key ^ 0xFF) &* WordScanner.prime
                for byte in id ?? [] { key = (key ^ UInt64(byte)) &* WordScanner.prime }
                let hint: ClassHints.Hint
                if let cached = cache[key] {
                    hint = cached
                } else {
                    hint = classHints.hint(class: className, id: id)
                    cache[key] = hint
                }
                weight += hint.weight
                if hint.reason != nil && (reason == nil || hint.weight < 0) { reason = hint.reason }
            }
            if let role = document.attributeBytes(.role, of: i) {
                let (w, r) = roleHint(role)
                weight += w
                if r != nil { reason = r }
            }
            if let prop = document.attributeBytes(.itemprop, of: i) {
                if prop.elementsEqual("articleBody".utf8) || prop.elementsEqual("reviewBody".utf8) { weight += 4 }
                if prop.elementsEqual("comment".utf8) { (weight, reason) = (weight - 3, .comments) }
            }
            weights[i] = weight
            reasons[i] = weight < 0 ? reason ?? .boilerplate : nil
        }
        return (weights, reasons)
    }

    private static func roleHint(_ role: ArraySlice<UInt8>) -> (Float, RemovedText.Reason?) {
        switch String(decoding: role, as: UTF8.self).lowercased() {
        case "navigation", "menu", "menubar", "tablist": (-3, .navigation)
        case "banner": (-2.5, .navigation)
        case "complementary": (-2.5, .promo)
        case "contentinfo": (-3, .legal)
        case "search", "dialog", "alertdialog", "toolbar": (-2, .boilerplate)
        case "main": (2, nil)
        case "article": (1, nil)
        default: (0, nil)
        }
    }

    // MARK: Values

    /// Whether a block reads as running text.
    func isProse(_ block: ContentBlock) -> Bool {
        let f = block.features
        let own = block.words - block.linkWords
        guard own >= 8, block.linkDensity <= 0.5 else { return false }
        if english { return f.functionDensity >= 0.2 || (f.endsSentence && own >= 15) }
        return f.endsSentence || own >= 25
    }

    /// What a block adds to the container it is in.
    func value(_ block: ContentBlock) -> Double {
        let words = Double(block.words)
        let own = Double(block.words - block.linkWords)
        if block.linkDensity > 0.5 { return -Tuning.link * words - Tuning.linkBlock }
        if let boilerplate = block.features.boilerplate, boilerplate.decides(words: block.features.words) {
            return -Tuning.boilerplate * words
        }
        if isProse(block) { return own }
        if block.kind == .heading { return 0 }
        if block.context.contains(.list) || block.context.contains(.table) { return own * Tuning.listShare }
        return -Tuning.short
    }

    // MARK: Decision

    func decide(title: String?) -> Decision {
        let nodes = document.nodes
        let blocks = segmentation.blocks
        var decision = Decision()
        guard !blocks.isEmpty else { return decision }

        // Sums up the tree: a subtree under a negative hint counts for less of its good and all
        // of its cost.
        var sum = [Double](repeating: 0, count: nodes.count)
        var good = [Double](repeating: 0, count: nodes.count)
        var words = [Double](repeating: 0, count: nodes.count)
        let values = blocks.map(value)
        for (index, block) in blocks.enumerated() {
            sum[Int(block.owner)] += values[index]
            if values[index] > 0 { good[Int(block.owner)] += values[index] }
            words[Int(block.owner)] += Double(block.words)
        }
        var container = 0
        var best = -Double.infinity
        decision.scores = [Double](repeating: 0, count: nodes.count)
        for i in stride(from: nodes.count - 1, through: 1, by: -1) where !nodes[i].isText {
            let hint = Double(hintWeight[i])
            let score = sum[i] * (sum[i] > 0 ? 1 + Tuning.hintBoost * min(max(hint, -5), 5) : 1)
            decision.scores[i] = score
            if score > best {
                best = score
                container = i
            }
            if score > 0 {
                decision.candidates.append((i, score))
                if decision.candidates.count > 16 {
                    decision.candidates.sort { $0.score > $1.score }
                    decision.candidates.removeLast(8)
                }
            }
            let parent = Int(nodes[i].parent)
            guard parent >= 0 else { continue }
            let damp = hint < 0 ? max(0.15, 1 + hint / Tuning.dampDivisor) : 1
            sum[parent] += sum[i] > 0 ? sum[i] * damp : sum[i]
            good[parent] += good[i]
            words[parent] += words[i]
        }
        if sum[0] > best { container = 0 }
        decision.container = container
        decision.candidates = Array(decision.candidates.sorted { $0.score > $1.score }.prefix(5))

        // Blocks inside the container; negative hints between the block and the container drop it.
        let containerEnd = Int(nodes[container].end)
        let containerGood = max(good[container], 1)
        // Blocks are compared by their words' hash, as cleanup does (case and punctuation aside).
        let titleKey = title.map { BlockFeatures(Substring($0), vocabulary: vocabulary.cleanup).key }
        var keptKeys: Set<UInt64> = []
        var seenProse = false
        for (index, block) in blocks.enumerated() {
            let owner = Int(block.owner)
            guard owner >= container && owner < containerEnd else {
                decision.removed.append((index, outsideReason(owner, container: container)))
                continue
            }
            if let reason = hintedRemoval(
                owner: owner, container: container, containerGood: containerGood, good: good, words: words)
            {
                decision.removed.append((index, reason))
                continue
            }
            if let titleKey, titleKey != 0, block.features.key == titleKey {
                decision.removed.append((index, .duplicate))
                continue
            }
            if block.linkDensity > 0.5 && !(block.kind == .heading && block.words >= 3) {
                decision.removed.append((index, block.context.contains(.list) ? .navigation : .promo))
                continue
            }
            if let boilerplate = block.features.boilerplate, boilerplate.decides(words: block.features.words) {
                decision.removed.append((index, boilerplate.reason))
                continue
            }
            if !seenProse && block.features.isBylineOrDate {
                decision.removed.append((index, .boilerplate))
                continue
            }
            if block.features.key != 0 && !keptKeys.insert(block.features.key).inserted {
                decision.removed.append((index, .duplicate))
                continue
            }
            if isProse(block) { seenProse = true }
            decision.body.append(index)
        }
        return decision
    }

    /// The reason of the outermost negatively hinted element between a block's owner and the
    /// container. A strong hint (comments, navigation, related links) decides alone; a weaker
    /// one only over text that does not read as prose; neither over an element that holds half
    /// the container's text (a page that calls its article wrapper "post-with-sidebar").
    private func hintedRemoval(owner: Int, container: Int, containerGood: Double, good: [Double], words: [Double])
        -> RemovedText.Reason?
    {
        var node = owner
        var found: RemovedText.Reason?
        while node > container {
            let hint = hintWeight[node]
            if hint <= -1.5, let reason = hintReason[node], good[node] < 0.5 * containerGood,
                hint <= -2.5 || good[node] < 0.5 * words[node]
            {
                found = reason
            }
            node = Int(document.nodes[node].parent)
        }
        return found
    }

    /// Why a block outside the container is not the article: its own hint, else where it stands.
    private func outsideReason(_ owner: Int, container: Int) -> RemovedText.Reason {
        var node = owner
        while node > 0 {
            if let reason = hintReason[node] { return reason }
            node = Int(document.nodes[node].parent)
        }
        return owner < container ? .navigation : .promo
    }
}

/// The weights of block values and container scores, set on the odd-numbered WCXB dev pages
/// (`tribune eval extraction` reports the even ones apart as held out).
enum Tuning {
    /// Cost per word of a block that is mostly links, and a fixed cost per such block.
    static let link = 0.6
    static let linkBlock = 1.0
    /// Cost per word of a boilerplate phrase block ("Sign up for our newsletter").
    static let boilerplate = 1.0
    /// The share of its words that a list item or table row that does not read as prose adds.
    static let listShare = 0.3
    /// Cost of a short block that is neither prose, heading nor list.
    static let short = 0.5
    /// How much an element's class, id and tag hints scale its score (per unit of hint).
    static let hintBoost = 0.12
    /// How fast a negative hint damps what a subtree passes up (hint / divisor, at least 0.15).
    static let dampDivisor = 4.0
}
