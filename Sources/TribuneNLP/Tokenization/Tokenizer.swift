/// Tokens and their traits, in two parallel arrays, as the tokenizer writes them.
struct TokenBuffer {
    var tokens: [Token] = []
    var traits: [TokenTraits] = []

    var count: Int { tokens.count }

    mutating func reserve(_ capacity: Int) {
        tokens.reserveCapacity(capacity)
        traits.reserveCapacity(capacity)
    }
}

/// The rule-based tokenizer: splits a paragraph of UTF-8 text into tokens the way the Universal
/// Dependencies English treebanks do, keeping byte offsets.
///
/// White space separates chunks; each chunk is then cut into words and punctuation:
/// - punctuation is split off words; runs such as `...`, `?!`, `--` and `''` stay one token;
/// - clitics are split (`Pakistan's` → `Pakistan` `'s`, `don't` → `do` `n't`, `can't` → `ca`
///   `n't`, also with `’`), and so are the words of `contractions.txt` (`gonna` → `gon` `na`);
/// - hyphens are split (`well-known` → `well` `-` `known`) except after the prefixes of
///   `hyphen-prefixes.txt` (`non-profit`, `al-Baghdadi`) and inside phone numbers;
/// - abbreviations, titles, initials and letter-period acronyms keep their period (`Jan.`,
///   `Dr.`, `J.`, `U.S.`); numbers keep their separators (`3,500,000`, `12.5`, `4/14/00`, `10:30`);
/// - URLs, e-mail addresses and emoticons are one token.
struct Tokenizer: Sendable {
    let lexicon: SegmenterLexicon

    /// Appends the tokens of `text[paragraph]` to `buffer`.
    func tokenize(_ text: UnsafeBufferPointer<UInt8>, paragraph: Range<Int>, into buffer: inout TokenBuffer) {
        var pass = TokenizerPass(text: text, lexicon: lexicon, end: paragraph.upperBound, firstToken: buffer.count)
        swap(&pass.out, &buffer)  // hand the arrays over without copying them
        pass.run(from: paragraph.lowerBound)
        swap(&pass.out, &buffer)
    }
}

/// One paragraph's tokenization: the text, where it is, and what was written so far.
private struct TokenizerPass {
    let text: UnsafeBufferPointer<UInt8>
    let lexicon: SegmenterLexicon
    /// The end of the paragraph.
    let end: Int
    var out = TokenBuffer()
    /// The index of the paragraph's first token.
    let firstToken: Int
    /// Whether a straight double quote is open, to orient a `"` that stands alone.
    var insideQuote = false
    /// White space seen since the last token.
    var pending: TokenTraits = []

    init(text: UnsafeBufferPointer<UInt8>, lexicon: SegmenterLexicon, end: Int, firstToken: Int) {
        self.text = text
        self.lexicon = lexicon
        self.end = end
        self.firstToken = firstToken
    }

    // MARK: Characters

    @inline(__always) func char(_ index: Int, _ limit: Int) -> CharInfo {
        CharClassifier.info(text, index, end: limit)
    }

    /// The class at `index`, or `.space` at or past `limit`.
    @inline(__always) func charClass(_ index: Int, _ limit: Int) -> CharClass {
        index < limit ? CharClassifier.info(text, index, end: limit).charClass : .space
    }

    @inline(__always) func classBefore(_ index: Int, _ start: Int) -> CharClass {
        CharClassifier.classBefore(text, index, start: start)
    }

    /// The end of the run of letters and digits that starts at `index`.
    @inline(__always) func alphanumericEnd(_ index: Int, _ limit: Int) -> Int {
        var index = index
        while index < limit {
            let byte = text[index]
            if byte < 0x80 {  // ASCII letters and digits without decoding
                let folded = byte | 0x20
                guard (folded >= 0x61 && folded <= 0x7A) || (byte >= 0x30 && byte <= 0x39) else { break }
                index += 1
                continue
            }
            let info = char(index, limit)
            guard info.charClass.isAlphanumeric else { break }
            index += info.length
        }
        return index
    }

