/// One word slot of a verb pattern.
public enum PatternTerm: Hashable, Sendable {
    /// A word, upper case as the dictionaries write it (`TALKS`).
    case word(String)
    /// Consecutive words (`{AIR RAIDS}`); the last is the head.
    case phrase([String])
    /// Any member of a synset (`&CURRENCY`).
    case synset(String)
    /// `$`: the event's source actor stands here.
    case source
    /// `+`: the event's target actor stands here.
    case target
    /// `%`: a compound actor (source and target at once) stands here.
    case compound
    /// `^`: any one word (a name the coder skips over).
    case skip

    /// The term as the dictionary writes it.
    public var notation: String {
        switch self {
        case .word(let word): word
        case .phrase(let words): "{" + words.joined(separator: " ") + "}"
        case .synset(let name): name
        case .source: "$"
        case .target: "+"
        case .compound: "%"
        case .skip: "^"
        }
    }
}

/// One element of a pattern's side: a word slot, or a prepositional phrase `(WITH +)` whose
/// preposition is followed by its objects.
public enum PatternElement: Hashable, Sendable {
    case term(PatternTerm)
    case preposition(PatternTerm, objects: [PatternTerm])

    public var notation: String {
        switch self {
        case .term(let term): term.notation
        case .preposition(let preposition, let objects):
            "(" + ([preposition] + objects).map(\.notation).joined(separator: " ") + ")"
        }
    }
}

/// A verb pattern: the words around a verb that select a more specific event code.
///
/// `- TALKS * (WITH +) [046]` is `before` = [TALKS], `after` = [(WITH +)], code 046: words
/// before `*` are read on the verb's subject side, words after it on its object side, in order,
/// other words allowed between them.
public struct VerbPattern: Hashable, Sendable {
    public var before: [PatternElement]
    public var after: [PatternElement]
    /// The event code; `nil` for `---` (the pattern blocks any event).
    public var code: String?
    /// The code of the reciprocal event, target to source (`[042:043]`).
    public var reverseCode: String?
    /// Where it was read: `file:line`.
    public var origin: String

    public init(
        before: [PatternElement], after: [PatternElement], code: String?, reverseCode: String? = nil,
        origin: String = ""
    ) {
        self.before = before
        self.after = after
        self.code = code
        self.reverseCode = reverseCode
        self.origin = origin
    }

    /// How much of the sentence the pattern pins down: a match with more wins.
    public var specificity: Int {
        func weight(_ element: PatternElement) -> Int {
            switch element {
            case .term(let term): Self.weight(term)
            case .preposition(_, let objects): 1 + objects.map(Self.weight).reduce(0, +)
            }
        }
        return (before + after).map(weight).reduce(0, +)
    }

    private static func weight(_ term: PatternTerm) -> Int {
        switch term {
        case .phrase(let words): words.count
        case .skip: 0
        default: 1
        }
    }

    /// The pattern as the dictionary writes it, without its code.
    public var notation: String {
        (before.map(\.notation) + ["*"] + after.map(\.notation)).joined(separator: " ")
    }
}

/// A form of a verb the coder recognizes: one word, or a phrasal verb with words before or after
/// it (`CORDON OFF`, `RE ARREST`).
public struct VerbForm: Hashable, Sendable {
    /// The verb word itself, upper case (`CORDONED`).
    public var word: String
    /// Words that must precede it, in order.
    public var front: [String]
    /// Words that must follow it, in order.
    public var back: [String]
    /// The primary form the dictionary lists it under (`CORDON`).
    public var lemma: String
    /// The verb's own code, when it differs from its block's; `nil` to use the block's.
    public var code: String?
    /// Whether the form carries its own code (`DISBAND [160]`), `---` included.
    public var hasOwnCode: Bool
    /// Index of its block in ``VerbDictionary/blocks``.
    public var block: Int
}

/// A verb block: verbs that share the same patterns (`--- ATTACK [190] ---`).
public struct VerbBlock: Hashable, Sendable {
    /// The block's name (`ATTACK`).
    public var meaning: String
    /// The code of a verb of the block without a pattern; `nil` for `---` (no event).
    public var code: String?
    /// The code of the reciprocal event (`--- HOST [043:042] ---`: the guest visits).
    public var reverseCode: String?
    public var patterns: [VerbPattern]
}

/// A verb transformation (`~ a (b . ATTACK) SAY = a b 112`): an event inside the complement of
/// another verb becomes a different event. Variables are lower-case letters; `.` is any actor
/// other than the outer source, `_` no actor.
public struct VerbTransformation: Hashable, Sendable {
    public var outerSource: String
    public var innerSource: String
    public var innerTarget: String
    /// The inner verb's name (`ATTACK`, `Q` for any), and the outer verb's (`SAY`).
    public var innerVerb: String
    public var outerVerb: String
    public var resultSource: String
    public var resultTarget: String
    /// The result code; `Q` keeps the inner event's.
    public var resultCode: String
    public var origin: String
}
