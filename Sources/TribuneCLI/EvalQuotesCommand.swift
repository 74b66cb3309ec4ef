import ArgumentParser
import TribuneEval

extension EvalCommand {
    struct Quotes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quotes and speakers on PolNeAR: content F1, cue F1, source accuracy, direct quotes.",
            discussion: """
                Reads ../shared/data/dev/quotes/polnear (brat standoff: Source, Cue and Content spans). Tune on \
                --split train; report --split dev (held out) once.
                """)
        @OptionGroup var data: DataOptions
        @Option(help: "The PolNeAR split: train or dev.")
        var split = "dev"
        @Option(help: "Evaluate only the first N articles.")
        var limit: Int?
        @Flag(help: "Read without the tagger and parser (tokens only), to compare.")
        var noParse = false
        @Flag(help: "List every missed, extra and wrongly attributed quote.")
        var verbose = false

        func run() throws {
            data.print(
                try QuoteEvaluation.run(
                    data: data.locate(), split: split, limit: limit, parse: !noParse, verbose: verbose))
        }
    }
}
