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
            #expect(
                names[person]?.place == nil && annotations.places.allSatisfy { $0.name != person },
                "\(person) is no place")
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

    @Test("a capital named for its government is the city; listed with states, a state")
    func capitals() throws {
        // The sample page: "…\"hypocritical Muslims\" who somehow support Washington."
        let page = try code(try CodingFixtures.samplePage(), published: "2008-07-01")
        #expect(page.places.contains { $0.geonameid == 4_140_963 }, "Washington, D.C.")
        #expect(!page.places.contains { $0.geonameid == 5_815_135 }, "not the state")

        let talks = try code(
            "Moscow and Beijing agreed to oppose the plan, Washington said, after talks in Islamabad.",
            published: "2008-07-01")
        let ids = Set(talks.places.compactMap(\.geonameid))
        #expect(ids.isSuperset(of: [524_901, 1_816_670, 4_140_963, 1_176_615]))  // the four capitals
        #expect(ids.isDisjoint(with: [5_815_135]))

        // GeoVirus (Wikinews): a list of US states.
        let states = try code(
            "The sixteen states in the United States with reported cases of illnesses are Arizona, California, "
                + "Colorado, Georgia, Illinois, Missouri, New Jersey, New Mexico, New York, Ohio, Oklahoma, Oregon, "
                + "Tennessee, Utah, Washington and Wisconsin.")
        let washington = try #require(states.entities.first { $0.name == "Washington" })
        #expect(states.places.first { $0.entity == washington.id }?.geonameid == 5_815_135)

        let city = try code("Wildfires forced evacuations near Spokane, Washington.")
        #expect(city.places.contains { $0.geonameid == 5_815_135 }, "the state that holds Spokane")
    }

    @Test("villages only a GeoNames dump holds resolve once it is imported")
    func importedVillages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-villages-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Populated places (PPL) as GeoNames' PK.txt writes them: 19 tab-separated columns, no
        // population. Coordinates from public maps; the ids stand in for GeoNames'.
        func row(_ id: Int, _ name: String, _ alternates: String, _ lat: String, _ lon: String) -> String {
            [
                String(id), name, name, alternates, lat, lon, "P", "PPL", "PK", "", "03", "", "", "", "0", "", "2000",
                "Asia/Karachi", "2019-01-01",
            ].joined(separator: "\t")
        }
        let dump = folder.appendingPathComponent("PK.txt")
        let rows = [
            row(9_000_001, "Razmak", "Razmak Cantonment", "32.6928", "69.8355"),
            row(9_000_002, "Makin", "Makeen", "32.6260", "69.8490"),
            "not a GeoNames row",
        ]
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: dump)
        let user = folder.appendingPathComponent("gazetteer")
        let summary = try GeoNamesImport.run(file: dump, into: user)
        #expect(summary.read == 2 && summary.skipped == 1)

        let text = "Pakistani forces attacked militants in the Makin and Razmak regions of South Waziristan."
        let before = try code(text, published: "2008-07-01")
        let unresolved = try #require(before.entities.first { $0.name == "Razmak" }, "a place by its cue")
        #expect(unresolved.place == nil, "the shipped gazetteer has no Razmak")
        let coder = try DocumentCoder(gazetteer: Gazetteer(userDirectory: user))
        let after = coder.code(try CodingFixtures.context(text, published: "2008-07-01"))
        for (name, id) in [("Razmak", 9_000_001), ("Makin", 9_000_002)] {
            let entity = try #require(after.entities.first { $0.name == name }, "\(name) is a place")
            #expect(after.places.first { $0.entity == entity.id }?.geonameid == id, "\(name) on the map")
        }
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
        let places = annotations.entities.filter { [.geopolitical, .location, .facility].contains($0.type) }
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
