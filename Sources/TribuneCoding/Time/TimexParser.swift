import TribuneCore

/// One time expression the grammar read: where it ends (a token index, exclusive), its type,
/// value and modifier, and whether its value depends on the anchor date.
struct TimexParse {
    var end: Int
    var type: TimeExpression.Kind
    var value: String
    var mod: String?
    var relative: Bool

    init(end: Int, _ type: TimeExpression.Kind, _ value: String, mod: String? = nil, relative: Bool) {
        self.end = end
        self.type = type
        self.value = value
        self.mod = mod
        self.relative = relative
    }
}

/// The time grammar over one sentence's lexemes. Each rule tries to read an expression that
/// starts at a token; the longest reading wins.
struct TimexParser {
    let lexemes: [Lexeme]
    let calendar: TimexCalendar
    var context: DocumentTimeContext
    /// Named days, longest names first.
    var holidays: [Holiday] = []

    private typealias F = FunctionWord

    // MARK: Token tests

    private func word(_ i: Int) -> TimeWord? { i >= 0 && i < lexemes.count ? lexemes[i].word : nil }

    private func key(_ i: Int) -> WordKey? { i >= 0 && i < lexemes.count ? lexemes[i].key : nil }

    private func isKey(_ i: Int, _ key: WordKey?) -> Bool { key != nil && self.key(i) == key }

    private func token(_ i: Int) -> Lexeme? { i >= 0 && i < lexemes.count ? lexemes[i] : nil }

    /// A year written in digits: four digits, 1000–2099. Bare years need to be plausible
    /// (1900–2099) unless a temporal preposition precedes them.
    private func year(_ i: Int, strict: Bool = true) -> Int? {
        guard let lexeme = token(i), let value = lexeme.digits, lexeme.digitCount == 4, (1000...2099).contains(value)
        else { return nil }
        if strict {
            let introduced = [F.in, F.since, F.until, F.by, F.of, F.from, F.to, F.during, F.before, F.after, F.through]
                .contains { isKey(i - 1, $0) }
            guard introduced || (1900...2099).contains(value) else { return nil }
            // "2000 troops", "1500 %": a count, not a year.
            if let next = token(i + 1) {
                if next.key == F.percent { return nil }
                if next.word == nil, !next.capitalized, next.digits == nil, next.range.count > 3, next.key != nil,
                    !next.pastForm, lastByte(of: i + 1) == UInt8(ascii: "s")
                {
                    return nil
                }
            }
            if isKey(i - 1, F.dollar) { return nil }
        }
        return value
    }

    private func isPlural(_ i: Int) -> Bool { lastByte(of: i) == UInt8(ascii: "s") }

    private func lastByte(of i: Int) -> UInt8? {
        guard let key = key(i) else { return nil }
        var bytes: [UInt8] = []
        var low = key.low
        var high = key.high
        for _ in 0..<8 where low != 0 {
            bytes.append(UInt8(low & 0xFF))
            low >>= 8
        }
        for _ in 0..<8 where high != 0 {
            bytes.append(UInt8(high & 0xFF))
            high >>= 8
        }
        return bytes.last
    }

    /// A year in words, as transcripts write them: "nineteen ninety-six", "nineteen eighty".
    private func spelledYear(_ j: Int) -> (value: Int, end: Int)? {
        guard let century = word(j)?.number, (10...20).contains(century), let decade = word(j + 1)?.number,
            decade >= 20, decade % 10 == 0, decade < 100
        else { return nil }
        var year = century * 100 + decade
        var end = j + 2
        if token(end)?.isHyphen == true, let unit = word(end + 1)?.number, (1...9).contains(unit) {
            year += unit
            end += 2
        } else if let unit = word(end)?.number, (1...9).contains(unit), !isKey(end, F.a), !isKey(end, F.an) {
            year += unit
            end += 1
        }
        return (year, end)
    }

    /// The year a month or day is placed in by the words after it: "(July) last year",
    /// "(March 30) this year", "(in January) next year".
    private func deicticYear(_ j: Int) -> (value: Int, end: Int)? {
        guard let anchor = calendar.anchor, let deictic = word(j)?.deictic, word(j + 1)?.unit == .year,
            !isPlural(j + 1), token(j + 2)?.isHyphen != true, !isKey(j + 2, F.possessive)
        else { return nil }
        switch deictic {
        case "this": return (anchor.year, j + 2)
        case "next": return (anchor.year + 1, j + 2)
        case "last", "past": return (anchor.year - 1, j + 2)
        default: return nil
        }
    }

    /// A day of the month: `28` or `28th`.
    private func dayOfMonth(_ i: Int) -> Int? {
        guard let lexeme = token(i) else { return nil }
        if let value = lexeme.digits, lexeme.digitCount <= 2, (1...31).contains(value) { return value }
        if let value = lexeme.ordinalNumber, (1...31).contains(value) { return value }
        return nil
    }

