import Testing
import TribuneCore

@testable import TribuneCoding

@Suite("Counts of the killed, wounded, arrested and displaced, and sizes of groups")
struct CountReaderTests {
    static let reader = Result { try CountReader() }

    func counts(_ text: String) throws -> [Count] {
        try Self.reader.get().counts(CodingFixtures.context(text, published: nil))
    }

    func summary(_ count: Count) -> String {
        [count.kind, count.qualifier ?? "-", String(count.value), count.subject ?? "-"].joined(separator: " | ")
    }

    @Test("On the sample page: at least 150 Uzbek militants killed, some 500 members; no age, no year")
    func samplePage() throws {
        let page = try CodingFixtures.samplePage()
        let found = try counts(page).map(summary)
        #expect(found.contains("killed | at least | 150 | Uzbek militants"))
        #expect(found.contains("members | some | 500 | members"))
        #expect(found.contains("members | at least | 200 | IMU militants"))
        let values = try counts(page).map(\.value)
        #expect(!values.contains(40), "Yuldash's age is no count")
        #expect(!values.contains(2001), "a year is no count")
    }

    @Test("The count's span runs from its verb or qualifier to the people counted")
    func span() throws {
        let text = "Last year, Pakistani forces claimed to have killed at least 150 Uzbek militants."
        let count = try #require(try counts(text).first)
        #expect(text.slice(count.span) == "killed at least 150 Uzbek militants")
    }

    @Test(
        "Counts in digits and in words, with the verb before or after the people counted",
        arguments: [
            (
                "At least 12 people were killed and 30 wounded in the blast.",
                ["killed | at least | 12 | people", "wounded | - | 30 | -"]
            ),
            ("Hundreds of people have been displaced by the fighting.", ["displaced | at least | 200 | people"]),
            ("Police arrested three suspects on Monday.", ["arrested | - | 3 | suspects"]),
            ("Gunmen abducted a dozen aid workers near the border.", ["abducted | - | 12 | aid workers"]),
            ("The death toll rose to 45 on Sunday.", ["killed | - | 45 | -"]),
            ("Dozens of protesters were injured in clashes with police.", ["wounded | at least | 24 | protesters"]),
            ("The rebels are thought to have some 2,000 fighters.", ["members | some | 2000 | fighters"]),
            ("Tens of thousands of villagers fled the floods.", ["displaced | at least | 20000 | villagers"]),
            ("Twenty-five soldiers died when their convoy was ambushed.", ["killed | - | 25 | soldiers"]),
        ])
    func sentences(text: String, expected: [String]) throws {
        #expect(try counts(text).map(summary) == expected)
    }

    @Test(
        "Ages, years, dates, money and other numbers are not counts",
        arguments: [
            "There have been several past reports that Yuldash 40, had been killed.",
            "Ahmed Khan, 52, was killed in the attack.",
            "The Taliban were ousted in late 2001 and regrouped by 2003.",
            "The program costs $99 to join and 3 days to approve.",
            "He died 3 days later.",
        ])
    func notCounts(text: String) throws {
        #expect(try counts(text).map(summary) == [])
    }

    @Test("Wikinews: deaths reported in numbers and words")
    func wikinews() throws {
        let text = try CodingFixtures.sample(
            "wikinews/at-least-71-deaths-in-mexico-likely-linked-to-swine-flu-outb.txt")
        let found = try counts(text).map(summary)
        #expect(found.contains("killed | at least | 100 | deaths"))
        #expect(found.contains("killed | - | 71 | people"))
        let turkey = try CodingFixtures.sample(
            "wikinews/turkish-government-accused-of-being-too-slow-to-respond-to-b.txt")
        #expect(try counts(turkey).map(summary).contains("killed | - | 3 | siblings"))
    }

    @Test("A count joins the event whose trigger is its verb")
    func linksEvents() throws {
        let text = "Last year, Pakistani forces claimed to have killed at least 150 Uzbek militants."
        let found = try Self.reader.get().find(CodingFixtures.context(text, published: nil))
        let trigger = try #require(found.first?.trigger)
        #expect(text.slice(trigger) == "killed")
        let event = Event(
            id: "V3", sentence: 0, cameo: "190", root: "19", quad: 4, goldstein: -10, trigger: trigger,
            span: Span(0, text.unicodeScalars.count), confidence: 1)
        #expect(CountReader.link(found, to: [event]).first?.event == "V3")
    }
}
