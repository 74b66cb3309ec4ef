import ArgumentParser
import Foundation
import TribuneEval
import TribuneNLP

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Rebuild Tribune's learned resources from the data in ../shared/data.",
        subcommands: [
            Segmenter.self,
            Tagger.self,
            Parser.self,
            Codebooks.self, Dictionaries.self,
            Actors.self, NER.self,
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
            try TreebankFiles.checkFolder(output)
            try BoundaryTrainer.run(data: data.root, resources: URL(fileURLWithPath: output), epochs: epochs) {
                progress($0)
            }
        }
    }

    struct Tagger: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tagger",
            abstract: "Train the part-of-speech tagger and derive the lemmatizer's lists.",
            discussion: """
                Trains an averaged perceptron predicting XPOS and UPOS together on the --train files \
                (default: UD English EWT and GUM train), printing progress and dev accuracy every other \
                epoch, and writes tagger.bin, lemma-rules.txt and lemma-exceptions.txt into --output. \
                Deterministic for a given --seed.
                """
        )

        @OptionGroup var files: TreebankFiles

        @Option(help: "Training passes over the data.")
        var epochs = 10

        @Option(help: "The smallest averaged weight to keep; larger thresholds are tried until the model fits.")
        var minimumWeight: Float = 0.02

        @Option(help: "The largest model file to write, in megabytes.")
        var maxMegabytes = 5.5

        @Option(help: "Words seen this often or more with one tag in --fixed-share of cases skip the model.")
        var fixedCount = 50

        @Option(help: "The share of a word's occurrences its main tag must have for the word to skip the model.")
        var fixedShare = 0.995

        func run() throws {
            let (train, dev) = try files.load()
            let started = Date()
            var options = TaggerTrainer.Options(epochs: epochs, seed: files.seed, minimumWeight: minimumWeight)
            options.fixedCount = fixedCount
            options.fixedShare = fixedShare
            options.maximumBytes = Int(maxMegabytes * 1e6)
            let tagger = TaggerTrainer.train(train, dev: dev, options: options) { progress($0) }
            let output = URL(fileURLWithPath: files.output)
            try tagger.write(to: output.appendingPathComponent(TribuneNLP.Tagger.file))
            let lists = LemmatizerTrainer.derive(train)
            try lists.rules.write(
                to: output.appendingPathComponent(Lemmatizer.rulesFile), atomically: true, encoding: .utf8)
            try lists.exceptions.write(
                to: output.appendingPathComponent(Lemmatizer.exceptionsFile), atomically: true, encoding: .utf8)
            if !dev.isEmpty {
                let lemmatizer = try Lemmatizer(rules: lists.rules, exceptions: lists.exceptions)
                let scores = TreebankScorer(dev).score(
                    SyntaxAnnotator(tagger: tagger, lemmatizer: lemmatizer, parser: nil))
                print(
                    String(
                        format: "dev: UPOS %.4f  XPOS %.4f  lemma %.4f  (%d words)", scores.upos, scores.xpos,
                        scores.lemma, scores.words))
            }
            print(
                String(
                    format: "wrote %@ and the lemma lists in %.0fs", TribuneNLP.Tagger.file,
                    Date().timeIntervalSince(started)))
        }
    }

    struct Parser: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parser",
            abstract: "Train the dependency parser.",
            discussion: """
                Trains the arc-eager parser with a dynamic oracle on the --train files (default: UD \
                English EWT and GUM train), on tags predicted by taggers trained on the other folds \
                (--jackknife), printing progress and dev scores every third epoch (the dev file is \
                tagged by --tagger), and writes parser.bin into --output. Deterministic for a given --seed.
                """
        )

        @OptionGroup var files: TreebankFiles

        @Option(help: "Training passes over the data.")
        var epochs = 15

        @Option(help: "Folds for predicted training tags (0: train on gold tags).")
        var jackknife = 4

        @Option(help: "Training passes of each fold's tagger.")
        var taggerEpochs = 8

        @Option(help: "The probability of following a wrong prediction while training (from the second epoch).")
        var exploration = 0.9

        @Option(help: "The smallest averaged weight to keep; larger thresholds are tried until the model fits.")
        var minimumWeight: Float = 1.25

        @Option(help: "The largest model file to write, in megabytes.")
        var maxMegabytes = 10.0

        @Option(help: "The tagger model that tags the dev file (default: the one in --output).")
        var tagger: String?

        func run() throws {
            let (train, dev) = try files.load()
            let output = URL(fileURLWithPath: files.output)
            let taggerURL =
                tagger.map { URL(fileURLWithPath: $0) } ?? output.appendingPathComponent(TribuneNLP.Tagger.file)
            let loadedTagger = try TribuneNLP.Tagger(contentsOf: taggerURL)
            let lemmatizer = try? Lemmatizer(
                rules: String(contentsOf: output.appendingPathComponent(Lemmatizer.rulesFile), encoding: .utf8),
                exceptions: String(
                    contentsOf: output.appendingPathComponent(Lemmatizer.exceptionsFile), encoding: .utf8))
            var options = ParserTrainer.Options()
            options.epochs = epochs
            options.seed = files.seed
            options.jackknife = jackknife
            options.taggerEpochs = taggerEpochs
            options.exploration = exploration
            options.minimumWeight = minimumWeight
            options.maximumBytes = Int(maxMegabytes * 1e6)
            let started = Date()
            let parser = ParserTrainer.train(
                train, dev: dev, tagger: loadedTagger, lemmatizer: lemmatizer, options: options
            ) { progress($0) }
            try parser.write(to: output.appendingPathComponent(TribuneNLP.Parser.file))
            print(String(format: "wrote %@ in %.0fs", TribuneNLP.Parser.file, Date().timeIntervalSince(started)))
        }
    }
}