    func isDigits(_ range: Range<Int>) -> Bool {
        !range.isEmpty && range.allSatisfy { text[$0] >= 0x30 && text[$0] <= 0x39 }
    }

    func isASCIILetters(_ range: Range<Int>, upperOnly: Bool = false) -> Bool {
        !range.isEmpty
            && range.allSatisfy {
                let byte = text[$0]
                return (byte >= 0x41 && byte <= 0x5A) || (!upperOnly && byte >= 0x61 && byte <= 0x7A)
            }
    }

    // MARK: Output

    mutating func emit(_ start: Int, _ end: Int, _ traits: TokenTraits) {
        out.tokens.append(Token(start: Int32(start), end: Int32(end)))
        out.traits.append(traits.union(pending))
        pending = []
    }

    /// Emits a word, with traits for how it starts.
    mutating func emitWord(_ start: Int, _ end: Int, _ extra: TokenTraits = []) {
        var traits = extra
        switch char(start, end).charClass {
        case .upper: traits.insert(.capitalized)
        case .lower: traits.insert(.lowercase)
        case .digit: traits.insert(.number)
        default: traits.insert(.uncased)
        }
        emit(start, end, traits)
    }

    // MARK: Chunks

    mutating func run(from start: Int) {
        var index = start
        while index < end {
            let info = char(index, end)
            if info.charClass.isSpace {
                pending.insert(info.charClass == .lineBreak ? [.spaceBefore, .lineBreakBefore] : .spaceBefore)
                index += info.length
                continue
            }
            var chunkEnd = index + info.length
            var mayBeLink = info.charClass == .slash || info.charClass == .at
            while chunkEnd < end {
                let byte = text[chunkEnd]
                if byte < 0x80 {  // ASCII, the common case, without decoding
                    if byte <= 0x20 || byte == 0x7F { break }
                    if byte == 0x2F || byte == 0x40 || (byte == 0x2E && text[chunkEnd - 1] | 0x20 == 0x77) {
                        mayBeLink = true  // "/", "@", "www."
                    }
                    chunkEnd += 1
                    continue
                }
                let next = char(chunkEnd, end)
                if next.charClass.isSpace { break }
                chunkEnd += next.length
            }
            chunk(index, chunkEnd, mayBeLink: mayBeLink)
            index = chunkEnd
        }
    }

    /// Tokenizes a run of text between white space.
    mutating func chunk(_ start: Int, _ end: Int, mayBeLink: Bool) {
        if mayBeLink, let link = LinkFinder(text: text).link(in: start..<end) {
            var index = start
            while index < link.lowerBound { index = punctuation(index, start, link.lowerBound) }
            emit(link.lowerBound, link.upperBound, .link)
            index = link.upperBound
            while index < end { index = punctuation(index, link.upperBound, end) }
            return
        }
        var index = start
        while index < end {
            if char(index, end).charClass.isAlphanumeric {
                index = word(index, start, end)
            } else {
                index = punctuation(index, start, end)
            }
        }
    }

    // MARK: Words

