import Foundation

/// Reads a GeoNames dump (`allCountries.txt`, a country file such as `PK.txt`, or `cities500.txt`:
/// tab-separated geonameid, name, asciiname, alternatenames, latitude, longitude, feature class,
/// feature code, country code, cc2, admin1…admin4, population, elevation, dem, timezone,
/// modification date) into a user gazetteer: every feature (villages, districts, mountains,
/// rivers), its name, ASCII name and Latin-script alternate names. Entries already in the
/// folder are kept; the same GeoNames id is replaced.
public enum GeoNamesImport {
    public struct Summary: Sendable, CustomStringConvertible {
        public var read = 0
        public var skipped = 0
        public var total = 0
        public var description: String {
            "\(read) entries read (\(skipped) malformed lines skipped); the gazetteer now holds \(total)"
        }
    }

    public static func run(file: URL, into directory: URL) throws -> Summary {
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw GazetteerError(path: file.path, reason: "cannot read the file")
        }
        defer { try? handle.close() }
        var places: [Int: GazetteerPlace] = [:]
        var existingNames: [String: Set<Int>] = [:]
        var names: [String: Set<Int>] = [:]
        var regions: [String: (name: String, id: Int)] = [:]
        if GazetteerTable.file(in: directory) != nil {
            let existing = try GazetteerTable(directory: directory)
            for place in existing.allPlaces() { places[place.id] = place }
            for (key, ids) in existing.allNames() { existingNames[key, default: []].formUnion(ids) }
            regions = existing.regions
        }
        var summary = Summary()
        var imported = Set<Int>()
        var carry: [UInt8] = []
        var sawData = false
        func line(_ bytes: ArraySlice<UInt8>) throws {
            guard !bytes.isEmpty, bytes.first != UInt8(ascii: "#") else { return }
            let fields = bytes.split(separator: 0x09, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            guard fields.count >= 15, let id = Int(fields[0]), let lat = Double(fields[4]), let lon = Double(fields[5])
            else {
                summary.skipped += 1
                if !sawData && summary.skipped >= 5 {
                    throw GazetteerError(path: file.path, reason: "not a GeoNames dump (tab-separated, 19 columns)")
                }
                return
            }
            sawData = true
            summary.read += 1
            let place = GazetteerPlace(
                id: id, name: fields[1], latitude: lat, longitude: lon, featureClass: fields[6], featureCode: fields[7],
                country: fields[8], admin1: fields[10], population: Int(fields[14]) ?? 0)
            places[id] = place
            imported.insert(id)
            var filed = Set<String>()
            for name in [fields[1], fields[2]] + fields[3].split(separator: ",").map(String.init)
            where name == fields[1] || name == fields[2] || GazetteerBuilder.keepsAlternate(name) {
                // Divisions are also filed without the word for their kind ("Swat District").
                let forms = place.featureClass == "A" ? [name, GazetteerBuilder.withoutDivisionWord(name)] : [name]
                for form in forms {
                    let key = PlaceName.key(form)
                    if !key.isEmpty, filed.insert(key).inserted { names[key, default: []].insert(id) }
                }
            }
            if place.featureCode == "ADM1", !place.admin1.isEmpty {
                regions["\(place.country).\(place.admin1)"] = (place.name, id)
            } else if place.isCountry, regions[place.country] == nil {
                regions[place.country] = (place.name, id)
            }
        }
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            carry.append(contentsOf: chunk)
            var start = 0
            while let newline = carry[start...].firstIndex(of: 0x0A) {
                try line(carry[start..<newline])
                start = newline + 1
            }
            carry.removeFirst(start)
        }
        try line(carry[...])
        guard summary.read > 0 else {
            throw GazetteerError(path: file.path, reason: "no GeoNames entries found")
        }
        // The names of re-imported entries are the new ones.
        for (key, ids) in existingNames {
            let kept = ids.subtracting(imported)
            if !kept.isEmpty { names[key, default: []].formUnion(kept) }
        }
        try GazetteerTable.write(
            places: Array(places.values), names: names, regions: regions,
            header: "Imported by `tribune gazetteer import` from GeoNames (CC BY 4.0)", to: directory)
        summary.total = places.count
        return summary
    }
}
