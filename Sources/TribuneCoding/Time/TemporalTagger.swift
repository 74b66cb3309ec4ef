import TribuneCore
import TribuneNLP

/// Finds time expressions in tokenized text and normalizes them to TIMEX3 values against the
/// publication date: absolute dates ("June 28, 2008"), partial ones ("January", "late 2001",
/// "the 1990s", "the third quarter"), relative ones ("yesterday", "last year", "on Monday",
/// "two weeks ago", "early this year"), durations ("for a week" → `P1W`), sets ("every year")
/// and times of day ("10:30 a.m.", "Friday morning").
///
/// Rules over tokens, each token looked up once in `time-words-en.txt` by its bytes. A name
/// without a year takes its year from the anchor, in the direction the clause's tense points
/// ("in January" is the last January not after the anchor unless the clause is in the future).
/// Without an anchor, relative expressions keep `X` in their values and are marked unanchored.
///
/// One tagger serves any number of threads.
public struct TemporalTagger: Sendable {
    let lexicon: TimeLexicon

    /// Loads the shipped word list.
    public init() throws {
        lexicon = try TimeLexicon()
    }

    init(lexicon: TimeLexicon) {
        self.lexicon = lexicon
    }

    /// The time expressions of every sentence, in text order.
    public func tag(
        _ text: UnsafeBufferPointer<UInt8>, tokens: [Token], sentences: [Sentence], anchor: CalendarDate?
    ) -> [TimexMatch] {
        var matches: [TimexMatch] = []
        var context = DocumentTimeContext()
        let calendar = TimexCalendar(anchor: anchor)
        for span in clauses(text, tokens: tokens, sentences: sentences) {
            let lexemes = span.map { Lexeme(text, tokens[$0].range, lexicon) }
            var parser = TimexParser(
                lexemes: lexemes, calendar: calendar, context: context, holidays: lexicon.holidays.holidays)
            var i = 0
            while i < lexemes.count {
                guard lexemes[i].mayStartTimex, let parse = parser.parse(at: i) else {
                    i += 1
                    continue
                }
                matches.append(
                    TimexMatch(
                        bytes: lexemes[i].range.lowerBound..<lexemes[parse.end - 1].range.upperBound,
                        type: parse.type, value: parse.value, mod: parse.mod,
                        anchored: anchor != nil || !parse.relative))
                parser.context.remember(parse)
                i = parse.end
            }
            context = parser.context
        }
        return matches
    }

    /// The token ranges the grammar reads: the sentences, with a break the segmenter made
    /// between two words on one line (no punctuation, no line break: "on Good Friday | 2000"),
    /// or after "a.m." and "p.m." before a day ("until 9 a.m. | Tuesday"), closed up again, so
    /// that an expression is never cut in two.
    func clauses(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token], sentences: [Sentence]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for sentence in sentences where !sentence.tokens.isEmpty {
            if let last = result.last, last.upperBound == sentence.tokens.lowerBound,
                Self.continues(text, from: tokens[last.upperBound - 1], to: tokens[sentence.tokens.lowerBound])
                    || clockRunsOn(text, from: tokens[last.upperBound - 1], to: tokens[sentence.tokens.lowerBound])
            {
                result[result.count - 1] = last.lowerBound..<sentence.tokens.upperBound
            } else {
                result.append(sentence.tokens)
            }
        }
        return result
    }

    /// Whether a sentence that ends with `last` runs on into one that starts with `next`: the
    /// first ends in a letter or digit and only spaces lie between.
    private static func continues(_ text: UnsafeBufferPointer<UInt8>, from last: Token, to next: Token) -> Bool {
        let end = last.range.upperBound
        guard end > 0, end <= next.range.lowerBound else { return false }
        let byte = text[end - 1] | 0x20
        guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) else { return false }
        return (end..<next.range.lowerBound).allSatisfy { text[$0] == 0x20 }
    }

    /// "9 a.m. Tuesday", "5 p.m. Nov. 9": a meridian, then on the same line a day.
    private func clockRunsOn(_ text: UnsafeBufferPointer<UInt8>, from last: Token, to next: Token) -> Bool {
        guard lexicon.word(text, last.range)?.meridian != nil, let day = lexicon.word(text, next.range),
            day.weekday != nil || day.month != nil || day.day != nil
        else { return false }
        return (last.range.upperBound..<next.range.lowerBound).allSatisfy { text[$0] == 0x20 }
    }

    /// Tags a string, segmented by `segmenter` (for tests and tools).
    public func tag(_ string: String, anchor: CalendarDate?, segmenter: Segmenter) -> [(String, TimexMatch)] {
        let bytes = Array(string.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let segmentation = segmenter.segment(buffer, paragraphs: [0..<bytes.count])
            return tag(buffer, tokens: segmentation.tokens, sentences: segmentation.sentences, anchor: anchor).map {
                (String(decoding: bytes[$0.bytes], as: UTF8.self), $0)
            }
        }
    }
}

