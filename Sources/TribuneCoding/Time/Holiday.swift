import TribuneCore

/// A day the calendar names ("Christmas", "Thanksgiving Day", "Good Friday") and the rule that
/// dates it in any year; read from `time-holidays-en.txt`.
struct Holiday: Sendable, Hashable {
    enum Rule: Sendable, Hashable {
        case fixed(month: Int, day: Int)
        /// The `n`th `weekday` (1 = Monday) of `month`, the last one when `n` is -1, then `offset`
        /// days on ("the Tuesday after the first Monday of November").
        case nthWeekday(month: Int, n: Int, weekday: Int, offset: Int)
        /// Days from Western Easter Sunday.
        case easter(offset: Int)
    }

    /// The name's words, as the tokenizer splits them ("new year 's day").
    var words: [WordKey]
    var rule: Rule

    /// The day in `year`.
    func date(in year: Int) -> CalendarDate {
        switch rule {
        case .fixed(let month, let day):
            return CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(year: year, month: month)))
        case .nthWeekday(let month, let n, let weekday, let offset):
            let day: CalendarDate
            if n > 0 {
                let first = CalendarDate(year: year, month: month, day: 1)
                day = first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
            } else {
                let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(year: year, month: month))
                day = last.adding(days: -((last.weekday - weekday + 7) % 7) + 7 * (n + 1))
            }
            return day.adding(days: offset)
        case .easter(let offset):
            return Self.easter(year).adding(days: offset)
        }
    }

    /// The month the day falls in whatever the year, for values without an anchor.
    var fixedMonthDay: (month: Int, day: Int)? {
        if case .fixed(let month, let day) = rule { return (month, day) }
        return nil
    }

    /// Western Easter Sunday (the anonymous Gregorian computus).
    static func easter(_ year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Reads one entry: a rule (`12-25`, `11:4:4`, `11:1:1+1`, `easter-2`) and a name.
    init?(rule text: Substring, name: some Sequence<Substring>) {
        var words: [WordKey] = []
        for word in name {
            // The tokenizer splits the possessive off: "year's" → "year" "'s".
            if word.count > 2, word.hasSuffix("'s") {
                guard let stem = WordKey(word.dropLast(2)), let clitic = WordKey("'s") else { return nil }
                words += [stem, clitic]
            } else {
                guard let key = WordKey(word) else { return nil }
                words.append(key)
            }
        }
        guard !words.isEmpty, let rule = Self.rule(text) else { return nil }
        self.words = words
        self.rule = rule
    }

    private static func rule(_ text: Substring) -> Rule? {
        if text.hasPrefix("easter") {
            let offset = text.dropFirst(6)
            guard let days = offset.isEmpty ? 0 : Int(offset.hasPrefix("+") ? offset.dropFirst() : offset) else {
                return nil
            }
            return .easter(offset: days)
        }
        if text.contains(":") {
            var offset = 0
            var body = text
            if let plus = text.firstIndex(where: { $0 == "+" }) {
                guard let days = Int(text[text.index(after: plus)...]) else { return nil }
                offset = days
                body = text[..<plus]
            }
            let fields = body.split(separator: ":").compactMap { Int($0) }
            guard fields.count == 3, (1...12).contains(fields[0]), fields[1] == -1 || (1...5).contains(fields[1]),
                (1...7).contains(fields[2])
            else { return nil }
            return .nthWeekday(month: fields[0], n: fields[1], weekday: fields[2], offset: offset)
        }
        let fields = text.split(separator: "-").compactMap { Int($0) }
        guard fields.count == 2, (1...12).contains(fields[0]), (1...31).contains(fields[1]) else { return nil }
        return .fixed(month: fields[0], day: fields[1])
    }
}

/// The holidays of `time-holidays-en.txt`, longest names first.
struct HolidayTable: Sendable {
    static let fileName = "time-holidays-en.txt"

    private(set) var holidays: [Holiday] = []
    /// The first words of the names: a cheap test before matching.
    private(set) var firstWords: Set<WordKey> = []

    /// An empty table.
    init() {}

    /// The shipped list.
    static func shipped() throws -> HolidayTable {
        try HolidayTable(text: ResourceLocator.text(fileName, module: "TribuneCoding", sourceFile: #filePath))
    }

    init(text: String) throws {
        for line in DataFile.entries(text) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, let holiday = Holiday(rule: fields[0], name: fields.dropFirst()) else {
                throw TimeLexiconError(file: Self.fileName, line: String(line), reason: "expected: rule name")
            }
            holidays.append(holiday)
            firstWords.insert(holiday.words[0])
        }
        holidays.sort { $0.words.count > $1.words.count }
    }
}
