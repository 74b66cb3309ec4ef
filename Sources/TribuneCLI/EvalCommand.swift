import ArgumentParser
import Foundation
import TribuneEval

/// Options every evaluation and benchmark shares.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The shared data folder (default: $TRIBUNE_DATA, then ../shared/data).")
    var path: String?

    @Flag(help: "Print the headline figures as JSON.")
    var json = false

    func locate() throws -> SharedData {
        do {
            return try SharedData(explicit: path)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func print(_ report: EvaluationReport) {
        if json {
            let fields = report.figures.map { "\"\($0.name)\": \($0.value)" }.joined(separator: ", ")
            Swift.print("{\(fields)}")
        } else {
            Swift.print(report)
        }
    }
}

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure accuracy on the evaluation data in ../shared/data.",
        subcommands: [
            Segmentation.self,
            Cleanup.self,
            Extraction.self,
            Time.self,
            Geo.self,
            Events.self,
            Parser.self,
            NER.self,
            Quotes.self,
        ]
    )

    struct Segmentation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sentence-end F1 and token F1 on the UD English test sets.")
        @OptionGroup var data: DataOptions
        @Flag(help: "List every sentence-end and token error.")
        var verbose = false
        @Flag(help: "Score the rules without the learned boundary model.")
        var rulesOnly = false

        func run() throws {
            data.print(try SegmentationEvaluation.run(data: data.locate(), verbose: verbose, rulesOnly: rulesOnly))
        }
    }

    struct Cleanup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Text-mode cleanup on the WCXB pages rendered as a naive scraper would (bag-of-words F1).")
        @OptionGroup var data: DataOptions
        @Option(help: "Evaluate only the first N pages.")
        var limit: Int?
        @Flag(help: "Add a line of figures per page.")
        var pages = false
        @Option(help: "Write each page's naive rendering, cleaned text and the cleaner's explanation into this folder.")
        var dump: String?

        func run() throws {
            data.print(
                try CleanupEvaluation.run(
                    data: data.locate(), limit: limit, listPages: pages, dump: dump.map { URL(fileURLWithPath: $0) }))
        }
    }
}

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed against a baseline run on the same machine in the same process.",
        subcommands: [
            Segmentation.self,
            StoreBench.self,
            NLP.self,
            Scale.self,
        ]
    )

    struct Segmentation: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tokenizer and sentence splitter throughput (MB/s).")
        @Option(name: .customLong("data"), help: "The shared data folder, for real text (optional).")
        var path: String?
        @Option(help: "Megabytes of text to run over.")
        var megabytes = 20

        func run() throws {
            print(try SegmentationBenchmark.run(data: try? SharedData(explicit: path), megabytes: megabytes))
        }
    }
}
