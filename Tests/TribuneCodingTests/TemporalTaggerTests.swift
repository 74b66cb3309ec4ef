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

    @Test("holidays: the one the tense points to, or of the year given")
    func holidays() throws {
        // GeoVirus (Wikinews, CC BY 2.5), articles of early 2008 and late 2006.
        let birds = try CodingFixtures.times(
            "Dozens of native birds began dying in her back yard a week before Christmas.", anchor: "2008-01-10")
        #expect(value(birds, "Christmas")?.value == "2007-12-25")
        let concert = try CodingFixtures.times(
            "Before he died, he scheduled a New Year's Eve concert series in New Jersey and New York.",
            anchor: "2006-12-26")
        #expect(value(concert, "New Year's Eve")?.value == "2006-12-31")
        let named = try CodingFixtures.times(
            "Markets were closed for Thanksgiving Day and reopened on Good Friday.", anchor: "1999-12-01")
        #expect(value(named, "Thanksgiving Day")?.value == "1999-11-25", "the fourth Thursday of November")
        #expect(value(named, "Good Friday")?.value == "1999-04-02", "two days before Easter 1999")
        let unanchored = try CodingFixtures.times("The strike ended on Christmas Eve.", anchor: nil)
        #expect(unanchored.first?.match.value == "XXXX-12-24" && unanchored.first?.match.anchored == false)
    }

    @Test("\"that night\", \"the same day\": the date the text named last")
    func anaphoric() throws {
        // GeoVirus (Wikinews): a rally in Seoul.
        let vigil = try CodingFixtures.times(
            "Protesters gathered in the plaza in front of Seoul City Hall on Sunday, where a candlelight vigil "
                + "was scheduled for that night.", anchor: "2008-06-04")
        #expect(value(vigil, "Sunday")?.value == "2008-06-01")
        #expect(value(vigil, "that night")?.value == "2008-06-01TNI")
        let year = try CodingFixtures.times(
            "The plant opened in March 1998. Later that year it was sold.", anchor: "2000-01-28")
        let later = try #require(value(year, "Later that year"))
        #expect(later.value == "1998" && later.mod == "END")
        let following = try CodingFixtures.times(
            "The dam was finished in 1994, and the plant opened the following year.", anchor: "2000-01-28")
        #expect(value(following, "the following year")?.value == "1995")
    }

    @Test("stretches of unknown or stated length: \"the past few days\", \"a couple of years\", \"the year ended\"")
    func stretches() throws {
        // GeoVirus (Wikinews): the 2006 Java tsunami.
        let tsunami = try CodingFixtures.times(
            "In the past few days, around 100 dead bodies have been recovered.", anchor: "2006-07-20")
        let days = try #require(value(tsunami, "the past few days"))
        #expect(days.type == .duration && days.value == "PXD")
        let couple = try CodingFixtures.times("Prices rose for a couple of years.", anchor: "2006-07-20")
        #expect(value(couple, "a couple of years")?.value == "P2Y")
        let fiscal = try CodingFixtures.times(
            "Net income for the year ended March 31 rose 12%, and sales for the year were flat.", anchor: "1989-06-02")
        let stretch = try #require(value(fiscal, "the year"))
        #expect(stretch.type == .duration && stretch.value == "P1Y")
        #expect(fiscal.last?.text == "the year" && fiscal.last?.match.value == "1989")
    }

    @Test("a weekday without a tense to go by is one of the last six days, or tomorrow")
    func untensedWeekday() throws {
        // 2008-07-01 was a Tuesday.
        let tomorrow = try CodingFixtures.times("Talks in Geneva on Wednesday.", anchor: "2008-07-01")
        #expect(tomorrow.first?.match.value == "2008-07-02")
        let monday = try CodingFixtures.times("Talks in Geneva on Monday.", anchor: "2008-07-01")
        #expect(monday.first?.match.value == "2008-06-30")
        let planned = try CodingFixtures.times("The team planned to leave Nairobi on Thursday.", anchor: "1998-09-30")
        #expect(planned.first?.match.value == "1998-10-01", "a plan points ahead")
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

    @Test("a modifier that ends the text (\"earlier\") is no time expression and no crash")
    func modifierAtTheEnd() throws {
        for text in ["earlier", "Earlier", "The talks ended late"] {
            let found = try CodingFixtures.times(text, anchor: "2008-07-01")
            #expect(found.allSatisfy { $0.text != "earlier" && $0.text != "Earlier" })
        }
    }
}
