/// Which way a calendar name without a year points from the anchor date, read from the
/// clause's tense: "the meeting in January" (past) or "will meet in January" (future).
/// With no tense to go by (or the present: "the dividend is payable Nov. 16") the name is the
/// occurrence nearest the anchor.
enum TimeDirection: Sendable {
    case past, future, nearest
}

/// Turns calendar references into TIMEX3 values against an anchor date, and into values with
/// `X` where the anchor would go when there is none.
struct TimexCalendar: Sendable {
    let anchor: CalendarDate?

    typealias Format = TimexFormat

    func year(_ offset: Int) -> String {
        anchor.map { Format.pad($0.year + offset, 4) } ?? "XXXX"
    }

    func month(_ offset: Int) -> String {
        guard let anchor else { return "XXXX-XX" }
        let date = anchor.adding(months: offset)
        return Format.month(date.year, date.month)
    }

    func day(_ offset: Int) -> String {
        guard let anchor else { return "XXXX-XX-XX" }
        return anchor.adding(days: offset).description
    }

    func week(_ offset: Int) -> String {
        guard let anchor else { return "XXXX-WXX" }
        let week = anchor.adding(days: 7 * offset).isoWeek
        return "\(Format.pad(week.year, 4))-W\(Format.pad(week.week, 2))"
    }

    /// "the weekend": the last one in the past, the coming one otherwise.
    func weekend(direction: TimeDirection) -> String {
        guard let anchor else { return "XXXX-WXX-WE" }
        switch direction {
        case .past: return weekend(anchor.weekday >= 6 ? 0 : -1)
        case .future, .nearest: return weekend(0)
        }
    }

    func weekend(_ offset: Int) -> String {
        guard anchor != nil else { return "XXXX-WXX-WE" }
        return week(offset) + "-WE"
    }

    func quarter(_ offset: Int) -> String {
        guard let anchor else { return "XXXX-QX" }
        let index = anchor.year * 4 + anchor.quarter - 1 + offset
        return "\(Format.pad(index / 4, 4))-Q\(index % 4 + 1)"
    }

    func decade(_ offset: Int) -> String {
        anchor.map { Format.pad($0.year / 10 + offset, 3) } ?? "XXX"
    }

    func century(_ offset: Int) -> String {
        anchor.map { Format.pad($0.year / 100 + offset, 2) } ?? "XX"
    }

    /// The value of `unit` shifted `offset` units from the anchor, at the unit's granularity.
    func shifted(_ unit: TimeUnit, _ offset: Int) -> String? {
        switch unit {
        case .day: return day(offset)
        case .week: return week(offset)
        case .fortnight: return week(2 * offset)
        case .weekend: return weekend(offset)
        case .month: return month(offset)
        case .quarter: return quarter(offset)
        case .year: return year(offset)
        case .decade: return decade(offset)
        case .century: return century(offset)
        case .hour, .minute, .second: return nil
        }
    }

    /// A month named without a year. `shift` is -1 for "last January", +1 for "next January",
    /// 0 for "this January", and `nil` when only the tense says which.
    func namedMonth(_ month: Int, shift: Int?, direction: TimeDirection) -> String {
        guard let anchor else { return "XXXX-" + Format.pad(month, 2) }
        let year: Int
        switch shift {
        case .some(-1): year = month < anchor.month ? anchor.year : anchor.year - 1
        case .some(1): year = month > anchor.month ? anchor.year : anchor.year + 1
        case .some(0): year = anchor.year
        default:
            // The year that puts the month in the window the tense allows.
            let window = Self.monthWindow(direction)
            let distance = month - anchor.month
            if distance > window.upperBound {
                year = anchor.year - 1
            } else if distance < window.lowerBound {
                year = anchor.year + 1
            } else {
                year = anchor.year
            }
        }
        return Format.month(year, month)
    }

    /// A month and day without a year.
    func monthDay(_ month: Int, _ day: Int, direction: TimeDirection) -> String {
        guard let anchor else { return "XXXX-\(Format.pad(month, 2))-\(Format.pad(day, 2))" }
        // The year that puts the day in the window the tense allows, in days from the anchor.
        let window = Self.dayWindow(direction)
        let offsets = [anchor.year, anchor.year - 1, anchor.year + 1].map { year in
            (
                year,
                CalendarDate(year: year, month: month, day: min(day, CalendarDate.daysIn(year: year, month: month)))
                    .daysSinceEpoch - anchor.daysSinceEpoch
            )
        }
        let year = offsets.first { window.contains($0.1) }?.0 ?? anchor.year
        return Format.day(year, month, day)
    }

