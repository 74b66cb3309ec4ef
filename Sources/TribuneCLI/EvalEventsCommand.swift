import ArgumentParser
import TribuneEval

extension EvalCommand {
    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Event coding: exact (source, target, code) and root-code P/R/F1, PLOVER type accuracy.",
            discussion: """
                Parses raw text with Tribune's own analyzer. PETRARCH's validation records are coded with \
                PETRARCH's PETR.Validate.* dictionaries (as PETRARCH evaluates); the PLOVER gold records with \
                the shipped CAMEO dictionary and each record's marked actors. Every third record is held out; \
                both parts are reported.
                """)
        @OptionGroup var data: DataOptions
        @Flag(help: "List every record: gold and coded.")
        var verbose = false

        func run() throws {
            data.print(try EventEvaluation.run(data: data.locate(), verbose: verbose))
        }
    }
}
