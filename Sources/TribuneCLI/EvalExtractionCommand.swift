import ArgumentParser
import Foundation
import TribuneEval

extension EvalCommand {
    struct Extraction: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "HTML article extraction: body, title, author and date against gold pages, and pages/s.",
            discussion: """
                DIR holds html/*.html.gz and either ground-truth/*.json (the WCXB layout; bag-of-words F1) \
                or ground-truth.json (the ScrapingHub article-extraction-benchmark layout; 4-gram shingle F1). \
                It defaults to dev/extraction/wcxb-dev in the shared data folder.
                """)
        @OptionGroup var data: DataOptions
        @Argument(help: "The benchmark folder (default: the WCXB dev pages in the shared data).")
        var directory: String?
        @Option(help: "Evaluate only the first N pages.")
        var limit: Int?
        @Flag(help: "Add a line of figures per page.")
        var pages = false
        @Option(help: "Write each page's extraction, gold body and the extractor's explanation into this folder.")
        var dump: String?
        @Option(help: "Timed passes over the pages; the best counts.")
        var passes = 3

        func run() throws {
            let folder: URL
            if let directory {
                folder = URL(fileURLWithPath: directory)
            } else {
                folder = try data.locate().url(ExtractionEvaluation.defaultCorpus)
            }
            data.print(
                try ExtractionEvaluation.run(
                    directory: folder, limit: limit, listPages: pages, dump: dump.map { URL(fileURLWithPath: $0) },
                    passes: passes))
        }
    }
}
