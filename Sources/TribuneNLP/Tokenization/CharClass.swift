/// What a character is, as far as tokenizing is concerned.
///
/// The tokenizer works on UTF-8 bytes: ASCII goes through a table, and the few non-ASCII
/// characters that matter in English text (curly quotes, dashes, the ellipsis, Unicode spaces)
/// have classes of their own. Every other non-ASCII letter, mark or digit counts as a letter,
/// every other symbol as ``symbol``.
enum CharClass: UInt8 {
    case space, lineBreak
    case upper, lower, letter, digit
    case period, exclamation, question, ellipsis
    case comma, semicolon, colon
    case hyphen, dash
    /// `'`: an apostrophe or a single quote, told apart by position.
    case apostrophe
    /// `’`: an apostrophe or a closing single quote.
    case rightSingleQuote
    /// `‘`, `‚`, `‛` and the backtick.
    case leftSingleQuote
    /// `"`: opening or closing, told apart by position.
    case doubleQuote
    /// `“`, `„`, `‟`, `«`, `‹`.
    case leftDoubleQuote
    /// `”`, `»`, `›`.
    case rightDoubleQuote
    case openBracket, closeBracket
    case slash, at, ampersand, percent, currency, underscore
    /// Any other symbol or punctuation (`*`, `#`, `+`, `=`, `<`, `>`, emoji, `•`…).
    case symbol

    /// Letters and digits: the characters words are made of.
    @inline(__always) var isAlphanumeric: Bool {
        rawValue >= CharClass.upper.rawValue && rawValue <= CharClass.digit.rawValue
    }
    @inline(__always) var isLetter: Bool {
        rawValue >= CharClass.upper.rawValue && rawValue <= CharClass.letter.rawValue
    }
    @inline(__always) var isSpace: Bool { self == .space || self == .lineBreak }
    /// `.`, `!`, `?` and `…`: the characters that can end a sentence.
    @inline(__always) var isTerminal: Bool {
        rawValue >= CharClass.period.rawValue && rawValue <= CharClass.ellipsis.rawValue
    }
    /// Apostrophes and single quotes of every kind.
    @inline(__always) var isSingleQuote: Bool {
        self == .apostrophe || self == .rightSingleQuote || self == .leftSingleQuote
    }
    /// Any quotation mark, single or double.
    @inline(__always) var isQuote: Bool {
        rawValue >= CharClass.apostrophe.rawValue && rawValue <= CharClass.rightDoubleQuote.rawValue
    }
}

/// A character decoded from UTF-8: its class and how many bytes it takes.
struct CharInfo {
    var charClass: CharClass
    var length: Int
}

/// Decodes and classifies characters of UTF-8 text.
enum CharClassifier {
    /// The class of an ASCII byte. A switch rather than a table: a static table costs a lazy
    /// initialization check on every access.
    @inline(__always)
    static func ascii(_ byte: UInt8) -> CharClass {
        switch byte {
        case 0x61...0x7A: return .lower
        case 0x41...0x5A: return .upper
        case 0x20: return .space
        case 0x30...0x39: return .digit
        case 0x2E: return .period  // .
        case 0x2C: return .comma  // ,
        case 0x0A, 0x0D: return .lineBreak
        case 0x00...0x1F, 0x7F: return .space
        case 0x21: return .exclamation  // !
        case 0x3F: return .question  // ?
        case 0x3B: return .semicolon  // ;
        case 0x3A: return .colon  // :
        case 0x2D: return .hyphen  // -
        case 0x27: return .apostrophe  // '
        case 0x60: return .leftSingleQuote  // `
        case 0x22: return .doubleQuote  // "
        case 0x28, 0x5B, 0x7B: return .openBracket  // ( [ {
        case 0x29, 0x5D, 0x7D: return .closeBracket  // ) ] }
        case 0x2F: return .slash  // /
        case 0x40: return .at  // @
        case 0x26: return .ampersand  // &
        case 0x25: return .percent  // %
        case 0x24: return .currency  // $
        case 0x5F: return .underscore  // _
        default: return .symbol
        }
    }

    /// The character at `index`; `end` bounds the text (a truncated sequence counts as a letter).
    @inline(__always)
    static func info(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, end: Int) -> CharInfo {
        let byte = text[index]
        if byte < 0x80 { return CharInfo(charClass: ascii(byte), length: 1) }
        return nonASCII(text, index, end: end)
    }

    /// The class of the character that ends just before `index` (`.space` at `start`).
    static func classBefore(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, start: Int) -> CharClass {
        guard index > start else { return .space }
        var first = index - 1
        while first > start, text[first] & 0xC0 == 0x80, index - first < 4 { first -= 1 }
        return info(text, first, end: index).charClass
    }

    private static func nonASCII(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, end: Int) -> CharInfo {
        let lead = text[index]
        let length: Int
        var scalar: UInt32
        switch lead {
        case 0xC0..<0xE0:
            length = 2
            scalar = UInt32(lead & 0x1F)
        case 0xE0..<0xF0:
            length = 3
            scalar = UInt32(lead & 0x0F)
        case 0xF0..<0xF8:
            length = 4
            scalar = UInt32(lead & 0x07)
        default:
            return CharInfo(charClass: .letter, length: 1)  // a stray continuation byte
        }
        guard index + length <= end else { return CharInfo(charClass: .letter, length: end - index) }
        for offset in 1..<length { scalar = scalar << 6 | UInt32(text[index + offset] & 0x3F) }
        return CharInfo(charClass: classify(scalar), length: length)
    }

    /// The class of a non-ASCII scalar.
    static func classify(_ scalar: UInt32) -> CharClass {
        switch scalar {
        case 0x85, 0x2028, 0x2029: return .lineBreak
        case 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return .space
        case 0x2018, 0x201A, 0x201B: return .leftSingleQuote
        case 0x2019: return .rightSingleQuote
        case 0x201C, 0x201E, 0x201F, 0xAB, 0x2039: return .leftDoubleQuote
        case 0x201D, 0xBB, 0x203A: return .rightDoubleQuote
        case 0x2010, 0x2011: return .hyphen
        case 0x2012...0x2015, 0x2212, 0x2E3A, 0x2E3B: return .dash
        case 0x2026: return .ellipsis
        case 0xFF0E, 0x3002: return .period
        case 0xFF01: return .exclamation
        case 0xFF1F: return .question
        case 0xFF0C, 0x3001: return .comma
        default: break
        }
        guard let value = Unicode.Scalar(scalar) else { return .letter }
        switch value.properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return .upper
        case .lowercaseLetter: return .lower
        case .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark, .enclosingMark: return .letter
        case .decimalNumber, .letterNumber, .otherNumber: return .digit
        case .currencySymbol: return .currency
        case .openPunctuation: return .openBracket
        case .closePunctuation: return .closeBracket
        case .spaceSeparator: return .space
        case .lineSeparator, .paragraphSeparator: return .lineBreak
        case .control: return .space
        case .format: return .letter  // soft hyphens and joiners sit inside words
        default: return .symbol
        }
    }
}
