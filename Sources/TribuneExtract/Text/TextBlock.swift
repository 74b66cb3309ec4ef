import TribuneCore

/// One line of the input, trimmed: the unit text cleanup classifies. A scraper's text gives no
/// other structure to trust — captions and first paragraphs are often only a newline apart.
struct TextBlock: Sendable {
    var text: Substring
    var features: BlockFeatures

    /// The non-blank lines of `text`, trimmed of white space (no-break and zero-width spaces too).
    static func split(_ text: String, vocabulary: CleanupVocabulary) -> [TextBlock] {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let text = contiguous
        var blocks: [TextBlock] = []
        var tokens: [UInt64] = []  // scratch space the features reuse
        _ = text.utf8.withContiguousStorageIfAvailable { utf8 in
            var lineStart = 0
            while lineStart < utf8.count {
                var lineEnd = lineStart
                while lineEnd < utf8.count && utf8[lineEnd] != 0x0A { lineEnd += 1 }
                var start = lineStart
                var end = lineEnd
                while start < end, let width = spaceWidth(utf8, at: start) { start += width }
                while end > start, let width = spaceWidth(utf8, endingAt: end, from: start) { end -= width }
                if start < end {
                    let utf8View = text.utf8
                    let lower = utf8View.index(utf8View.startIndex, offsetBy: start)
                    let upper = utf8View.index(lower, offsetBy: end - start)
                    let features = BlockFeatures(
                        UnsafeBufferPointer(rebasing: utf8[start..<end]), vocabulary: vocabulary, scratch: &tokens)
                    blocks.append(TextBlock(text: text[lower..<upper], features: features))
                }
                lineStart = lineEnd + 1
            }
        }
        return blocks
    }

    /// The length of the white space (ASCII, no-break, the U+2000 spaces, zero-width, BOM,
    /// ideographic) that starts at `i`, or `nil`.
    static func spaceWidth(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let byte = utf8[i]
        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return 1 }
        guard byte >= 0xC2, i + 1 < utf8.count else { return nil }
        if byte == 0xC2 { return utf8[i + 1] == 0xA0 || utf8[i + 1] == 0x85 ? 2 : nil }
        guard i + 2 < utf8.count else { return nil }
        let (b1, b2) = (utf8[i + 1], utf8[i + 2])
        switch byte {
        case 0xE2: return (b1 == 0x80 && (b2 <= 0x8B || b2 == 0xAF)) || (b1 == 0x81 && b2 == 0x9F) ? 3 : nil
        case 0xE3: return b1 == 0x80 && b2 == 0x80 ? 3 : nil
        case 0xEF: return b1 == 0xBB && b2 == 0xBF ? 3 : nil
        default: return nil
        }
    }

    /// The length of the white space that ends just before `end` and after `start`, or `nil`.
    static func spaceWidth(_ utf8: UnsafeBufferPointer<UInt8>, endingAt end: Int, from start: Int) -> Int? {
        if spaceWidth(utf8, at: end - 1) == 1 { return 1 }
        if end - 2 >= start, utf8[end - 2] == 0xC2, spaceWidth(utf8, at: end - 2) == 2 { return 2 }
        if end - 3 >= start, spaceWidth(utf8, at: end - 3) == 3 { return 3 }
        return nil
    }
}

/// What cleanup measures of a block: the features of jusText and boilerpipe, read from text alone.
struct BlockFeatures: Sendable {
    /// Unicode scalars.
    var characters = 0
    var words = 0
    var functionWords = 0
    /// Words that are neither function words nor numbers, and how many of them are capitalised:
    /// titles capitalise nearly all of them, sentences few.
    var contentWords = 0
    var capitalizedContentWords = 0
    var numericWords = 0
    /// Month and day names and units of time.
    var dateWords = 0
    /// Begins with list numbering: "1.", "2)".
    var numbered = false
    /// How the block ends, closing quotes and brackets aside.
    var ending = Ending.other
    /// Holds a URL or an e-mail address.
    var hasLink = false
    /// The first word's ``WordScanner`` hash.
    var firstWord: UInt64 = 0
    /// Boilerplate phrases found in the block.
    var boilerplate: BoilerplateEvidence?
    /// A hash of the block's lower-cased words: blocks with the same key repeat each other
    /// (0 when the block has no words).
    var key: UInt64 = 0

