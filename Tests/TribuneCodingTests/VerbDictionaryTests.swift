import Foundation
import Testing

@testable import TribuneCoding

/// PETRARCH2's dictionaries in the shared data folder, when it is there.
private let petrarchFolder: URL? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/data/dictionaries/petrarch2")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

@Suite("Verb dictionary: the shipped compiled CAMEO dictionary")
struct VerbDictionaryTests {
    let dictionary: VerbDictionary

    init() throws { dictionary = try VerbDictionary.load(userDirectory: nil) }

    private func block(_ meaning: String) throws -> VerbBlock {
        try #require(dictionary.blocks.first { $0.meaning == meaning })
    }

    @Test("synsets keep their members and gain plurals, except for names ending in _")
    func synsets() throws {
        let currency = try #require(dictionary.synsets["&CURRENCY"])
        #expect(currency.contains(["DOLLAR"]))
        #expect(currency.contains(["DOLLARS"]))
        #expect(dictionary.synset("&CURRENCY", contains: "EUROS"))
        let auxiliaries = try #require(dictionary.synsets["&AUXVERB3_"])
        #expect(auxiliaries == [["HAVE"], ["HAS"], ["HAD"]])
    }

    @Test("a verb block gives its code to its verbs; a verb may carry its own")
    func blockCodes() throws {
        #expect(try block("KILL").code == "190")
        #expect(try block("START").code == nil)
        #expect(dictionary.code(ofVerb: "KILL") == "190")
        #expect(dictionary.code(ofVerb: "BLAME") == "112")
        let disband = try #require(dictionary.forms(word: "DISBAND").first)
        #expect(disband.hasOwnCode && disband.code == "160")
        #expect(dictionary.blocks[disband.block].meaning == "COLLAPSE")
        let host = try block("HOST")
        #expect(host.code == "043" && host.reverseCode == "042")
    }

    @Test("regular forms are generated; irregular ones are taken as listed")
    func forms() throws {
        for word in ["CLAMP", "CLAMPS", "CLAMPED", "CLAMPING"] {
            #expect(dictionary.forms(word: word).contains { $0.lemma == "CLAMP" }, "\(word)")
        }
        let said = try #require(dictionary.forms(word: "SAID").first)
        #expect(said.lemma == "SAY")
        #expect(dictionary.forms(word: "TROD").contains { $0.lemma == "TREAD" })
        #expect(!dictionary.forms(word: "TREADED").contains { $0.lemma == "TREAD" })
    }

    @Test("phrasal verbs keep the words around the verb")
    func phrasal() throws {
        let askFor = try #require(dictionary.forms(word: "ASKED").first { $0.back == ["FOR"] })
        #expect(askFor.lemma == "ASK")
        #expect(askFor.code == "020")
        let callOff = try #require(dictionary.forms(word: "CALL").first { $0.back == ["OFF"] })
        #expect(callOff.code == "160")
        // Phrasal forms are tried before the one-word verb.
        #expect(dictionary.forms(word: "SHUT").first?.back == ["DOWN"])
    }

    @Test("patterns read their nouns, prepositional phrases, phrases, synsets and codes")
    func patterns() throws {
        let chant = try block("CHANT")
        let againstGovernment = try #require(chant.patterns.first { $0.code == "141" })
        #expect(againstGovernment.after == [.preposition(.word("AGAINST"), objects: [.word("GOVERNMENT")])])
        let halt = try block("COLLAPSE").patterns.first { $0.before == [.term(.word("TALKS"))] }
        #expect(halt?.code == "164" && halt?.reverseCode == "164")
        let clinch = try block("CLINCH").patterns
        #expect(clinch.contains { $0.after == [.term(.synset("&TREATY"))] && $0.code == "050" })
        let launch = try block("START").patterns
        #expect(
            launch.contains { $0.after == [.term(.phrase(["JOINT", "&MILITARY", "OPERATION"]))] && $0.code == "0312" })
        #expect(launch.contains { $0.after == [.term(.phrase(["ECONOMIC", "REFORMS"]))] && $0.code == nil })
    }

    @Test("transformations are read, commented ones skipped")
    func transformations() {
        #expect(dictionary.transformations.count == 8)
        let accuse = dictionary.transformations.first { $0.innerSource == "b" && $0.outerVerb == "SAY" }
        #expect(accuse?.resultCode == "112")
        #expect(accuse?.innerVerb == "ATTACK")
    }

    @Test("the compiled form reads back to the same dictionary")
    func roundTrip() throws {
        let again = try VerbDictionary(compiled: dictionary.compiled())
        #expect(again.blocks == dictionary.blocks)
        #expect(again.forms == dictionary.forms)
        #expect(again.transformations == dictionary.transformations)
        #expect(again.synsets == dictionary.synsets)
    }

    @Test("the shipped file is what the build makes of CAMEO.2.0.txt", .enabled(if: petrarchFolder != nil))
    func rebuild() throws {
        let folder = try #require(petrarchFolder)
        let built = try EventDictionaryBuilder.build(petrarchFolder: folder)
        let source = try VerbDictionary(compiled: try #require(built.files.first?.contents))
        #expect(source.blocks == dictionary.blocks)
        #expect(source.forms == dictionary.forms)
    }
}