/// What earlier sentences of the document tell the normalizer: the quarter a financial report
/// is about ("a year earlier" then means that quarter a year before).
struct DocumentTimeContext: Sendable {
    var lastQuarter: Int?
    /// The last calendar date the text named, without its time of day (`1998-10-23`, `1998-10`,
    /// `1998`): what "that day", "later that year" refer to.
    var lastDate: String?

    mutating func remember(_ parse: TimexParse) {
        let bytes = Array(parse.value.utf8)
        if bytes.count == 7, bytes[4] == 0x2D, bytes[5] == UInt8(ascii: "Q"), bytes[6] >= 0x31, bytes[6] <= 0x34 {
            lastQuarter = Int(bytes[6] - 0x30)
        }
        // A year, month or day in digits; not a decade, week, quarter or season.
        if parse.type == .date || parse.type == .time, bytes.count >= 4,
            bytes[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            let date = bytes.prefix { $0 != UInt8(ascii: "T") }
            let isCalendar =
                date.count == 4
                || (date.count >= 7 && date[5] >= 0x30 && date[5] <= 0x39
                    && (date.count == 7 || date.count == 10))
            if isCalendar { lastDate = String(decoding: date, as: UTF8.self) }
        }
    }
}

/// One token as the time grammar sees it.
struct Lexeme {
    var range: Range<Int>
    var key: WordKey?
    /// The lexicon's entry, for "mid-November" the entry of "November".
    var word: TimeWord?
    /// The value of a token of digits only, and how many digits it has.
    var digits: Int?
    var digitCount = 0
    /// "28th", "1st".
    var ordinalNumber: Int?
    /// "1990s" → 199.
    var decade: Int?
    /// "10:30" → (10, 30).
    var clock: (hour: Int, minute: Int)?
    /// "2008-06-28", "6/28/2008", "6/28/08".
    var date: CalendarDate?
    /// "mid-November", "mid-1990s".
    var midPrefix = false
    var capitalized = false
    /// A lowercase word ending in "-ed": most likely a verb in the past tense.
    var pastForm = false
    var isHyphen = false
    var isComma = false
    /// The first word of a holiday's name ("Thanksgiving", "Good").
    var startsHoliday = false

    init(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ lexicon: TimeLexicon) {
        self.range = range
        let first = text[range.lowerBound]
        capitalized = first >= 0x41 && first <= 0x5A
        if range.count == 1 {
            isHyphen = first == 0x2D
            isComma = first == 0x2C
        }
        key = WordKey(text, range)
        // "’s": the typographic apostrophe keys as the ASCII one.
        if key == nil, range.count == 4, text[range.lowerBound] == 0xE2, text[range.lowerBound + 1] == 0x80,
            text[range.lowerBound + 2] == 0x99, text[range.lowerBound + 3] | 0x20 == 0x73
        {
            key = FunctionWord.possessive
        }
        word = lexicon.word(text, range)
        if capitalized, let key, lexicon.holidays.firstWords.contains(key) { startsHoliday = true }
        if first >= 0x30 && first <= 0x39 {
            readNumber(text, range)
        } else if range.count > 4, text[range.lowerBound] | 0x20 == 0x6D, text[range.lowerBound + 1] | 0x20 == 0x69,
            text[range.lowerBound + 2] | 0x20 == 0x64, text[range.lowerBound + 3] == 0x2D
        {
            // "mid-November", "mid-1990s"
            midPrefix = true
            let rest = (range.lowerBound + 4)..<range.upperBound
            word = lexicon.word(text, rest)
            capitalized = text[rest.lowerBound] >= 0x41 && text[rest.lowerBound] <= 0x5A
            if text[rest.lowerBound] >= 0x30 && text[rest.lowerBound] <= 0x39 { readNumber(text, rest) }
        } else if range.count >= 4, first >= 0x61, first <= 0x7A, text[range.upperBound - 2] == 0x65,
            text[range.upperBound - 1] == 0x64, word == nil
        {
            pastForm = true
        }
    }