    /// Scans the word that starts at `start` (a letter or digit) and emits it, split where UD
    /// splits it; returns where it ends.
    mutating func word(_ start: Int, _ chunkStart: Int, _ end: Int) -> Int {
        var index = alphanumericEnd(start, end)
        var runStart = start  // the current run of letters and digits
        var partStart = start  // after the last hyphen kept inside the word
        var periods = 0
        var shortRuns = index - start <= 2 && isASCIILetters(start..<index)  // "U.S", "Ph.D", "a.m"
        var plain = true  // letters and digits only
        scan: while index < end {
            let info = char(index, end)
            let next = index + info.length
            let nextClass = charClass(next, end)
            guard nextClass.isAlphanumeric else {
                if info.charClass == .hyphen, next == end, info.length == 1, index - start <= 4 {
                    index = next  // a word broken off: "th-", "gr-"
                }
                break
            }
            switch info.charClass {
            case .period:
                let runEnd = alphanumericEnd(next, end)
                shortRuns = shortRuns && runEnd - next <= 2 && isASCIILetters(next..<runEnd)
                periods += 1
                runStart = next
                index = runEnd
            case .comma where isDigits(runStart..<index) && isThousands(next, end):
                index = next + 3
                runStart = next
            case .colon where nextClass == .digit && isDigits(runStart..<index):
                runStart = next
                index = alphanumericEnd(next, end)
            case .slash where slashJoins(runStart..<index, next, end):
                runStart = next
                index = alphanumericEnd(next, end)
            case .hyphen where keepsHyphen(partStart..<index, next, end):
                partStart = next
                runStart = next
                index = alphanumericEnd(next, end)
            case .apostrophe, .rightSingleQuote, .leftSingleQuote:
                let runEnd = alphanumericEnd(next, end)
                if endsWord(runEnd, end), classBefore(index, start).isLetter {
                    if isClitic(next..<runEnd) {
                        emitWord(start, index)
                        emit(index, runEnd, [.clitic, .lowercase])
                        return runEnd
                    }
                    if runEnd - next == 1, text[next] | 0x20 == 0x74, index - start >= 2, text[index - 1] | 0x20 == 0x6E
                    {
                        emitWord(start, index - 1)  // "do|n't", "ca|n't"
                        emit(index - 1, runEnd, [.clitic, .lowercase])
                        return runEnd
                    }
                }
                runStart = next
                index = runEnd
            case .ampersand where index - runStart <= 3 && isASCIILetters(runStart..<index):
                let runEnd = alphanumericEnd(next, end)
                guard runEnd - next <= 3 else { break scan }
                runStart = next
                index = runEnd
            case .at, .underscore:
                runStart = next
                index = alphanumericEnd(next, end)
            default:
                break scan
            }
            plain = false
        }

        if index < end, text[index] == 0x2E, charClass(index + 1, end) != .period,
            let traits = periodTraits(start, index, chunkStart: chunkStart, acronym: periods > 0 && shortRuns)
        {
            emitWord(start, index + 1, traits)
            return index + 1
        }
        if plain, let contraction = lexicon.contractions.value(text, start..<index) {
            var partStart = start
            for (part, length) in lexicon.splits[Int(contraction)].enumerated() {
                if part == 0 {
                    emitWord(partStart, partStart + length)
                } else {
                    emit(partStart, partStart + length, [.clitic, .lowercase])
                }
                partStart += length
            }
            return index
        }
        emitWord(start, index)
        return index
    }

    /// Whether the period right after `text[start..<end]` belongs to the word, and what it makes
    /// of it; nil when the period is punctuation of its own.
    func periodTraits(_ start: Int, _ wordEnd: Int, chunkStart: Int, acronym: Bool) -> TokenTraits? {
        if acronym { return .abbreviation }
        let first = char(start, wordEnd)
        if first.length == wordEnd - start, first.charClass.isLetter { return [.abbreviation, .initial] }
        if let kind = lexicon.abbreviation(text, start..<wordEnd) {
            switch kind {
            case .title: return [.abbreviation, .title]
            case .ordinary: return .abbreviation
            case .numeric: return numberFollows(wordEnd + 1) ? .abbreviation : nil
            }
        }
        // "1." opening a sentence of a numbered list
        if wordEnd - start <= 2, isDigits(start..<wordEnd), start == chunkStart, wordEnd + 1 == chunkEndAfter(wordEnd),
            out.count == firstToken || pending.contains(.lineBreakBefore)
                || (out.traits.last?.contains(.terminal) ?? false)
        {
            return .listMarker
        }
        return nil
    }

