import Foundation
import TribuneCore

/// Trains the ``EntityRecognizer`` on sentences with gold entities: builds the gazetteer from
/// the given names, then runs the averaged perceptron over the sentences in an order shuffled
/// by the seed, labelling greedily as at run time and updating on every wrong label.
/// Deterministic: the same sentences, names, options and seed give the same model file.
public enum EntityTrainer {
    public struct Options: Sendable {
        public var epochs = 12
        public var seed: UInt64 = 1
        /// Averaged weights smaller than this are dropped from the shipped model.
        public var minimumWeight: Float = 0.05
        /// The entity types to learn, in label order.
        public var types: [Entity.Kind] = [.person, .organization, .location, .event, .miscellaneous]

        public init(epochs: Int = 12, seed: UInt64 = 1, minimumWeight: Float = 0.05) {
            self.epochs = epochs
            self.seed = seed
            self.minimumWeight = minimumWeight
        }
    }

    /// Trains a recognizer; when `dev` is given, logs strict PER/ORG/LOC F1 there every few epochs.
    public static func train(
        _ sentences: [EntitySentence], names: [(phrase: String, type: Entity.Kind)], dev: [EntitySentence] = [],
        options: Options = Options(), log: (String) -> Void = { _ in }
    ) -> EntityRecognizer {
        let started = Date()
        var gazetteer = EntityGazetteer()
        for name in names { gazetteer.add(name.phrase, name.type) }
        let labels = EntityLabels(types: options.types)
        let corpus = Laid(sentences)
        var attributes: [SentenceAttributes] = []
        var gazetteerCodes: [[UInt16]] = []
        var gold: [[Int]] = []
        corpus.text.withUnsafeBufferPointer { text in
            corpus.tokens.withUnsafeBufferPointer { tokens in
                for (index, range) in corpus.sentences.enumerated() {
                    var sentence = SentenceAttributes()
                    sentence.fill(text, UnsafeBufferPointer(rebasing: tokens[range]))
                    var codes: [UInt16] = []
                    gazetteer.annotate(sentence, into: &codes)
                    attributes.append(sentence)
                    gazetteerCodes.append(codes)
                    gold.append(labels.encode(sentences[index].spans, count: range.count))
                }
            }
        }
        log(
            "ner: \(sentences.count) sentences, \(corpus.tokens.count) words, "
                + "\(sentences.reduce(0) { $0 + $1.spans.count }) entities, \(gazetteer.count) gazetteer names")

        var perceptron = AveragedPerceptron(classCount: labels.count)
        var random = SeededRandom(seed: options.seed)
        var order = Array(attributes.indices)
        var features = [UInt64](repeating: 0, count: EntityFeatures.count)
        var scores = [Float](repeating: 0, count: labels.count)
        for epoch in 1...max(1, options.epochs) {
            random.shuffle(&order)
            var errors = 0
            var total = 0
            for index in order {
                let sentence = attributes[index]
                var previous = EntityLabels.outside
                var beforePrevious = EntityLabels.outside
                for position in 0..<sentence.count {
                    let truth = gold[index][position]
                    let guess = features.withUnsafeMutableBufferPointer { buffer in
                        EntityFeatures.extract(
                            position, sentence, gazetteer: gazetteerCodes[index], previous: UInt64(previous + 1),
                            beforePrevious: UInt64(beforePrevious + 1), into: buffer.baseAddress!)
                        return scores.withUnsafeMutableBufferPointer { scores in
                            scores.update(repeating: 0)
                            perceptron.score(UnsafeBufferPointer(buffer), into: scores)
                            var best = -1
                            for candidate in 0..<scores.count where labels.allowed(candidate, after: previous) {
                                if best < 0 || scores[candidate] > scores[best] { best = candidate }
                            }
                            return max(best, 0)
                        }
                    }
                    if guess != truth {
                        errors += 1
                        features.withUnsafeBufferPointer { perceptron.update($0, truth: truth, guess: guess) }
                    }
                    total += 1
                    perceptron.advance()
                    beforePrevious = previous
                    previous = guess
                }
            }
            var line = String(
                format: "ner: epoch %d, %.2f%% labels wrong, %.0fs", epoch,
                100 * Double(errors) / Double(max(1, total)),
                Date().timeIntervalSince(started))
            if !dev.isEmpty, epoch % 3 == 0 || epoch == options.epochs {
                let recognizer = EntityRecognizer(
                    labels: labels, model: perceptron.compact(minimum: options.minimumWeight), gazetteer: gazetteer)
                var scorer = EntityScorer()
                for sentence in dev {
                    scorer.add(gold: sentence, predicted: recognizer.recognize(words: sentence.words))
                }
                line += String(format: "; dev PER/ORG/LOC F1 %.4f", scorer.overall.f1)
            }
            log(line)
        }
        return EntityRecognizer(
            labels: labels, model: perceptron.compact(minimum: options.minimumWeight), gazetteer: gazetteer)
    }

