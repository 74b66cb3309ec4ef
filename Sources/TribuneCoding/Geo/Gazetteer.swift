import Foundation
import TribuneCore

/// The places Tribune can put on the map: the gazetteer that ships (GeoNames places of 500 people
/// or more, countries, first-level divisions, continents; see `Resources/README.md`) and any
/// gazetteers the user imported from GeoNames dumps (`tribune gazetteer import`), which are
/// searched first and win for the same GeoNames id.
///
/// Loading decompresses each table and indexes its lines (``GazetteerTable``); lookups
/// binary-search them in place. One gazetteer serves any number of threads.
public struct Gazetteer: Sendable {
    /// Environment variable naming the folder of the user's gazetteer.
    public static let environmentVariable = "TRIBUNE_GAZETTEER"

    /// `$TRIBUNE_GAZETTEER`, else `~/.tribune/gazetteer`.
    public static var defaultUserDirectory: URL {
        if let path = ProcessInfo.processInfo.environment[environmentVariable], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".tribune/gazetteer")
    }

    /// User tables first, then the shipped one.
    let tables: [GazetteerTable]

    /// The shipped gazetteer, and the user's (``defaultUserDirectory``) when there is one.
    public init() throws {
        try self.init(userDirectory: Self.defaultUserDirectory)
    }

    /// The shipped gazetteer and, if `userDirectory` holds one, the user's.
    public init(userDirectory: URL?, includeShipped: Bool = true) throws {
        var tables: [GazetteerTable] = []
        if let userDirectory, GazetteerTable.file(in: userDirectory) != nil {
            tables.append(try GazetteerTable(directory: userDirectory))
        }
        if includeShipped { tables.append(try Self.shipped.get()) }
        self.tables = tables
    }

    /// The shipped table, read once per process: it never changes while Tribune runs, and every
    /// pipeline a process builds shares it.
    private static let shipped = Result {
        let url = try ResourceLocator.url(
            for: GazetteerTable.compressedFileName, module: "TribuneCoding", sourceFile: #filePath)
        return try GazetteerTable(directory: url.deletingLastPathComponent())
    }

    init(tables: [GazetteerTable]) {
        self.tables = tables
    }

    /// Entries and names, over all tables.
    public var placeCount: Int { tables.reduce(0) { $0 + $1.placeCount } }
    public var nameCount: Int { tables.reduce(0) { $0 + $1.nameCount } }

    /// The entries a name may refer to, most populous first.
    public func places(named name: String) -> [GazetteerPlace] {
        places(forKey: Array(PlaceName.key(name).utf8))
    }

    func places(forKey key: [UInt8]) -> [GazetteerPlace] {
        var seen = Set<Int>()
        var result: [GazetteerPlace] = []
        for table in tables {
            for id in table.ids(forKey: key) where !seen.contains(id) {
                seen.insert(id)
                if let place = place(id: id) { result.append(place) }
            }
        }
        return result
    }

    func hasKey(startingWith key: [UInt8]) -> Bool {
        tables.contains { $0.hasKey(startingWith: key) }
    }

    public func place(id: Int) -> GazetteerPlace? {
        for table in tables {
            if let place = table.place(id: id) { return place }
        }
        return nil
    }

    /// The country entry for an ISO 3166-1 alpha-2 code.
    public func country(_ code: String) -> GazetteerPlace? {
        region(code).flatMap { place(id: $0.id) }
    }

    /// The name of a place's first-level division.
    public func admin1Name(of place: GazetteerPlace) -> String? {
        guard !place.admin1.isEmpty else { return nil }
        return region("\(place.country).\(place.admin1)")?.name
    }

    /// The division entry a place lies in.
    func division(of place: GazetteerPlace) -> GazetteerPlace? {
        guard !place.admin1.isEmpty, let id = region("\(place.country).\(place.admin1)")?.id, id != 0 else {
            return nil
        }
        return self.place(id: id)
    }

    private func region(_ code: String) -> (name: String, id: Int)? {
        for table in tables {
            if let region = table.regions[code] { return region }
        }
        return nil
    }
}