    /// A month name, capitalized; "May" only where it cannot be the verb.
    private func month(_ i: Int) -> Int? {
        guard let lexeme = token(i), let month = lexeme.word?.month, lexeme.capitalized else { return nil }
        // "Jan Kavan": an abbreviation without its period is a month only before a day or a year.
        if lexeme.range.count <= 4, !lexeme.midPrefix, lastByte(of: i) != UInt8(ascii: "."),
            ![F.may, F.june, F.july].contains(where: { lexeme.key == $0 }),
            dayOfMonth(i + 1) == nil, year(i + 1) == nil
        {
            return nil
        }
        if lexeme.key == F.may && !lexeme.midPrefix {
            let introduced = [F.in, F.since, F.until, F.by, F.of, F.from, F.to, F.during, F.before, F.after, F.through]
                .contains { isKey(i - 1, $0) }
            let modified = word(i - 1)?.modifier != nil || word(i - 1)?.deictic != nil
            guard introduced || modified || dayOfMonth(i + 1) != nil || year(i + 1) != nil else { return nil }
        }
        return month
    }

    private func weekday(_ i: Int) -> Int? {
        guard let lexeme = token(i), lexeme.capitalized else { return nil }
        return lexeme.word?.weekday
    }

    /// A count: digits, a number word ("two", "a", "several": `nil` value), "twenty-five".
    private func count(_ i: Int) -> (value: Int?, end: Int)? {
        guard let lexeme = token(i) else { return nil }
        if let value = lexeme.digits, lexeme.digitCount <= 4 { return (value, i + 1) }
        // "a couple of", "couple of"
        let couple = isKey(i, F.a) ? i + 1 : i
        if isKey(couple, F.couple) { return (2, isKey(couple + 1, F.of) ? couple + 2 : couple + 1) }
        if isKey(i, F.a), let next = word(i + 1), next.number == -1 {  // "a few"
            return (nil, i + 2)
        }
        guard let number = lexeme.word?.number else { return nil }
        if number == -1 { return (nil, i + 1) }
        // "twenty-five", "twenty five"
        if number >= 20, number % 10 == 0 {
            if token(i + 1)?.isHyphen == true, let unit = word(i + 2)?.number, (1...9).contains(unit) {
                return (number + unit, i + 3)
            }
            if let unit = word(i + 1)?.number, (1...9).contains(unit), !isKey(i + 1, F.a), !isKey(i + 1, F.an) {
                return (number + unit, i + 2)
            }
        }
        return (number, i + 1)
    }

    /// The tense around token `i`: the nearest tense word of the sentence ("will", "was",
    /// "is"); failing those, the nearest "-ed" form (a weaker cue: "expected", "scheduled" are
    /// often participles). Verbs of saying are skipped: they date the report, not the event.
    func direction(at i: Int) -> TimeDirection {
        // "said Thursday", "announced on Friday", "told reporters Monday": the day of the report,
        // whatever the tense of what was said.
        var before = i - 1
        while before >= max(0, i - 5) {
            guard let word = word(before) else {
                before -= 1
                continue
            }
            if word.reportingPast { return .past }
            if word.future || word.past || word.present || word.reporting { break }
            before -= 1
        }
        // "set to resume Monday": a plan.
        if let set = lexemes[max(0, i - 6)..<i].firstIndex(where: { $0.key == F.set }), isKey(set + 1, F.to) {
            return .future
        }
        var weak: TimeDirection?
        var distance = 1
        while distance < lexemes.count {
            for j in [i - distance, i + distance] where j >= 0 && j < lexemes.count {
                let lexeme = lexemes[j]
                if lexeme.word?.future == true { return .future }
                if lexeme.word?.past == true { return .past }
                if lexeme.word?.present == true { return .nearest }
                if lexeme.pastForm, weak == nil { weak = .past }
            }
            distance += 1
        }
        return weak ?? .nearest
    }

    // MARK: Entry

    mutating func parse(at i: Int) -> TimexParse? {
        var best: TimexParse?
        func consider(_ parse: TimexParse?) {
            if let parse, parse.end > (best?.end ?? i) { best = parse }
        }
        consider(modified(i))
        consider(approximate(i))
        consider(core(i))
        guard var result = best else { return nil }
        if result.mod == nil, lexemes[i..<result.end].contains(where: \.midPrefix) { result.mod = "MID" }
        return result
    }

    /// Expressions that a modifier phrase can precede.
    private func core(_ i: Int) -> TimexParse? {
        var best: TimexParse?
        func consider(_ parse: TimexParse?) {
            if let parse, parse.end > (best?.end ?? i) { best = parse }
        }
        consider(monthDate(i))
        consider(dayMonth(i))
        consider(weekdayDate(i))
        consider(yearDate(i))
        consider(numericDate(i))
        consider(relativeDay(i))
        consider(deictic(i))
        consider(shiftedDate(i))
        consider(duration(i))
        consider(quarter(i))
        consider(season(i))
        consider(reference(i))
        consider(recurrence(i))
        consider(timeOfDay(i))
        consider(century(i))
        consider(weekend(i))
        consider(yearEarlier(i))
        consider(wholeYear(i))
        consider(anaphoric(i))
        consider(holiday(i))
        return best
    }

    // MARK: Modifiers

