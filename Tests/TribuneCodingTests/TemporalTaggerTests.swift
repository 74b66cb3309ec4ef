import Testing
import TribuneCoding
import TribuneCore

@Suite("Time expressions")
struct TemporalTaggerTests {
    private func value(_ found: [(text: String, match: TimexMatch)], _ text: String) -> TimexMatch? {
        found.first { $0.text == text }?.match
    }

    @Test("on the sample page, normalized against 2008-07-01")
    func samplePage() throws {
        let found = try CodingFixtures.times(try CodingFixtures.samplePage(), anchor: "2008-07-01")
        #expect(value(found, "June 28")?.value == "2008-06-28")
        #expect(found.filter { $0.text == "January" }.map(\.match.value) == ["2008-01", "2008-01"])
        let late2001 = try #require(value(found, "late 2001"))
        #expect(late2001.value == "2001" && late2001.mod == "END" && late2001.type == .date)
        #expect(value(found, "Last year")?.value == "2007")
        #expect(value(found, "this week")?.value == "2008-W27")
        let early = try #require(value(found, "Early this year"))
        #expect(early.value == "2008" && early.mod == "START")
        let week = try #require(value(found, "a week"))
        #expect(week.type == .duration && week.value == "P1W")
        #expect(value(found, "2001")?.value == "2001")
        #expect(value(found, "Daily") == nil, "the newspaper's name is no recurrence")
        #expect(found.allSatisfy { $0.match.anchored })
    }

    @Test("without a publication date, relative expressions keep X and say they are unanchored")
    func unanchored() throws {
        let found = try CodingFixtures.times(try CodingFixtures.samplePage(), anchor: nil)
        let june = try #require(value(found, "June 28"))
        #expect(june.value == "XXXX-06-28" && !june.anchored)
        let lastYear = try #require(value(found, "Last year"))
        #expect(lastYear.value == "XXXX" && !lastYear.anchored)
        let late2001 = try #require(value(found, "late 2001"))
        #expect(late2001.value == "2001" && late2001.anchored, "an absolute date needs no anchor")
    }

    @Test("on Wikinews articles, against their publication dates")
    func wikinews() throws {
        let airbus = try CodingFixtures.wikinews("129865")
        #expect(value(try CodingFixtures.times(airbus.text, anchor: airbus.published), "June")?.value == "2009-06")

        let dow = try CodingFixtures.wikinews("112579")
        let dowTimes = try CodingFixtures.times(dow.text, anchor: dow.published)
        #expect(value(dowTimes, "Thursday")?.value == "2008-09-04", "the day of publication was a Thursday")
        #expect(value(dowTimes, "last week")?.value == "2008-W35")
        #expect(value(dowTimes, "weekly") == nil, "an adjective before a noun is no recurrence")

        let gm = try CodingFixtures.wikinews("1007169")
        let gmTimes = try CodingFixtures.times(gm.text, anchor: gm.published)
        let years = try #require(value(gmTimes, "33 years"))
        #expect(years.type == .duration && years.value == "P33Y")
        #expect(value(gmTimes, "currently")?.value == "PRESENT_REF")
        #expect(value(gmTimes, "today")?.value == gm.published)
    }

    @Test("a name without a year points where the tense does")
    func tense() throws {
        let past = try CodingFixtures.times("The talks collapsed in December.", anchor: "2008-07-01")
        #expect(past.first?.match.value == "2007-12")
        let future = try CodingFixtures.times("The talks will resume in December.", anchor: "2008-07-01")
        #expect(future.first?.match.value == "2008-12")
        let weekday = try CodingFixtures.times("Troops will withdraw on Friday.", anchor: "2008-07-01")
        #expect(weekday.first?.match.value == "2008-07-04")
        let lastWeekday = try CodingFixtures.times("Troops withdrew on Friday.", anchor: "2008-07-01")
        #expect(lastWeekday.first?.match.value == "2008-06-27")
    }

    @Test("durations, sets, references and times of day")
    func kinds() throws {
        let found = try CodingFixtures.times(
            "Elections are held every year. Two years ago the council met at 10:30 a.m. for three hours; "
                + "it has not met since the 1990s, and the mid-1990s were calm. The future is unclear.",
            anchor: "2008-07-01")
        let map = Dictionary(found.map { ($0.text, $0.match) }, uniquingKeysWith: { a, _ in a })
        #expect(map["every year"]?.type == .set && map["every year"]?.value == "P1Y")
        #expect(map["Two years ago"]?.value == "2006")
        #expect(map["10:30 a.m."]?.type == .time && map["10:30 a.m."]?.value == "2008-07-01T10:30")
        #expect(map["three hours"]?.value == "PT3H")
        #expect(map["the 1990s"]?.value == "199")
        #expect(map["the mid-1990s"]?.value == "199" && map["the mid-1990s"]?.mod == "MID")
        #expect(map["The future"]?.value == "FUTURE_REF")
    }

    @Test("calendar arithmetic: weekdays and ISO weeks")
    func calendar() throws {
        let date = try #require(CalendarDate(iso: "2008-07-01"))
        #expect(date.weekday == 2)
        #expect(date.isoWeek.year == 2008 && date.isoWeek.week == 27)
        #expect(try #require(CalendarDate(iso: "2008-12-29")).isoWeek == (2009, 1))
        #expect(date.adding(months: -7).description == "2007-12-01")
        #expect(CalendarDate(iso: "2008-02-30") == nil)
        #expect(CalendarDate(iso: "2008-06-30T10:00:00Z")?.day == 30)
    }
}
