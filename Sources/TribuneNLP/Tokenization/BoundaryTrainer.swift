import Foundation
import TribuneCore

/// Derives the segmenter's learned data from the UD English train files: the sentence-starter
/// list and the boundary model. Only train files are read; dev files measure, test files are
/// never seen.
///
/// Run it with `swift run -c release tribune train segmenter` (about ten seconds once built; it
/// rewrites `Resources/sentence-starters.txt` and `Resources/sentence-boundaries.txt` and prints
/// the dev scores), or call
/// ``BoundaryTrainer/run(data:resources:epochs:log:)``. Training is deterministic: the same files
/// give the same model. Retrain after changing the tokenizer or the word lists.
public enum BoundaryTrainer {
    /// The train files, relative to the shared data folder.
    public static let trainFiles = ["ud/ewt/en_ewt-ud-train.conllu", "ud/gum/en_gum-ud-train.conllu"]
    public static let devFiles = ["ud/ewt/en_ewt-ud-dev.conllu", "ud/gum/en_gum-ud-dev.conllu"]

    /// Reads the train files under `data`, writes both files into `resources`, and reports
    /// sentence-end F1 on the dev files.
    public static func run(data: URL, resources: URL, epochs: Int = 8, log: (String) -> Void) throws {
        let files = try trainFiles.map { try CoNLLU.read(contentsOf: data.appendingPathComponent($0)) }
        let sentences = files.flatMap { $0 }
        let starters = sentenceStarters(sentences)
        let startersText =
            """
            # Capitalized words that mostly begin sentences: after an abbreviation that may end a
            # sentence ("Inc.", "U.S."), one of these starts a new one. Derived from the UD English
            # EWT and GUM train files by BoundaryTrainer.sentenceStarters (do not edit by hand): words
            # that begin at least 3 sentences, begin sentences at least twice as often as they are
            # capitalized inside one, and occur in lowercase inside sentences at least twice.

            """ + starters.joined(separator: "\n") + "\n"
        try startersText.write(
            to: resources.appendingPathComponent("sentence-starters.txt"), atomically: true, encoding: .utf8)
        log("sentence starters: \(starters.count)")

        let lexicon = try SegmenterLexicon { file in
            DataFile.entries(try String(contentsOf: resources.appendingPathComponent(file), encoding: .utf8))
        }
        let paragraphs = files.flatMap { CoNLLU.paragraphs($0) }
        let weights = train(paragraphs, lexicon: lexicon, epochs: epochs)
        let model = BoundaryModel(weights: weights)
        log("boundary model: \(weights.count) features from \(paragraphs.count) paragraphs, \(epochs) epochs")
        try modelText(weights, epochs: epochs).write(
            to: resources.appendingPathComponent(BoundaryModel.file), atomically: true, encoding: .utf8)

        for file in devFiles {
            let dev = CoNLLU.paragraphs(try CoNLLU.read(contentsOf: data.appendingPathComponent(file)))
            let rules = sentenceF1(dev, Segmenter(lexicon: lexicon, model: nil))
            let learned = sentenceF1(dev, Segmenter(lexicon: lexicon, model: model))
            log(
                String(
                    format: "%@: sentence-end F1 %.4f with the rules alone, %.4f with the model", file, rules, learned))
        }
    }

    /// Capitalized words that mostly begin sentences.
    public static func sentenceStarters(_ sentences: [CoNLLU.Sentence]) -> [String] {
        var initial: [String: Int] = [:]
        var inside: [String: Int] = [:]
        var lowercase: [String: Int] = [:]
        for sentence in sentences {
            var first = true
            for word in sentence.words {
                let form = word.form
                if form.first?.isUppercase == true {
                    if first { initial[form, default: 0] += 1 } else { inside[form, default: 0] += 1 }
                } else if !first, form.first?.isLowercase == true {
                    lowercase[form, default: 0] += 1
                }
                if word.upos != "PUNCT" { first = false }
            }
        }
        return initial.filter { form, count in
            form.allSatisfy(\.isLetter) && count >= 3 && count >= 2 * inside[form, default: 0]
                && lowercase[form.lowercased(), default: 0] >= 2
        }
        .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .map(\.key)
    }

    /// Trains an averaged perceptron on the gaps of `paragraphs` that the hard rules leave open.
    static func train(_ paragraphs: [CoNLLU.Paragraph], lexicon: SegmenterLexicon, epochs: Int) -> [UInt64: Float] {
        let corpus = Corpus(paragraphs, tokenizer: Tokenizer(lexicon: lexicon))
        let splitter = SentenceSplitter(lexicon: lexicon, model: nil)
        var perceptron = Perceptron()
        var order = Array(paragraphs.indices)
        var random = SplitMix(seed: 2024)
        var sentences: [Sentence] = []
        var features = BoundaryFeatures()
        corpus.text.withUnsafeBufferPointer { text in
            for _ in 0..<epochs {
                for index in order.indices.reversed() {
                    order.swapAt(index, Int(random.next() % UInt64(index + 1)))
                }
                for paragraph in order {
                    perceptron.gold = corpus.goldEnds[paragraph]
                    sentences.removeAll(keepingCapacity: true)
                    splitter.split(
                        text, corpus.buffer, tokens: corpus.tokens[paragraph], decider: &perceptron,
                        features: &features, into: &sentences)
                }
            }
        }
        return perceptron.averaged(minimum: 0.001)
    }