    /// "early 2001", "late last year", "mid-1990s", "the end of 1990", "earlier this month",
    /// "earlier in the year".
    private func modified(_ i: Int) -> TimexParse? {
        var j = i
        var mod: String?
        if let modifier = word(j)?.modifier, !lexemes[j].midPrefix {
            if isKey(j + 1, F.of) { return nil }
            mod = modifier
            j += 1
        } else if isKey(j, F.the), let modifier = word(j + 1)?.modifier {
            mod = modifier
            j += 2
            if isKey(j, F.of) { j += 1 }
        } else {
            return nil
        }
        // "earlier in the year": the current one.
        if isKey(j, F.in), isKey(j + 1, F.the), let unit = word(j + 2)?.unit, let value = calendar.shifted(unit, 0) {
            return TimexParse(end: j + 3, .date, value, mod: mod, relative: true)
        }
        guard var parse = core(j), parse.type == .date || parse.type == .time else { return nil }
        // "earlier Sunday", "late yesterday": keep the modifier; "later" alone is no timex.
        parse.mod = mod
        return parse
    }

    /// "more than two years", "nearly a decade", "at least three days", "up to 180 days".
    private func approximate(_ i: Int) -> TimexParse? {
        var j: Int
        let mod: String
        if isKey(i, F.at), isKey(i + 1, F.least) {
            j = i + 2
            mod = "EQUAL_OR_MORE"
        } else if let approx = word(i)?.approx {
            if isKey(i, WordKey("more")) || isKey(i, WordKey("less")) {
                guard isKey(i + 1, F.than) else { return nil }
                j = i + 2
            } else if approx == "EQUAL_OR_LESS" {  // "up to"
                guard isKey(i + 1, F.to) else { return nil }
                j = i + 2
            } else if approx == "EQUAL_OR_MORE" {
                return nil
            } else {
                j = i + 1
            }
            mod = approx
        } else {
            return nil
        }
        guard var parse = duration(j) ?? shiftedDate(j) else { return nil }
        parse.mod = mod
        return parse
    }

    // MARK: Calendar dates

    /// "June 28", "June 28, 2008", "Jan. 5 2001", "January 2008", "January", "May of 1998".
    private func monthDate(_ i: Int) -> TimexParse? {
        guard let month = month(i) else { return nil }
        var j = i + 1
        if let day = dayOfMonth(j) {
            j += 1
            var k = j
            if token(k)?.isComma == true { k += 1 }
            if let year = year(k, strict: false) {
                return TimexParse(end: k + 1, .date, TimexFormat.day(year, month, day), relative: false)
            }
            if let year = deicticYear(j) {
                return TimexParse(end: year.end, .date, TimexFormat.day(year.value, month, day), relative: true)
            }
            return TimexParse(
                end: j, .date, calendar.monthDay(month, day, direction: direction(at: i)), relative: true)
        }
        var k = j
        if token(k)?.isComma == true || isKey(k, F.of) { k += 1 }
        if let year = year(k, strict: false) {
            return TimexParse(end: k + 1, .date, TimexFormat.month(year, month), relative: false)
        }
        if let year = spelledYear(k) {
            return TimexParse(end: year.end, .date, TimexFormat.month(year.value, month), relative: false)
        }
        if let year = deicticYear(j) {
            return TimexParse(end: year.end, .date, TimexFormat.month(year.value, month), relative: true)
        }
        j = i + 1
        return TimexParse(
            end: j, .date, calendar.namedMonth(month, shift: nil, direction: direction(at: i)), relative: true)
    }

    /// "28 June 2008", "28th June".
    private func dayMonth(_ i: Int) -> TimexParse? {
        guard let day = dayOfMonth(i) else { return nil }
        var j = i + 1
        if isKey(j, F.of) { j += 1 }
        guard let month = month(j) else { return nil }
        if let year = year(j + 1, strict: false) {
            return TimexParse(end: j + 2, .date, TimexFormat.day(year, month, day), relative: false)
        }
        return TimexParse(end: j + 1, .date, calendar.monthDay(month, day, direction: direction(at: i)), relative: true)
    }

    /// "Friday", "Friday, June 27", "Friday morning", "Monday night".
    private func weekdayDate(_ i: Int) -> TimexParse? {
        guard let weekday = weekday(i) else { return nil }
        var j = i + 1
        if token(j)?.isComma == true, let date = monthDate(j + 1) ?? dayMonth(j + 1), date.type == .date {
            return TimexParse(end: date.end, .date, date.value, relative: date.relative)
        }
        if let date = monthDate(j) ?? dayMonth(j) {
            return TimexParse(end: date.end, .date, date.value, relative: date.relative)
        }
        // News reports weekdays mostly in the past; without any tense cue, the last six days or
        // tomorrow.
        let value = calendar.namedWeekday(weekday, shift: nil, direction: direction(at: i))
        if let daypart = word(j)?.daypart {
            j += 1
            return TimexParse(end: j, .time, value + "T" + daypart, relative: true)
        }
        return TimexParse(end: j, .date, value, relative: true)
    }

