/// A configuration of the arc-eager transition system (Nivre 2003) over one sentence of `n`
/// words numbered `1...n`, with the artificial root `0` at the bottom of the stack.
///
/// - SHIFT moves the buffer's front word `b` onto the stack;
/// - REDUCE pops the stack's top `s` (it must have a head);
/// - LEFT-ARC(l) makes `b` the head of `s` with relation `l` and pops `s`;
/// - RIGHT-ARC(l) makes `s` the head of `b` and pushes `b`.
///
/// The root takes exactly one dependent (a RIGHT-ARC from `0`, always labelled `root`). The
/// buffer is always the words `b...n`, so a sentence takes at most `2n` transitions: parsing is
/// linear in its length. The configuration also keeps what the features read: each word's two
/// leftmost and two rightmost dependents, how many it has on each side, and the set of their
/// relations.
///
/// Index `n + 1` stands for "no word": every array has a neutral entry there, so features never
/// check bounds.
struct ArcEager {
    /// Transition classes: 0 SHIFT, 1 REDUCE, then LEFT-ARC for each label, then RIGHT-ARC for each.
    struct Moves {
        let labelCount: Int
        let rootLabel: Int
        var count: Int { 2 + 2 * labelCount }
        static let shift = 0
        static let reduce = 1
        @inline(__always) func left(_ label: Int) -> Int { 2 + label }
        @inline(__always) func right(_ label: Int) -> Int { 2 + labelCount + label }
        @inline(__always) func isLeft(_ move: Int) -> Bool { move >= 2 && move < 2 + labelCount }
        @inline(__always) func isRight(_ move: Int) -> Bool { move >= 2 + labelCount }
        @inline(__always) func label(_ move: Int) -> Int { isLeft(move) ? move - 2 : move - 2 - labelCount }
    }

    private(set) var n = 0
    var none: Int { n + 1 }
    private(set) var stack: [Int] = []
    /// The front of the buffer; the buffer is empty when it is `n + 1`.
    private(set) var buffer = 1
    private(set) var heads: [Int] = []
    private(set) var labels: [Int] = []
    private(set) var leftmost: [Int] = []
    private(set) var leftmost2: [Int] = []
    private(set) var rightmost: [Int] = []
    private(set) var rightmost2: [Int] = []
    private(set) var leftCount: [Int] = []
    private(set) var rightCount: [Int] = []
    private(set) var leftLabels: [UInt64] = []
    private(set) var rightLabels: [UInt64] = []
    private(set) var onStack: [Bool] = []
    private(set) var rootHasChild = false

    /// Starts on a sentence of `n` words.
    mutating func reset(words n: Int) {
        self.n = n
        let size = n + 2
        stack.removeAll(keepingCapacity: true)
        stack.append(0)
        buffer = 1
        func fill<T>(_ array: inout [T], _ value: T) {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(value, count: size))
        }
        fill(&heads, -1)
        fill(&labels, -1)
        fill(&leftmost, size - 1)
        fill(&leftmost2, size - 1)
        fill(&rightmost, size - 1)
        fill(&rightmost2, size - 1)
        fill(&leftCount, 0)
        fill(&rightCount, 0)
        fill(&leftLabels, 0)
        fill(&rightLabels, 0)
        fill(&onStack, false)
        onStack[0] = true
        rootHasChild = false
    }

    var isTerminal: Bool { buffer > n }
    /// The stack's top, or ``none``.
    var top: Int { stack.last ?? none }
    /// The word under the top, or ``none``.
    var second: Int { stack.count >= 2 ? stack[stack.count - 2] : none }

    /// Whether `move` may be applied now.
    @inline(__always)
    func isLegal(_ move: Int, _ moves: Moves) -> Bool {
        guard buffer <= n else { return false }
        let s = top
        switch move {
        case Moves.shift:
            return true
        case Moves.reduce:
            return s != 0 && s != none && heads[s] >= 0
        default:
            let label = moves.label(move)
            if moves.isLeft(move) {
                return s != 0 && s != none && heads[s] < 0 && label != moves.rootLabel
            }
            if s == 0 { return label == moves.rootLabel && !rootHasChild }
            return s != none && label != moves.rootLabel
        }
    }

    @inline(__always)
    mutating func apply(_ move: Int, _ moves: Moves) {
        switch move {
        case Moves.shift:
            push(buffer)
            buffer += 1
        case Moves.reduce:
            pop()
        default:
            let label = moves.label(move)
            if moves.isLeft(move) {
                let dependent = pop()
                attach(dependent, to: buffer, label: label)
            } else {
                attach(buffer, to: top, label: label)
                push(buffer)
                buffer += 1
            }
        }
    }

    private mutating func push(_ word: Int) {
        stack.append(word)
        onStack[word] = true
    }

    @discardableResult
    private mutating func pop() -> Int {
        let word = stack.removeLast()
        onStack[word] = false
        return word
    }

    private mutating func attach(_ dependent: Int, to head: Int, label: Int) {
        heads[dependent] = head
        labels[dependent] = label
        let bit = UInt64(1) << UInt64(label & 63)
        if head == 0 { rootHasChild = true }
        if dependent < head {
            leftmost2[head] = leftmost[head]
            leftmost[head] = dependent
            leftCount[head] += 1
            leftLabels[head] |= bit
        } else {
            rightmost2[head] = rightmost[head]
            rightmost[head] = dependent
            rightCount[head] += 1
            rightLabels[head] |= bit
        }
    }

    /// Gives every word still without a head one at the end of a parse: the first such word
    /// becomes the root if the root has no dependent yet; the others attach to the root's
    /// dependent with `fallback` (they are fragments the parser could not join).
    mutating func finish(fallback: Int, moves: Moves) {
        var rootWord = -1
        for word in 1...max(1, n) where n > 0 && heads[word] == 0 { rootWord = word }
        for word in 1...max(1, n) where n > 0 && heads[word] < 0 {
            if rootWord < 0 {
                attach(word, to: 0, label: moves.rootLabel)
                rootWord = word
            } else {
                attach(word, to: rootWord, label: fallback)
            }
        }
    }
}