    /// The model file: a header, then one `hash weight` line per feature, sorted by hash.
    static func modelText(_ weights: [UInt64: Float], epochs: Int) -> String {
        var lines = [
            "# Sentence-boundary model: averaged perceptron weights over hashed features",
            "# (BoundaryFeatures), trained by BoundaryTrainer on the UD English EWT and GUM train files,",
            "# \(epochs) epochs. Generated: do not edit by hand. Derived from UD English-EWT (CC BY-SA 4.0)",
            "# and UD English-GUM (CC BY 4.0).",
        ]
        lines.reserveCapacity(weights.count + 4)
        for (key, value) in weights.sorted(by: { $0.key < $1.key }) {
            lines.append(String(key, radix: 16) + " " + String(format: "%.4g", value))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Sentence-end F1 of a segmenter on treebank paragraphs.
    static func sentenceF1(_ paragraphs: [CoNLLU.Paragraph], _ segmenter: Segmenter) -> Double {
        var truePositives = 0
        var predictedCount = 0
        var goldCount = 0
        for paragraph in paragraphs {
            let segmentation = paragraph.text.withUnsafeBufferPointer {
                segmenter.segment($0, paragraphs: [0..<paragraph.text.count])
            }
            let predicted = Set(segmentation.sentences.map(\.bytes.upperBound))
            let gold = Set(paragraph.sentenceRanges.map(\.upperBound))
            truePositives += predicted.intersection(gold).count
            predictedCount += predicted.count
            goldCount += gold.count
        }
        return Double(2 * truePositives) / Double(max(1, predictedCount + goldCount))
    }

    /// Paragraphs laid out in one text and tokenized once, with the gold ends as token indexes.
    struct Corpus {
        var text: [UInt8] = []
        var buffer = TokenBuffer()
        var tokens: [Range<Int>] = []
        /// For each paragraph, the indexes of the tokens after which a gold sentence ends.
        var goldEnds: [Set<Int>] = []

        init(_ paragraphs: [CoNLLU.Paragraph], tokenizer: Tokenizer) {
            var ranges: [Range<Int>] = []
            for paragraph in paragraphs {
                if !text.isEmpty { text += [0x0A, 0x0A] }
                ranges.append(text.count..<text.count + paragraph.text.count)
                text += paragraph.text
            }
            text.withUnsafeBufferPointer { bytes in
                for (paragraph, range) in zip(paragraphs, ranges) {
                    let first = buffer.count
                    tokenizer.tokenize(bytes, paragraph: range, into: &buffer)
                    tokens.append(first..<buffer.count)
                    let ends = Set(paragraph.sentenceRanges.map { range.lowerBound + $0.upperBound })
                    goldEnds.append(Set((first..<buffer.count).filter { ends.contains(Int(buffer.tokens[$0].end)) }))
                }
            }
        }
    }
}

/// An averaged perceptron that learns while it decides, one gap at a time.
struct Perceptron: BoundaryDecider {
    static var needsFeatures: Bool { true }

    /// The gold ends of the paragraph being split.
    var gold: Set<Int> = []
    private var weights: [UInt64: Float] = [:]
    /// For averaging: the sum of each weight over the steps so far, up to `stamps`.
    private var totals: [UInt64: Double] = [:]
    private var stamps: [UInt64: Int] = [:]
    private var step = 0

    mutating func decide(_ features: BoundaryFeatures, rule: Bool, after index: Int) -> Bool {
        step += 1
        var score: Float = 0
        for slot in 0..<features.count { score += weights[features.hashes[slot], default: 0] }
        let predicted = score > 0
        let truth = gold.contains(index)
        if predicted != truth {
            let delta: Float = truth ? 1 : -1
            for slot in 0..<features.count {
                let key = features.hashes[slot]
                let weight = weights[key, default: 0]
                totals[key, default: 0] += Double(step - stamps[key, default: 0]) * Double(weight)
                stamps[key] = step
                weights[key] = weight + delta
            }
        }
        return predicted
    }

    /// The averaged weights, less those smaller than `minimum`.
    func averaged(minimum: Float) -> [UInt64: Float] {
        var result: [UInt64: Float] = [:]
        for (key, weight) in weights {
            let total = totals[key, default: 0] + Double(step - stamps[key, default: 0]) * Double(weight)
            let average = Float(total / Double(max(1, step)))
            if abs(average) >= minimum { result[key] = average }
        }
        return result
    }
}

/// A small deterministic random generator, so that training gives the same model every time.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
