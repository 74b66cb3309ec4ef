import ArgumentParser
import Foundation
import TribuneEval

extension EvalCommand {
    struct Time: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time expressions: span F1 and value F1 on TempEval-3 (TimeBank, AQUAINT) and MEANTIME.")
        @OptionGroup var data: DataOptions
        @Flag(
            name: [.customLong("errors"), .customLong("verbose")],
            help: "List every missed, extra and wrongly normalized expression of the parts scored.")
        var errors = false
        @Option(help: "The documents to score: tuned (TimeBank, odd AQUAINT), held (even AQUAINT, MEANTIME) or all.")
        var part: TimeEvaluation.Selection = .all

        func run() throws {
            data.print(try TimeEvaluation.run(data: data.locate(), verbose: errors, part: part))
        }
    }
}

extension TimeEvaluation.Selection: ExpressibleByArgument {}

extension EvalCommand {
    struct Geo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Geoparsing on GeoVirus: toponym detection F1 and resolution accuracy within 161 km.")
        @OptionGroup var data: DataOptions
        @Flag(help: "List every missed, extra and wrongly resolved toponym.")
        var verbose = false

        func run() throws {
            data.print(try GeoEvaluation.run(data: data.locate(), verbose: verbose))
        }
    }
}