    /// "2001", "fiscal 1989", "the year 2000", "the 1990s", "1990s", "the year two thousand".
    private func yearDate(_ i: Int) -> TimexParse? {
        var j = i
        if isKey(j, F.the) { j += 1 }
        if isKey(j, F.fiscal) { j += 1 }
        if isKey(j, F.year), j > i { j += 1 }
        if let decade = token(j)?.decade {
            return TimexParse(end: j + 1, .date, TimexFormat.pad(decade, 3), relative: false)
        }
        // "the nineties": the last such decade begun by the anchor (the 20th century's without one)
        if j > i, let tens = word(j)?.decadeWord {
            var century = 19
            if let anchor = calendar.anchor {
                century = anchor.year / 100
                if century * 100 + tens * 10 > anchor.year { century -= 1 }
            }
            return TimexParse(end: j + 1, .date, TimexFormat.pad(century * 10 + tens, 3), relative: false)
        }
        if let year = year(j, strict: j == i) {
            if isKey(j + 1, F.possessive), quarterAt(j + 2) != nil { return nil }  // "1998's first quarter"
            guard j == i || isKey(j - 1, F.year) || isKey(j - 1, F.fiscal) else { return nil }
            return TimexParse(end: j + 1, .date, TimexFormat.pad(year, 4), relative: false)
        }
        // "nineteen ninety-six", as transcripts write years
        if let year = spelledYear(j) {
            return TimexParse(end: year.end, .date, TimexFormat.pad(year.value, 4), relative: false)
        }
        // "the year two thousand"
        if isKey(j - 1, F.year), word(j)?.number == 2, isKey(j + 1, WordKey("thousand")) {
            return TimexParse(end: j + 2, .date, "2000", relative: false)
        }
        return nil
    }

    /// "2008-06-28", "6/28/2008".
    private func numericDate(_ i: Int) -> TimexParse? {
        guard let date = token(i)?.date else { return nil }
        return TimexParse(end: i + 1, .date, date.description, relative: false)
    }

    /// "today", "yesterday", "tomorrow", "tonight", "yesterday morning", "last night",
    /// "this morning".
    private func relativeDay(_ i: Int) -> TimexParse? {
        if let offset = word(i)?.day {
            let value = calendar.day(offset)
            if isKey(i, WordKey("tonight")) { return TimexParse(end: i + 1, .time, value + "TNI", relative: true) }
            if let daypart = word(i + 1)?.daypart {
                return TimexParse(end: i + 2, .time, value + "T" + daypart, relative: true)
            }
            return TimexParse(end: i + 1, .date, value, relative: true)
        }
        // "this morning", "last night"
        if let deictic = word(i)?.deictic, let daypart = word(i + 1)?.daypart {
            let offset = deictic == "last" && daypart == "NI" ? -1 : (deictic == "this" ? 0 : nil)
            guard let offset else { return nil }
            return TimexParse(end: i + 2, .time, calendar.day(offset) + "T" + daypart, relative: true)
        }
        return nil
    }

    /// "this week", "last year", "next month", "this past spring", "last Monday", "last June",
    /// "this year's third quarter", "the coming weeks", "the past year".
    private func deictic(_ i: Int) -> TimexParse? {
        var j = i
        let article = isKey(j, F.the)
        if article { j += 1 }
        guard var deictic = word(j)?.deictic else { return nil }
        // "the following year", "the previous Friday": counted from the date the text named last.
        let fromLastDate = article && (isKey(j, F.following) || isKey(j, F.previous) || isKey(j, F.preceding))
        j += 1
        if deictic == "this", word(j)?.deictic == "past" {  // "this past spring"
            deictic = "last"
            j += 1
        }
        // "the current fiscal year", "last fiscal year"
        if isKey(j, F.fiscal), word(j + 1)?.unit != nil { j += 1 }
        if deictic == "latest" {
            guard isKey(j, WordKey("quarter")) || isKey(j, WordKey("period")) else { return nil }
            return TimexParse(end: j + 1, .date, calendar.quarter(-1), relative: true)
        }
        let shift: Int
        switch deictic {
        case "this": shift = 0
        case "next": shift = 1
        default: shift = -1
        }
        let tense = direction(at: i)
        let calendar = fromLastDate ? lastDateCalendar(for: word(j)?.unit ?? .day) ?? self.calendar : self.calendar
        if let month = month(j) {
            return TimexParse(
                end: j + 1, .date, calendar.namedMonth(month, shift: shift, direction: tense), relative: true)
        }
        if let weekday = weekday(j) {
            return TimexParse(
                end: j + 1, .date, calendar.namedWeekday(weekday, shift: shift, direction: tense), relative: true)
        }
        if let season = word(j)?.season {
            return TimexParse(
                end: j + 1, .date, calendar.season(season, shift: shift, direction: tense), relative: true)
        }
        guard let unit = word(j)?.unit else { return nil }
        // "the coming weeks", "past years": some time before or after the anchor.
        if isPlural(j) && unit != .century {
            guard deictic != "this" else { return nil }
            return TimexParse(end: j + 1, .date, shift > 0 ? "FUTURE_REF" : "PAST_REF", relative: false)
        }
        // "this year's third quarter"
        if isKey(j + 1, F.possessive), let quarter = quarterAt(j + 2), unit == .year {
            return TimexParse(
                end: quarter.end, .date, "\(calendar.year(shift))-Q\(quarter.number)", relative: true)
        }
        guard let value = calendar.shifted(unit, shift) else { return nil }
        return TimexParse(end: j + 1, .date, value, relative: true)
    }

