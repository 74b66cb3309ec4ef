/// The SQL each backend speaks where the two differ.
package enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// A piece of SQL with `?` placeholders and the values bound to them, in order.
package struct SQLFragment: Sendable {
    package var sql: String
    package var arguments: [SQLValue]

    package init(_ sql: String = "", _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    /// The SQL with `$1`, `$2`… for PostgreSQL. Placeholders are only ever written by this
    /// builder and values are always bound, so every `?` is one.
    package func numbered() -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        for character in sql {
            if character == "?" {
                n += 1
                result += "$\(n)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

/// Builds the SQL of event and quote queries for a dialect.
///
/// Each filter maps onto an indexed column (see the schemas); actor and event codes are
/// prefixes, turned into ranges (`PAK` → `>= 'PAK' AND < 'PAL'`) so that an index serves them.
package struct QuerySQL {
    package let dialect: SQLDialect

    package init(dialect: SQLDialect) { self.dialect = dialect }

    /// `WHERE …` (or nothing) for the events `e` of a query.
    package func eventWhere(_ q: EventQuery) -> SQLFragment {
        var clauses: [String] = []
        var arguments: [SQLValue] = []
        func add(_ clause: String, _ values: SQLValue...) {
            clauses.append(clause)
            arguments += values
        }
        func prefix(_ column: String, _ code: String) -> (String, [SQLValue]) {
            let code = Self.normalizedCode(code)
            guard let upper = Self.upperBound(ofPrefix: code) else { return ("\(column) = ?", [.text(code)]) }
            return ("(\(column) >= ? AND \(column) < ?)", [.text(code), .text(upper)])
        }
        if let actor = q.actor {
            let (source, sourceArgs) = prefix("e.source_code", actor)
            let (target, targetArgs) = prefix("e.target_code", actor)
            clauses.append("(\(source) OR \(target))")
            arguments += sourceArgs + targetArgs
        }
        if let source = q.source {
            let (clause, args) = prefix("e.source_code", source)
            clauses.append(clause)
            arguments += args
        }
        if let target = q.target {
            let (clause, args) = prefix("e.target_code", target)
            clauses.append(clause)
            arguments += args
        }
        if let code = q.code {
            let code = Self.normalizedCode(code)
            if code.count == 2 {
                add("e.root = ?", .text(code))
            } else {
                let (clause, args) = prefix("e.cameo", code)
                clauses.append(clause)
                arguments += args
            }
        }
        if let quad = q.quad { add("e.quad = ?", .integer(Int64(quad))) }
        if let plover = q.plover { add("e.plover_type = ?", .text(plover.uppercased())) }
        if let modality = q.modality { add("e.modality = ?", .text(modality.rawValue)) }
        if let since = q.since { add("e.day >= ?", .text(since)) }
        if let until = q.until { add("e.day <= ? AND e.day <> ''", .text(until)) }
        if let country = q.country { add("e.country = ?", .text(country.uppercased())) }
        if let place = q.place {
            let key = place.lowercased()
            add("(e.place_key = ? OR e.admin1_key = ?)", .text(key), .text(key))
        }
        if let near = q.near {
            let box = near.boundingBox
            add("e.lat BETWEEN ? AND ?", .real(box.lat.lowerBound), .real(box.lat.upperBound))
            if let lon = box.lon { add("e.lon BETWEEN ? AND ?", .real(lon.lowerBound), .real(lon.upperBound)) }
            switch dialect {
            case .sqlite:
                add("tribune_km(e.lat, e.lon, ?, ?) <= ?", .real(near.lat), .real(near.lon), .real(near.km))
            case .postgres:
                add(
                    "\(GeoCircle.earthRadiusKm) * 2 * asin(least(1.0, sqrt(power(sin(radians(e.lat - ?) / 2), 2) "
                        + "+ cos(radians(?)) * cos(radians(e.lat)) * power(sin(radians(e.lon - ?) / 2), 2)))) <= ?",
                    .real(near.lat), .real(near.lat), .real(near.lon), .real(near.km))
            }
        }
        if let text = q.text {
            switch dialect {
            case .sqlite:
                add("e.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", .text(Self.fts5(text)))
            case .postgres:
                add("e.doc IN (SELECT seq FROM documents WHERE tsv @@ websearch_to_tsquery('english', ?))", .text(text))
            }
        }
        if let document = q.document {
            add("e.doc IN (SELECT seq FROM documents WHERE id = ?)", .text(document))
        }
        if q.order == .storage, let after = q.after { add("e.seq > ?", .integer(after)) }
        return SQLFragment(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    /// The full event query: selection, filters, order and limit, each prefix filter as one range.
    package func events(_ q: EventQuery) -> SQLFragment {
        events(q, expansion: nil)
    }

    /// The full event query, with the query's prefix filter answered code by code when
    /// ``prefixExpansion(_:)`` says it helps: `lookup` runs the fragments ``distinctCodes(_:prefix:limit:)``
    /// builds (in the same read transaction as the query, ideally) and returns their rows.
    ///
    /// Why: an index on `(source_code, day)` hands out one code's events latest first, so a
    /// limit stops the scan after a hundred entries; a prefix such as `USA` spans many codes,
    /// and over a range the index order is by code first, so every match had to be found and
    /// sorted (hundreds of thousands of rows for a frequent country). The stored codes under
    /// the prefix, found by a loose index scan, turn the range into a union of short ordered scans.
    package func events(_ q: EventQuery, lookup: (SQLFragment) throws -> [[SQLValue]]) rethrows -> SQLFragment {
        guard let expansion = prefixExpansion(q) else { return events(q, expansion: nil) }
        var codes: [(column: String, values: [String])] = []
        for column in expansion.columns {
            let found = try lookup(distinctCodes(column, prefix: expansion.prefix, limit: Self.maximumExpansion + 1))
                .compactMap { $0.first?.string }
            guard found.count <= Self.maximumExpansion else { return events(q, expansion: nil) }
            codes.append((column, found))
        }
        return events(q, expansion: (expansion.remaining, codes))
    }

    /// More stored codes than this under one prefix, and the prefix stays one range.
    package static let maximumExpansion = 64

    /// The prefix filter worth answering code by code, the columns it reads, and the query
    /// without it: for a newest-first query with a limit, the either-side actor, else the
    /// source, else the target, else a CAMEO code longer than a root. Not when full text or a
    /// document already narrows the events to a few, nor when another filter has an index of
    /// its own in day order (a country, a PLOVER type, or a code beside an actor): that index
    /// already stops early, and measured on a million events it beats one scan per code, each
    /// reading whole rows to test the other filter (p95 12 ms against 42 for actor + root + year).
    package func prefixExpansion(_ q: EventQuery) -> (columns: [String], prefix: String, remaining: EventQuery)? {
        guard q.order == .newestFirst, q.limit != nil, q.text == nil, q.document == nil, q.country == nil,
            q.plover == nil
        else { return nil }
        var remaining = q
        let actors = [q.actor, q.source, q.target].compactMap { $0 }
        if !actors.isEmpty && q.code != nil { return nil }
        if let actor = q.actor {
            remaining.actor = nil
            return (["source_code", "target_code"], Self.normalizedCode(actor), remaining)
        }
        if let source = q.source {
            remaining.source = nil
            return (["source_code"], Self.normalizedCode(source), remaining)
        }
        if let target = q.target {
            remaining.target = nil
            return (["target_code"], Self.normalizedCode(target), remaining)
        }
        if let code = q.code, Self.normalizedCode(code).count > 2 {
            remaining.code = nil
            return (["cameo"], Self.normalizedCode(code), remaining)
        }
        return nil
    }

    /// The distinct values of an events column that start with `prefix`, in order, at most
    /// `limit`: a loose index scan, one index probe per value, never a walk over the events.
    package func distinctCodes(_ column: String, prefix: String, limit: Int) -> SQLFragment {
        guard let upper = Self.upperBound(ofPrefix: prefix) else {
            return SQLFragment(
                "SELECT DISTINCT \(column) FROM events WHERE \(column) = ? LIMIT ?",
                [.text(prefix), .integer(Int64(limit))])
        }
        let first = "SELECT \(column) FROM events WHERE \(column) >= ? AND \(column) < ? ORDER BY \(column) LIMIT 1"
        let after =
            "SELECT \(column) FROM events WHERE \(column) > codes.code AND \(column) < ? ORDER BY \(column) LIMIT 1"
        let sql = """
            WITH RECURSIVE codes(code) AS (
              SELECT (\(first))
              UNION ALL
              SELECT (\(after)) FROM codes WHERE codes.code IS NOT NULL
            )
            SELECT code FROM codes WHERE code IS NOT NULL LIMIT ?
            """
        return SQLFragment(sql, [.text(prefix), .text(upper), .text(upper), .integer(Int64(limit))])
    }

    /// The event query; with an expansion, the union over its codes of the latest events of
    /// each code, merged. Either way the order and limit are taken over event numbers and days
    /// alone (which the indexes hold) before any row is read whole or joined to its document.
    private func events(
        _ q: EventQuery, expansion: (remaining: EventQuery, codes: [(column: String, values: [String])])?
    )
        -> SQLFragment
    {
        let order =
            switch q.order {
            case .newestFirst: "ORDER BY e.day DESC, e.seq DESC"
            case .storage: "ORDER BY e.seq"
            }
        let select = "SELECT \(Tables.eventSelection) FROM events e JOIN documents d ON d.seq = e.doc"
        guard let limit = q.limit else {
            let filter = eventWhere(q)
            return SQLFragment("\(select) \(filter.sql) \(order)", filter.arguments)
        }
        guard let expansion else {
            let filter = eventWhere(q)
            return SQLFragment(
                "\(select) WHERE e.seq IN (SELECT e.seq FROM events e \(filter.sql) \(order) LIMIT ?) \(order)",
                filter.arguments + [.integer(Int64(limit))])
        }
        let rest = eventWhere(expansion.remaining)
        var streams: [String] = []
        var arguments: [SQLValue] = []
        for (column, values) in expansion.codes {
            for value in values {
                let filter = rest.sql.isEmpty ? "WHERE e.\(column) = ?" : rest.sql + " AND e.\(column) = ?"
                streams.append(
                    "SELECT * FROM (SELECT e.seq, e.day FROM events e \(filter) \(order) LIMIT ?) AS s\(streams.count)")
                arguments += rest.arguments + [.text(value), .integer(Int64(limit))]
            }
        }
        guard !streams.isEmpty else {
            return SQLFragment("\(select) WHERE 1 = 0")
        }
        let union = streams.joined(separator: " UNION ")
        return SQLFragment(
            "\(select) WHERE e.seq IN (SELECT u.seq FROM (\(union)) AS u ORDER BY u.day DESC, u.seq DESC LIMIT ?) \(order)",
            arguments + [.integer(Int64(limit))])
    }

    package func countEvents(_ q: EventQuery) -> SQLFragment {
        var fragment = eventWhere(q)
        fragment.sql = "SELECT count(*) FROM events e \(fragment.sql)"
        return fragment
    }

    /// Actor codes with their counts as source and as target, and the name most often given.
    package func topActors(_ q: EventQuery, limit: Int) -> SQLFragment {
        let filter = eventWhere(q)
        let sourceWhere =
            filter.sql.isEmpty ? "WHERE e.source_code IS NOT NULL" : filter.sql + " AND e.source_code IS NOT NULL"
        let targetWhere =
            filter.sql.isEmpty ? "WHERE e.target_code IS NOT NULL" : filter.sql + " AND e.target_code IS NOT NULL"
        let sql = """
            WITH sides AS (
              SELECT e.source_code AS code, e.source_name AS name, 1 AS s, 0 AS t FROM events e \(sourceWhere)
              UNION ALL
              SELECT e.target_code, e.target_name, 0, 1 FROM events e \(targetWhere)
            ),
            named AS (
              SELECT code, name, count(*) AS n FROM sides WHERE name IS NOT NULL GROUP BY code, name
            )
            SELECT code, (SELECT name FROM named WHERE named.code = sides.code ORDER BY n DESC, name LIMIT 1),
                   CAST(sum(s) AS BIGINT), CAST(sum(t) AS BIGINT)
            FROM sides GROUP BY code ORDER BY sum(s) + sum(t) DESC, code LIMIT ?
            """
        return SQLFragment(sql, filter.arguments + filter.arguments + [.integer(Int64(limit))])
    }

    /// Source → target pairs with their counts and their most frequent CAMEO root.
    package func topPairs(_ q: EventQuery, limit: Int) -> SQLFragment {
        let filter = eventWhere(q)
        let both = "e.source_code IS NOT NULL AND e.target_code IS NOT NULL"
        let whereSQL = filter.sql.isEmpty ? "WHERE \(both)" : filter.sql + " AND \(both)"
        let sql = """
            WITH pairs AS (
              SELECT e.source_code AS source, e.target_code AS target, e.root AS root, count(*) AS n
              FROM events e \(whereSQL) GROUP BY e.source_code, e.target_code, e.root
            )
            SELECT source, target, CAST(sum(n) AS BIGINT),
                   (SELECT p2.root FROM pairs p2 WHERE p2.source = pairs.source AND p2.target = pairs.target
                    ORDER BY p2.n DESC, p2.root LIMIT 1)
            FROM pairs GROUP BY source, target ORDER BY sum(n) DESC, source, target LIMIT ?
            """
        return SQLFragment(sql, filter.arguments + [.integer(Int64(limit))])
    }

    /// Quotes with their document, newest first.
    package func quotes(_ q: QuoteQuery) -> SQLFragment {
        var clauses: [String] = []
        var arguments: [SQLValue] = []
        if let speaker = q.speaker {
            clauses.append("q.speaker_key LIKE ?")
            arguments.append(.text("%" + Self.escapeLike(speaker.lowercased()) + "%"))
        }
        if let text = q.text {
            switch dialect {
            case .sqlite:
                clauses.append("q.seq IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
                arguments.append(.text(Self.fts5(text)))
            case .postgres:
                clauses.append("q.tsv @@ websearch_to_tsquery('english', ?)")
                arguments.append(.text(text))
            }
        }
        if let since = q.since {
            clauses.append("q.day >= ?")
            arguments.append(.text(since))
        }
        if let until = q.until {
            clauses.append("q.day <= ? AND q.day <> ''")
            arguments.append(.text(until))
        }
        if let document = q.document {
            clauses.append("q.doc IN (SELECT seq FROM documents WHERE id = ?)")
            arguments.append(.text(document))
        }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let escape = dialect == .sqlite ? " ESCAPE '\\'" : ""
        var sql =
            "SELECT \(Tables.quoteSelection) FROM quotes q JOIN documents d ON d.seq = q.doc "
            + "\(whereSQL.replacingLikeEscape(escape)) ORDER BY q.day DESC, q.seq DESC"
        if let limit = q.limit {
            sql += " LIMIT ?"
            arguments.append(.integer(Int64(limit)))
        }
        return SQLFragment(sql, arguments)
    }

    // MARK: Helpers

    /// Codes are upper case ASCII; a trailing `*` (as users write prefixes) is dropped.
    static func normalizedCode(_ code: String) -> String {
        var code = code.trimmingWhitespace().uppercased()
        while code.hasSuffix("*") { code.removeLast() }
        return code
    }

    /// The smallest string greater than every string with this prefix, in byte order.
    package static func upperBound(ofPrefix prefix: String) -> String? {
        var bytes = Array(prefix.utf8)
        while let last = bytes.last {
            if last < 0x7F {
                bytes[bytes.count - 1] = last + 1
                return String(decoding: bytes, as: UTF8.self)
            }
            bytes.removeLast()
        }
        return nil
    }

    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// Turns a search as people type it (words, `"quoted phrases"`, `OR`, `-excluded`) into an
    /// FTS5 query in which every word is quoted, so punctuation (`RFE/RL`) cannot break it.
    static func fts5(_ query: String) -> String {
        var terms: [String] = []
        var excluded: [String] = []
        var current = ""
        var inPhrase = false
        var negate = false
        func flush() {
            let word = current.trimmingWhitespace()
            current = ""
            defer { negate = false }
            guard !word.isEmpty else { return }
            if word == "OR" && !inPhrase {
                if !terms.isEmpty { terms.append("OR") }
                return
            }
            let quoted = "\"" + word.replacing("\"", with: "\"\"") + "\""
            if negate { excluded.append(quoted) } else { terms.append(quoted) }
        }
        for character in query {
            if character == "\"" {
                if inPhrase {
                    flush()
                    inPhrase = false
                } else {
                    flush()
                    inPhrase = true
                }
            } else if character.isWhitespace && !inPhrase {
                flush()
            } else if character == "-" && current.isEmpty && !inPhrase {
                negate = true
            } else {
                current.append(character)
            }
        }
        flush()
        while terms.last == "OR" { terms.removeLast() }
        if terms.isEmpty { return excluded.isEmpty ? "\"\"" : excluded.joined(separator: " ") }
        var result = terms.joined(separator: " ")
        for term in excluded { result = "(\(result)) NOT \(term)" }
        return result
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// Adds the `ESCAPE` clause SQLite needs after each `LIKE ?` (PostgreSQL's default escape is `\`).
    fileprivate func replacingLikeEscape(_ escape: String) -> String {
        escape.isEmpty ? self : replacing("LIKE ?", with: "LIKE ?" + escape)
    }
}