    /// A weekday: the closest one on or before the anchor in the past, after it in the future;
    /// `shift` -1/+1 for "last Monday"/"next Monday" (the week before or after), 0 for "this Monday".
    func namedWeekday(_ weekday: Int, shift: Int?, direction: TimeDirection) -> String {
        guard let anchor else { return "XXXX-WXX-\(weekday)" }
        let today = anchor.weekday
        var offset: Int
        switch shift {
        case .some(0): offset = weekday - today
        case .some(-1):
            offset = -((today - weekday + 7) % 7)
            if offset == 0 { offset = -7 }
        case .some(1):
            offset = (weekday - today + 7) % 7
            if offset == 0 { offset = 7 }
        default:
            switch direction {
            case .past: offset = -((today - weekday + 7) % 7)
            // "will meet Monday" written on a Monday is most often that day.
            case .future: offset = (weekday - today + 7) % 7
            // Without a tense to go by: the last six days, or tomorrow.
            case .nearest:
                offset = -((today - weekday + 7) % 7)
                if offset < -5 { offset += 7 }
            }
        }
        return anchor.adding(days: offset).description
    }

    /// Where a month or day named without a year lies, from the anchor, by the clause's tense.
    /// News names months and days mostly of the recent past and the coming weeks: even a
    /// past-tense clause names days a few weeks ahead ("was postponed to Dec. 7"), and a
    /// future-tense one days just gone. Months: in months from the anchor's month; days: in
    /// days from the anchor.
    static func monthWindow(_ direction: TimeDirection) -> ClosedRange<Int> {
        switch direction {
        case .past: return -10...2
        case .future: return -1...10
        case .nearest: return -8...3
        }
    }

    static func dayWindow(_ direction: TimeDirection) -> Range<Int> {
        switch direction {
        case .past: return -300..<92
        case .future: return -45..<320
        case .nearest: return -250..<115
        }
    }

    /// A holiday without a year: the occurrence in the window the tense allows, as for a
    /// month and day.
    func holiday(_ holiday: Holiday, direction: TimeDirection) -> String {
        guard let anchor else {
            guard let fixed = holiday.fixedMonthDay else { return "XXXX-XX-XX" }
            return "XXXX-\(Format.pad(fixed.month, 2))-\(Format.pad(fixed.day, 2))"
        }
        let window = Self.dayWindow(direction)
        let days = [anchor.year, anchor.year - 1, anchor.year + 1].map { holiday.date(in: $0) }
        return (days.first { window.contains($0.daysSinceEpoch - anchor.daysSinceEpoch) } ?? days[0]).description
    }

    private static let seasonStart = ["SP": 3, "SU": 6, "FA": 9, "WI": 12]

    /// A season without a year: `shift` as for months.
    func season(_ season: String, shift: Int?, direction: TimeDirection) -> String {
        guard let anchor else { return "XXXX-" + season }
        let start = Self.seasonStart[season] ?? 3
        // The season the anchor falls in, counted from the year it starts in.
        let begunThisYear = anchor.month >= start
        let year: Int
        switch shift {
        case .some(-1): year = anchor.month >= start + 3 ? anchor.year : anchor.year - 1
        case .some(1): year = begunThisYear ? anchor.year + 1 : anchor.year
        case .some(0): year = season == "WI" && anchor.month <= 2 ? anchor.year - 1 : anchor.year
        default:
            switch direction {
            case .past: year = begunThisYear ? anchor.year : anchor.year - 1
            case .future: year = anchor.month < start + 3 ? anchor.year : anchor.year + 1
            // The occurrence whose middle month is nearest the anchor: "the summer" in a
            // November report is the one just gone.
            case .nearest:
                let middle = start + 1
                year =
                    [anchor.year, anchor.year - 1, anchor.year + 1].min { a, b in
                        abs(a * 12 + middle - anchor.year * 12 - anchor.month)
                            < abs(b * 12 + middle - anchor.year * 12 - anchor.month)
                    } ?? anchor.year
            }
        }
        return "\(Format.pad(year, 4))-\(season)"
    }
}
