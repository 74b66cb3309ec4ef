import ArgumentParser
import Foundation
import TribuneCore
import TribuneStore

extension Exporter.Format: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the store, or the events a filter selects, as GDELT, PLOVER, JSONL or CSV.",
        discussion: """
            gdelt: the GDELT 2.0 event table, 61 tab-separated columns, one row per event, columns Tribune \
            does not know left empty (geography country codes are FIPS 10-4, as GDELT's). plover: one PLOVER \
            JSON record per event per line. jsonl: Tribune documents, one per line, as tribune analyze writes \
            them (with a filter: the documents that have a matching event). csv: one row per event, with a \
            header. Output streams: the store can be any size.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: EventFilterOptions

    @Option(help: "gdelt, plover, jsonl or csv.")
    var format: Exporter.Format = .jsonl

    @Flag(help: "With --format gdelt: a first line of column names (GDELT's own files have none).")
    var header = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let query = try filters.query()
        let countries = try CountryCodes.shipped()
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil) else {
                throw ValidationError("\(output): cannot write")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        } else {
            handle = FileHandle.standardOutput
        }
        defer { if output != nil { try? handle.close() } }
        try withStore(store) { store in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 17)
            try Exporter(store: store, countries: countries).export(format, matching: query, header: header) { bytes in
                buffer += bytes
                if buffer.count >= 1 << 16 {
                    handle.write(Data(buffer))
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            handle.write(Data(buffer))
        }
    }
}