    /// Measures one line, given as UTF-8; `scratch` is working space reused from line to line.
    init(_ utf8: UnsafeBufferPointer<UInt8>, vocabulary: CleanupVocabulary, scratch tokens: inout [UInt64]) {
        tokens.removeAll(keepingCapacity: true)
        var key = WordScanner.seed
        WordScanner.scan(utf8, symbols: vocabulary.symbols) { word in
            tokens.append(word.hash)
            key = (key ^ word.hash) &* WordScanner.prime
            if word.isSymbol { return }
            if words == 0 {
                firstWord = word.hash
            }
            words += 1
            if vocabulary.dateWords.contains(word.hash) { dateWords += 1 }
            if vocabulary.functionWords.contains(word.hash) {
                functionWords += 1
            } else if word.numeric {
                numericWords += 1
            } else {
                contentWords += 1
                if word.capitalized { capitalizedContentWords += 1 }
            }
        }
        self.key = tokens.isEmpty ? 0 : key
        for byte in utf8 where byte & 0xC0 != 0x80 { characters += 1 }
        boilerplate = BoilerplateEvidence(tokens: tokens, vocabulary: vocabulary)
        ending = Ending(utf8)
        numbered = Self.startsWithNumbering(utf8)
        hasLink = Self.containsLink(utf8)
    }

    /// Measures a line of text.
    init(_ text: Substring, vocabulary: CleanupVocabulary) {
        var text = text
        var scratch: [UInt64] = []
        self = text.withUTF8 { BlockFeatures($0, vocabulary: vocabulary, scratch: &scratch) }
    }

    /// A short line of a date or time, or a byline: "June 30, 2008", "By Jane Doe".
    var isBylineOrDate: Bool {
        guard words <= 10, !endsSentence else { return false }
        return (numericWords > 0 && dateWords > 0) || (firstWord == Self.by && words <= 6)
    }

    private static let by = WordScanner.hash("by")

    var functionDensity: Double { words == 0 ? 0 : Double(functionWords) / Double(words) }
    var capitalizedShare: Double {
        contentWords == 0 ? 0 : Double(capitalizedContentWords) / Double(contentWords)
    }

    enum Ending: Sendable {
        /// `.`, `…` or `。`: a sentence.
        case period
        /// `?` or `!`: a sentence, or a headline.
        case questionOrExclamation
        /// `:`, which leads into what follows.
        case colon
        case other

