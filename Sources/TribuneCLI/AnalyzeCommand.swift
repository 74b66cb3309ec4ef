import ArgumentParser
import Foundation
import Tribune
import TribuneCore
import TribuneExtract

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze news pages and print one document per input.",
        discussion: """
            Inputs are files, directories (read recursively), glob patterns, or - for standard input. \
            A .jsonl file (or JSONL on standard input) holds one record per line: \
            {"id", "url", "text" or "html", "published", "title", "site"}. \
            An input that fails is reported on standard error and the rest go on; the exit code is 1 \
            if any input failed.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, jsonl, text
    }

    @Argument(help: "Files, directories, glob patterns, or - for standard input.")
    var inputs: [String] = []

    @Option(help: "json (pretty; an array when there are several documents), jsonl (one per line) or text (a summary).")
    var format: Format = .json

    @Option(help: "Publication date (YYYY-MM-DD) to assume when a page gives none; anchors relative dates.")
    var published: String?

    @Flag(help: "Include the tokens in the document.")
    var tokens = false

    func validate() throws {
        if inputs.isEmpty {
            throw ValidationError("name at least one input (a file, a directory, or - for standard input)")
        }
        if let published, !ISODate.isValid(published) {
            throw ValidationError("--published must be an ISO 8601 date such as 2008-06-30, not \"\(published)\"")
        }
    }

    func run() throws {
        let pipeline = try Pipeline(options: .init(includeTokens: tokens, published: published))
        var output = DocumentOutput(format: format)
        var failures = 0
        InputReader(paths: inputs).read { item in
            switch item {
            case .failure(let error):
                failures += 1
                report(error)
            case .source(let source):
                do {
                    output.write(try pipeline.analyze(source))
                } catch let error as AnalysisError {
                    failures += 1
                    report(error)
                } catch {
                    failures += 1
                    report(AnalysisError(uri: source.uri, reason: "\(error)"))
                }
            }
        }
        output.finish()
        if failures > 0 {
            FileHandle.standardError.write(Data("tribune: \(failures) input\(failures == 1 ? "" : "s") failed\n".utf8))
            throw ExitCode(1)
        }
    }

    private func report(_ error: AnalysisError) {
        FileHandle.standardError.write(Data("tribune: \(error)\n".utf8))
    }
}

/// Writes documents to standard output as they come.
///
/// In `json` format one document is written bare and several as an array, so the output is
/// always one valid JSON value; the first document is held back until it is known which.
struct DocumentOutput {
    let format: AnalyzeCommand.Format
    private var held: [UInt8]?
    private var count = 0

    init(format: AnalyzeCommand.Format) { self.format = format }

    mutating func write(_ document: Document) {
        count += 1
        switch format {
        case .jsonl:
            emit(document.jsonBytes(pretty: false) + [0x0A])
        case .text:
            emit(Array(DocumentSummary.render(document).utf8) + (count > 0 ? [0x0A] : []))
        case .json:
            let bytes = document.jsonBytes(pretty: true)
            if count == 1 {
                held = bytes
            } else {
                if let first = held {
                    emit(Array("[\n".utf8) + first)
                    held = nil
                }
                emit(Array(",\n".utf8) + bytes)
            }
        }
    }

    mutating func finish() {
        guard format == .json else { return }
        if let first = held {
            emit(first + [0x0A])
        } else if count > 1 {
            emit(Array("\n]\n".utf8))
        }
    }

    private func emit(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