    /// The end of the chunk that contains `index`.
    func chunkEndAfter(_ index: Int) -> Int {
        var index = index
        while index < end {
            let info = char(index, end)
            if info.charClass.isSpace { break }
            index += info.length
        }
        return index
    }

    /// Whether the next non-space character from `index` on is a digit ("No. 5").
    func numberFollows(_ index: Int) -> Bool {
        var index = index
        while index < end, charClass(index, end) == .space { index += char(index, end).length }
        return charClass(index, end) == .digit
    }

    /// Three digits at `index` and no fourth: a thousands group.
    func isThousands(_ index: Int, _ end: Int) -> Bool {
        index + 3 <= end && isDigits(index..<index + 3) && charClass(index + 3, end) != .digit
    }

    /// `4/14/00`, `9/11`, `RFE/RL` stay whole; `and/or` splits.
    func slashJoins(_ before: Range<Int>, _ next: Int, _ end: Int) -> Bool {
        let after = next..<alphanumericEnd(next, end)
        if isDigits(before) && isDigits(after) { return true }
        return before.count <= 3 && after.count <= 3 && isASCIILetters(before, upperOnly: true)
            && isASCIILetters(after, upperOnly: true)
    }

    /// Whether the hyphen after `part` (which starts a word or follows a kept hyphen) stays inside
    /// the word: after a listed prefix, and inside phone numbers (`713-853-5025`, `853-5025`) and
    /// ZIP+4 codes (`94720-1234`). Ranges such as `200-250` and `1969-1970` split.
    func keepsHyphen(_ part: Range<Int>, _ next: Int, _ end: Int) -> Bool {
        if lexicon.hyphenPrefixes.contains(text, part) { return true }
        guard isDigits(part) else { return false }
        let after = next..<alphanumericEnd(next, end)
        guard isDigits(after) else { return false }
        switch (part.count, after.count) {
        case (3, 4), (5, 4): return true
        case (3, 3):  // the area code and exchange of a full number
            let rest = after.upperBound + 1
            return after.upperBound < end && text[after.upperBound] == 0x2D
                && alphanumericEnd(rest, end) - rest == 4 && isDigits(rest..<rest + 4)
        default: return false
        }
    }

    /// Whether nothing that continues the word follows `index`.
    func endsWord(_ index: Int, _ end: Int) -> Bool {
        guard index < end else { return true }
        let info = char(index, end)
        switch info.charClass {
        case .period, .hyphen, .apostrophe, .rightSingleQuote, .slash, .at, .ampersand, .underscore:
            return !charClass(index + info.length, end).isAlphanumeric
        default:
            return true
        }
    }

    /// `s`, `re`, `ll`, `ve`, `d`, `m`, in any case: what follows the apostrophe of a clitic.
    func isClitic(_ range: Range<Int>) -> Bool {
        switch range.count {
        case 1:
            let byte = text[range.lowerBound] | 0x20
            return byte == 0x73 || byte == 0x64 || byte == 0x6D  // s d m
        case 2:
            let first = text[range.lowerBound] | 0x20
            let second = text[range.lowerBound + 1] | 0x20
            return (first == 0x72 && second == 0x65) || (first == 0x6C && second == 0x6C)
                || (first == 0x76 && second == 0x65)  // re ll ve
        default:
            return false
        }
    }

    // MARK: Punctuation