@Suite("Verb dictionary: the source format")
struct VerbDictionarySourceTests {
    // The example of PETRARCH's reader documentation.
    static let example = """
        &CURRENCY
        +DOLLARS
        +AUSTRIAN FLORIN
        +GOLDEN_GOBLIN_GALLEONS_
        +PESO

        --- GRANT [070] ---
        GRANT
        GIVE {GAVE GIVEN GIVING }  # jw  11/14/91
        CONTRIBUTE # tony  3/12/91
        - * &CURRENCY [903] # -PAS 12.01.12
        - * RUPEES  [071]
        <!-- a comment
        over two lines -->
        --- EXPLAIN_VERBAL [010] ---
        SAY  {SAID SAYING }
        CLARIFY {CLARIFIES CLARIFIED CLARIFYING} [040]
        - * RESTORATION RELATIONS [050:050]  # ANNOUNCE <ab 02 Dec 2005>
        - * ATTACK ON + AS &CRIME [018]  # DESCRIBE
        - CONFIRMED * OF BOMBINGS [010]  # REPORT
        """

    @Test("PETRARCH's documented example reads as documented")
    func example() throws {
        let dictionary = try VerbDictionary(source: Self.example, file: "example")
        #expect(dictionary.blocks.map(\.meaning) == ["GRANT", "EXPLAIN_VERBAL"])
        #expect(dictionary.synsets["&CURRENCY"]?.contains(["PESOS"]) == true)
        #expect(dictionary.synsets["&CURRENCY"]?.contains(["GOLDEN", "GOBLIN", "GALLEONS"]) == true)
        #expect(!(dictionary.synsets["&CURRENCY"]?.contains(["GOLDEN", "GOBLIN", "GALLEONSS"]) ?? true))
        #expect(dictionary.forms(word: "GIVEN").first?.lemma == "GIVE")
        #expect(dictionary.forms(word: "GIVES").isEmpty, "irregular forms are all listed")
        #expect(dictionary.forms(word: "CONTRIBUTING").first?.lemma == "CONTRIBUTE")
        #expect(dictionary.forms(word: "CLARIFIED").first?.code == "040")
        #expect(dictionary.blocks[0].patterns.map(\.code) == ["903", "071"])
        let restore = dictionary.blocks[1].patterns[0]
        #expect(restore.after == [.term(.word("RESTORATION")), .term(.word("RELATIONS"))])
        #expect(restore.reverseCode == "050")
        // "&CRIME" is not defined: the pattern is skipped, and the reader says so.
        #expect(dictionary.blocks[1].patterns.count == 2)
        #expect(dictionary.warnings.contains { $0.contains("&CRIME") })
        #expect(dictionary.blocks[1].patterns[1].before == [.term(.word("CONFIRMED"))])
    }

    @Test("a malformed line is skipped with a warning naming the file and line; the rest is read")
    func badCode() throws {
        let dictionary = try VerbDictionary(
            source:
                "--- KILL [190] ---\nKILL\n- * CIVILIANS [19?]\n- * VENTURE (WITH VISIT) VISIT)[042:043]\n- * SOLDIERS [193]\n",
            file: "mine.txt")
        #expect(dictionary.warnings.count == 2)
        #expect(dictionary.warnings.first?.hasPrefix("mine.txt:3") == true)
        #expect(dictionary.blocks[0].patterns.map(\.code) == ["193"])
    }

    @Test("a user's verb file adds to the dictionary and is found first")
    func userFile() throws {
        var dictionary = try VerbDictionary(source: Self.example, file: "example")
        try dictionary.add(source: "--- DONATE [070] ---\nGIVE {GAVE GIVEN GIVING} [073]\n", file: "user.txt")
        #expect(dictionary.forms(word: "GAVE").first?.code == "073")
        #expect(dictionary.blocks.count == 3)
    }
}
