import TribuneCore

/// Writes the store, or the part a query selects, in the formats the field already uses.
///
/// It walks the store in pages (events in storage order, their documents loaded a page at a
/// time), so memory stays flat however large the store is.
public struct Exporter {
    public enum Format: String, Sendable, CaseIterable {
        /// GDELT 2.0 event table: 61 tab-separated columns, one row per event.
        case gdelt
        /// PLOVER records, one JSON object per event per line.
        case plover
        /// Tribune documents (`tribune.document/1`), one per line.
        case jsonl
        /// One row per event, the columns of ``CSVEventRow``.
        case csv
    }

    public let store: any Store
    public var countries: CountryCodes
    /// Events (or documents) per page.
    public var pageSize = 2000

    public init(store: any Store, countries: CountryCodes) {
        self.store = store
        self.countries = countries
    }

    /// Writes everything `query` selects (its order and limit aside) and returns how many rows
    /// (events, or documents for JSONL) were written.
    @discardableResult
    public func export(
        _ format: Format, matching query: EventQuery = EventQuery(), header: Bool = false,
        to write: ([UInt8]) throws -> Void
    ) throws -> Int {
        if format == .jsonl && !query.isFiltered { return try exportAllDocuments(to: write) }
        switch format {
        case .csv: try write(Array(CSVEventRow.header.utf8))
        case .gdelt where header: try write(Array((GDELTEventRow.columns.joined(separator: "\t") + "\n").utf8))
        default: break
        }
        var written = 0
        var writtenDocuments = Set<Int64>()
        var page = query
        page.order = .storage
        page.limit = pageSize
        page.after = nil
        var contexts: [Int64: (StoredDocument, EventContext)] = [:]
        while true {
            let records = try store.events(page)
            guard let last = records.last else { break }
            page.after = last.seq
            let needed = Set(records.map(\.documentSeq)).subtracting(contexts.keys)
            if contexts.count > 4 * pageSize { contexts.removeAll(keepingCapacity: true) }
            for (seq, stored) in try store.documents(seqs: Array(needed)) {
                contexts[seq] = (stored, EventContext(stored.document))
            }
            for record in records {
                guard let (stored, context) = contexts[record.documentSeq] else { continue }
                if format == .jsonl {
                    if writtenDocuments.insert(record.documentSeq).inserted {
                        try write(stored.document.jsonBytes(pretty: false) + [0x0A])
                        written += 1
                    }
                    continue
                }
                guard let event = stored.document.events.first(where: { $0.id == record.event.id }) else { continue }
                let id = String(record.seq)
                switch format {
                case .gdelt:
                    let line = GDELTEventRow.line(
                        event, in: context, globalEventID: id, dateAdded: StoreClock.gdelt(stored.ingestedAt),
                        countries: countries)
                    try write(Array((line + "\n").utf8))
                case .plover:
                    try write(PLOVERRecord.line(event, in: context, id: id, countries: countries) + [0x0A])
                case .csv:
                    try write(Array(CSVEventRow.line(event, in: context).utf8))
                case .jsonl:
                    break
                }
                written += 1
            }
        }
        return written
    }

    private func exportAllDocuments(to write: ([UInt8]) throws -> Void) throws -> Int {
        var cursor: Int64?
        var written = 0
        while true {
            let seqs = try store.documentSeqs(after: cursor, limit: min(pageSize, 500))
            guard let last = seqs.last else { break }
            cursor = last
            let documents = try store.documents(seqs: seqs)
            for seq in seqs {
                guard let stored = documents[seq] else { continue }
                try write(stored.document.jsonBytes(pretty: false) + [0x0A])
                written += 1
            }
        }
        return written
    }
}

extension CountryCodes {
    /// The table Tribune ships (`country-codes.tsv`, from GeoNames).
    public static func shipped() throws -> CountryCodes {
        try CountryCodes(tsv: ResourceLocator.text("country-codes.tsv", module: "TribuneStore", sourceFile: #filePath))
    }
}