    /// A calendar anchored on the date the text named last, when that date is precise enough to
    /// count `unit`s from.
    private func lastDateCalendar(for unit: TimeUnit) -> TimexCalendar? {
        guard let last = context.lastDate.map({ Array($0.utf8) }), last.count >= 4 else { return nil }
        func number(_ range: Range<Int>) -> Int {
            last[range].reduce(0) { $0 * 10 + Int($1) - 0x30 }
        }
        let needed: Int
        switch unit {
        case .year, .decade, .century: needed = 4
        case .month, .quarter: needed = 7
        default: needed = 10
        }
        guard last.count >= needed else { return nil }
        let date = CalendarDate(
            year: number(0..<4), month: last.count >= 7 ? number(5..<7) : 1, day: last.count >= 10 ? number(8..<10) : 1)
        return TimexCalendar(anchor: date)
    }

    /// "the weekend".
    private func weekend(_ i: Int) -> TimexParse? {
        guard isKey(i, F.the), word(i + 1)?.unit == .weekend, !isPlural(i + 1) else { return nil }
        return TimexParse(end: i + 2, .date, calendar.weekend(direction: direction(at: i)), relative: true)
    }

    /// "the year", "the full year", "the fiscal year": the anchor's year; a stretch of a year
    /// when the sentence says when it ended ("for the year ended March 31").
    private func wholeYear(_ i: Int) -> TimexParse? {
        guard isKey(i, F.the) else { return nil }
        var j = i + 1
        if isKey(j, F.full) || isKey(j, F.fiscal) { j += 1 }
        guard isKey(j, F.year), token(j + 1)?.isHyphen != true, !isKey(j + 1, F.possessive) else { return nil }
        if isKey(j + 1, F.ended) || isKey(j + 1, F.ending) {
            return TimexParse(end: j + 1, .duration, "P1Y", relative: false)
        }
        return TimexParse(end: j + 1, .date, calendar.year(0), relative: true)
    }

    /// "that day", "later that year", "the same day", "that night": the date the text named
    /// last, at the unit's granularity; the anchor's when it named none.
    private func anaphoric(_ i: Int) -> TimexParse? {
        var j = i
        if isKey(j, F.that) {
            j += 1
        } else if isKey(j, F.the), isKey(j + 1, F.same) {
            j += 2
        } else {
            return nil
        }
        guard let word = word(j), !isPlural(j), token(j + 1)?.isHyphen != true else { return nil }
        let last = context.lastDate.map { Array($0.utf8) } ?? []
        func prefix(_ count: Int) -> String? {
            last.count >= count ? String(decoding: last.prefix(count), as: UTF8.self) : nil
        }
        if let daypart = word.daypart {
            return TimexParse(end: j + 1, .time, (prefix(10) ?? calendar.day(0)) + "T" + daypart, relative: true)
        }
        let value: String?
        switch word.unit {
        case .day: value = prefix(10) ?? calendar.day(0)
        case .month: value = prefix(7) ?? calendar.month(0)
        case .year: value = prefix(4) ?? calendar.year(0)
        case .week:
            if let day = prefix(10).flatMap(CalendarDate.init(iso:)) {
                let week = day.isoWeek
                value = "\(TimexFormat.pad(week.year, 4))-W\(TimexFormat.pad(week.week, 2))"
            } else {
                value = calendar.week(0)
            }
        default: value = nil
        }
        guard let value else { return nil }
        return TimexParse(end: j + 1, .date, value, relative: true)
    }

    /// "Christmas", "Thanksgiving Day", "Good Friday 1998": the day of the year the clause's
    /// tense points to, or of the year given.
    private func holiday(_ i: Int) -> TimexParse? {
        guard token(i)?.startsHoliday == true else { return nil }
        guard
            let holiday = holidays.first(where: { holiday in
                holiday.words.indices.allSatisfy { key(i + $0) == holiday.words[$0] }
            })
        else { return nil }
        var end = i + holiday.words.count
        if token(end)?.isComma == true || isKey(end, F.of), let year = year(end + 1, strict: false) {
            return TimexParse(end: end + 2, .date, holiday.date(in: year).description, relative: false)
        }
        if let year = year(end, strict: false) {
            return TimexParse(end: end + 1, .date, holiday.date(in: year).description, relative: false)
        }
        end = i + holiday.words.count
        return TimexParse(end: end, .date, calendar.holiday(holiday, direction: direction(at: i)), relative: true)
    }

