import ArgumentParser
import Foundation
import TribuneCoding
import TribuneCore
import TribuneEval

extension TrainCommand {
    struct Codebooks: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codebooks",
            abstract: "Rebuild the CAMEO codebook and the CAMEO→PLOVER mapping (TribuneCore resources).",
            discussion: """
                Reads dictionaries/cameo/CAMEO.goldsteinscale.txt, dictionaries/plover/CAMEO2PLOVER-2021.txt \
                and PLOVER_MANUAL.tex from the shared data folder, and cameo-names-supplement.txt from --output; \
                writes cameo-codes.tsv and cameo-plover.tsv into --output.
                """
        )

        @Option(
            name: .customLong("data"), help: "The shared data folder (default: $TRIBUNE_DATA, then ../shared/data).")
        var dataPath: String?

        @Option(help: "The TribuneCore resources folder.")
        var output = "Sources/TribuneCore/Resources"

        func run() throws {
            let data = try locate(dataPath)
            try TreebankFiles.checkFolder(output)
            let folder = URL(fileURLWithPath: output)
            func read(_ url: URL) throws -> String {
                do {
                    return try String(contentsOf: url, encoding: .utf8)
                } catch {
                    throw ValidationError("cannot read \(url.path): \(error)")
                }
            }
            let built = try CodebookBuilder.build(
                goldstein: read(data.url("dictionaries/cameo/CAMEO.goldsteinscale.txt")),
                ploverTable: read(data.url("dictionaries/plover/CAMEO2PLOVER-2021.txt")),
                manual: read(data.url("dictionaries/plover/PLOVER_MANUAL.tex")),
                supplement: read(folder.appendingPathComponent("cameo-names-supplement.txt")))
            try built.codes.write(
                to: folder.appendingPathComponent(CAMEOCodebook.file), atomically: true, encoding: .utf8)
            try built.plover.write(
                to: folder.appendingPathComponent(PLOVERMapping.file), atomically: true, encoding: .utf8)
            let codebook = try CAMEOCodebook(text: built.codes)
            let mapping = try PLOVERMapping(text: built.plover)
            print(
                "wrote \(CAMEOCodebook.file) (\(codebook.all.count) codes) and \(PLOVERMapping.file) (\(mapping.codes.count) codes)"
            )
            if !built.unnamed.isEmpty { print("codes without a name: \(built.unnamed.joined(separator: " "))") }
        }
    }

    struct Dictionaries: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dictionaries",
            abstract: "Compile the CAMEO verb dictionary and the discard list (TribuneCoding resources).",
            discussion: """
                Reads CAMEO.2.0.txt and Phoenix.discards.txt from dictionaries/petrarch2 in the shared data \
                folder; writes cameo-verbs.txt and event-discards.txt into --output, and prints what the \
                reader skipped. Your own verb files (same format as CAMEO.2.0.txt) go in $TRIBUNE_VERBS or \
                ~/.tribune/verbs and are read at start, after the shipped dictionary.
                """
        )

        @Option(
            name: .customLong("data"), help: "The shared data folder (default: $TRIBUNE_DATA, then ../shared/data).")
        var dataPath: String?

        @Option(help: "The TribuneCoding resources folder.")
        var output = "Sources/TribuneCoding/Resources"

        func run() throws {
            let data = try locate(dataPath)
            try TreebankFiles.checkFolder(output)
            let built = try EventDictionaryBuilder.build(petrarchFolder: data.url("dictionaries/petrarch2"))
            for file in built.files {
                try file.contents.write(
                    to: URL(fileURLWithPath: output).appendingPathComponent(file.name), atomically: true,
                    encoding: .utf8)
            }
            for note in built.notes { print(note) }
        }
    }
}

private func locate(_ path: String?) throws -> SharedData {
    do {
        return try SharedData(explicit: path)
    } catch {
        throw ValidationError("\(error)")
    }
}
