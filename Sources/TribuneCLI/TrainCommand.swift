import ArgumentParser
import Foundation
import TribuneEval
import TribuneNLP

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Rebuild Tribune's learned resources from the data in ../shared/data.",
        subcommands: [
            Segmenter.self
        ]
    )

    struct Segmenter: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "segmenter",
            abstract: "Derive the sentence starters and train the sentence-boundary model on UD English train.",
            discussion: "Reads the EWT and GUM train files, writes both resource files, and prints sentence-end F1 "
                + "on the dev files. Deterministic: the same data gives the same files."
        )

        @Option(
            name: .customLong("data"), help: "The shared data folder (default: $TRIBUNE_DATA, then ../shared/data).")
        var dataPath: String?

        @Option(help: "Where to write the resource files.")
        var output = "Sources/TribuneNLP/Resources"

        @Option(help: "Training passes over the data.")
        var epochs = 8

        func run() throws {
            let data: SharedData
            do {
                data = try SharedData(explicit: dataPath)
            } catch {
                throw ValidationError("\(error)")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError(
                    "--output \(output) is not a folder (run from the repository root, or name the resources folder)")
            }
            try BoundaryTrainer.run(data: data.root, resources: URL(fileURLWithPath: output), epochs: epochs) {
                print($0)
            }
        }
    }
}
