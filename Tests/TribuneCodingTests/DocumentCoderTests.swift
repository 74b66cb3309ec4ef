import Testing
import TribuneCoding
import TribuneCore
import TribuneNLP

@Suite("The document coder")
struct DocumentCoderTests {
    @Test("codes an empty text to empty annotations")
    func emptyText() throws {
        let coder = try DocumentCoder(gazetteer: Gazetteer(userDirectory: nil))
        let context = CodingContext(
            utf8: [], offsets: ScalarOffsets([UInt8]()), analysis: AnalyzedText(segmentation: Segmentation()),
            published: nil)
        #expect(coder.code(context) == Annotations())
    }

    @Test("relative dates without a publication date keep their X and say they are unanchored")
    func unanchoredTimes() throws {
        let page = try CodingFixtures.samplePage()
        let coder = try CodingFixtures.coder()
        let unknown = coder.code(try CodingFixtures.context(page, published: nil)).times
        let june = try #require(unknown.first { $0.text == "June 28" })
        #expect(june.value == "XXXX-06-28" && june.anchored == false)
        #expect(unknown.first { $0.text == "late 2001" }?.anchored == nil, "an absolute date needs no anchor")

        let known = coder.code(try CodingFixtures.context(page, published: "2008-07-01")).times
        #expect(known.first { $0.text == "June 28" }?.value == "2008-06-28")
        #expect(known.allSatisfy { $0.anchored == nil })
    }
}

@Suite("The document coder on the sample page: entities, events, quotes and counts joined")
struct DocumentCoderSampleTests {
    /// Coded as the pipeline codes it: over the tagger's and parser's analysis.
    static let annotations = Result {
        let page = try CodingFixtures.samplePage()
        let analysis = try LinguisticAnalyzer().analyze(page)
        let utf8 = Array(page.utf8)
        return try CodingFixtures.coder().code(
            CodingContext(utf8: utf8, offsets: ScalarOffsets(utf8), analysis: analysis, published: "2008-07-01"))
    }

    func text(_ span: Span) throws -> String {
        let page = Array(try CodingFixtures.samplePage().unicodeScalars)
        return String(String.UnicodeScalarView(page[span.start..<span.end]))
    }

    @Test("every event names entities, places and quotes that exist; no entity acts on itself")
    func references() throws {
        let annotations = try Self.annotations.get()
        let ids = Set(annotations.entities.map(\.id))
        let places = Set(annotations.places.map(\.entity))
        #expect(annotations.events.count >= 10)
        for event in annotations.events {
            for id in [event.source, event.target, event.attribution].compactMap({ $0 }) { #expect(ids.contains(id)) }
            if let place = event.place { #expect(ids.contains(place)) }
            if let source = event.source { #expect(source != event.target) }
            #expect(event.source != nil || event.target != nil)
        }
        #expect(annotations.entities.map(\.id) == annotations.entities.indices.map { "E\($0 + 1)" })
        #expect(places.isSubset(of: ids))
    }

    @Test("actors the dictionaries name become entities: Pakistani forces, Uzbek militants")
    func composedActors() throws {
        let entities = try Self.annotations.get().entities
        let forces = try #require(entities.first { $0.name == "Pakistani forces" })
        #expect(forces.actor?.code == "PAKMIL" && forces.mentions.count >= 2)
        #expect(entities.contains { $0.name.hasPrefix("Uzbek militant") && $0.actor?.code == "UZBREB" })
        // "Pakistani" inside "Pakistani forces" is no separate mention.
        let nationals = entities.filter { $0.type == .nationality }
        for entity in nationals {
            for mention in entity.mentions { #expect(!forces.mentions.contains { $0.contains(mention) }) }
        }
    }

    @Test("the claimed killing of at least 150 Uzbek militants: claimed by Pakistani forces, with its count")
    func claimedKilling() throws {
        let annotations = try Self.annotations.get()
        let count = try #require(annotations.counts.first { $0.kind == "killed" && $0.value == 150 })
        let event = try #require(annotations.events.first { $0.id == count.event })
        #expect(event.sourceCode == "PAKMIL" && event.targetCode == "UZBREB" && event.root == "19")
        #expect(event.modality == .claimed)
        #expect(event.date == "2007", "\"Last year\" before a 2008 publication date")
    }

    @Test("the attack on the militia near Peshawar: Pakistan's, not on Pakistan, and placed at Peshawar")
    func attackNearPeshawar() throws {
        let annotations = try Self.annotations.get()
        let peshawar = try #require(annotations.places.first { $0.geonameid == 1_168_197 })
        let attack = try #require(
            annotations.events.first { event in
                (try? text(event.trigger)).map { ["launched", "attack"].contains($0) } == true
            })
        #expect(attack.sourceCode == "PAK" && attack.root == "19")
        #expect(attack.targetCode != "PAK")
        #expect(attack.place == peshawar.entity)
    }

    @Test("events inside a speaker's quote are attributed to the speaker")
    func quotedFighting() throws {
        let annotations = try Self.annotations.get()
        let fighting = try #require(annotations.events.first { (try? text($0.trigger)) == "engaged" })
        let quote = try #require(annotations.quotes.first { $0.span.contains(fighting.trigger) })
        #expect(quote.speaker != nil && fighting.attribution == quote.speaker)
        #expect(fighting.modality != .asserted)
        #expect(fighting.sourceCode == "PAKMIL")
    }
}
