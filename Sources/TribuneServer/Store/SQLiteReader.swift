import Foundation
import GRDB
import TribuneCore
import TribuneStore

/// Reads what the ``Store`` protocol does not offer yet — pages of events in any order,
/// document lists, aggregates, places, speakers — straight from an SQLite store file.
///
/// It opens the file read-only: whatever a request asks, the server cannot change the store.
/// Filters are built by the store's own ``QuerySQL``, so `/api/events?actor=PAK` and
/// `tribune events --actor PAK` select the same rows; every value is bound, never spliced.
public final class SQLiteReader: Sendable {
    public let path: String
    private let pool: DatabasePool
    private let sql = QuerySQL(dialect: .sqlite)

    /// Opens an existing store file read-only.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            db.add(function: Self.distanceFunction)
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // Fails now, with the file named, rather than at the first request.
            _ = try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'events'") }
        } catch {
            throw StoreError(location: path, reason: Self.describe(error))
        }
    }

    /// The same `tribune_km` the store registers, for the `near` filter.
    private static let distanceFunction = DatabaseFunction("tribune_km", argumentCount: 4, pure: true) { values in
        let numbers = values.compactMap { Double.fromDatabaseValue($0) }
        guard numbers.count == 4 else { return nil }
        return GeoCircle.distance(lat1: numbers[0], lon1: numbers[1], lat2: numbers[2], lon2: numbers[3])
    }

    // MARK: Events

    /// One page of the events matching `query` (its limit and order are ignored), sorted.
    func events(_ query: EventQuery, sort: EventSort, limit: Int, offset: Int) throws -> [EventRecord] {
        // The page is chosen over event numbers and days alone (the indexes hold them, so an
        // offset skips index entries, not rows), then read whole and joined to its documents.
        var filter = sql.eventWhere(query)
        filter.sql =
            "SELECT \(Tables.eventSelection) FROM events e JOIN documents d ON d.seq = e.doc WHERE e.seq IN "
            + "(SELECT e.seq FROM events e \(filter.sql) ORDER BY \(sort.orderBy) LIMIT ? OFFSET ?) "
            + "ORDER BY \(sort.orderBy)"
        filter.arguments += [.integer(Int64(limit)), .integer(Int64(offset))]
        return try fetch(filter).map(EventRecord.init(row:))
    }

    /// Events per period (day or month) and per QuadClass or root code.
    func timeline(_ query: EventQuery, interval: Interval, by key: TimelineKey) throws -> [TimelineBin] {
        let filter = sql.eventWhere(query)
        let fragment = SQLFragment(
            "SELECT substr(e.day, 1, \(interval.prefixLength)) AS period, \(key.column) AS k, count(*) "
                + "FROM events e \(Self.and(filter.sql, "e.day <> ''")) GROUP BY period, k ORDER BY period, k",
            filter.arguments)
        return try fetch(fragment).map {
            TimelineBin(period: $0[0].string ?? "", key: $0[1].string ?? "\($0[1].int ?? 0)", events: $0[2].int ?? 0)
        }
    }

    /// Events per country where they happened.
    func countries(_ query: EventQuery) throws -> [(country: String, events: Int)] {
        let filter = sql.eventWhere(query)
        let fragment = SQLFragment(
            "SELECT e.country, count(*) AS n FROM events e \(Self.and(filter.sql, "e.country IS NOT NULL")) "
                + "GROUP BY e.country ORDER BY n DESC, e.country",
            filter.arguments)
        return try fetch(fragment).map { ($0[0].string ?? "", $0[1].int ?? 0) }
    }

    /// The places events happened at, with coordinates, most events first.
    func places(_ query: EventQuery, limit: Int) throws -> [PlaceCount] {
        var filter = sql.eventWhere(query)
        filter.sql =
            "SELECT e.geonameid, max(e.place_name), avg(e.lat), avg(e.lon), max(e.country), max(e.admin1), "
            + "count(*) AS n FROM events e \(Self.and(filter.sql, "e.lat IS NOT NULL AND e.lon IS NOT NULL")) "
            + "GROUP BY coalesce(e.geonameid, e.place_key) ORDER BY n DESC LIMIT ?"
        filter.arguments.append(.integer(Int64(limit)))
        return try fetch(filter).map {
            PlaceCount(
                geonameid: $0[0].int, name: $0[1].string ?? "", lat: $0[2].double ?? 0, lon: $0[3].double ?? 0,
                country: $0[4].string, admin1: $0[5].string, events: $0[6].int ?? 0)
        }
    }

    /// Source → target pairs with how many of their events are cooperation (QuadClass 1–2)
    /// and how many conflict (3–4): the edges of the actor network.
    func pairs(_ query: EventQuery, limit: Int) throws -> [PairEdge] {
        var filter = sql.eventWhere(query)
        filter.sql =
            "SELECT e.source_code, e.target_code, count(*) AS n, sum(e.quad <= 2), sum(e.quad >= 3), "
            + "max(e.source_name), max(e.target_name) FROM events e "
            + Self.and(filter.sql, "e.source_code IS NOT NULL AND e.target_code IS NOT NULL")
            + " GROUP BY e.source_code, e.target_code ORDER BY n DESC, e.source_code, e.target_code LIMIT ?"
        filter.arguments.append(.integer(Int64(limit)))
        return try fetch(filter).map {
            PairEdge(
                source: $0[0].string ?? "", target: $0[1].string ?? "", events: $0[2].int ?? 0,
                cooperation: $0[3].int ?? 0, conflict: $0[4].int ?? 0, sourceName: $0[5].string,
                targetName: $0[6].string)
        }
    }

    /// The newest event number: changes whenever events are stored, so cached answers can tell
    /// they are stale.
    func version() throws -> Int64 {
        let row = try fetch(
            SQLFragment(
                "SELECT (SELECT coalesce(max(seq), 0) FROM events), (SELECT coalesce(max(seq), 0) FROM documents)")
        ).first
        return (row?[0].int64 ?? 0) &* 1_000_003 &+ (row?[1].int64 ?? 0)
    }

    // MARK: Documents and quotes

    /// A page of documents, newest first, optionally those matching a full-text search.
    func documents(search: String?, limit: Int, offset: Int) throws -> (total: Int, items: [DocumentSummary]) {
        var whereSQL = ""
        var arguments: [SQLValue] = []
        if let search {
            whereSQL = "WHERE d.seq IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            arguments.append(.text(FullTextQuery.fts5(search)))
        }
        let total = try fetch(SQLFragment("SELECT count(*) FROM documents d \(whereSQL)", arguments)).first?[0].int ?? 0
        let rows = try fetch(
            SQLFragment(
                """
                SELECT d.id, d.uri, d.title, d.published, d.site, d.day,
                  (SELECT count(*) FROM events e WHERE e.doc = d.seq),
                  (SELECT count(*) FROM quotes q WHERE q.doc = d.seq)
                FROM documents d \(whereSQL) ORDER BY d.day DESC, d.seq DESC LIMIT ? OFFSET ?
                """,
                arguments + [.integer(Int64(limit)), .integer(Int64(offset))]))
        let items = rows.map {
            DocumentSummary(
                id: $0[0].string ?? "", url: $0[1].string ?? "", title: $0[2].string, published: $0[3].string,
                site: $0[4].string, day: $0[5].string.flatMap { $0.isEmpty ? nil : $0 }, events: $0[6].int ?? 0,
                quotes: $0[7].int ?? 0)
        }
        return (total, items)
    }

    /// Who is quoted, most quotes first.
    func speakers(search: String?, limit: Int) throws -> [SpeakerCount] {
        var arguments: [SQLValue] = []
        var filter = "who IS NOT NULL AND who <> ''"
        if let search {
            filter += " AND who LIKE ? ESCAPE '\\'"
            arguments.append(.text("%" + FullTextQuery.escapeLike(search.lowercased()) + "%"))
        }
        arguments.append(.integer(Int64(limit)))
        return try fetch(
            SQLFragment(
                """
                SELECT who, max(name), count(*) AS n, count(DISTINCT q.doc) FROM (
                  SELECT lower(coalesce(q.speaker_name, q.speaker_text)) AS who,
                    coalesce(q.speaker_name, q.speaker_text) AS name, q.doc FROM quotes q) q
                WHERE \(filter) GROUP BY who ORDER BY n DESC, who LIMIT ?
                """, arguments)
        ).map { SpeakerCount(name: $0[1].string ?? "", quotes: $0[2].int ?? 0, documents: $0[3].int ?? 0) }
    }

    // MARK: Running queries

    private static func and(_ whereSQL: String, _ condition: String) -> String {
        whereSQL.isEmpty ? "WHERE \(condition)" : "\(whereSQL) AND \(condition)"
    }

    private func fetch(_ fragment: SQLFragment) throws -> [[SQLValue]] {
        do {
            return try pool.read { db in
                try Row.fetchAll(
                    db, sql: fragment.sql, arguments: StatementArguments(fragment.arguments.map(Self.databaseValue))
                ).map(Self.values)
            }
        } catch {
            throw StoreError(location: path, reason: Self.describe(error))
        }
    }

    private static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let i): i.databaseValue
        case .real(let d): d.databaseValue
        case .text(let s): s.databaseValue
        case .blob(let b): Data(b).databaseValue
        }
    }

    private static func values(_ row: Row) -> [SQLValue] {
        (0..<row.count).map { index in
            switch (row[index] as DatabaseValue).storage {
            case .null: .null
            case .int64(let i): .integer(i)
            case .double(let d): .real(d)
            case .string(let s): .text(s)
            case .blob(let data): .blob(Array(data))
            }
        }
    }

    private static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }
}
