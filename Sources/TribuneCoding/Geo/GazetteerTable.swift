import Foundation
import TribuneCore

/// One gazetteer as it lies on disk: a single text file, `gazetteer.txt.gz` (gzip) or
/// `gazetteer.txt`, laid out in columns so that it compresses well and loads fast.
///
/// After comment lines (`#`), a line `gazetteer 1 P N R` gives the number of places, names and
/// regions; then come, one value a line:
/// - P lines each of: id (GeoNames id, as the difference from the previous place's; places are
///   sorted by id), name, latitude and longitude (in 1/10,000 degree, as differences from the
///   previous place's), feature (`P`, `A.ADM1`, `P.PPL`: class, then code), country (ISO 3166-1
///   alpha-2), first-level division code, population;
/// - N name keys (see ``PlaceName``), sorted by bytes, then N lines of the rows (0-based place
///   numbers) filed under each key, space-separated, most populous first;
/// - R regions: `CC<TAB>name<TAB>id` for countries and `CC.code<TAB>name<TAB>id` for
///   first-level divisions: the names and entries a place's country and division codes stand for.
///
/// Loading decompresses the file, notes where each line starts and sums the differences;
/// lookups binary-search the lines in place and read the other fields of a place only when it
/// is asked for.
struct GazetteerTable: Sendable {
    static let fileName = "gazetteer.txt"
    static let compressedFileName = "gazetteer.txt.gz"
    static let formatTag = "gazetteer 1"

    private let text: [UInt8]
    /// Where each line starts in `text`, comments and the count line excluded.
    private let lines: [Int32]
    private let ids: [Int32]
    private let latitudes: [Int32]
    private let longitudes: [Int32]
    let placeCount: Int
    let nameCount: Int
    /// Country (`PK`) and division (`PK.03`) codes → name and entry id.
    let regions: [String: (name: String, id: Int)]

    private enum Column: Int, CaseIterable {
        case id, name, latitude, longitude, feature, country, admin1, population
    }

    /// The table in `text`, which is the file's contents (gzip or plain).
    init(bytes: [UInt8], path: String) throws {
        let text: [UInt8]
        if Gzip.isGzip(bytes) {
            do {
                text = try Gzip.decompress(bytes)
            } catch {
                throw GazetteerError(path: path, reason: "\(error)")
            }
        } else {
            text = bytes
        }
        var lines = Self.lineStarts(text)
        guard let countLine = lines.first else { throw GazetteerError(path: path, reason: "the file is empty") }
        let counts = Self.line(text, countLine).split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
        guard counts.count == 5, "\(counts[0]) \(counts[1])" == Self.formatTag, let places = Int(counts[2]),
            let names = Int(counts[3]), let regionCount = Int(counts[4]), places >= 0, names >= 0, regionCount >= 0
        else {
            throw GazetteerError(path: path, reason: "not a Tribune gazetteer (no `\(Self.formatTag) …` line)")
        }
        lines.removeFirst()
        let expected = places * Column.allCases.count + names * 2 + regionCount
        guard lines.count == expected else {
            throw GazetteerError(path: path, reason: "\(lines.count) lines where the counts call for \(expected)")
        }
        func running(_ column: Column) -> [Int32] {
            var result = [Int32](repeating: 0, count: places)
            var value: Int32 = 0
            let base = column.rawValue * places
            for row in 0..<places {
                value &+= Int32(truncatingIfNeeded: Self.integer(text, Int(lines[base + row])))
                result[row] = value
            }
            return result
        }
        self.ids = running(.id)
        self.latitudes = running(.latitude)
        self.longitudes = running(.longitude)
        var regions: [String: (name: String, id: Int)] = [:]
        for line in lines.suffix(regionCount) {
            let fields = Self.line(text, line).split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count >= 3 else { continue }
            regions[String(decoding: fields[0], as: UTF8.self)] = (
                String(decoding: fields[1], as: UTF8.self), Int(String(decoding: fields[2], as: UTF8.self)) ?? 0
            )
        }
        self.regions = regions
        self.text = text
        self.lines = lines
        self.placeCount = places
        self.nameCount = names
    }

