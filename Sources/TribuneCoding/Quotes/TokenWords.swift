import TribuneNLP

/// The words of an analyzed text as the quote and count readers look them up: each token's
/// text lower-cased, whether it begins with a capital letter, and the sentence it belongs to.
struct TokenWords {
    /// Each token's text, lower-cased (ASCII letters only; other bytes are kept).
    let lower: [String]
    let capitalized: [Bool]
    /// Whether each token begins with a letter.
    let letter: [Bool]
    /// Each token's sentence index.
    let sentence: [Int]
    let tokens: [Token]

    init(_ utf8: [UInt8], analysis: AnalyzedText) {
        tokens = analysis.tokens
        var lower: [String] = []
        var capitalized: [Bool] = []
        var letter: [Bool] = []
        lower.reserveCapacity(tokens.count)
        capitalized.reserveCapacity(tokens.count)
        for token in tokens {
            let bytes = utf8[token.range]
            let first = bytes.first ?? 0
            capitalized.append(first >= 0x41 && first <= 0x5A)
            if first < 0x80 {
                letter.append((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A)
            } else {
                let scalar = String(decoding: bytes.prefix(4), as: UTF8.self).unicodeScalars.first
                letter.append(scalar?.properties.isAlphabetic ?? false)
            }
            lower.append(String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self))
        }
        self.lower = lower
        self.capitalized = capitalized
        self.letter = letter
        var sentence = [Int](repeating: 0, count: tokens.count)
        for (index, range) in analysis.sentences.enumerated() {
            for token in range.tokens { sentence[token] = index }
        }
        self.sentence = sentence
    }

    var count: Int { tokens.count }

    /// Whether the token is a word: it begins with a letter.
    func isWord(_ index: Int) -> Bool { letter[index] }

    /// Whether the token is punctuation: no letter or digit at its start.
    func isPunctuation(_ index: Int) -> Bool {
        guard let first = lower[index].utf8.first else { return true }
        return !letter[index] && !(first >= 0x30 && first <= 0x39)
    }

    /// Whether the token is a hyphen joining the words on either side ("Major-General").
    func isJoiner(_ index: Int) -> Bool {
        lower[index] == "-" && index > 0 && index + 1 < tokens.count && tokens[index].start == tokens[index - 1].end
            && tokens[index].end == tokens[index + 1].start
    }
}