        init(_ utf8: UnsafeBufferPointer<UInt8>) {
            var end = utf8.count
            while end > 0 {
                let byte = utf8[end - 1]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "*"):
                    end -= 1
                    continue
                case UInt8(ascii: "."): self = .period
                case UInt8(ascii: "!"), UInt8(ascii: "?"): self = .questionOrExclamation
                case UInt8(ascii: ":"): self = .colon
                case 0x80...0xBF:
                    // A multi-byte character: closing quotes are skipped, a few marks end sentences.
                    var start = end - 1
                    while start > 0 && utf8[start] & 0xC0 == 0x80 { start -= 1 }
                    switch Array(utf8[start..<end]) {
                    case [0xE2, 0x80, 0x9D], [0xE2, 0x80, 0x99], [0xC2, 0xBB]:  // ” ’ »
                        end = start
                        continue
                    case [0xE2, 0x80, 0xA6], [0xE3, 0x80, 0x82]: self = .period  // … 。
                    case [0xEF, 0xBC, 0x81], [0xEF, 0xBC, 0x9F]: self = .questionOrExclamation  // ！ ？
                    case [0xEF, 0xBC, 0x9A]: self = .colon  // ：
                    default: self = .other
                    }
                default: self = .other
                }
                return
            }
            self = .other
        }
    }

    var endsSentence: Bool { ending == .period || ending == .questionOrExclamation }

    /// Whether the text starts like an item of a numbered list: digits, then `.` or `)`.
    private static func startsWithNumbering(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        for byte in utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
                if digits > 3 { return false }
                continue
            }
            return digits > 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ")"))
        }
        return false
    }

    /// Whether the text holds `http://`, `https://` or `www.` at a word's start, or an `@` inside
    /// a word (an e-mail address).
    private static func containsLink(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = utf8.count
        var i = 0
        while i < count {
            let byte = utf8[i]
            if byte == UInt8(ascii: "@") {
                if i > 0 && utf8[i - 1] > 0x20 { return true }
            } else if byte == UInt8(ascii: ":") {
                // "http://" or "https://" ending here.
                if i + 2 < count, utf8[i + 1] == UInt8(ascii: "/"), utf8[i + 2] == UInt8(ascii: "/"),
                    endsWord(utf8, at: i, "http") || endsWord(utf8, at: i, "https")
                {
                    return true
                }
            } else if byte == UInt8(ascii: "."), endsWord(utf8, at: i, "www") {
                return true
            }
            i += 1
        }
        return false
    }

    /// Whether `word` stands just before `end`, at the start of the text or after a space or `(`.
    private static func endsWord(_ utf8: UnsafeBufferPointer<UInt8>, at end: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard end >= length else { return false }
        let start = end - length
        for k in 0..<length where utf8[start + k] | 0x20 != word.utf8Start[k] { return false }
        return start == 0 || utf8[start - 1] <= 0x20 || utf8[start - 1] == UInt8(ascii: "(")
    }
}

/// The boilerplate phrases a block holds, and how much of it they make up.
struct BoilerplateEvidence: Sendable {
    /// The reason of the phrases that cover the most words.
    var reason: RemovedText.Reason
    var coveredWords: Int
    /// Distinct phrases of two or more words, or symbols: evidence one common word cannot give.
    var strongPhrases: Int
    /// The block begins with a phrase of two or more words, or with any phrase when it is very
    /// short ("Read more: …", "Posted by …", "Photo: J. Doe").
    var leads: Bool

    /// Longest-first matching of the vocabulary's phrases at each word; `nil` when none match.
    init?(tokens: [UInt64], vocabulary: CleanupVocabulary) {
        var covered: [RemovedText.Reason: Int] = [:]
        var strong: Set<[UInt64]> = []
        var leads = false
        var i = 0
        while i < tokens.count {
            guard let candidates = vocabulary.phrases[tokens[i]],
                let phrase = candidates.first(where: { phrase in
                    i + phrase.words.count <= tokens.count
                        && phrase.words.elementsEqual(tokens[i..<i + phrase.words.count])
                })
            else {
                i += 1
                continue
            }
            if i == 0 { leads = phrase.isStrong || tokens.count <= 4 }
            if phrase.isStrong { strong.insert(phrase.words) }
            covered[phrase.reason, default: 0] += phrase.words.count
            i += phrase.words.count
        }
        let ranked = covered.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }
        guard let best = ranked else { return nil }
        reason = best.key
        coveredWords = covered.values.reduce(0, +)
        strongPhrases = strong.count
        self.leads = leads
    }

    /// Whether the phrases, not the words around them, make the block: most of a short block,
    /// the lead of a very short one, or several distinct phrases in a paragraph.
    func decides(words: Int) -> Bool {
        if words == 0 { return true }
        if coveredWords * 2 >= words { return true }
        if leads && words <= 8 { return true }
        return strongPhrases >= 2 && words <= 120
    }
}