    /// Reads the gazetteer in `directory` (`gazetteer.txt.gz`, else `gazetteer.txt`).
    init(directory: URL) throws {
        guard let url = Self.file(in: directory) else {
            let path = directory.appendingPathComponent(Self.compressedFileName).path
            throw GazetteerError(path: path, reason: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw GazetteerError(path: url.path, reason: "cannot read the file")
        }
        try self.init(bytes: Array(data), path: url.path)
    }

    /// The gazetteer file in `directory`, if there is one.
    static func file(in directory: URL) -> URL? {
        [compressedFileName, fileName].lazy.map { directory.appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    // MARK: Lookups

    private func line(_ column: Column, _ row: Int) -> ArraySlice<UInt8> {
        Self.line(text, lines[column.rawValue * placeCount + row])
    }

    private func keyLine(_ index: Int) -> Int { Int(lines[Column.allCases.count * placeCount + index]) }

    /// The ids filed under a name key, most populous first.
    func ids(forKey key: [UInt8]) -> [Int] {
        let index = lowerBound(key)
        guard index < nameCount, compare(index, with: key, prefix: false) == 0 else { return [] }
        let line = Self.line(text, lines[Column.allCases.count * placeCount + nameCount + index])
        return line.split(separator: 0x20).compactMap { field in
            let row = Self.integer(text, field.startIndex)
            return row >= 0 && row < placeCount ? Int(ids[row]) : nil
        }
    }

    /// Whether some key equals `key` or continues it with a space and more words.
    func hasKey(startingWith key: [UInt8]) -> Bool {
        let index = lowerBound(key)
        return index < nameCount && compare(index, with: key, prefix: true) == 0
    }

    func place(id: Int) -> GazetteerPlace? {
        var low = 0
        var high = ids.count
        let target = Int32(truncatingIfNeeded: id)
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < target { low = mid + 1 } else { high = mid }
        }
        guard low < ids.count, ids[low] == target else { return nil }
        return place(row: low)
    }

    private func place(row: Int) -> GazetteerPlace {
        func string(_ column: Column) -> String { String(decoding: line(column, row), as: UTF8.self) }
        let feature = line(.feature, row)
        let dot = feature.firstIndex(of: 0x2E)
        return GazetteerPlace(
            id: Int(ids[row]), name: string(.name),
            latitude: Double(latitudes[row]) / 1e4, longitude: Double(longitudes[row]) / 1e4,
            featureClass: String(decoding: feature[..<(dot ?? feature.endIndex)], as: UTF8.self),
            featureCode: dot.map { String(decoding: feature[($0 + 1)...], as: UTF8.self) } ?? "",
            country: string(.country), admin1: string(.admin1),
            population: Self.integer(text, line(.population, row).startIndex))
    }

    /// Every place, by id.
    func allPlaces() -> [GazetteerPlace] { (0..<placeCount).map(place(row:)) }

    /// Every name key with its ids.
    func allNames() -> [(key: String, ids: [Int])] {
        (0..<nameCount).map { index in
            let key = Array(Self.line(text, Int32(keyLine(index))))
            return (String(decoding: key, as: UTF8.self), ids(forKey: key))
        }
    }

    // MARK: Search

    /// The first name whose key is not less than `key`.
    private func lowerBound(_ key: [UInt8]) -> Int {
        var low = 0
        var high = nameCount
        while low < high {
            let mid = (low + high) / 2
            if compare(mid, with: key, prefix: false) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Compares the key of name `index` with `key` (bytewise); with `prefix`, a name key that
    /// starts with `key` followed by a space compares equal.
    private func compare(_ index: Int, with key: [UInt8], prefix: Bool) -> Int {
        var offset = keyLine(index)
        for byte in key {
            let lineByte = offset < text.count ? text[offset] : 0x0A
            if lineByte == 0x0A { return -1 }
            if lineByte != byte { return lineByte < byte ? -1 : 1 }
            offset += 1
        }
        let next = offset < text.count ? text[offset] : 0x0A
        if next == 0x0A { return 0 }
        return prefix && next == 0x20 ? 0 : 1
    }

    private static func line(_ text: [UInt8], _ start: Int32) -> ArraySlice<UInt8> {
        let start = Int(start)
        var end = start
        while end < text.count, text[end] != 0x0A { end += 1 }
        return text[start..<end]
    }

    /// The start of every line, but for the comment lines at the top.
    private static func lineStarts(_ bytes: [UInt8]) -> [Int32] {
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count / 8)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            var header = true
            while offset < buffer.count {
                let newline =
                    memchr(base + offset, 0x0A, buffer.count - offset).map {
                        UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
                    } ?? buffer.count
                if header, buffer[offset] == UInt8(ascii: "#") {
                    offset = newline + 1
                    continue
                }
                header = false
                starts.append(Int32(offset))
                offset = newline + 1
            }
        }
        return starts
    }

    private static func integer(_ bytes: [UInt8], _ start: Int) -> Int {
        var offset = start
        var negative = false
        if offset < bytes.count, bytes[offset] == 0x2D {
            negative = true
            offset += 1
        }
        var value = 0
        while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 {
            value = value &* 10 &+ Int(bytes[offset] - 0x30)
            offset += 1
        }
        return negative ? -value : value
    }

    // MARK: Writing

    /// Writes a gazetteer into `directory`, deterministically (sorted), and compresses it with
    /// the system's `gzip -9n` when there is one; returns the file written.
    @discardableResult
    static func write(
        places: [GazetteerPlace], names: [String: Set<Int>], regions: [String: (name: String, id: Int)],
        header: String, to directory: URL
    ) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var byId: [GazetteerPlace] = []
        var seen = Set<Int>()
        for place in places.sorted(by: { $0.id < $1.id }) where seen.insert(place.id).inserted { byId.append(place) }
        let row = Dictionary(uniqueKeysWithValues: byId.enumerated().map { ($1.id, $0) })
        let keys = names.keys.filter { !$0.isEmpty && !$0.contains("\n") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }

        var out = "# \(header)\n"
        out += "# Columns, one value a line: see GazetteerTable.swift; `tribune gazetteer lookup NAME` reads it.\n"
        out += "\(formatTag) \(byId.count) \(keys.count) \(regions.count)\n"
        var previous = (id: 0, lat: 0, lon: 0)
        var column = ""
        for p in byId {
            column += "\(p.id - previous.id)\n"
            previous.id = p.id
        }
        out += column
        out += byId.map { clean($0.name) + "\n" }.joined()
        var lats = ""
        var lons = ""
        for p in byId {
            let lat = Int((p.latitude * 1e4).rounded())
            let lon = Int((p.longitude * 1e4).rounded())
            lats += "\(lat - previous.lat)\n"
            lons += "\(lon - previous.lon)\n"
            previous.lat = lat
            previous.lon = lon
        }
        out += lats + lons
        out += byId.map { clean($0.featureClass) + ($0.featureCode.isEmpty ? "" : "." + clean($0.featureCode)) + "\n" }
            .joined()
        out += byId.map { clean($0.country) + "\n" }.joined()
        out += byId.map { clean($0.admin1) + "\n" }.joined()
        out += byId.map { "\(max(0, $0.population))\n" }.joined()
        out += keys.map { $0 + "\n" }.joined()
        for key in keys {
            let rows = names[key]!.compactMap { row[$0] }.sorted {
                (byId[$0].population, $1) > (byId[$1].population, $0)
            }
            out += rows.map(String.init).joined(separator: " ") + "\n"
        }
        for code in regions.keys.sorted() {
            out += "\(clean(code))\t\(clean(regions[code]!.name))\t\(regions[code]!.id)\n"
        }
        let plain = directory.appendingPathComponent(fileName)
        let compressed = directory.appendingPathComponent(compressedFileName)
        try? FileManager.default.removeItem(at: compressed)
        try Data(out.utf8).write(to: plain)
        return gzip(plain) ? compressed : plain
    }

    /// Compresses `file` in place with the system's gzip (`gzip -9n`: no name or time in the
    /// header, so the same text gives the same bytes). `false` when there is no gzip.
    private static func gzip(_ file: URL) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-9nf", file.path]
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }
}

/// A gazetteer file that cannot be read or is malformed.
public struct GazetteerError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
