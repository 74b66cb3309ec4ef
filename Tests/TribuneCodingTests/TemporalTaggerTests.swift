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

    // The sentences below are from the TempEval-3 news (TimeBank and the AQUAINT documents the
    // rules were tuned on), with their publication dates.

    @Test("a holiday and its year are one expression: \"Good Friday 2000\"")
    func holidayWithYear() throws {
        let found = try CodingFixtures.times(
            "Pope John Paul II led the Way of the Cross at the Colosseum on Good Friday 2000.", anchor: "2008-07-01")
        #expect(found.map(\.text) == ["Good Friday 2000"])
        #expect(found.first?.match.value == "2000-04-21" && found.first?.match.anchored == true)
        let comma = try CodingFixtures.times("Markets were closed on Good Friday, 1998.", anchor: "2008-07-01")
        #expect(comma.map(\.text) == ["Good Friday, 1998"] && comma.first?.match.value == "1998-04-10")
    }

    @Test("a month placed by the words after it: \"July last year\", \"January this year\"")
    func monthWithDeicticYear() throws {
        let found = try CodingFixtures.times(
            "In January this year, British police officers who had been searching for Howes went to Cambodia. "
                + "In July last year in Phnom Penh, Cambodia's capital, Second Prime Minister Hun Sen ousted his rival.",
            anchor: "1998-02-19")
        #expect(value(found, "January this year")?.value == "1998-01")
        #expect(value(found, "July last year")?.value == "1997-07")
    }

    @Test("years in words after a month or a season, as transcripts write them")
    func spelledYears() throws {
        let found = try CodingFixtures.times(
            "Atlanta nineteen ninety-six. A bomb blast shocks the Olympic games. January nineteen ninety-seven. "
                + "Ah next up is that thirteen dollar a barrel level we saw in the winter of nineteen ninety-four.",
            anchor: "1998-02-27")
        #expect(value(found, "nineteen ninety-six")?.value == "1996")
        #expect(value(found, "January nineteen ninety-seven")?.value == "1997-01")
        #expect(value(found, "the winter of nineteen ninety-four")?.value == "1994-WI")
    }

    @Test("\"noon Thursday\": a time of day and its day are one expression")
    func clockWordAndDay() throws {
        let found = try CodingFixtures.times(
            "His kidnappers demanded a ransom of dlrs 1 million, but negotiations broke off at noon Thursday.",
            anchor: "1998-02-13")
        #expect(found.map(\.text) == ["noon Thursday"])
        #expect(found.first?.match.type == .time && found.first?.match.value == "1998-02-12T12:00")
    }

    @Test("\"six weeks ago\" is a week; \"each July\" a set")
    func weeksAgoAndMonthlySets() throws {
        let speech = try CodingFixtures.times(
            "He was the first senior Israeli official to refer to U.N. resolution 425 in a speech six weeks ago.",
            anchor: "1998-03-01")
        #expect(value(speech, "six weeks ago")?.value == "1998-W03")
        let march = try CodingFixtures.times(
            "Orangemen march each July from their rural church back downtown.", anchor: "1998-03-22")
        let july = try #require(value(march, "each July"))
        #expect(july.type == .set && july.value == "XXXX-07")
    }

    @Test("\"recent\", \"current\", \"in recent months\", \"within weeks\", \"two more weeks\"")
    func referencesAndVagueStretches() throws {
        let found = try CodingFixtures.times(
            "Restructuring costs include the recent closing of a Hostess cake bakery in Cincinnati. "
                + "Kellogg's current share is believed to be slightly under 40%. "
                + "In recent months a group of lenders, led by Bank of America, has extended credit. "
                + "But in recent years, the market has moved toward less expensive systems. "
                + "At least 50,000 U.S. troops are expected to be committed to Desert Shield within weeks. "
                + "Elian Gonzalez will remain in the United States for at least two more weeks.",
            anchor: "1989-10-30")
        #expect(value(found, "recent")?.value == "PAST_REF")
        #expect(value(found, "current")?.value == "PRESENT_REF")
        let months = try #require(value(found, "recent months"))
        #expect(months.type == .duration && months.value == "PXM")
        #expect(value(found, "recent years")?.value == "PAST_REF")
        #expect(value(found, "weeks")?.value == "PXW")
        #expect(value(found, "at least two more weeks")?.value == "P2W")
        let account = try CodingFixtures.times("The current account deficit widened.", anchor: "1989-10-30")
        #expect(account.isEmpty, "a balance, not a time")
    }

    @Test("decades in words; quarters and seasons without a year")
    func decadesQuartersSeasons() throws {
        let nineties = try CodingFixtures.times(
            "We in fact have seen hate group numbers dropping through the nineties.", anchor: "1998-03-03")
        #expect(value(nineties, "the nineties")?.value == "199")
        let quarter = try CodingFixtures.times(
            "Earlier AT and T also announced an eighteen percent drop in profits for the fourth quarter.",
            anchor: "1998-01-26")
        #expect(value(quarter, "the fourth quarter")?.value == "1997-Q4", "a quarter not yet begun is last year's")
        let ahead = try CodingFixtures.times(
            "The company expects the fourth quarter will be stronger.", anchor: "1998-07-26")
        #expect(value(ahead, "the fourth quarter")?.value == "1998-Q4")
        // Without a tense to go by, the summer nearest the anchor.
        let summer = try CodingFixtures.times(
            "Steel orders: up from the low levels of the summer.", anchor: "1989-10-26")
        #expect(value(summer, "the summer")?.value == "1989-SU")
        let period = try CodingFixtures.times(
            "Net income rose in the third quarter. Sales were flat compared with the 1988 period.",
            anchor: "1989-10-26")
        #expect(value(period, "the 1988 period")?.value == "1988-Q3")
    }

    @Test("\"said Thursday\" dates the report; \"would\" and \"set to\" point ahead")
    func reportAndPlanDirection() throws {
        let said = try CodingFixtures.times(
            "A Pentagon spokesman said Thursday that the 38,000 U.S. troops in the Gulf will remain.",
            anchor: "1998-03-06")
        #expect(value(said, "Thursday")?.value == "1998-03-05")
        let would = try CodingFixtures.times(
            "The group would be ready to leave for the United States as soon as Tuesday, Castro said.",
            anchor: "2000-04-03")
        #expect(value(would, "Tuesday")?.value == "2000-04-04")
        let set = try CodingFixtures.times(
            "Extremists oppose the truce to undermine the peace process, set to resume Monday in Belfast.",
            anchor: "1998-03-22")
        #expect(value(set, "Monday")?.value == "1998-03-23")
    }

    @Test("a time and its day stay one expression across a sentence break after \"a.m.\"")
    func clockAcrossBreak() throws {
        let found = try CodingFixtures.times(
            "The Immigration and Naturalization Service has given the Miami relatives until 9 a.m. Tuesday to sign "
                + "a paper promising to turn over the boy.", anchor: "2000-04-03")
        #expect(found.map(\.text) == ["9 a.m. Tuesday"])
        #expect(found.first?.match.value == "2000-04-04T09:00")
    }

    @Test("names and ordinals that look like times: \"Jan Kavan\", \"a second group\"; \"the weeks ahead\"")
    func lookalikes() throws {
        let names = try CodingFixtures.times(
            "Bronislaw Geremek of Poland, Janos Martonyi of Hungary and Jan Kavan of the Czech Republic signed "
                + "formal documents.", anchor: "1999-03-12")
        #expect(names.isEmpty)
        let second = try CodingFixtures.times(
            "A second group of three company directors, aligned with the founder, holds 22%.", anchor: "1989-10-30")
        #expect(second.isEmpty)
        let ahead = try CodingFixtures.times(
            "Funds may have to sell off some of their junk to pay departing investors in the weeks ahead.",
            anchor: "1989-10-27")
        let weeks = try #require(value(ahead, "the weeks ahead"))
        #expect(weeks.type == .duration && weeks.value == "PXW")
    }
}
