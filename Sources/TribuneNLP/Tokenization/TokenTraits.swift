/// What the sentence splitter needs to know of a token, noted by the tokenizer as it goes.
struct TokenTraits: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    /// Starts with an uppercase letter.
    static let capitalized = TokenTraits(rawValue: 1 << 0)
    /// Starts with a lowercase letter.
    static let lowercase = TokenTraits(rawValue: 1 << 1)
    /// Starts with another letter (no case: CJK, Arabic…).
    static let uncased = TokenTraits(rawValue: 1 << 2)
    /// Starts with a digit.
    static let number = TokenTraits(rawValue: 1 << 3)
    /// A run of `.`, `!`, `?` or `…`: punctuation that can end a sentence.
    static let terminal = TokenTraits(rawValue: 1 << 5)
    /// A word that ends with a period it keeps: abbreviation, initial, acronym ("Inc.", "J.", "U.S.").
    static let abbreviation = TokenTraits(rawValue: 1 << 6)
    /// An abbreviation that comes before a name ("Dr.", "Gen.").
    static let title = TokenTraits(rawValue: 1 << 7)
    /// A single letter with a period ("W.").
    static let initial = TokenTraits(rawValue: 1 << 8)
    /// A list number with its period at the start of a sentence ("1.").
    static let listMarker = TokenTraits(rawValue: 1 << 9)
    static let openingQuote = TokenTraits(rawValue: 1 << 10)
    static let closingQuote = TokenTraits(rawValue: 1 << 11)
    static let openingBracket = TokenTraits(rawValue: 1 << 12)
    static let closingBracket = TokenTraits(rawValue: 1 << 13)
    /// `,`, `;` or `:`.
    static let pause = TokenTraits(rawValue: 1 << 14)
    /// A hyphen or dash, alone or in a run ("-", "--", "—").
    static let dash = TokenTraits(rawValue: 1 << 15)
    /// Any other punctuation or symbol.
    static let symbol = TokenTraits(rawValue: 1 << 16)
    /// A URL or an e-mail address.
    static let link = TokenTraits(rawValue: 1 << 17)
    /// White space comes before it.
    static let spaceBefore = TokenTraits(rawValue: 1 << 18)
    /// A line break comes before it (inside the paragraph).
    static let lineBreakBefore = TokenTraits(rawValue: 1 << 19)
    /// An emoticon (":)").
    static let emoticon = TokenTraits(rawValue: 1 << 20)
    /// A clitic split off the word before it ("'s", "n't").
    static let clitic = TokenTraits(rawValue: 1 << 21)

    /// Starts with a letter or digit.
    var isWord: Bool { !isDisjoint(with: [.capitalized, .lowercase, .uncased, .number]) }
    /// Punctuation that closes what a sentence-final mark may sit inside.
    var isCloser: Bool { !isDisjoint(with: [.closingQuote, .closingBracket]) }
}
