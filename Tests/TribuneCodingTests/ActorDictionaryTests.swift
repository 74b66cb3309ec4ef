import Foundation
import Testing
import TribuneCore
import TribuneNLP

@testable import TribuneCoding

/// Lines copied from the Phoenix dictionaries (MIT, Open Event Data Alliance) as they are.
private enum PhoenixLines {
    static let countries = """
        # TABARI-formatted .actor file
        PAKISTAN_  [PAK]
        +PAKISTANI_ 
        +ISLAMABAD_ 

        YOUSAF_RAZA_GILANI_  # CountryInfo.txt
        \t[PAKELI 700101-000101]
        \t[PAKGOV >080325]
        \t[PAKELI]
        UZBEKISTAN_
        +UZBEK_ 
        +UZBEKISTANI_ 
        \t[USRUZB <910901]
        \t[UZBUNR 910901-911221]
        \t[UZB >911221]
        """

    static let international = """
        ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]# US Sec of Agri. later Exec. Dir. UNICEF# NGO_Actors
        JEAN_MARIE_GUEHENNO_\t[IGOUNO 000101-080801] [---] #BK 16 Jul 2009# NGO_Actors
        """

    static let milNonState = """
        ISLAMIC_MOVEMENT_OF_UZBEKISTAN_ [KKLREB] #  kkl 21 Mar 13
        +ISLAMIC_PARTY_OF_TURKISTAN_

        AYMAN_AL_ZAWAHIRI
        +AL_ZAWAHIRI
        +AYMAN_AL-ZAWAHIRI
        +ZAWAHIRI
        \t[IMGMUSALQ]
        """

    static let agents = """
        !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
        POLICE!PERSON!  [~COP]
        CATTLE_THIEF {CATTLE_THIEVES} [~CRM]
        PRIME_MINISTER [~GOV]
        MILITANT [~UAF]
        TRUCE_MONITOR [IGO~]
        """
}

@Suite("Phoenix actor dictionaries")
struct ActorDictionaryTests {
    @Test("Date restrictions read six- and eight-digit dates, before, after and between")
    func dateRestrictions() throws {
        #expect(DateRestriction(parsing: ">080325") == DateRestriction(from: 20_080_325))
        #expect(DateRestriction(parsing: "< 910901") == DateRestriction(until: 19_910_901))
        #expect(DateRestriction(parsing: "700101-000101") == DateRestriction(from: 19_700_101, until: 20_000_101))
        #expect(DateRestriction(parsing: "20040101-20061201") == DateRestriction(from: 20_040_101, until: 20_061_201))
        #expect(DateRestriction(parsing: "2004017-20061201") == nil)
        #expect(DateRestriction.day(iso: "2008-06-30T10:00:00Z") == 20_080_630)
        let range = try #require(DateRestriction(parsing: "910901-911221"))
        #expect(range.contains(19_911_221))
        #expect(!range.contains(19_911_222))
    }

    @Test("An entry's name, + synonyms and indented dated codes")
    func entryWithSynonymsAndRoles() throws {
        let result = PhoenixReader.read(PhoenixLines.countries, file: "Phoenix.Countries.actors.txt")
        #expect(result.problems.isEmpty)
        let pakistan = try #require(result.actors.first { $0.name == "PAKISTAN" })
        #expect(pakistan.synonyms == ["PAKISTANI", "ISLAMABAD"])
        #expect(pakistan.roles.map(\.code) == ["PAK"])
        let gilani = try #require(result.actors.first { $0.name == "YOUSAF RAZA GILANI" })
        #expect(gilani.roles.count == 3)
        #expect(gilani.origin == DictionaryLine(file: "Phoenix.Countries.actors.txt", line: 6))
        #expect(gilani.role(on: 20_080_630)?.code == "PAKGOV")
        #expect(gilani.role(on: 20_080_630)?.origin.line == 8)
        #expect(gilani.role(on: 19_990_101)?.code == "PAKELI")
        #expect(gilani.role(on: 20_050_101)?.code == "PAKELI", "no dated role holds: the undated default")
        #expect(gilani.role(on: nil)?.code == "PAKGOV", "undated: the open-ended role, the present")
        let uzbekistan = try #require(result.actors.first { $0.name == "UZBEKISTAN" })
        #expect(uzbekistan.role(on: 19_900_101)?.code == "USRUZB")
        #expect(uzbekistan.role(on: 19_911_001)?.code == "UZBUNR")
        #expect(uzbekistan.role(on: 20_080_630)?.code == "UZB")
    }

    @Test("Several codes on the entry's own line; [---] is no code")
    func inlineCodes() throws {
        let result = PhoenixReader.read(PhoenixLines.international, file: "Phoenix.International.actors.txt")
        let veneman = try #require(result.actors.first { $0.name == "ANN VENEMAN" })
        #expect(veneman.roles.map(\.code) == ["USAGOV", "IGOUNOKID"])
        #expect(veneman.role(on: 20_030_101)?.code == "USAGOV")
        #expect(veneman.role(on: 20_060_101)?.code == "IGOUNOKID")
        let guehenno = try #require(result.actors.first { $0.name == "JEAN MARIE GUEHENNO" })
        #expect(guehenno.roles.map(\.code) == ["IGOUNO"])
    }

