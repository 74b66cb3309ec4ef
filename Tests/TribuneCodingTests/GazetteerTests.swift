import Foundation
import Testing
import TribuneCoding

@Suite("The gazetteer")
struct GazetteerTests {

    @Test("ships GeoNames places, countries and first-level divisions")
    func shipped() throws {
        let gazetteer = try CodingFixtures.gazetteer()
        #expect(gazetteer.placeCount > 200_000)
        let peshawar = try #require(gazetteer.places(named: "Peshawar").first)
        #expect(peshawar.id == 1_168_197 && peshawar.country == "PK" && peshawar.featureClass == "P")
        #expect(abs(peshawar.latitude - 34.008) < 0.01 && abs(peshawar.longitude - 71.578) < 0.01)
        #expect(gazetteer.admin1Name(of: peshawar) == "Khyber Pakhtunkhwa")
        #expect(gazetteer.places(named: "Pakistan").first { $0.isCountry }?.id == 1_168_579)
        #expect(gazetteer.places(named: "U.S.").first?.id == 6_252_001, "English news names are filed")
        #expect(gazetteer.places(named: "Peshāwar").first?.id == 1_168_197, "accents fold away")
        #expect(gazetteer.country("AF")?.name == "Afghanistan")
        let texas = try #require(gazetteer.places(named: "Texas").first { $0.isFirstLevelDivision })
        #expect(texas.country == "US" && texas.isGeoNames)
    }

    @Test("imports a GeoNames dump into a user gazetteer that is searched first")
    func importDump() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-gazetteer-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Two rows in the dump's 19 columns, values from GeoNames' cities500 (CC BY 4.0).
        let dump = [
            "1162634\tWana\tWana\tWaha,Wana,Wano,Wāha,Wāna,Wāno\t32.29889\t69.5725\tP\tPPL\tPK\t\t03\t\t\t\t2223\t\t1400\tAsia/Karachi\t2020-01-01",
            "1168197\tPeshawar\tPeshawar\tPEW,Peschawar,Peshawar\t34.008\t71.57849\tP\tPPL\tPK\t\t03\t\t\t\t4758762\t\t331\tAsia/Karachi\t2020-01-01",
        ].joined(separator: "\n")
        let file = folder.appendingPathComponent("PK.txt")
        try Data(dump.utf8).write(to: file)
        let user = folder.appendingPathComponent("gazetteer")
        let summary = try GeoNamesImport.run(file: file, into: user)
        #expect(summary.read == 2 && summary.total == 2)
        let again = try GeoNamesImport.run(file: file, into: user)
        #expect(again.total == 2, "importing the same file twice changes nothing")

        let combined = try Gazetteer(userDirectory: user)
        #expect(combined.places(named: "Wano").first?.id == 1_162_634, "alternate names of the dump are filed")
        #expect(combined.places(named: "Wano").first?.featureCode == "PPL", "the user's entry wins")
        #expect(combined.places(named: "Peschawar").first?.id == 1_168_197)
        #expect(combined.placeCount == (try CodingFixtures.gazetteer()).placeCount + 2)
        let wana = try #require(combined.places(named: "Wana").first)
        #expect(abs(wana.latitude - 32.2989) < 0.0001 && abs(wana.longitude - 69.5725) < 0.0001)
        #expect(wana.featureClass == "P" && wana.featureCode == "PPL" && wana.admin1 == "03" && wana.population == 2223)
    }

    @Test("ships as one compressed file, a few MB")
    func compact() throws {
        let file = CodingFixtures.repository.appendingPathComponent("Sources/TribuneCoding/Resources/gazetteer.txt.gz")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(size < 6_000_000)
        let gazetteer = try CodingFixtures.gazetteer()
        #expect(gazetteer.nameCount > 250_000)
        // Coordinates keep four decimals through the differences they are stored as.
        let kabul = try #require(gazetteer.places(named: "Kabul").first { $0.featureClass == "P" })
        #expect(abs(kabul.latitude - 34.5281) < 0.0002 && abs(kabul.longitude - 69.1723) < 0.0002)
    }

    @Test("a gazetteer file of another kind is refused, naming the file")
    func badTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-gazetteer-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("id\tname\n1\tSomewhere\n".utf8).write(to: folder.appendingPathComponent("gazetteer.txt"))
        #expect {
            try Gazetteer(userDirectory: folder)
        } throws: { error in
            "\(error)".contains("gazetteer.txt") && "\(error)".contains("not a Tribune gazetteer")
        }
    }

    @Test("a file that is no GeoNames dump is refused, naming the file")
    func badDump() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-gazetteer-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("notes.txt")
        try Data("just\nsome\nwords\nin\na\nfile\n".utf8).write(to: file)
        #expect {
            try GeoNamesImport.run(file: file, into: folder.appendingPathComponent("gazetteer"))
        } throws: { error in
            "\(error)".contains("notes.txt")
        }
    }
}
