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
            {"id", "url", "text" or "html", "published", "title", "site"}; on standard input it is \
            read record by record as it arrives, so `tribune analyze --format jsonl -` works as a \
            filter in a pipe (Spark's RDD.pipe, Hadoop Streaming, GNU parallel): documents come out \
            in input order, one line per input, while input is still coming in. \
            An input that fails is reported on standard error and the rest go on; in jsonl its line \
            is {"id", "uri", "error"}, so outputs stay aligned with inputs. The exit code is 1 if any \
            input failed.
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

    @Option(help: "Threads analyzing documents (default: one per core).")
    var threads: Int?

    @Flag(help: "Write each document as soon as it is done, not in input order (jsonl and text).")
    var unordered = false

    @Option(name: .customLong("max-bytes"), help: ByteLimit.help)
    var maxBytes = ByteLimit.pipelineDefault

    func validate() throws {
        if inputs.isEmpty {
            throw ValidationError("name at least one input (a file, a directory, or - for standard input)")
        }
        if let threads, threads < 1 {
            throw ValidationError("--threads must be at least 1, not \(threads)")
        }
        if let published, !ISODate.isValid(published) {
            throw ValidationError("--published must be an ISO 8601 date such as 2008-06-30, not \"\(published)\"")
        }
    }

    /// What became of one input.
    enum Outcome: Sendable {
        case document(Document)
        case failure(AnalysisError, recordID: String?)
    }

    func run() throws {
        let pipeline = try Pipeline(
            options: .init(includeTokens: tokens, published: published, maximumBytes: maxBytes.bytes))
        var output = DocumentOutput(format: format)
        var failures = 0
        let stream = ParallelStream<StreamItem, Outcome>(
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, ordered: !unordered || format == .json)
        let input = StreamingInput(paths: inputs, maximumLineBytes: maxBytes.bytes)
        stream.run(
            produce: { push in input.read { push($0) } },
            transform: { item in Self.analyze(item, with: pipeline) },
            emit: { outcome in
                switch outcome {
                case .document(let document):
                    output.write(document)
                case .failure(let error, let recordID):
                    failures += 1
                    report(error)
                    output.write(error, recordID: recordID)
                }
                return true
            })
        output.finish()
        if failures > 0 {
            FileHandle.standardError.write(Data("tribune: \(failures) input\(failures == 1 ? "" : "s") failed\n".utf8))
            throw ExitCode(1)
        }
    }

    static func analyze(_ input: StreamItem, with pipeline: Pipeline) -> Outcome {
        switch input.item {
        case .failure(let error):
            return .failure(error, recordID: input.recordID)
        case .source(let source):
            do {
                return .document(try pipeline.analyze(source))
            } catch let error as AnalysisError {
                return .failure(error, recordID: input.recordID)
            } catch {
                return .failure(AnalysisError(uri: source.uri, reason: "\(error)"), recordID: input.recordID)
            }
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

    /// In jsonl, a failed input's own line (`{"id", "uri", "error"}`) keeps outputs aligned
    /// with inputs; the other formats report failures on standard error only.
    mutating func write(_ error: AnalysisError, recordID: String?) {
        guard format == .jsonl else { return }
        var json = JSONWriter(pretty: false)
        json.beginObject()
        json.member("id", recordID)
        json.member("uri", error.uri)
        json.member("error", error.reason)
        json.endObject()
        emit(json.bytes + [0x0A])
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