    /// "year-earlier", "the year-ago quarter", "the year-earlier third quarter".
    private func yearEarlier(_ i: Int) -> TimexParse? {
        let j = isKey(i, F.the) ? i + 1 : i
        guard word(j)?.unit == .year, token(j + 1)?.isHyphen == true, let sign = word(j + 2)?.ago else { return nil }
        var end = j + 3
        var value = calendar.year(sign)
        if let quarter = quarterAt(end) {
            value += "-Q\(quarter.number)"
            end = quarter.end
        } else if isKey(end, WordKey("quarter")) || isKey(end, WordKey("period")) {
            if let quarter = context.lastQuarter { value += "-Q\(quarter)" }
            end += 1
        } else if j > i {
            return nil
        } else if let quarter = context.lastQuarter, calendar.anchor != nil {
            value += "-Q\(quarter)"
        }
        return TimexParse(end: end, .date, value, relative: true)
    }

    /// "two years ago", "a year earlier", "three days later".
    private func shiftedDate(_ i: Int) -> TimexParse? {
        guard let count = count(i), let unit = word(count.end)?.unit, let sign = word(count.end + 1)?.ago else {
            return nil
        }
        let end = count.end + 2
        guard let n = count.value else {
            return TimexParse(end: end, .date, sign < 0 ? "PAST_REF" : "FUTURE_REF", relative: false)
        }
        let value: String?
        switch unit {
        case .day: value = calendar.day(sign * n)
        // "six weeks ago": the week, as TIMEX3 writes a date of week granularity.
        case .week: value = calendar.week(sign * n)
        case .year:
            if let quarter = context.lastQuarter, calendar.anchor != nil {
                value = "\(calendar.year(sign * n))-Q\(quarter)"
            } else {
                value = calendar.year(sign * n)
            }
        default: value = calendar.shifted(unit, sign * n)
        }
        guard let value else { return nil }
        return TimexParse(end: end, .date, value, relative: true)
    }

    // MARK: Durations and sets

    /// "a week", "two years", "10-year", "the past three months", "the first nine months",
    /// "several decades", "for months", "24 hours", "40 years old".
    private func duration(_ i: Int) -> TimexParse? {
        var j = i
        if isKey(j, F.the) {
            j += 1
            if let deictic = word(j)?.deictic, deictic == "past" || deictic == "last" || deictic == "next" {
                j += 1
            } else if word(j)?.ordinal == 1 {  // "the first nine months"
                j += 1
            }
        } else if let deictic = word(j)?.deictic, deictic == "past" || deictic == "last" || deictic == "next" {
            j += 1
        }
        // "the weeks ahead", "the months to come": a stretch of unknown length.
        if j == i + 1, isKey(i, F.the), let unit = word(j)?.unit, isPlural(j), unit != .century,
            isKey(j + 1, F.ahead)
        {
            return TimexParse(end: j + 2, .duration, unit.duration(nil), relative: false)
        }
        // "recent years": some time before the anchor; "recent weeks", "recent months": a stretch
        // of unknown length up to it; "for months", "within weeks": a stretch of unknown length.
        if isKey(j, F.recent), let unit = word(j + 1)?.unit, isPlural(j + 1) {
            if unit == .year || unit == .decade || unit == .century {
                return TimexParse(end: j + 2, .date, "PAST_REF", relative: false)
            }
            return TimexParse(end: j + 2, .duration, unit.duration(nil), relative: false)
        }
        if j == i, let unit = word(j)?.unit, isPlural(j), !unit.isClock || unit == .hour,
            [F.for, F.within, F.in, F.over, F.after].contains(where: { isKey(j - 1, $0) }), word(j + 1)?.ago == nil
        {
            return TimexParse(end: j + 1, .duration, unit.duration(nil), relative: false)
        }
        let deictic = j > i ? word(j - 1)?.deictic : nil
        guard let count = count(j) else { return nil }
        var k = count.end
        let hyphenated = token(k)?.isHyphen == true
        if hyphenated {
            k += 1
        } else if [F.more, F.additional, F.further, F.extra].contains(where: { isKey(k, $0) }) {
            k += 1  // "two more weeks", "an additional year"
        }
        guard let unit = word(k)?.unit else { return nil }
        // "the 1988 quarter": a year and a unit, not 1988 quarters.
        if !hyphenated, let n = count.value, n >= 1000, !isPlural(k) { return nil }
        // "three-quarters" is a fraction; "52 years old", "a 52-year-old" an age.
        if hyphenated && unit == .quarter && isPlural(k) { return nil }
        if isKey(k + 1, F.old) || (token(k + 1)?.isHyphen == true && isKey(k + 2, F.old)) { return nil }
        // "the next few days", "the past several weeks": a stretch of unknown length, as TimeML
        // writes it (`PXD`), whichever way it points.
        if count.value == nil, deictic != nil {
            return TimexParse(end: k + 1, .duration, unit.duration(nil), relative: false)
        }
        // "$5 a year", "twice a week": a rate, not a stretch.
        if isKey(j, F.a) || isKey(j, F.an), j == i, token(i - 1)?.digits != nil || isKey(i - 1, WordKey("twice")) {
            return TimexParse(end: k + 1, .set, unit.duration(1), relative: false)
        }
        if word(k + 1)?.ago != nil { return nil }
        // "a second group", "a second betrayal": an ordinal, not a second of time.
        if unit == .second, count.value == 1, !hyphenated, let next = token(k + 1), next.word == nil,
            next.key != nil, !next.isComma, !next.capitalized,
            ![F.of, F.and, F.to, F.or, F.before, F.after, F.in].contains(where: { next.key == $0 })
        {
            return nil
        }
        return TimexParse(end: k + 1, .duration, unit.duration(count.value), relative: false)
    }

