import ArgumentParser
import Foundation
import TribuneCore
import TribuneStore

struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "List stored quotes and who said them, latest first.",
        discussion: """
            --speaker matches the speaker's name or the words that name them, in part and in any case \
            (--speaker karzai). --q searches the quoted words: words, "a phrase", OR, -excluded.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The speaker's name, or part of it.", valueName: "name"))
    var speaker: String?

    @Option(name: .customLong("q"), help: ArgumentHelp("Words or \"a phrase\" in the quote.", valueName: "text"))
    var text: String?

    @Option(help: ArgumentHelp("First day, inclusive.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(help: ArgumentHelp("Last day, inclusive.", valueName: "YYYY-MM-DD"))
    var until: String?

    @Option(name: .customLong("doc"), help: ArgumentHelp("Only the quotes of one document.", valueName: "id"))
    var document: String?

    @Option(help: "table (aligned columns), json, jsonl or csv.")
    var format: ResultFormat = .table

    @Option(help: "At most this many quotes (0 for all).")
    var limit = 100

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, value.count != 10 || !ISODate.isValid(value) {
                throw ValidationError("\(name) must be a day such as 2008-06-30, not \"\(value)\"")
            }
        }
        if limit < 0 { throw ValidationError("--limit must be 0 (all) or more") }
    }

    func run() throws {
        var query = QuoteQuery()
        query.speaker = speaker
        query.text = text
        query.since = since
        query.until = until
        query.document = document
        query.limit = limit == 0 ? nil : limit
        try withStore(store) { store in
            let records = try store.quotes(query)
            var out = OutputStream()
            switch format {
            case .table:
                var table = TextTable(header: QuoteRecord.tableHeader)
                for record in records { table.append(record.tableCells) }
                out.write(records.isEmpty ? "no quotes match\n" : table.render(width: Terminal.width))
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
                out.write(CSVEventRow.line(QuoteRecord.csvColumns))
                for record in records { out.write(CSVEventRow.line(record.csvFields)) }
            }
            out.flush()
        }
    }
}
