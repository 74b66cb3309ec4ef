import ArgumentParser
import Foundation
import Tribune
import TribuneCore
import TribuneExtract
import TribuneStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Analyze news pages and store the documents, their events, quotes and places.",
        discussion: """
            Inputs are what tribune analyze reads: files, directories (recursively), glob patterns, JSONL \
            feeds, or - for standard input. Documents are keyed by the hash of their source bytes: one already \
            stored is skipped before analysis, so running the same ingest twice adds nothing, and an ingest \
            that was interrupted (even by kill -9) finishes when run again. Documents are analyzed on every core \
            and written in batches, each batch one transaction. Inputs that fail are recorded in the store with \
            the reason and the rest go on; the exit code is 1 if any failed.

            --recode analyzes every stored document again (after a dictionary or model change) and replaces \
            its annotations; until a document's new coding commits, its old coding stays.
            """
    )

    @Argument(help: "Files, directories, glob patterns, or - for standard input.")
    var inputs: [String] = []

    @OptionGroup var store: StoreOptions

    @Option(help: "Publication date (YYYY-MM-DD) to assume when a page gives none; anchors relative dates.")
    var published: String?

    @Flag(help: "Analyze the stored documents again and replace their annotations.")
    var recode = false

    @Flag(help: "No progress bar and no summary; failures are still reported on standard error.")
    var quiet = false

    @Option(help: "Threads analyzing documents (default: one per core).")
    var workers: Int?

    @Option(help: "Documents per transaction.")
    var batch = 256

    @Option(name: .customLong("max-bytes"), help: ByteLimit.help)
    var maxBytes = ByteLimit.pipelineDefault

    func validate() throws {
        if recode && !inputs.isEmpty {
            throw ValidationError("--recode re-analyzes what is stored; name no inputs with it")
        }
        if !recode && inputs.isEmpty {
            throw ValidationError("name at least one input (a file, a directory, or - for standard input)")
        }
        if let published, !ISODate.isValid(published) {
            throw ValidationError("--published must be an ISO 8601 date such as 2008-06-30, not \"\(published)\"")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        let pipeline = try Pipeline(options: .init(maximumBytes: maxBytes.bytes))
        let summary: IngestSummary = try withStore(store, existing: false) { store in
            var options = IngestOptions()
            if let workers { options.workers = workers }
            options.batchSize = batch
            let ingester = Ingester(store: store, analyzer: pipeline, options: options)
            let showProgress = !quiet && Terminal.isStandardError
            let progress: ((IngestProgress) -> Void)? =
                showProgress
                ? { state in
                    FileHandle.standardError.write(Data("\r\u{1B}[2K\(ProgressBar.line(state))".utf8))
                } : nil
            defer { if showProgress { FileHandle.standardError.write(Data("\n".utf8)) } }
            let summary: IngestSummary
            if recode {
                summary = try ingester.recode(progress: progress)
            } else {
                let reader = InputReader(paths: inputs, maximumPageBytes: maxBytes.bytes)
                let published = self.published
                summary = try ingester.ingest(bytesTotal: Self.totalBytes(inputs)) { emit in
                    try reader.read { item in
                        switch item {
                        case .failure(let error):
                            try emit(.failure(error))
                        case .source(var source):
                            if source.published == nil { source.published = published }
                            try emit(.source(source))
                        }
                    }
                } progress: {
                    progress?($0)
                }
            }
            if summary.stored > 0 { try store.optimize() }
            if !quiet { print(try Self.describe(summary, recoded: recode, store: store)) }
            return summary
        }
        for failure in summary.failures {
            FileHandle.standardError.write(Data("tribune: \(failure)\n".utf8))
        }
        if summary.failed > summary.failures.count {
            FileHandle.standardError.write(
                Data(
                    "tribune: … and \(summary.failed - summary.failures.count) more (the store's failures table)\n".utf8
                ))
        }
        if summary.failed > 0 { throw ExitCode(1) }
    }

    /// The inputs' size, so the bar can tell how far along it is; `nil` with standard input.
    static func totalBytes(_ inputs: [String]) -> Int? {
        guard !inputs.contains("-") else { return nil }
        var total = 0
        for input in inputs {
            for file in InputReader.expand(input) {
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
                total += size ?? 0
            }
        }
        return total
    }

    static func describe(_ summary: IngestSummary, recoded: Bool, store: any Store) throws -> String {
        let rate = summary.elapsed > 0 ? Double(summary.stored) / summary.elapsed : 0
        let seconds = String(format: "%.1f", summary.elapsed)
        var lines = [
            "\(recoded ? "recoded" : "ingested") \(ProgressBar.grouped(summary.stored)) documents "
                + "(\(ProgressBar.grouped(summary.events)) events) in \(seconds) s, \(String(format: "%.1f", rate)) docs/s"
        ]
        if !recoded {
            lines.append("skipped \(ProgressBar.grouped(summary.skipped)) already in the store")
        }
        lines.append(
            "failed \(ProgressBar.grouped(summary.failed))\(summary.failed > 0 ? " (reasons on standard error)" : "")")
        lines.append("store \(store.location): \(try store.counts())")
        return lines.joined(separator: "\n")
    }
}