    /// Emits the punctuation token that starts at `index` and returns where it ends.
    mutating func punctuation(_ index: Int, _ chunkStart: Int, _ end: Int) -> Int {
        let info = char(index, end)
        let next = index + info.length
        if let emoticon = emoticonEnd(index, end) {
            emit(index, emoticon, .emoticon)
            return emoticon
        }
        switch info.charClass {
        case .period where charClass(next, end) == .digit && !classBefore(index, chunkStart).isAlphanumeric:
            let numberEnd = alphanumericEnd(next, end)  // ".5"
            emit(index, numberEnd, .number)
            return numberEnd
        case .period, .exclamation, .question, .ellipsis:
            var runEnd = next
            while runEnd < end {
                let following = char(runEnd, end)
                guard following.charClass.isTerminal else { break }
                runEnd += following.length
            }
            emit(index, runEnd, .terminal)
            return runEnd
        case .hyphen, .dash:
            let runEnd = sameRunEnd(index, info.length, end)
            emit(index, runEnd, .dash)
            return runEnd
        case .apostrophe, .rightSingleQuote, .leftSingleQuote:
            return singleQuote(index, info, chunkStart, end)
        case .doubleQuote:
            let before = classBefore(index, chunkStart)
            let closing: Bool
            if index > chunkStart, before != .openBracket, !before.isQuote, before != .dash {
                closing = true
            } else if next < end {
                closing = false
            } else {
                closing = insideQuote
            }
            insideQuote = !closing
            emit(index, next, closing ? .closingQuote : .openingQuote)
            return next
        case .leftDoubleQuote:
            insideQuote = true
            emit(index, next, .openingQuote)
            return next
        case .rightDoubleQuote:
            insideQuote = false
            emit(index, next, .closingQuote)
            return next
        case .openBracket:
            emit(index, next, .openingBracket)
            return next
        case .closeBracket:
            emit(index, next, .closingBracket)
            return next
        case .comma, .semicolon, .colon:
            emit(index, next, .pause)
            return next
        default:
            let runEnd = info.length == 1 ? sameRunEnd(index, 1, end) : next
            emit(index, runEnd, .symbol)
            return runEnd
        }
    }

    /// A single quote or apostrophe outside a word: `''` and `’’` pair up into one token;
    /// `'90s` keeps its apostrophe; otherwise the side of the word it touches tells its role.
    mutating func singleQuote(_ index: Int, _ info: CharInfo, _ chunkStart: Int, _ end: Int) -> Int {
        let next = index + info.length
        let before = classBefore(index, chunkStart)
        let attachedBefore = index > chunkStart && before != .openBracket && !before.isQuote
        if next < end {
            let following = char(next, end)
            if following.charClass.isSingleQuote && following.length == info.length
                && text[next + following.length - 1] == text[index + info.length - 1]
            {
                let pairEnd = next + following.length
                emit(index, pairEnd, attachedBefore ? .closingQuote : .openingQuote)
                return pairEnd
            }
            if following.charClass == .digit, !before.isAlphanumeric, info.charClass != .leftSingleQuote {
                let numberEnd = alphanumericEnd(next, end)
                emit(index, numberEnd, .number)
                return numberEnd
            }
            if index == chunkStart, following.charClass.isLetter {
                let runEnd = alphanumericEnd(next, end)
                if runEnd == end, isClitic(next..<runEnd) {  // "'s" written apart
                    emit(index, runEnd, [.clitic, .lowercase])
                    return runEnd
                }
            }
        }
        emit(index, next, attachedBefore ? .closingQuote : .openingQuote)
        return next
    }

    /// The end of a run of the same character ("--", "***", "====").
    func sameRunEnd(_ index: Int, _ length: Int, _ end: Int) -> Int {
        var runEnd = index + length
        while runEnd + length <= end, (0..<length).allSatisfy({ text[runEnd + $0] == text[index + $0] }) {
            runEnd += length
        }
        return runEnd
    }

    /// The end of the emoticon at `index` if one ends the chunk there.
    func emoticonEnd(_ index: Int, _ end: Int) -> Int? {
        let first = text[index]
        guard first == 0x3A || first == 0x3B || first == 0x3D || first == 0x28 || first == 0x5E || first == 0x3C
        else { return nil }
        for emoticon in lexicon.emoticons where emoticon.count == end - index && emoticon.first == first {
            if emoticon.indices.allSatisfy({ text[index + $0] == emoticon[$0] }) { return end }
        }
        return nil
    }
}