    /// "every year", "each Monday", "every other week", "daily", "annually".
    private func recurrence(_ i: Int) -> TimexParse? {
        if let unit = word(i)?.adverbialSet {
            // "daily newspaper", "Daily Times": an adjective or a name, not a recurrence.
            if let next = token(i + 1), next.key != nil, next.word == nil,
                !next.isComma, next.range.count > 1, !(next.capitalized && !lexemes[i].capitalized)
            {
                return nil
            }
            return TimexParse(end: i + 1, .set, unit.duration(1), relative: false)
        }
        guard word(i)?.every == true else { return nil }
        var j = i + 1
        var count = 1
        if isKey(j, F.other) {
            count = 2
            j += 1
        }
        if let weekday = weekday(j) {
            return TimexParse(end: j + 1, .set, "XXXX-WXX-\(weekday)", relative: false)
        }
        if let month = month(j) {  // "each July"
            return TimexParse(end: j + 1, .set, "XXXX-" + TimexFormat.pad(month, 2), relative: false)
        }
        if let daypart = word(j)?.daypart {
            return TimexParse(end: j + 1, .set, "TXX" + daypart, relative: false)
        }
        guard let unit = word(j)?.unit, lastByte(of: j) != UInt8(ascii: "s") else { return nil }
        return TimexParse(end: j + 1, .set, unit.duration(count), relative: false)
    }

    // MARK: Quarters, seasons, centuries

    /// An ordinal and "quarter" or "half": "third quarter", "third-quarter", "first half".
    private func quarterAt(_ i: Int) -> (number: Int, half: Bool, end: Int)? {
        var j = i
        if isKey(j, F.fiscal) { j += 1 }
        guard let ordinal = word(j)?.ordinal ?? token(j)?.ordinalNumber else { return nil }
        j += 1
        if token(j)?.isHyphen == true { j += 1 }
        if isKey(j, WordKey("quarter")), (1...4).contains(ordinal) { return (ordinal, false, j + 1) }
        if isKey(j, F.half), (1...2).contains(ordinal) { return (ordinal, true, j + 1) }
        return nil
    }

    /// "the third quarter", "third-quarter", "the first quarter of 1998", "the first half",
    /// "1998's first quarter", "the quarter".
    private func quarter(_ i: Int) -> TimexParse? {
        var j = i
        if isKey(j, F.the) { j += 1 }
        if let year = year(j, strict: false), isKey(j + 1, F.possessive), let quarter = quarterAt(j + 2) {
            let value = "\(TimexFormat.pad(year, 4))-\(quarter.half ? "H" : "Q")\(quarter.number)"
            return TimexParse(end: quarter.end, .date, value, relative: false)
        }
        // "the 1988 second quarter", "the 1988 quarter"
        if j > i, let year = year(j, strict: false) {
            if let quarter = quarterAt(j + 1) {
                let value = "\(TimexFormat.pad(year, 4))-\(quarter.half ? "H" : "Q")\(quarter.number)"
                return TimexParse(end: quarter.end, .date, value, relative: false)
            }
            if isKey(j + 1, WordKey("quarter")) || isKey(j + 1, WordKey("period")), let quarter = context.lastQuarter {
                return TimexParse(end: j + 2, .date, "\(TimexFormat.pad(year, 4))-Q\(quarter)", relative: false)
            }
        }
        if j > i, isKey(j, WordKey("quarter")), !isKey(j + 1, F.of) {
            return TimexParse(end: j + 1, .date, calendar.quarter(-1), relative: true)
        }
        guard let quarter = quarterAt(j) else { return nil }
        var end = quarter.end
        // A quarter or half that has not begun at the anchor is last year's unless the clause
        // points ahead: "the fourth quarter" in a February report is the one just closed.
        var year = calendar.year(0)
        if let anchor = calendar.anchor, direction(at: i) != .future,
            quarter.half ? quarter.number == 2 && anchor.quarter <= 2 : quarter.number > anchor.quarter
        {
            year = calendar.year(-1)
        }
        var relative = true
        if isKey(end, F.of) || token(end)?.isComma == true, let explicit = self.year(end + 1, strict: false) {
            year = TimexFormat.pad(explicit, 4)
            end += 2
            relative = false
        } else if let explicit = self.year(end, strict: false) {
            year = TimexFormat.pad(explicit, 4)
            end += 1
            relative = false
        }
        return TimexParse(end: end, .date, "\(year)-\(quarter.half ? "H" : "Q")\(quarter.number)", relative: relative)
    }