    @Test("Agents: substitution sets, explicit and regular plurals, codes before or after a country")
    func agents() throws {
        let result = PhoenixReader.read(PhoenixLines.agents, file: "Phoenix.agents.txt")
        #expect(result.actors.isEmpty)
        let police = try #require(result.agents.first { $0.code == "COP" })
        #expect(police.forms.contains("POLICEMAN"))
        #expect(police.forms.contains("POLICEWOMEN"))
        let thief = try #require(result.agents.first { $0.code == "CRM" })
        #expect(thief.forms.contains("CATTLE THIEVES"))
        let minister = try #require(result.agents.first { $0.code == "GOV" })
        #expect(minister.forms == ["PRIME MINISTER", "PRIME MINISTERS"])
        let monitor = try #require(result.agents.first { $0.code == "IGO" })
        #expect(monitor.placement == .prefix)
    }

    @Test("The compiled form reads back to the same entries")
    func compiledRoundTrip() throws {
        var dictionary = ActorDictionary()
        dictionary.add(PhoenixReader.read(PhoenixLines.countries, file: "Phoenix.Countries.actors.txt"))
        dictionary.add(PhoenixReader.read(PhoenixLines.agents, file: "Phoenix.agents.txt"))
        var copy = ActorDictionary()
        try copy.readCompiled(dictionary.compiled(header: "test"))
        #expect(copy.actors == dictionary.actors)
        #expect(copy.agents == dictionary.agents)
        #expect(copy.actor("UZBEK")?.name == "UZBEKISTAN")
    }

    @Test("Countries and agents compose; a placeholder country takes the one the name holds")
    func composition() throws {
        var dictionary = ActorDictionary()
        dictionary.add(PhoenixReader.read(PhoenixLines.countries, file: "Phoenix.Countries.actors.txt"))
        dictionary.add(PhoenixReader.read(PhoenixLines.milNonState, file: "Phoenix.MilNonState.actors.txt"))
        dictionary.add(PhoenixReader.read(PhoenixLines.agents, file: "Phoenix.agents.txt"))
        let coder = ActorCoder(dictionary: dictionary)
        #expect(coder.code("Pakistani policemen", on: 20_080_630)?.actor.code == "PAKCOP")
        #expect(coder.code("Uzbek militants", on: 20_080_630)?.actor.code == "UZBUAF")
        #expect(coder.code("Pakistan prime minister", on: 20_080_630)?.actor.code == "PAKGOV")
        let movement = try #require(coder.code("Islamic Movement of Uzbekistan", on: 20_080_630))
        #expect(movement.actor.code == "UZBREB")
        #expect(movement.basis == .named)
        #expect(movement.reasons.contains { $0.contains("KKL is no country code") })
        #expect(coder.code("al-Zawahiri")?.actor == ActorCode(code: "IMGMUSALQ", sector: "IMG"))
        #expect(coder.code("the weather") == nil)
    }

    @Test("A user's file in the same format replaces a shipped entry")
    func userDictionary() throws {
        var dictionary = ActorDictionary()
        dictionary.add(PhoenixReader.read(PhoenixLines.agents, file: "Phoenix.agents.txt"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-test-\(UUID()).txt")
        try "MILITANT [~REB] # my project codes militants as rebels\n".write(
            to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        try dictionary.add(contentsOf: file)
        #expect(dictionary.agent("MILITANTS")?.code == "REB")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-empty-\(UUID()).txt")
        try "# nothing\n".write(to: empty, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: DictionaryError.self) { try dictionary.add(contentsOf: empty) }
    }
}

@Suite("Actor codes from the shipped dictionaries")
struct ActorCoderTests {
    static let coder = Result { try ActorCoder() }

    @Test(
        "People get the role valid on the day",
        arguments: [
            ("Yousaf Raza Gilani", "2008-06-30", "PAKGOV"),
            ("Yousaf Raza Gilani", "1999-01-01", "PAKELI"),
            ("Islam Karimov", "2008-06-30", "UZBGOV"),
        ])
    func datedRoles(name: String, date: String, code: String) throws {
        let coder = try Self.coder.get()
        #expect(coder.code(name, on: DateRestriction.day(iso: date))?.actor.code == code)
    }

    @Test(
        "Groups, countries and composed actors",
        arguments: [
            ("Islamic Movement of Uzbekistan", "UZBREB"),
            ("Taliban", "AFGREB"),
            ("al-Qaeda", "IMGMUSALQ"),
            ("Pakistani forces", "PAKMIL"),
            ("Uzbek militants", "UZBREB"),
            ("Afghanistan", "AFG"),
        ])
    func groups(name: String, code: String) throws {
        let coder = try Self.coder.get()
        #expect(coder.code(name, on: 20_080_630)?.actor.code == code)
    }

    @Test("The actors named in a real sentence, composed where a country precedes an agent")
    func sentenceMentions() throws {
        let coder = try Self.coder.get()
        let text = "Pakistani forces killed at least 150 Uzbek militants near the Afghan border, officials said."
        let utf8 = Array(text.utf8)
        let segmentation = try utf8.withUnsafeBufferPointer {
            try CodingFixtures.segmenter().segment($0, paragraphs: [0..<utf8.count])
        }
        let analysis = AnalyzedText(segmentation: segmentation)
        let mentions = utf8.withUnsafeBufferPointer {
            coder.mentions(in: analysis, sentence: 0, text: $0, on: 20_080_630)
        }
        let found = mentions.map { mention in
            let range =
                segmentation.tokens[mention.tokens.lowerBound].range
                .lowerBound..<segmentation.tokens[mention.tokens.upperBound - 1].range.upperBound
            return (String(decoding: utf8[range], as: UTF8.self), mention.code)
        }
        #expect(found.map(\.0) == ["Pakistani forces", "Uzbek militants", "Afghan"])
        #expect(found.map(\.1) == ["PAKMIL", "UZBREB", "AFG"])
    }
}
