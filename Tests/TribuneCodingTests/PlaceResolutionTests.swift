import Foundation
import Testing
import TribuneCoding
import TribuneCore

@Suite("Places in documents")
struct PlaceResolutionTests {
    private func code(_ text: String, published: String? = nil) throws -> Annotations {
        try CodingFixtures.coder().code(CodingFixtures.context(text, published: published))
    }

    @Test("on the sample page: countries and Peshawar on the map, unknown regions kept as entities")
    func samplePage() throws {
        let annotations = try code(try CodingFixtures.samplePage(), published: "2008-07-01")
        let places = Dictionary(annotations.places.map { ($0.geonameid, $0) }, uniquingKeysWith: { a, _ in a })
        let peshawar = try #require(places[1_168_197])
        #expect(peshawar.country == "PK" && peshawar.admin1 == "Khyber Pakhtunkhwa")
        #expect(abs(peshawar.lat - 34.008) < 0.01 && abs(peshawar.lon - 71.578) < 0.01)
        for country in [1_168_579, 1_149_361, 1_512_440] {  // Pakistan, Afghanistan, Uzbekistan
            #expect(places[country]?.featureClass == "A")
        }
        let names = Dictionary(annotations.entities.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let waziristan = try #require(names["South Waziristan"], "a compass name after a preposition is a place")
        #expect(waziristan.type == .location && waziristan.place == nil && waziristan.mentions.count == 2)
        #expect(names["Razmak"]?.type == .location, "names before \"regions\" are places")
        for person in ["Gilani", "Abbas", "Rashid", "Ahmadi", "Karimov", "Uzbek"] {
            #expect(names[person] == nil, "\(person) is no place")
        }
        // Ids in order of first mention, every mention kept.
        #expect(annotations.entities.map(\.id) == annotations.entities.indices.map { "E\($0 + 1)" })
        let pakistan = try #require(annotations.entities.first { $0.place == 1_168_579 })
        #expect(pakistan.mentions.count >= 8 && pakistan.type == .geopolitical)
    }

    @Test("South Waziristan goes on the map once a GeoNames dump with its districts is imported")
    func sampleWithImportedDistricts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-districts-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A second-level division as GeoNames' PK.txt writes it (19 tab-separated columns; the
        // coordinates are GeoNames', the id stands in for its). Districts are in no file the
        // shipped gazetteer is built from.
        let row = [
            "1164185", "South Wazīristān Agency", "South Waziristan Agency", "Janubi Waziristan,South Waziristan",
            "32.30397", "69.68207", "A", "ADM2", "PK", "", "03", "", "", "", "0", "", "1500", "Asia/Karachi",
            "2019-01-01",
        ].joined(separator: "\t")
        let dump = folder.appendingPathComponent("PK.txt")
        try Data((row + "\n").utf8).write(to: dump)
        let user = folder.appendingPathComponent("gazetteer")
        _ = try GeoNamesImport.run(file: dump, into: user)

        let coder = try DocumentCoder(gazetteer: Gazetteer(userDirectory: user))
        let annotations = coder.code(try CodingFixtures.context(CodingFixtures.samplePage(), published: "2008-07-01"))
        let waziristan = try #require(annotations.entities.first { $0.name == "South Waziristan" })
        let place = try #require(annotations.places.first { $0.entity == waziristan.id })
        #expect(place.geonameid == 1_164_185 && place.country == "PK" && place.featureClass == "A")
        #expect(abs(place.lat - 32.304) < 0.001 && abs(place.lon - 69.682) < 0.001)
        #expect(annotations.places.contains { $0.geonameid == 1_168_197 }, "Peshawar stays where it was")
    }

    @Test("a name inside an institution's name, or a person's, is no place")
    func namesThatAreNotPlaces() throws {
        let article = try CodingFixtures.sample(
            "wikinews/at-least-71-deaths-in-mexico-likely-linked-to-swine-flu-outb.txt")
        let annotations = try code(article)
        let names = Set(annotations.entities.map(\.name))
        #expect(names.isSuperset(of: ["Mexico", "New Zealand", "Mexico City", "United States"]))
        #expect(!names.contains("Auckland"), "part of \"Auckland Regional Public Health Service\"")
        #expect(!names.contains("Peters"))
    }

    @Test("the resolver takes mentions from anyone and returns resolutions")
    func resolverAlone() throws {
        let text = Array("Fighting spread from Kandahar, Afghanistan to Lahore.".utf8)
        func mention(_ word: String) -> PlaceMention {
            let start = String(decoding: text, as: UTF8.self).range(of: word)!.lowerBound.utf16Offset(
                in: String(decoding: text, as: UTF8.self))
            return PlaceMention(bytes: start..<(start + word.utf8.count), sentence: 0)
        }
        let resolver = ToponymResolver(gazetteer: try CodingFixtures.gazetteer())
        let resolved = text.withUnsafeBufferPointer {
            resolver.resolve(
                [mention("Kandahar"), mention("Afghanistan"), mention("Lahore")], countries: [], text: $0)
        }
        #expect(resolved.map { $0.place?.country } == ["AF", "AF", "PK"])
        #expect(resolved.allSatisfy { $0.confidence > 0.5 })
    }

    @Test("an event takes the time and place of its clause, else of its sentence, else the document's")
    func eventSetting() throws {
        let page = try CodingFixtures.samplePage()
        let annotations = try code(page, published: "2008-07-01")
        let peshawar = try #require(annotations.entities.first { $0.place == 1_168_197 })
        let places = annotations.entities.filter { $0.type != .person }
        // "…which this week launched an attack on pro-Taliban militia near the city of Peshawar…"
        let sentenceRange = try #require(page.range(of: "But he added that Pakistan").map { $0.lowerBound })
        let sentenceStart = page.unicodeScalars.distance(from: page.unicodeScalars.startIndex, to: sentenceRange)
        let sentenceEnd = sentenceStart + page[sentenceRange...].prefix { $0 != "\n" }.unicodeScalars.count
        let attack = try #require(page.range(of: "launched an attack"))
        let triggerStart = page.unicodeScalars.distance(from: page.unicodeScalars.startIndex, to: attack.lowerBound)
        let trigger = Span(triggerStart, triggerStart + "launched an attack".count)
        let clauseEnd = triggerStart + "launched an attack on pro-Taliban militia near the city of Peshawar".count
        let clause = Span(triggerStart - "which this week ".count, clauseEnd)

        let setting = EventSetting.of(
            event: trigger, sentence: Span(sentenceStart, sentenceEnd), clauses: [clause], times: annotations.times,
            places: places, published: "2008-07-01")
        #expect(setting.place == peshawar.id && !setting.placeInferred)
        #expect(setting.date == "2008-W27" && !setting.dateInferred)
        let fromAnnotations = EventSetting.of(
            event: trigger, sentence: Span(sentenceStart, sentenceEnd), clauses: [clause], in: annotations,
            published: "2008-07-01")
        #expect(fromAnnotations == setting, "the document's annotations give the same setting")

        // A sentence that names neither: the publication date and the main place, inferred.
        let quiet = Span(0, 10)
        let inferred = EventSetting.of(
            event: quiet, sentence: quiet, times: annotations.times, places: places, published: "2008-07-01")
        #expect(inferred.date == "2008-07-01" && inferred.dateInferred)
        let pakistan = try #require(places.first { $0.place == 1_168_579 })
        #expect(inferred.place == pakistan.id && inferred.placeInferred)
    }
}
