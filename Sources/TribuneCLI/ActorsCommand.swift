import ArgumentParser
import Foundation
import TribuneCore
import TribuneStore

struct ActorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "The actors that appear most often, and the source → target pairs with the most events.",
        discussion: """
            Takes the filters of tribune events, so that "who accused whom most often this month" is \
            tribune actors --pairs --code 112 --since 2008-06-01 --until 2008-06-30. \
            tribune actors lookup NAME shows the CAMEO code the dictionaries give a name, and why.
            """,
        subcommands: [
            ActorLookupCommand.self
        ]
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: EventFilterOptions

    @Flag(help: "Source → target pairs instead of single actors.")
    var pairs = false

    @Option(help: "How many to list.")
    var top = 20

    @Option(help: "table (aligned columns), json, jsonl or csv.")
    var format: ResultFormat = .table

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let query = try filters.query()
        try withStore(store) { store in
            let header: [String]
            let rows: [[String]]
            let objects: [[(String, JSONScalar)]]
            if pairs {
                let found = try store.topPairs(query, limit: top)
                header = ["source", "target", "events", "topRoot"]
                rows = found.map { [$0.source, $0.target, String($0.events), $0.topRoot ?? ""] }
                objects = found.map {
                    [
                        ("source", .string($0.source)), ("target", .string($0.target)), ("events", .int($0.events)),
                        ("topRoot", .string($0.topRoot)),
                    ]
                }
            } else {
                let found = try store.topActors(query, limit: top)
                header = ["code", "name", "events", "asSource", "asTarget"]
                rows = found.map {
                    [$0.code, $0.name ?? "", String($0.total), String($0.asSource), String($0.asTarget)]
                }
                objects = found.map {
                    [
                        ("code", .string($0.code)), ("name", .string($0.name)), ("events", .int($0.total)),
                        ("asSource", .int($0.asSource)), ("asTarget", .int($0.asTarget)),
                    ]
                }
            }
            var out = OutputStream()
            switch format {
            case .table:
                var table = TextTable(header: header.map { $0.uppercased() })
                for row in rows { table.append(row) }
                out.write(rows.isEmpty ? "no events match\n" : table.render(width: Terminal.width))
            case .json, .jsonl:
                var writer = JSONWriter(pretty: format == .json)
                if format == .json { writer.beginArray() }
                for object in objects {
                    writer.beginObject()
                    for (key, value) in object {
                        switch value {
                        case .string(let s): writer.member(key, s)
                        case .int(let n): writer.member(key, n)
                        }
                    }
                    writer.endObject()
                    if format == .jsonl {
                        out.write(writer.bytes + [0x0A])
                        writer = JSONWriter(pretty: false)
                    }
                }
                if format == .json {
                    writer.endArray()
                    out.write(writer.bytes + [0x0A])
                }
            case .csv:
                out.write(CSVEventRow.line(header))
                for row in rows { out.write(CSVEventRow.line(row)) }
            }
            out.flush()
        }
    }

    private enum JSONScalar {
        case string(String?)
        case int(Int)
    }
}