    private mutating func readNumber(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var fields: [Int] = []
        var separators: [UInt8] = []
        var value = 0
        var count = 0
        var suffix = range.upperBound
        for index in range {
            let byte = text[index]
            if byte >= 0x30 && byte <= 0x39 {
                value = value &* 10 &+ Int(byte - 0x30)
                count += 1
            } else if (byte == 0x2D || byte == 0x2F || byte == 0x3A) && count > 0 && fields.count < 2 {
                fields.append(value)
                separators.append(byte)
                value = 0
                count = 0
            } else {
                suffix = index
                break
            }
        }
        guard count > 0 else { return }
        let suffixLength = range.upperBound - suffix
        if fields.isEmpty {
            if suffixLength == 0 {
                digits = value
                digitCount = count
            } else if suffixLength == 1, text[suffix] | 0x20 == 0x73, count == 4, value % 10 == 0 {
                decade = value / 10
            } else if suffixLength == 2, count <= 2 {
                let a = text[suffix] | 0x20
                let b = text[suffix + 1] | 0x20
                if (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64)
                    || (a == 0x74 && b == 0x68)
                {
                    ordinalNumber = value  // st, nd, rd, th
                }
            }
            return
        }
        guard suffixLength == 0 else { return }
        fields.append(value)
        if separators == [0x3A], fields[0] < 24, fields[1] < 60, count == 2 {
            clock = (fields[0], fields[1])
        } else if separators == [0x2D, 0x2D], fields[0] >= 1000, (1...12).contains(fields[1]),
            (1...CalendarDate.daysIn(year: fields[0], month: fields[1])).contains(fields[2])
        {
            date = CalendarDate(year: fields[0], month: fields[1], day: fields[2])
        } else if separators == [0x2F, 0x2F], (1...12).contains(fields[0]) {
            let year = fields[2] < 100 ? (fields[2] < 30 ? 2000 + fields[2] : 1900 + fields[2]) : fields[2]
            if (1...CalendarDate.daysIn(year: year, month: fields[0])).contains(fields[1]) {
                date = CalendarDate(year: year, month: fields[0], day: fields[1])
            }
        }
    }

    /// A cheap test before the grammar runs.
    var mayStartTimex: Bool {
        word != nil || digits != nil || decade != nil || ordinalNumber != nil || clock != nil || date != nil
            || startsHoliday || key == FunctionWord.the || key == FunctionWord.fiscal || key == FunctionWord.at
            || key == FunctionWord.that
    }
}

/// Grammar words the rules name.
enum FunctionWord {
    static let the = WordKey("the")
    static let of = WordKey("of")
    static let `in` = WordKey("in")
    static let on = WordKey("on")
    static let at = WordKey("at")
    static let since = WordKey("since")
    static let until = WordKey("until")
    static let by = WordKey("by")
    static let `for` = WordKey("for")
    static let within = WordKey("within")
    static let set = WordKey("set")
    static let or = WordKey("or")
    static let ahead = WordKey("ahead")
    static let june = WordKey("june")
    static let july = WordKey("july")
    static let more = WordKey("more")
    static let additional = WordKey("additional")
    static let further = WordKey("further")
    static let extra = WordKey("extra")
    static let over = WordKey("over")
    static let from = WordKey("from")
    static let to = WordKey("to")
    static let during = WordKey("during")
    static let before = WordKey("before")
    static let after = WordKey("after")
    static let through = WordKey("through")
    static let than = WordKey("than")
    static let least = WordKey("least")
    static let fiscal = WordKey("fiscal")
    static let possessive = WordKey("'s")
    static let other = WordKey("other")
    static let half = WordKey("half")
    static let now = WordKey("now")
    static let a = WordKey("a")
    static let an = WordKey("an")
    static let per = WordKey("per")
    static let near = WordKey("near")
    static let may = WordKey("may")
    static let fall = WordKey("fall")
    static let year = WordKey("year")
    static let old = WordKey("old")
    static let recent = WordKey("recent")
    static let future = WordKey("future")
    static let past = WordKey("past")
    static let current = WordKey("current")
    static let last = WordKey("last")
    static let most = WordKey("most")
    static let and = WordKey("and")
    static let percent = WordKey("%")
    static let that = WordKey("that")
    static let same = WordKey("same")
    static let couple = WordKey("couple")
    static let following = WordKey("following")
    static let previous = WordKey("previous")
    static let preceding = WordKey("preceding")
    static let full = WordKey("full")
    static let ended = WordKey("ended")
    static let ending = WordKey("ending")
    static let dollar = WordKey("$")
}