    /// Sentences of words laid out as one text with tokens, as the recognizer reads documents.
    struct Laid {
        var text: [UInt8] = []
        var tokens: [Token] = []
        var sentences: [Range<Int>] = []

        init(_ source: [EntitySentence]) {
            for sentence in source {
                let first = tokens.count
                for word in sentence.words {
                    let start = text.count
                    text.append(contentsOf: word.utf8)
                    tokens.append(Token(start: Int32(start), end: Int32(text.count)))
                    text.append(0x20)
                }
                sentences.append(first..<tokens.count)
            }
        }
    }
}

extension EntityRecognizer {
    /// The entities of a sentence given as words (for corpora and tests).
    public func recognize(words: [String]) -> [EntitySpan] {
        let laid = EntityTrainer.Laid([EntitySentence(words: words, spans: [])])
        var scratch = Scratch()
        return laid.text.withUnsafeBufferPointer { text in
            laid.tokens.withUnsafeBufferPointer { recognize(text, $0, scratch: &scratch) }
        }
    }
}

/// Strict span scores: a predicted entity is right when its words and its type group are
/// exactly a gold entity's. Types are grouped as CoNLL-2003 does (`PER`; `ORG`; `LOC` for GPE,
/// LOC and FAC; `MISC` for NORP, EVENT and MISC), and only the ``scored`` groups count.
public struct EntityScorer: Sendable {
    public struct Counts: Sendable, Hashable {
        public var correct = 0
        public var predicted = 0
        public var gold = 0

        public init() {}

        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public var scored: [String]
    public private(set) var byGroup: [String: Counts] = [:]
    /// Wrong and missed entities, for reading (`predicted` or `missed`, group, words).
    public private(set) var errors: [(kind: String, group: String, text: String)] = []
    public var keepErrors = false

    public init(scored: [String] = ["PER", "ORG", "LOC"]) {
        self.scored = scored
    }

    public static func group(_ kind: Entity.Kind) -> String {
        switch kind {
        case .person: "PER"
        case .organization: "ORG"
        case .geopolitical, .location, .facility: "LOC"
        case .nationality, .event, .miscellaneous: "MISC"
        }
    }

    public mutating func add(gold sentence: EntitySentence, predicted: [EntitySpan]) {
        var goldSet = Set<String>()
        for span in sentence.spans {
            let group = Self.group(span.type)
            guard scored.contains(group) else { continue }
            goldSet.insert("\(span.words.lowerBound):\(span.words.upperBound):\(group)")
            byGroup[group, default: Counts()].gold += 1
        }
        var found = Set<String>()
        for span in predicted {
            let group = Self.group(span.type)
            let key = "\(span.words.lowerBound):\(span.words.upperBound):\(group)"
            guard scored.contains(group),
                goldSet.contains(key) || !sentence.ignored.contains(where: { $0.overlaps(span.words) })
            else { continue }
            byGroup[group, default: Counts()].predicted += 1
            if goldSet.contains(key) {
                byGroup[group, default: Counts()].correct += 1
                found.insert(key)
            } else if keepErrors {
                errors.append(("predicted", group, sentence.words[span.words].joined(separator: " ")))
            }
        }
        if keepErrors {
            for span in sentence.spans where scored.contains(Self.group(span.type)) {
                let key = "\(span.words.lowerBound):\(span.words.upperBound):\(Self.group(span.type))"
                if !found.contains(key) {
                    errors.append(("missed", Self.group(span.type), sentence.words[span.words].joined(separator: " ")))
                }
            }
        }
    }

    /// Micro-averaged over the scored groups.
    public var overall: Counts {
        scored.reduce(into: Counts()) { total, group in
            let counts = byGroup[group] ?? Counts()
            total.correct += counts.correct
            total.predicted += counts.predicted
            total.gold += counts.gold
        }
    }
}
