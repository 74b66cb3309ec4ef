import TribuneCore

/// The word lists text cleanup reads: English function words, date words, and boilerplate
/// phrases, each phrase filed under the reason a block holding it is dropped.
///
/// They ship as data files in `Resources` (`function-words-en.txt`, `date-words-en.txt`,
/// `boilerplate-*.txt`) so
/// that users can read and extend them. Words are kept as ``WordScanner`` hashes: cleanup runs on
/// every input, and comparing integers is what keeps it at thousands of pages a second.
final class CleanupVocabulary: Sendable {
    let functionWords: WordIndex<Bool>
    /// Month and day names, units of time: what datelines are made of.
    let dateWords: WordIndex<Bool>
    /// Boilerplate phrases by the hash of their first word, longest first.
    let phrases: WordIndex<[Phrase]>
    /// The characters listed alone as phrases (`©`, `›`, `|`): the scanner keeps them as
    /// one-character words.
    let symbols: SymbolSet

    struct Phrase: Sendable {
        var words: [UInt64]
        var reason: RemovedText.Reason
        /// Two or more words, or a symbol: evidence one common word cannot give.
        var isStrong: Bool
    }

    /// Each boilerplate file and the reason its phrases give.
    static let boilerplateFiles: [(file: String, reason: RemovedText.Reason)] = [
        ("boilerplate-legal.txt", .legal), ("boilerplate-comments.txt", .comments),
        ("boilerplate-caption.txt", .caption), ("boilerplate-promo.txt", .promo),
        ("boilerplate-navigation.txt", .navigation), ("boilerplate-furniture.txt", .boilerplate),
    ]

