import ArgumentParser
import Foundation
import TribuneCore
import TribuneStore

struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Print one stored document with all its annotations, as tribune analyze printed it.",
        discussion: "ID is the document's id, a unique prefix of it (at least four characters), or its URI."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @Argument(help: "The document's id, a prefix of it, or its URI.")
    var id: String

    @OptionGroup var store: StoreOptions

    @Option(help: "json (the document, pretty) or text (a summary).")
    var format: Format = .json

    func run() throws {
        try withStore(store) { store in
            switch try store.document(matching: id) {
            case .found(let document):
                switch format {
                case .json: FileHandle.standardOutput.write(Data(document.jsonBytes(pretty: true) + [0x0A]))
                case .text: print(DocumentSummary.render(document))
                }
            case .ambiguous(let ids):
                FileHandle.standardError.write(
                    Data("tribune: \(id) names several documents: \(ids.joined(separator: ", "))\n".utf8))
                throw ExitCode(1)
            case .notFound:
                FileHandle.standardError.write(Data("tribune: no document \(id) in \(store.location)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
