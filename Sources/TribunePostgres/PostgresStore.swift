#if Postgres
    import Foundation
    import PostgresNIO
    import TribuneCore
    import TribuneStore

    /// The store on a PostgreSQL server, for teams and for corpora one laptop cannot hold.
    ///
    /// Two connections: one for the single writer (each batch one transaction), one for readers
    /// (the ingest's "already stored?" checks, queries), so reads never see a batch half
    /// written. Calls block the calling thread; call them from ordinary threads, not from
    /// Swift concurrency's pool.
    public final class PostgresStore: Store, QueryPlanning {
        public let location: String
        private let writer: PostgresConnection
        private let reader: PostgresConnection
        private let writeLock = NSLock()
        private let logger = Logger(label: "tribune.postgres")
        private let sql = QuerySQL(dialect: .postgres)

        /// Connects and brings the schema up to date.
        public init(url: String) throws {
            let parsed = try PostgresURL(url)
            location = parsed.description
            var configuration: PostgresConnection.Configuration
            let tls: PostgresConnection.Configuration.TLS
            switch parsed.sslMode {
            case "disable", "allow":
                tls = .disable
            default:
                do {
                    let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                    tls = parsed.sslMode == "prefer" ? .prefer(context) : .require(context)
                } catch {
                    throw StoreError(location: location, reason: "TLS: \(error)")
                }
            }
            if parsed.host.hasPrefix("/") {
                let socket = parsed.host + "/.s.PGSQL.\(parsed.port)"
                configuration = .init(
                    unixSocketPath: socket, username: parsed.user, password: parsed.password,
                    database: parsed.database)
            } else {
                configuration = .init(
                    host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
                    database: parsed.database, tls: tls)
            }
            configuration.options.connectTimeout = .seconds(10)
            let logger = self.logger
            func connect(_ id: Int) throws -> PostgresConnection {
                try PostgresConnection.connect(
                    on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: id,
                    logger: logger
                ).wait()
            }
            do {
                writer = try connect(1)
            } catch {
                throw StoreError(location: location, reason: "cannot connect: \(Self.describe(error))")
            }
            do {
                reader = try connect(2)
            } catch {
                try? writer.close().wait()
                throw StoreError(location: location, reason: "cannot connect: \(Self.describe(error))")
            }
            do {
                try migrate()
            } catch {
                close()
                throw error
            }
        }

        // MARK: Schema

        private func migrate() throws {
            try transaction {
                try execute(writer, SQLFragment("SELECT pg_advisory_xact_lock(727001)"))
                try execute(
                    writer,
                    SQLFragment(
                        "CREATE TABLE IF NOT EXISTS tribune_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                    ))
                let applied = Set(
                    try query(writer, SQLFragment("SELECT name FROM tribune_migrations")).compactMap { $0[0].string })
                for (name, statements) in PostgresSchema.migrations where !applied.contains(name) {
                    for statement in statements { try execute(writer, SQLFragment(statement)) }
                    try execute(
                        writer,
                        SQLFragment(
                            "INSERT INTO tribune_migrations (name, applied_at) VALUES (?, ?)",
                            [.text(name), .text(StoreClock.now())]))
                }
            }
        }

        // MARK: Writing

        public func existingDocumentIDs(_ ids: [String]) throws -> Set<String> {
            guard !ids.isEmpty else { return [] }
            var found = Set<String>()
            for chunk in ids.chunked(1000) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try query(
                    reader, SQLFragment("SELECT id FROM documents WHERE id IN (\(marks))", chunk.map { .text($0) }))
                found.formUnion(rows.compactMap { $0[0].string })
            }
            return found
        }

        /// Several processes may write at once (one per machine, say), given overlapping inputs:
        /// a document another writer has committed is skipped (`ON CONFLICT DO NOTHING` on its
        /// content hash), one it is writing makes this insert wait for its commit, and a document's
        /// rows commit with it or not at all. Rows are written in the order of their keys, so two
        /// writers never wait on each other in a cycle; should the server still abort a batch as a
        /// deadlock or serialization failure, the batch is written again.
        public func write(_ batch: IngestBatch) throws -> WriteResult {
            let now = StoreClock.now()
            var attempt = 0
            while true {
                do {
                    return try write(batch, now: now)
                } catch let error as RetryableWrite {
                    attempt += 1
                    guard attempt < 5 else { throw error.underlying }
                    Thread.sleep(forTimeInterval: 0.05 * Double(attempt) * Double.random(in: 0.5...1.5))
                }
            }
        }

        private func write(_ batch: IngestBatch, now: String) throws -> WriteResult {
            try transaction {
                var result = WriteResult()
                var rowsByID: [String: (DocumentRows, AnalyzedSource)] = [:]
                var documentRows: [[SQLValue]] = []
                for item in batch.documents.sorted(by: { $0.document.id < $1.document.id })
                where rowsByID[item.document.id] == nil {
                    let rows = DocumentRows(item.document, ingestedAt: now)
                    rowsByID[item.document.id] = (rows, item)
                    documentRows.append(rows.document)
                }
                var inserted: [(Int64, DocumentRows, AnalyzedSource)] = []
                for chunk in documentRows.chunked(200) {
                    let returned = try insert(
                        "documents", Tables.documents, Array(chunk),
                        suffix: "ON CONFLICT (id) DO NOTHING RETURNING seq, id")
                    for row in returned {
                        guard let seq = row[0].int64, let id = row[1].string, let (rows, item) = rowsByID[id] else {
                            continue
                        }
                        inserted.append((seq, rows, item))
                    }
                }
                result.stored = inserted.count
                result.alreadyPresent = batch.documents.count - inserted.count
                result.events = inserted.reduce(0) { $0 + $1.1.eventCount }
                try insert(
                    "sources", Tables.sources, inserted.map { [.integer($0.0)] + DocumentRows.source($0.2.source) })
                try insertAnnotations(inserted.map { ($0.0, $0.1.annotations) })
                let storedURIs = inserted.map { $0.2.document.source.uri }.sorted().map { SQLValue.text($0) }
                for chunk in storedURIs.chunked(1000) {
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    try execute(writer, SQLFragment("DELETE FROM failures WHERE uri IN (\(marks))", Array(chunk)))
                }
                var failures: [String: AnalysisError] = [:]
                for failure in batch.failures { failures[failure.uri] = failure }
                try insert(
                    "failures", ["uri", "reason", "failed_at"],
                    failures.values.sorted { $0.uri < $1.uri }.map { [.text($0.uri), .text($0.reason), .text(now)] },
                    suffix: "ON CONFLICT (uri) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at")
                return result
            }
        }

        public func replace(_ documents: [Document]) throws {
            let now = StoreClock.now()
            try transaction {
                var replaced: [(Int64, [[[SQLValue]]])] = []
                for document in documents {
                    guard
                        let seq = try query(
                            writer, SQLFragment("SELECT seq FROM documents WHERE id = ?", [.text(document.id)])
                        )
                        .first?[0].int64
                    else { continue }
                    for (table, _) in Tables.annotations {
                        try execute(writer, SQLFragment("DELETE FROM \(table) WHERE doc = ?", [.integer(seq)]))
                    }
                    let rows = DocumentRows(document, ingestedAt: now)
                    try execute(
                        writer,
                        SQLFragment(
                            """
                            UPDATE documents SET uri = ?, format = ?, title = ?, published = ?, site = ?, language = ?,
                              day = ?, text = ?, annotations = ?, coded_at = ? WHERE seq = ?
                            """, Array(rows.document[1...9]) + [.text(now), .integer(seq)]))
                    replaced.append((seq, rows.annotations))
                }
                try insertAnnotations(replaced)
            }
        }

        private func insertAnnotations(_ documents: [(Int64, [[[SQLValue]]])]) throws {
            for (index, (table, columns)) in Tables.annotations.enumerated() {
                let rows = documents.flatMap { seq, tables in tables[index].map { [.integer(seq)] + $0 } }
                try insert(table, columns, rows)
            }
        }

        /// Multi-row `INSERT`s, as many rows per statement as PostgreSQL's 65,535 parameters allow.
        @discardableResult
        private func insert(_ table: String, _ columns: [String], _ rows: [[SQLValue]], suffix: String = "") throws
            -> [[SQLValue]]
        {
            guard !rows.isEmpty else { return [] }
            let perStatement = max(1, min(1000, 65_535 / columns.count))
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            var returned: [[SQLValue]] = []
            for chunk in rows.chunked(perStatement) {
                let sql =
                    "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                    + Array(repeating: row, count: chunk.count).joined(separator: ",") + " " + suffix
                returned += try query(writer, SQLFragment(sql, chunk.flatMap { $0 }))
            }
            return returned
        }

        // MARK: Reading

        public func sources(after cursor: Int64?, limit: Int) throws -> [StoredSource] {
            try query(
                reader,
                SQLFragment(
                    """
                    SELECT d.seq, d.id, d.uri, d.format, s.content, s.title, s.published, s.site, s.bytes
                    FROM documents d JOIN sources s ON s.doc = d.seq WHERE d.seq > ? ORDER BY d.seq LIMIT ?
                    """, [.integer(cursor ?? 0), .integer(Int64(limit))])
            ).map { v in
                let source = SourceDocument(
                    uri: v[2].string ?? "", format: v[3].string.flatMap(DocumentSource.Format.init) ?? .text,
                    content: v[4].string.flatMap(SourceDocument.Content.init) ?? .text, bytes: v[8].bytes ?? [],
                    title: v[5].string, published: v[6].string, site: v[7].string)
                return StoredSource(seq: v[0].int64 ?? 0, id: v[1].string ?? "", source: source)
            }
        }

        public func document(matching key: String) throws -> DocumentLookup {
            let select = "SELECT id, annotations, text FROM documents"
            var rows = try query(reader, SQLFragment("\(select) WHERE id = ? LIMIT 10", [.text(key)]))
            let lower = key.lowercased()
            if rows.isEmpty, lower.count >= 4, lower.allSatisfy(\.isHexDigit),
                let upper = QuerySQL.upperBound(ofPrefix: lower)
            {
                rows = try query(
                    reader, SQLFragment("\(select) WHERE id >= ? AND id < ? LIMIT 10", [.text(lower), .text(upper)]))
            }
            if rows.isEmpty {
                rows = try query(reader, SQLFragment("\(select) WHERE uri = ? LIMIT 10", [.text(key)]))
            }
            switch rows.count {
            case 0: return .notFound
            case 1:
                return .found(
                    try DocumentRows.document(annotations: rows[0][1].bytes ?? [], text: rows[0][2].string ?? ""))
            default: return .ambiguous(rows.compactMap { $0[0].string })
            }
        }

        public func documents(seqs: [Int64]) throws -> [Int64: StoredDocument] {
            var result: [Int64: StoredDocument] = [:]
            for chunk in seqs.chunked(1000) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try query(
                    reader,
                    SQLFragment(
                        "SELECT seq, annotations, text, ingested_at FROM documents WHERE seq IN (\(marks))",
                        chunk.map { .integer($0) }))
                for v in rows {
                    let seq = v[0].int64 ?? 0
                    let document = try DocumentRows.document(annotations: v[1].bytes ?? [], text: v[2].string ?? "")
                    result[seq] = StoredDocument(seq: seq, document: document, ingestedAt: v[3].string ?? "")
                }
            }
            return result
        }

        public func documentSeqs(after cursor: Int64?, limit: Int) throws -> [Int64] {
            try query(
                reader,
                SQLFragment(
                    "SELECT seq FROM documents WHERE seq > ? ORDER BY seq LIMIT ?",
                    [.integer(cursor ?? 0), .integer(Int64(limit))])
            ).compactMap { $0.first?.int64 }
        }

        public func events(_ query: EventQuery) throws -> [EventRecord] {
            let fragment = try sql.events(query) { try self.query(reader, $0) }
            return try self.query(reader, fragment).map(EventRecord.init(row:))
        }

        public func countEvents(_ query: EventQuery) throws -> Int {
            try self.query(reader, sql.countEvents(query)).first?.first?.int ?? 0
        }

        public func quotes(_ query: QuoteQuery) throws -> [QuoteRecord] {
            try self.query(reader, sql.quotes(query)).map(QuoteRecord.init(row:))
        }

        public func topActors(_ query: EventQuery, limit: Int) throws -> [ActorCount] {
            try self.query(reader, sql.topActors(query, limit: limit)).map {
                ActorCount(
                    code: $0[0].string ?? "", name: $0[1].string, asSource: $0[2].int ?? 0, asTarget: $0[3].int ?? 0)
            }
        }

        public func topPairs(_ query: EventQuery, limit: Int) throws -> [PairCount] {
            try self.query(reader, sql.topPairs(query, limit: limit)).map {
                PairCount(
                    source: $0[0].string ?? "", target: $0[1].string ?? "", events: $0[2].int ?? 0,
                    topRoot: $0[3].string)
            }
        }

        public func counts() throws -> StoreCounts {
            let tables = [
                "documents", "entities", "mentions", "events", "quotes", "times", "places", "counts", "failures",
            ]
            let row =
                try query(
                    reader,
                    SQLFragment("SELECT " + tables.map { "(SELECT count(*) FROM \($0))" }.joined(separator: ", "))
                ).first ?? []
            let n = row.map { $0.int ?? 0 }
            var counts = StoreCounts()
            guard n.count == tables.count else { return counts }
            (counts.documents, counts.entities, counts.mentions, counts.events) = (n[0], n[1], n[2], n[3])
            (counts.quotes, counts.times, counts.places, counts.counts, counts.failures) = (
                n[4], n[5], n[6], n[7], n[8]
            )
            return counts
        }

        public func failures(limit: Int) throws -> [IngestFailure] {
            try query(
                reader,
                SQLFragment(
                    "SELECT uri, reason, failed_at FROM failures ORDER BY failed_at, uri LIMIT ?",
                    [.integer(Int64(limit))])
            ).map { IngestFailure(uri: $0[0].string ?? "", reason: $0[1].string ?? "", failedAt: $0[2].string ?? "") }
        }

        public func optimize() throws {
            try execute(reader, SQLFragment("ANALYZE"))
        }

        public func close() {
            try? writer.close().wait()
            try? reader.close().wait()
        }

        /// Empties every table (for tests and benchmarks that share one database).
        public func removeEverything() throws {
            try transaction {
                try execute(
                    writer,
                    SQLFragment(
                        "TRUNCATE documents, sources, entities, mentions, events, quotes, times, places, counts, failures "
                            + "RESTART IDENTITY"))
            }
        }

        /// The plan PostgreSQL chooses for an event query.
        public func plan(_ eventQuery: EventQuery) throws -> [String] {
            var lines: [String] = []
            func explain(_ fragment: SQLFragment) throws {
                var fragment = fragment
                fragment.sql = "EXPLAIN " + fragment.sql
                lines += try query(reader, fragment).compactMap { $0.first?.string }
            }
            let fragment = try sql.events(eventQuery) { lookup in
                try explain(lookup)
                return try query(reader, lookup)
            }
            try explain(fragment)
            return lines
        }

        // MARK: Connections

        /// Runs `body` in a transaction on the writer connection; one writer at a time.
        private func transaction<T>(_ body: () throws -> T) throws -> T {
            writeLock.lock()
            defer { writeLock.unlock() }
            try execute(writer, SQLFragment("BEGIN"))
            do {
                let value = try body()
                try execute(writer, SQLFragment("COMMIT"))
                return value
            } catch {
                try? execute(writer, SQLFragment("ROLLBACK"))
                throw error
            }
        }

        private func execute(_ connection: PostgresConnection, _ fragment: SQLFragment) throws {
            _ = try query(connection, fragment)
        }

        private func query(_ connection: PostgresConnection, _ fragment: SQLFragment) throws -> [[SQLValue]] {
            var bindings = PostgresBindings(capacity: fragment.arguments.count)
            for argument in fragment.arguments {
                switch argument {
                case .null: bindings.appendNull()
                case .integer(let i): bindings.append(i)
                case .real(let d): bindings.append(d)
                case .text(let s): bindings.append(s)
                case .blob(let b): bindings.append(ByteBuffer(bytes: b))
                }
            }
            let statement = PostgresQuery(unsafeSQL: fragment.numbered(), binds: bindings)
            do {
                let result = try connection.query(statement, logger: logger).wait()
                return try result.map { row in try row.map(Self.value) }
            } catch let error as PSQLError where RetryableWrite.codes.contains(error.serverInfo?[.sqlState] ?? "") {
                throw RetryableWrite(underlying: StoreError(location: location, reason: Self.describe(error)))
            } catch {
                throw StoreError(location: location, reason: Self.describe(error))
            }
        }

        /// A transaction the server aborted so that another could go on; running it again is safe.
        private struct RetryableWrite: Error, CustomStringConvertible {
            /// `deadlock_detected` and `serialization_failure`.
            static let codes: Set<String> = ["40P01", "40001"]
            var underlying: StoreError
            var description: String { underlying.description }
        }

        private static func value(_ cell: PostgresCell) throws -> SQLValue {
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .float4, .float8: return .real(try cell.decode(Double.self))
            case .bytea:
                var buffer = try cell.decode(ByteBuffer.self)
                return .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            default: return .text(try cell.decode(String.self))
            }
        }

        private static func describe(_ error: Error) -> String {
            if let error = error as? PSQLError {
                if let message = error.serverInfo?[.message] {
                    let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                    return message + detail
                }
                if let underlying = error.underlying { return "\(underlying)" }
                return "\(error.code)"
            }
            return "\(error)"
        }
    }
#endif
