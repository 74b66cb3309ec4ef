import ArgumentParser
import Foundation
import TribuneEval

extension EvalCommand {
    struct Parser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parser",
            abstract: "Tagger, lemmatizer and parser accuracy on a CoNLL-U file (gold tokenization).",
            discussion: """
                Prints UPOS, XPOS and lemma accuracy, UAS and LAS (every word, punctuation included; the \
                parser reads the tagger's tags, not the gold ones) and words per second of CPU time on one \
                core. With --json the last line is {"upos", "xpos", "lemma", "uas", "las", "tokensPerSecond"}.
                """
        )
        @OptionGroup var data: DataOptions
        @Option(help: "The CoNLL-U file to score (default: UD English EWT test from the shared data folder).")
        var conllu: String?
        @Option(help: "Also write the predicted annotations to this file, as CoNLL-U.")
        var write: String?
        @Option(
            help: ArgumentHelp(
                "The tagger's second-pass margin: words the first pass tags with at least this lead keep its tag "
                    + "('inf': second pass on every word). For tuning on dev.", visibility: .hidden))
        var taggerMargin: Float?

        func run() throws {
            let file: URL
            if let conllu {
                guard FileManager.default.fileExists(atPath: conllu) else {
                    throw ValidationError("--conllu \(conllu): no such file")
                }
                file = URL(fileURLWithPath: conllu)
            } else {
                file = try data.locate().url(ParserEvaluation.defaultFile)
            }
            do {
                data.print(
                    try ParserEvaluation.run(
                        file: file, write: write.map { URL(fileURLWithPath: $0) }, taggerMargin: taggerMargin))
            } catch let error as EvaluationError {
                throw ValidationError("\(error)")
            }
        }
    }
}