    /// "spring 2001", "the summer", "in the fall", "summer of 1998".
    private func season(_ i: Int) -> TimexParse? {
        var j = i
        if isKey(j, F.the) { j += 1 }
        guard let season = word(j)?.season else { return nil }
        var k = j + 1
        if isKey(k, F.of) { k += 1 }
        if let year = year(k, strict: false) {
            return TimexParse(end: k + 1, .date, "\(TimexFormat.pad(year, 4))-\(season)", relative: false)
        }
        if let year = spelledYear(k) {
            return TimexParse(end: year.end, .date, "\(TimexFormat.pad(year.value, 4))-\(season)", relative: false)
        }
        if let year = deicticYear(j + 1) {
            return TimexParse(end: year.end, .date, "\(TimexFormat.pad(year.value, 4))-\(season)", relative: true)
        }
        // A bare season needs "the" or "in" before it: "fall" is also a verb.
        guard j > i || isKey(i - 1, F.in) || isKey(i - 1, F.during) || isKey(i - 1, F.since) else { return nil }
        if isKey(j, F.fall), j == i { return nil }
        return TimexParse(
            end: j + 1, .date, calendar.season(season, shift: nil, direction: direction(at: i)), relative: true)
    }

    /// "the 20th century", "the twenty-first century".
    private func century(_ i: Int) -> TimexParse? {
        var j = i
        if isKey(j, F.the) { j += 1 }
        guard let ordinal = word(j)?.ordinal ?? token(j)?.ordinalNumber, ordinal > 1,
            isKey(j + 1, WordKey("century"))
        else { return nil }
        return TimexParse(end: j + 2, .date, TimexFormat.pad(ordinal - 1, 2), relative: false)
    }

    // MARK: References and times of day

    /// "now", "currently", "recently", "recent years", "the past", "the future", "soon".
    private func reference(_ i: Int) -> TimexParse? {
        var j = i
        if isKey(j, F.the) {
            j += 1
            if isKey(j, WordKey("near")) || isKey(j, WordKey("distant")) { j += 1 }
            if isKey(j, F.past), word(j + 1)?.unit == nil, count(j + 1) == nil {
                return TimexParse(end: j + 1, .date, "PAST_REF", relative: false)
            }
            if isKey(j, F.future) { return TimexParse(end: j + 1, .date, "FUTURE_REF", relative: false) }
            return nil
        }
        guard let reference = word(i)?.reference else { return nil }
        if isKey(i, F.future) { return nil }  // "future plans": only "the future" is a time
        if isKey(i, F.recent) {
            if isKey(i + 1, WordKey("years")) { return TimexParse(end: i + 2, .date, "PAST_REF", relative: false) }
            if word(i + 1)?.unit != nil { return nil }
        }
        // "current quarter" is the quarter; "current account" a balance, not a time.
        if isKey(i, F.current),
            word(i + 1)?.unit != nil || isKey(i + 1, WordKey("account"))
                || isKey(i + 1, WordKey("accounts"))
        {
            return nil
        }
        // "now" as in "now-defunct" or "for now" stays a reference too.
        return TimexParse(end: i + 1, .date, reference, relative: false)
    }

    /// An all-capital three-letter zone such as EST or GMT.
    private func isTimeZone(_ i: Int) -> Bool {
        guard let key = key(i) else { return false }
        let last = UInt8(truncatingIfNeeded: key.low >> 16)
        return last == UInt8(ascii: "t")
    }

    /// "10:30 a.m.", "3 p.m.", "noon", "midnight".
    private func timeOfDay(_ i: Int) -> TimexParse? {
        guard let lexeme = token(i) else { return nil }
        if let clock = lexeme.word?.clock {
            // "noon Thursday", "midnight Friday", "noon yesterday"
            if let date = weekdayDate(i + 1) ?? monthDate(i + 1) ?? relativeDay(i + 1), date.type == .date {
                return TimexParse(end: date.end, .time, date.value + clock, relative: date.relative)
            }
            return TimexParse(end: i + 1, .time, calendar.day(0) + clock, relative: true)
        }
        var hour: Int
        var minute = 0
        if let clock = lexeme.clock {
            hour = clock.hour
            minute = clock.minute
        } else if let value = lexeme.digits, lexeme.digitCount <= 2, (1...12).contains(value),
            word(i + 1)?.meridian != nil
        {
            hour = value
        } else {
            return nil
        }
        var end = i + 1
        if let meridian = word(end)?.meridian {
            if meridian == "PM", hour < 12 { hour += 12 }
            if meridian == "AM", hour == 12 { hour = 0 }
            end += 1
        } else if lexeme.clock == nil {
            return nil
        }
        let clock = "T" + TimexFormat.pad(hour, 2) + ":" + TimexFormat.pad(minute, 2)
        // "10 p.m. Wednesday", "5 p.m. EST Nov. 9"
        var k = end
        if let zone = token(k), zone.range.count == 3, zone.capitalized, zone.word == nil, isTimeZone(k) { k += 1 }
        if let date = weekdayDate(k) ?? monthDate(k) ?? relativeDay(k), date.type == .date {
            return TimexParse(end: date.end, .time, date.value + clock, relative: date.relative)
        }
        return TimexParse(end: end, .time, calendar.day(0) + clock, relative: true)
    }
}
