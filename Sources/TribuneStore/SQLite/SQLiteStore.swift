import Foundation
import GRDB
import TribuneCore

/// The embedded store: one SQLite file, no server to start.
///
/// A GRDB `DatabasePool` in WAL mode: readers (the ingest's "already stored?" checks, queries)
/// run beside the single writer. Every write is one transaction, so a process killed mid-ingest
/// leaves the file as it was after the last batch that committed.
public final class SQLiteStore: Store, QueryPlanning {
    public let location: String
    private let pool: DatabasePool
    private let sql = QuerySQL(dialect: .sqlite)

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        location = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL survives a killed process; only a power cut may lose the last commits.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            db.add(function: Self.distanceFunction)
        }
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw StoreError(location: path, reason: "the folder \(directory) does not exist")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError(location: path, reason: "not a Tribune store (not an SQLite database)")
        } catch {
            throw StoreError(location: path, reason: Self.describe(error))
        }
    }

    /// `tribune_km(lat1, lon1, lat2, lon2)`: great-circle distance, for `--near`.
    private static let distanceFunction = DatabaseFunction("tribune_km", argumentCount: 4, pure: true) { values in
        let numbers = values.compactMap { Double.fromDatabaseValue($0) }
        guard numbers.count == 4 else { return nil }
        return GeoCircle.distance(lat1: numbers[0], lon1: numbers[1], lat2: numbers[2], lon2: numbers[3])
    }

    // MARK: Writing

    public func existingDocumentIDs(_ ids: [String]) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try guarded {
            try pool.read { db in
                var found = Set<String>()
                for chunk in ids.chunked(500) {
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    let rows = try String.fetchAll(
                        db, sql: "SELECT id FROM documents WHERE id IN (\(marks))", arguments: StatementArguments(chunk)
                    )
                    found.formUnion(rows)
                }
                return found
            }
        }
    }

    public func write(_ batch: IngestBatch) throws -> WriteResult {
        let now = StoreClock.now()
        return try guarded {
            try pool.write { db in
                var result = WriteResult()
                let lastSeq = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM documents") ?? 0
                for item in batch.documents {
                    let rows = DocumentRows(item.document, ingestedAt: now)
                    try execute(
                        db, insert: "documents", Tables.documents, rows.document, suffix: "ON CONFLICT(id) DO NOTHING")
                    guard db.changesCount == 1 else {
                        result.alreadyPresent += 1
                        continue
                    }
                    let seq = db.lastInsertedRowID
                    try execute(
                        db, insert: "sources", Tables.sources, [.integer(seq)] + DocumentRows.source(item.source))
                    try insertAnnotations(db, seq: seq, rows.annotations)
                    try db.cachedStatement(sql: "DELETE FROM failures WHERE uri = ?").execute(arguments: [
                        item.document.source.uri
                    ])
                    result.stored += 1
                    result.events += rows.eventCount
                }
                if result.stored > 0 {
                    try db.execute(
                        sql:
                            "INSERT INTO documents_fts (rowid, title, text) SELECT seq, title, text FROM documents WHERE seq > ?",
                        arguments: [lastSeq])
                    try db.execute(
                        sql: "INSERT INTO quotes_fts (rowid, text) SELECT seq, text FROM quotes WHERE doc > ?",
                        arguments: [lastSeq])
                }
                for failure in batch.failures {
                    try db.cachedStatement(
                        sql: """
                            INSERT INTO failures (uri, reason, failed_at) VALUES (?, ?, ?)
                            ON CONFLICT(uri) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at
                            """
                    ).execute(arguments: [failure.uri, failure.reason, now])
                }
                return result
            }
        }
    }

    public func replace(_ documents: [Document]) throws {
        let now = StoreClock.now()
        try guarded {
            try pool.write { db in
                var found: [(Int64, Document)] = []
                for document in documents {
                    if let seq = try Int64.fetchOne(
                        db, sql: "SELECT seq FROM documents WHERE id = ?", arguments: [document.id])
                    {
                        found.append((seq, document))
                    }
                }
                guard !found.isEmpty else { return }
                let seqs = "(" + found.map { String($0.0) }.joined(separator: ",") + ")"
                try db.execute(
                    sql:
                        "INSERT INTO quotes_fts (quotes_fts, rowid, text) SELECT 'delete', seq, text FROM quotes WHERE doc IN \(seqs)"
                )
                try db.execute(
                    sql: "INSERT INTO documents_fts (documents_fts, rowid, title, text) "
                        + "SELECT 'delete', seq, title, text FROM documents WHERE seq IN \(seqs)")
                for (table, _) in Tables.annotations {
                    try db.execute(sql: "DELETE FROM \(table) WHERE doc IN \(seqs)")
                }
                for (seq, document) in found {
                    let rows = DocumentRows(document, ingestedAt: now)
                    try db.execute(
                        sql: """
                            UPDATE documents SET uri = ?, format = ?, title = ?, published = ?, site = ?, language = ?,
                              day = ?, text = ?, annotations = ?, coded_at = ? WHERE seq = ?
                            """,
                        arguments: StatementArguments(
                            (rows.document[1...9] + [.text(now), .integer(seq)]).map(\.databaseValue)))
                    try insertAnnotations(db, seq: seq, rows.annotations)
                }
                try db.execute(
                    sql:
                        "INSERT INTO documents_fts (rowid, title, text) SELECT seq, title, text FROM documents WHERE seq IN \(seqs)"
                )
                try db.execute(
                    sql: "INSERT INTO quotes_fts (rowid, text) SELECT seq, text FROM quotes WHERE doc IN \(seqs)")
            }
        }
    }

    private func insertAnnotations(_ db: Database, seq: Int64, _ tables: [[[SQLValue]]]) throws {
        for ((table, columns), rows) in zip(Tables.annotations, tables) {
            for row in rows { try execute(db, insert: table, columns, [.integer(seq)] + row) }
        }
    }

    private func execute(
        _ db: Database, insert table: String, _ columns: [String], _ values: [SQLValue], suffix: String = ""
    )
        throws
    {
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(
            sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks)) \(suffix)")
        try statement.execute(arguments: StatementArguments(values.map(\.databaseValue)))
    }

    // MARK: Reading

    public func sources(after cursor: Int64?, limit: Int) throws -> [StoredSource] {
        try guarded {
            try pool.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT d.seq, d.id, d.uri, d.format, s.content, s.title, s.published, s.site, s.bytes
                        FROM documents d JOIN sources s ON s.doc = d.seq WHERE d.seq > ? ORDER BY d.seq LIMIT ?
                        """,
                    arguments: [cursor ?? 0, limit])
                return rows.map { row in
                    let v = Self.values(row)
                    let source = SourceDocument(
                        uri: v[2].string ?? "", format: v[3].string.flatMap(DocumentSource.Format.init) ?? .text,
                        content: v[4].string.flatMap(SourceDocument.Content.init) ?? .text, bytes: v[8].bytes ?? [],
                        title: v[5].string, published: v[6].string, site: v[7].string)
                    return StoredSource(seq: v[0].int64 ?? 0, id: v[1].string ?? "", source: source)
                }
            }
        }
    }

    public func document(matching key: String) throws -> DocumentLookup {
        let rows = try guarded {
            try pool.read { db in
                try Self.lookupRows(db, key)
            }
        }
        switch rows.count {
        case 0: return .notFound
        case 1: return .found(try DocumentRows.document(annotations: rows[0].1, text: rows[0].2))
        default: return .ambiguous(rows.map(\.0))
        }
    }

    /// Rows (id, annotations, text) for an exact id, then an id prefix, then a URI.
    private static func lookupRows(_ db: Database, _ key: String) throws -> [(String, [UInt8], String)] {
        let select = "SELECT id, annotations, text FROM documents"
        func fetch(_ whereSQL: String, _ arguments: StatementArguments) throws -> [(String, [UInt8], String)] {
            try Row.fetchAll(db, sql: "\(select) \(whereSQL) LIMIT 10", arguments: arguments).map { row in
                let v = values(row)
                return (v[0].string ?? "", v[1].bytes ?? [], v[2].string ?? "")
            }
        }
        let exact = try fetch("WHERE id = ?", [key])
        if !exact.isEmpty { return exact }
        let lower = key.lowercased()
        if lower.count >= 4, lower.allSatisfy(\.isHexDigit), let upper = QuerySQL.upperBound(ofPrefix: lower) {
            let prefixed = try fetch("WHERE id >= ? AND id < ?", [lower, upper])
            if !prefixed.isEmpty { return prefixed }
        }
        return try fetch("WHERE uri = ?", [key])
    }

    public func documents(seqs: [Int64]) throws -> [Int64: StoredDocument] {
        guard !seqs.isEmpty else { return [:] }
        return try guarded {
            try pool.read { db in
                var result: [Int64: StoredDocument] = [:]
                for chunk in seqs.chunked(500) {
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    let rows = try Row.fetchAll(
                        db, sql: "SELECT seq, annotations, text, ingested_at FROM documents WHERE seq IN (\(marks))",
                        arguments: StatementArguments(chunk))
                    for row in rows {
                        let v = Self.values(row)
                        let seq = v[0].int64 ?? 0
                        let document = try DocumentRows.document(annotations: v[1].bytes ?? [], text: v[2].string ?? "")
                        result[seq] = StoredDocument(seq: seq, document: document, ingestedAt: v[3].string ?? "")
                    }
                }
                return result
            }
        }
    }

    public func documentSeqs(after cursor: Int64?, limit: Int) throws -> [Int64] {
        try fetch(
            SQLFragment(
                "SELECT seq FROM documents WHERE seq > ? ORDER BY seq LIMIT ?",
                [.integer(cursor ?? 0), .integer(Int64(limit))])
        ).compactMap { $0.first?.int64 }
    }

    public func events(_ query: EventQuery) throws -> [EventRecord] {
        try guarded {
            try pool.read { db in
                let fragment = try sql.events(query) { try Self.fetch(db, $0) }
                return try Self.fetch(db, fragment).map(EventRecord.init(row:))
            }
        }
    }

    public func countEvents(_ query: EventQuery) throws -> Int {
        try fetch(sql.countEvents(query)).first?.first?.int ?? 0
    }

    public func quotes(_ query: QuoteQuery) throws -> [QuoteRecord] {
        try fetch(sql.quotes(query)).map(QuoteRecord.init(row:))
    }

    public func topActors(_ query: EventQuery, limit: Int) throws -> [ActorCount] {
        try fetch(sql.topActors(query, limit: limit)).map {
            ActorCount(code: $0[0].string ?? "", name: $0[1].string, asSource: $0[2].int ?? 0, asTarget: $0[3].int ?? 0)
        }
    }

    public func topPairs(_ query: EventQuery, limit: Int) throws -> [PairCount] {
        try fetch(sql.topPairs(query, limit: limit)).map {
            PairCount(
                source: $0[0].string ?? "", target: $0[1].string ?? "", events: $0[2].int ?? 0, topRoot: $0[3].string)
        }
    }

    public func counts() throws -> StoreCounts {
        let tables = ["documents", "entities", "mentions", "events", "quotes", "times", "places", "counts", "failures"]
        let row =
            try fetch(
                SQLFragment("SELECT " + tables.map { "(SELECT count(*) FROM \($0))" }.joined(separator: ", "))
            ).first ?? []
        var counts = StoreCounts()
        let n = row.map { $0.int ?? 0 }
        guard n.count == tables.count else { return counts }
        (counts.documents, counts.entities, counts.mentions, counts.events) = (n[0], n[1], n[2], n[3])
        (counts.quotes, counts.times, counts.places, counts.counts, counts.failures) = (n[4], n[5], n[6], n[7], n[8])
        return counts
    }

    public func failures(limit: Int) throws -> [IngestFailure] {
        try fetch(
            SQLFragment(
                "SELECT uri, reason, failed_at FROM failures ORDER BY failed_at, uri LIMIT ?", [.integer(Int64(limit))])
        )
        .map { IngestFailure(uri: $0[0].string ?? "", reason: $0[1].string ?? "", failedAt: $0[2].string ?? "") }
    }

    public func optimize() throws {
        try guarded {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA analysis_limit = 2000")
                try db.execute(sql: "ANALYZE")
            }
        }
    }

    /// SQLite's `PRAGMA integrity_check` of every page and index: `"ok"`, or what is damaged.
    public func integrityCheck() throws -> String {
        try guarded {
            try pool.read { db in
                try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
            }
        }
    }

    public func close() {
        try? pool.close()
    }

    /// Runs a query and returns its rows as values.
    func fetch(_ fragment: SQLFragment) throws -> [[SQLValue]] {
        try guarded {
            try pool.read { db in try Self.fetch(db, fragment) }
        }
    }

    private static func fetch(_ db: Database, _ fragment: SQLFragment) throws -> [[SQLValue]] {
        try Row.fetchAll(db, sql: fragment.sql, arguments: StatementArguments(fragment.arguments.map(\.databaseValue)))
            .map(Self.values)
    }

    /// The query plan SQLite chooses for an event query, as `EXPLAIN QUERY PLAN` prints it (for
    /// the benchmark and for tuning): the search for the codes under a prefix, if the query has
    /// one worth expanding, then the query.
    public func plan(_ query: EventQuery) throws -> [String] {
        try guarded {
            try pool.read { db in
                var lines: [String] = []
                func explain(_ fragment: SQLFragment) throws {
                    let rows = try Row.fetchAll(
                        db, sql: "EXPLAIN QUERY PLAN " + fragment.sql,
                        arguments: StatementArguments(fragment.arguments.map(\.databaseValue)))
                    lines += rows.map { $0["detail"] ?? "" }
                }
                let fragment = try sql.events(query) { lookup in
                    try explain(lookup)
                    return try Self.fetch(db, lookup)
                }
                try explain(fragment)
                return lines
            }
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

    /// Turns GRDB's errors into messages that name the store.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_ERROR && error.message?.contains("fts5") == true
        {
            throw StoreError(location: location, reason: "full-text search: \(error.message ?? "\(error)")")
        } catch {
            throw StoreError(location: location, reason: Self.describe(error))
        }
    }

    private static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let i): i.databaseValue
        case .real(let d): d.databaseValue
        case .text(let s): s.databaseValue
        case .blob(let b): Data(b).databaseValue
        }
    }
}

extension Array {
    /// The array in consecutive pieces of at most `size` elements.
    package func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// Timestamps the store writes: ISO 8601, UTC, to the second.
package enum StoreClock {
    package static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// GDELT's `DATEADDED`, `YYYYMMDDHHMMSS`, from a stored timestamp.
    package static func gdelt(_ timestamp: String) -> String {
        String(timestamp.filter(\.isNumber).prefix(14))
    }
}