    /// Loads the shipped lists.
    static func shipped() throws -> CleanupVocabulary {
        func load(_ file: String) throws -> [Substring] {
            DataFile.entries(try ResourceLocator.text(file, module: "TribuneExtract", sourceFile: #filePath))
        }
        var phrases: [(String, RemovedText.Reason)] = []
        for (file, reason) in boilerplateFiles {
            phrases += try load(file).map { (String($0), reason) }
        }
        return CleanupVocabulary(
            functionWords: try load("function-words-en.txt").map(String.init),
            dateWords: try load("date-words-en.txt").map(String.init), phrases: phrases)
    }

    /// Builds the lists from entries; a phrase listed twice keeps the first reason.
    init(functionWords: [String], dateWords: [String], phrases: [(text: String, reason: RemovedText.Reason)]) {
        // Only a phrase that is one symbol makes that symbol a word: `›`, yes; the `-` of `e-mail`, no.
        var symbols: Set<Unicode.Scalar> = []
        for (text, _) in phrases where text.unicodeScalars.count == 1 {
            let scalar = text.unicodeScalars.first!
            if !scalar.properties.isWhitespace && !WordScanner.isWordScalar(scalar) { symbols.insert(scalar) }
        }
        self.symbols = SymbolSet(symbols)
        self.functionWords = WordIndex(functionWords.flatMap { WordScanner.words(of: Substring($0)) })
        self.dateWords = WordIndex(dateWords.flatMap { WordScanner.words(of: Substring($0)) })
        var byFirst: [UInt64: [Phrase]] = [:]
        var seen: Set<[UInt64]> = []
        for (text, reason) in phrases {
            var words: [UInt64] = []
            var symbol = false
            WordScanner.scan(Substring(text), symbols: self.symbols) { word in
                words.append(word.hash)
                symbol = word.isSymbol
            }
            guard let first = words.first, seen.insert(words).inserted else { continue }
            byFirst[first, default: []].append(
                Phrase(words: words, reason: reason, isStrong: words.count > 1 || symbol))
        }
        var index = WordIndex<[Phrase]>(minimumCapacity: byFirst.count)
        for (first, list) in byFirst { index[first] = list.sorted { $0.words.count > $1.words.count } }
        self.phrases = index
    }
}

/// One word as ``WordScanner`` reports it.
struct ScannedWord {
    /// FNV-1a of the lower-cased word's UTF-8 (`’` read as `'`): equal words, equal hashes.
    var hash: UInt64
    var capitalized: Bool
    /// Made only of digits.
    var numeric: Bool
    /// One of the vocabulary's symbols rather than a word.
    var isSymbol: Bool
}

/// Splits text into words in one pass over its UTF-8: runs of letters, digits and marks (with
/// inner apostrophes), plus the vocabulary's symbols as one-character words. Other punctuation
/// separates words. ASCII takes a fast path; other scripts go through Unicode properties.
enum WordScanner {
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func hash(_ word: String) -> UInt64 { words(of: Substring(word)).first ?? seed }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
                || (value >= 0x30 && value <= 0x39)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func words(of text: Substring, symbols: SymbolSet = SymbolSet()) -> [UInt64] {
        var result: [UInt64] = []
        scan(text, symbols: symbols) { result.append($0.hash) }
        return result
    }

    static func scan(_ text: Substring, symbols: SymbolSet, _ body: (ScannedWord) -> Void) {
        var text = text
        text.withUTF8 { scan($0, symbols: symbols, body) }
    }

    static func scan(_ utf8: UnsafeBufferPointer<UInt8>, symbols: SymbolSet, _ body: (ScannedWord) -> Void) {
        var word = ScannedWord(hash: seed, capitalized: false, numeric: true, isSymbol: false)
        var inWord = false
        var pendingApostrophe = false

        @inline(__always) func mix(_ byte: UInt8) { word.hash = (word.hash ^ UInt64(byte)) &* prime }
        @inline(__always) func end() {
            if inWord { body(word) }
            inWord = false
            pendingApostrophe = false
            word = ScannedWord(hash: seed, capitalized: false, numeric: true, isSymbol: false)
        }
        @inline(__always) func begin(capitalized: Bool) {
            if !inWord {
                inWord = true
                word.capitalized = capitalized
            } else if pendingApostrophe {
                mix(0x27)
                pendingApostrophe = false
            }
        }

        var i = 0
        let count = utf8.count
        while i < count {
            let byte = utf8[i]
            if byte < 0x80 {
                i += 1
                if byte >= 0x61 && byte <= 0x7A {
                    begin(capitalized: false)
                    mix(byte)
                    word.numeric = false
                } else if byte >= 0x41 && byte <= 0x5A {
                    begin(capitalized: true)
                    mix(byte | 0x20)
                    word.numeric = false
                } else if byte >= 0x30 && byte <= 0x39 {
                    begin(capitalized: false)
                    mix(byte)
                } else if byte == 0x27 && inWord && !pendingApostrophe {
                    pendingApostrophe = true
                } else {
                    end()
                    if symbols.contains(ascii: byte) { symbol(Unicode.Scalar(byte), body) }
                }
                continue
            }
            // A multi-byte scalar: decode it (invalid sequences cannot occur in a String).
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length where i + k < count { value = value << 6 | UInt32(utf8[i + k] & 0x3F) }
            let start = i
            i += length
            guard let scalar = Unicode.Scalar(value) else { continue }
            // General punctuation (U+2000–U+206F: dashes, quotes, spaces) is never part of a word.
            if value >= 0x2000 && value <= 0x206F && value != 0x2019 {
                end()
                if symbols.contains(scalar) { symbol(scalar, body) }
                continue
            }
            if scalar == "\u{2019}" && inWord && !pendingApostrophe {
                pendingApostrophe = true
            } else if isWordScalar(scalar) {
                let properties = scalar.properties
                begin(capitalized: properties.isUppercase)
                if properties.numericType == nil { word.numeric = false }
                if properties.changesWhenLowercased {
                    for byte in properties.lowercaseMapping.utf8 { mix(byte) }
                } else {
                    for k in start..<min(i, count) { mix(utf8[k]) }
                }
            } else {
                end()
                if symbols.contains(scalar) { symbol(scalar, body) }
            }
        }
        end()
    }

    private static func symbol(_ scalar: Unicode.Scalar, _ body: (ScannedWord) -> Void) {
        var hash = seed
        for byte in String(scalar).utf8 { hash = (hash ^ UInt64(byte)) &* prime }
        body(ScannedWord(hash: hash, capitalized: false, numeric: false, isSymbol: true))
    }
}

/// The symbols the scanner reports as words: a bit per ASCII character, a set for the rest.
struct SymbolSet: Sendable {
    private var ascii: (UInt64, UInt64) = (0, 0)
    private var other: Set<Unicode.Scalar> = []

    init(_ scalars: some Sequence<Unicode.Scalar> = []) {
        for scalar in scalars {
            if scalar.isASCII {
                let value = scalar.value
                if value < 64 { ascii.0 |= 1 << UInt64(value) } else { ascii.1 |= 1 << UInt64(value - 64) }
            } else {
                other.insert(scalar)
            }
        }
    }

    @inline(__always)
    func contains(ascii byte: UInt8) -> Bool {
        byte < 64 ? ascii.0 & (1 << UInt64(byte)) != 0 : ascii.1 & (1 << UInt64(byte - 64)) != 0
    }

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? contains(ascii: UInt8(scalar.value)) : other.contains(scalar)
    }
}
