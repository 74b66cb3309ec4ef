import ArgumentParser
import Foundation
import TribuneCoding
import TribuneEval

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Build, extend and query the gazetteer that places are resolved in.",
        discussion: """
            Tribune ships a gazetteer built from GeoNames (places of 500 people or more, countries, \
            first-level divisions, continents). Villages, districts, mountains and rivers are only in the \
            full GeoNames dumps: `tribune gazetteer import PK.txt` (or allCountries.txt, from \
            download.geonames.org/export/dump) adds them to your own gazetteer, which `analyze` searches \
            first. It lives in $TRIBUNE_GAZETTEER, else ~/.tribune/gazetteer.
            """,
        subcommands: [Build.self, Import.self, Lookup.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the shipped gazetteer from ../shared/data (deterministic).")
        @Option(
            name: .customLong("data"), help: "The shared data folder (default: $TRIBUNE_DATA, then ../shared/data).")
        var dataPath: String?
        @Option(help: "Where to write the gazetteer files.")
        var output = "Sources/TribuneCoding/Resources"

        func run() throws {
            let data: SharedData
            do {
                data = try SharedData(explicit: dataPath)
            } catch {
                throw ValidationError("\(error)")
            }
            let started = ContinuousClock.now
            let summary = try GazetteerBuilder.build(data: data.root, output: URL(fileURLWithPath: output)) {
                print($0)
            }
            print("built \(summary) in \(ContinuousClock.now - started)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add a GeoNames dump (allCountries.txt, PK.txt…) to your gazetteer.")
        @Argument(help: "A GeoNames dump file: tab-separated, 19 columns.")
        var file: String
        @Option(help: "The folder of your gazetteer (default: $TRIBUNE_GAZETTEER, then ~/.tribune/gazetteer).")
        var gazetteer: String?

        func run() throws {
            let directory = gazetteer.map { URL(fileURLWithPath: $0) } ?? Gazetteer.defaultUserDirectory
            do {
                let summary = try GeoNamesImport.run(file: URL(fileURLWithPath: file), into: directory)
                print("\(file): \(summary), in \(directory.path)")
            } catch let error as GazetteerError {
                throw ValidationError("\(error)")
            }
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the entries a place name may refer to.")
        @Argument(help: "Place names.")
        var names: [String]
        @Option(help: "The folder of your gazetteer (default: $TRIBUNE_GAZETTEER, then ~/.tribune/gazetteer).")
        var gazetteer: String?
        @Option(help: "Entries to list per name.")
        var limit = 10

        func run() throws {
            let directory = gazetteer.map { URL(fileURLWithPath: $0) } ?? Gazetteer.defaultUserDirectory
            let started = ContinuousClock.now
            let places = try Gazetteer(userDirectory: directory)
            print("loaded \(places.placeCount) entries, \(places.nameCount) names in \(ContinuousClock.now - started)")
            for name in names {
                let found = places.places(named: name)
                print("\(name): \(found.count) entr\(found.count == 1 ? "y" : "ies")")
                for place in found.prefix(limit) {
                    let division = places.admin1Name(of: place).map { ", \($0)" } ?? ""
                    print(
                        "  \(place.id)\t\(place.name)\(division), \(place.country)\t\(place.featureClass)\(place.featureCode.isEmpty ? "" : "." + place.featureCode)"
                            + "\t\(place.latitude), \(place.longitude)\tpopulation \(place.population)")
                }
            }
        }
    }
}
