import ArgumentParser
import Foundation
import TribuneCore
import TribuneStore

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List stored events: who did what to whom, when and where, latest first.",
        discussion: """
            Filters combine: every one given must hold. Actor and event codes match as prefixes, as CAMEO \
            reads (--actor PAK matches PAKGOV and PAKMIL; --code 19 matches every fight). An event's day is its \
            own date when the text gives one, else the article's publication date. --format json prints one \
            JSON array (empty when nothing matches); jsonl one event per line; csv the columns of tribune \
            export --format csv. For the whole store, use tribune export.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: EventFilterOptions

    @Option(help: "table (aligned columns), json, jsonl or csv.")
    var format: ResultFormat = .table

    @Option(help: "At most this many events (0 for all).")
    var limit = 100

    @Flag(help: "Print how many events match before the table.")
    var count = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() throws {
        var query = try filters.query()
        query.limit = limit == 0 ? nil : limit
        try withStore(store) { store in
            let records = try store.events(query)
            var out = OutputStream()
            switch format {
            case .table:
                if count { out.write("\(ProgressBar.grouped(try store.countEvents(query))) events match\n") }
                var table = TextTable(header: EventRecord.tableHeader)
                for record in records { table.append(record.tableCells) }
                out.write(records.isEmpty ? "no events match\n" : table.render(width: Terminal.width))
            case .json:
                var writer = JSONWriter(pretty: true)
                writer.beginArray()
                for record in records { record.write(to: &writer) }
                writer.endArray()
                out.write(writer.bytes + [0x0A])
            case .jsonl:
                for record in records {
                    var writer = JSONWriter(pretty: false)
                    record.write(to: &writer)
                    out.write(writer.bytes + [0x0A])
                }
            case .csv:
                out.write(CSVEventRow.header)
                let documents = try store.documents(seqs: Array(Set(records.map(\.documentSeq))))
                var contexts: [Int64: EventContext] = [:]
                for record in records {
                    guard let stored = documents[record.documentSeq] else { continue }
                    let context = contexts[record.documentSeq] ?? EventContext(stored.document)
                    contexts[record.documentSeq] = context
                    guard let event = stored.document.events.first(where: { $0.id == record.event.id }) else {
                        continue
                    }
                    out.write(CSVEventRow.line(event, in: context))
                }
            }
            out.flush()
        }
    }
}
