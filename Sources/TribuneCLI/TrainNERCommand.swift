import ArgumentParser
import Foundation
import TribuneCoding
import TribuneEval
import TribuneNLP

extension TrainCommand {
    struct Actors: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actors",
            abstract: "Compile the Phoenix actor and agent dictionaries into the form Tribune ships.",
            discussion: """
                Reads Phoenix.{Countries,International,MilNonState}.actors.txt and Phoenix.agents.txt from \
                dictionaries/petrarch2 in the data folder and writes actors-compiled.tsv into --output, listing \
                the dictionary lines it could not use. Deterministic.
                """
        )

        @Option(
            name: .customLong("data"), help: "The shared data folder (default: $TRIBUNE_DATA, then ../shared/data).")
        var dataPath: String?

        @Option(help: "Where to write the compiled dictionaries.")
        var output = "Sources/TribuneCoding/Resources"

        func run() throws {
            let data: SharedData
            do {
                data = try SharedData(explicit: dataPath)
            } catch {
                throw ValidationError("\(error)")
            }
            let (text, summary) = try ActorDictionaryBuilder.compile(
                folder: data.url("dictionaries/petrarch2"))
            let target = URL(fileURLWithPath: output).appendingPathComponent(ActorDictionary.compiledFile)
            try Data(text.utf8).write(to: target, options: .atomic)
            progress(summary.description)
            progress("wrote \(target.path)")
        }
    }
}

extension TrainCommand {
    struct NER: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ner",
            abstract: "Train the named-entity recognizer on GUM's entity annotation, with gazetteer names.",
            discussion: """
                Trains an averaged perceptron over BILOU labels on UD English GUM train (Entity= in the MISC \
                column; only mentions whose head is a proper noun, as names), with a gazetteer built from the \
                compiled actor dictionaries (run `tribune train actors` first) and GeoNames names from the data \
                folder, printing strict F1 on GUM dev as it goes, and writes entities.bin into --output. \
                With --meantime, the annotated sentences of the MEANTIME folders declared for training \
                (corpus_airbus, corpus_apple) join the data; corpus_gm and corpus_stock are never read: they are \
                the held-out check (`tribune eval ner`). Deterministic for a given --seed.
                """
        )

        @Option(
            name: .customLong("data"), help: "The shared data folder (default: $TRIBUNE_DATA, then ../shared/data).")
        var dataPath: String?

        @Option(help: "Where to write the model.")
        var output = "Sources/TribuneNLP/Resources"

        @Option(help: "Training passes over the data.")
        var epochs = 12

        @Option(help: "The seed of the shuffles.")
        var seed: UInt64 = 1

        @Option(help: "Averaged weights smaller than this are dropped from the model.")
        var minimumWeight: Float = 0.05

        @Flag(help: "Also train on the annotated sentences of the MEANTIME folders declared for training.")
        var meantime = false

        func run() throws {
            let data: SharedData
            do {
                data = try SharedData(explicit: dataPath)
            } catch {
                throw ValidationError("\(error)")
            }
            var train = try NERData.gum(data, NERData.gumTrain)
            if meantime {
                let news = try NERData.meantime(data, corpora: NERData.meantimeTrain).filter(\.annotated)
                progress("ner: \(news.count) MEANTIME sentences (\(NERData.meantimeTrain.joined(separator: ", ")))")
                train += news
            }
            let dev = try NERData.gum(data, NERData.gumDev)
            let names = try NERData.gazetteerNames(data) { progress($0) }
            var options = EntityTrainer.Options(epochs: epochs, seed: seed, minimumWeight: minimumWeight)
            options.types = [.person, .organization, .location, .event, .miscellaneous]
            let recognizer = EntityTrainer.train(train, names: names, dev: dev, options: options) { progress($0) }
            let target = URL(fileURLWithPath: output).appendingPathComponent(EntityRecognizer.file)
            try recognizer.write(to: target)
            let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
            progress("wrote \(target.path) (\(size) bytes)")
        }
    }
}
