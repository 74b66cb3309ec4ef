import ArgumentParser
import TribuneEval

extension BenchCommand {
    struct NLP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nlp",
            abstract: "Tagger, lemmatizer and parser throughput (tokens/s on one core) against the segmenter's.")
        @OptionGroup var data: DataOptions
        @Option(help: "Words of UD English test text to run over (the test files, repeated).")
        var words = 300_000

        func run() throws {
            do {
                data.print(try ParserBenchmark.run(data: data.locate(), words: words))
            } catch let error as EvaluationError {
                throw ValidationError("\(error)")
            }
        }
    }
}
