import ArgumentParser
import Foundation
import TribuneEval
import TribuneNLP

extension EvalCommand {
    struct NER: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ner",
            abstract: "Strict span F1 of the named-entity recognizer, per type and overall.",
            discussion: """
                Without files: on MEANTIME (newswire the model never trains on) and on GUM test, PER/ORG/LOC. \
                With files: each file scored on its own, by its extension: .conllu (Entity= annotation as in GUM), \
                .xml or a folder of them (MEANTIME), anything else CoNLL-2003 (token first, IOB tag last; \
                PER/ORG/LOC/MISC). The gazetteer alone is scored beside the model as the baseline. \
                --benchmark measures tokens per second instead, against the segmenter in the same run.
                """
        )

        @OptionGroup var data: DataOptions

        @Argument(help: "Files to score instead of the held-out sets.")
        var files: [String] = []

        @Option(help: "A model file instead of the shipped one.")
        var model: String?

        @Flag(help: "List every wrong and missed entity.")
        var verbose = false

        @Flag(help: "Measure speed instead of accuracy.")
        var benchmark = false

        @Option(help: "Tokens of text for --benchmark.")
        var words = 1_000_000

        func run() throws {
            let recognizer: EntityRecognizer
            do {
                recognizer =
                    try model.map { try EntityRecognizer(contentsOf: URL(fileURLWithPath: $0)) }
                    ?? EntityRecognizer.load()
            } catch {
                throw ValidationError("\(error)")
            }
            if benchmark {
                data.print(try NEREvaluation.benchmark(data: data.locate(), recognizer: recognizer, words: words))
                return
            }
            let shared = files.isEmpty ? try data.locate() : try? data.locate()
            do {
                data.print(try NEREvaluation.run(data: shared, files: files, recognizer: recognizer, verbose: verbose))
            } catch let error as EvaluationError {
                throw ValidationError("\(error)")
            }
        }
    }
}