/// The treebank files a trainer reads, and where it writes.
struct TreebankFiles: ParsableArguments {
    @Option(name: .customLong("data"), help: "The shared data folder (default: $TRIBUNE_DATA, then ../shared/data).")
    var dataPath: String?

    @Option(
        parsing: .upToNextOption,
        help: "CoNLL-U train files (default: UD English EWT and GUM train from the shared data folder).")
    var train: [String] = []

    @Option(help: "A CoNLL-U dev file, scored during training (default: UD English EWT dev; 'none' for none).")
    var dev: String?

    @Option(help: "Where to write the model files.")
    var output = "Sources/TribuneNLP/Resources"

    @Option(help: "Seed of the shuffles: the same seed and data give the same model.")
    var seed: UInt64 = 1

    static let defaultTrain = ["ud/ewt/en_ewt-ud-train.conllu", "ud/gum/en_gum-ud-train.conllu"]
    static let defaultDev = "ud/ewt/en_ewt-ud-dev.conllu"

    func load() throws -> (train: [CoNLLU.Sentence], dev: [CoNLLU.Sentence]) {
        try Self.checkFolder(output)
        var trainURLs = train.map { URL(fileURLWithPath: $0) }
        var devURL = dev.flatMap { $0 == "none" ? nil : URL(fileURLWithPath: $0) }
        if trainURLs.isEmpty || (dev == nil) {
            let data: SharedData
            do {
                data = try SharedData(explicit: dataPath)
            } catch {
                throw ValidationError("\(error) (or name the files with --train and --dev)")
            }
            if trainURLs.isEmpty { trainURLs = Self.defaultTrain.map(data.url) }
            if dev == nil { devURL = data.url(Self.defaultDev) }
        }
        func read(_ url: URL) throws -> [CoNLLU.Sentence] {
            do {
                return try CoNLLU.read(contentsOf: url)
            } catch {
                throw ValidationError("\(url.path): \(error)")
            }
        }
        let sentences = try trainURLs.flatMap(read)
        guard !sentences.isEmpty else { throw ValidationError("the train files hold no sentences") }
        return (sentences, try devURL.map(read) ?? [])
    }

    static func checkFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError(
                "--output \(path) is not a folder (run from the repository root, or name the resources folder)")
        }
    }
}

/// Prints a line at once, even into a pipe, so that long training shows its progress.
func progress(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
