import Foundation

/// Trains the ``Parser``: an averaged perceptron that learns, sentence by sentence, which
/// arc-eager transition to take, with the dynamic oracle of Goldberg and Nivre (2012).
///
/// The oracle says, in any configuration, which transitions lose no more gold arcs than are
/// already lost. The parser follows its own predictions (with probability
/// ``Options/exploration`` from the second epoch on), so it learns to recover from its own
/// mistakes instead of seeing only gold configurations; it is updated whenever its prediction
/// costs arcs, towards the best-scoring transition that costs none.
///
/// The tags it trains on are *predicted*, not gold: the train sentences are split into
/// ``Options/jackknife`` folds and each is tagged by a tagger trained on the others, so that
/// train-time tags make the mistakes test-time tags make. Gold trees are made projective first
/// (``Projectivizer``). Deterministic for a given seed.
public enum ParserTrainer {
    public struct Options: Sendable {
        public var epochs = 15
        public var seed: UInt64 = 1
        /// The probability of following a wrong prediction, from the second epoch on.
        public var exploration = 0.9
        /// Folds for predicted training tags; 0 or 1 trains on gold tags.
        public var jackknife = 4
        /// Epochs of the fold taggers.
        public var taggerEpochs = 8
        /// The smallest averaged weight the shipped model may keep; larger thresholds are tried
        /// until the model fits in ``maximumBytes``.
        public var minimumWeight: Float = 1.25
        /// The largest model to ship.
        public var maximumBytes = 10_000_000

        public init() {}
    }

    /// Trains a parser on `sentences`; `tagger` tags `dev` for the scores logged every few epochs
    /// and lends its tag set to the fold taggers.
    public static func train(
        _ sentences: [CoNLLU.Sentence], dev: [CoNLLU.Sentence] = [], tagger: Tagger, lemmatizer: Lemmatizer? = nil,
        options: Options = Options(), log: (String) -> Void = { _ in }
    ) -> Parser {
        let started = Date()
        // Dev is tagged with the second pass on every word, so that the model chosen does not
        // depend on the run-time ``Tagger/secondPassMargin``.
        var tagger = tagger
        tagger.secondPassMargin = .infinity
        let usable = sentences.filter { sentence in
            Projectivizer.isTree(sentence.words.map { $0.head ?? -1 })
        }
        let labels = relations(usable)
        let corpus = TreebankCorpus(usable)
        let tags = trainingTags(usable, corpus: corpus, tagger: tagger, options: options, log: log)
        log(
            String(
                format: "parser: %d sentences (%d skipped: not a tree), %d words, %d relations; tags ready in %.0fs",
                usable.count, sentences.count - usable.count, corpus.wordCount, labels.count,
                Date().timeIntervalSince(started)))

        var labelIds: [String: Int] = [:]
        for (index, label) in labels.enumerated() { labelIds[label] = index }
        var goldHeads: [Int] = []
        var lifted = 0
        for range in corpus.sentences {
            var heads = corpus.heads[range].map(Int.init)
            lifted += Projectivizer.projectivize(&heads)
            goldHeads += heads
        }
        let goldLabels = corpus.relations.map { labelIds[$0] ?? 0 }
        log("projectivized: \(lifted) arcs lifted")

        var attributes: [SentenceAttributes] = []
        corpus.text.withUnsafeBufferPointer { text in
            corpus.tokens.withUnsafeBufferPointer { tokens in
                for range in corpus.sentences {
                    var sentence = SentenceAttributes()
                    sentence.fill(text, UnsafeBufferPointer(rebasing: tokens[range]))
                    attributes.append(sentence)
                }
            }
        }

        let moves = ArcEager.Moves(labelCount: labels.count, rootLabel: labelIds["root"] ?? 0)
        let universal = tagger.tagSet.universalIds
        var perceptron = AveragedPerceptron(classCount: moves.count)
        var random = SeededRandom(seed: options.seed)
        var order = Array(corpus.sentences.indices)
        var state = ArcEager()
        var values = ParserFeatures.Values()
        var features = [UInt64](repeating: 0, count: ParserFeatures.count)
        var scores = [Float](repeating: 0, count: moves.count)
        var costs = [Int](repeating: 0, count: moves.count)
        var parser = Parser(labels: labels, model: LinearModel(rows: [], classCount: moves.count))
        let devScorer = dev.isEmpty ? nil : TreebankScorer(dev)
        let epochs = max(1, options.epochs)
        for epoch in 1...epochs {
            random.shuffle(&order)
            var mistakes = 0
            var transitions = 0
            for sentenceIndex in order {
                let range = corpus.sentences[sentenceIndex]
                let n = range.count
                let gold = Gold(
                    heads: [-1] + goldHeads[range] + [-1], labels: [-1] + goldLabels[range] + [-1])
                tags.withUnsafeBufferPointer {
                    values.fill(
                        attributes[sentenceIndex], tags: UnsafeBufferPointer(rebasing: $0[range]), universal: universal)
                }
                state.reset(words: n)
                while !state.isTerminal {
                    features.withUnsafeMutableBufferPointer {
                        ParserFeatures.extract(state, values, into: $0.baseAddress!)
                    }
                    for index in scores.indices { scores[index] = 0 }
                    features.withUnsafeBufferPointer { features in
                        scores.withUnsafeMutableBufferPointer { perceptron.score(features, into: $0) }
                    }
                    Self.costs(state, gold, moves, into: &costs)
                    var guess = -1
                    var truth = -1
                    for move in 0..<moves.count where costs[move] >= 0 {
                        if guess < 0 || scores[move] > scores[guess] { guess = move }
                        if truth < 0 || costs[move] < costs[truth]
                            || (costs[move] == costs[truth] && scores[move] > scores[truth])
                        {
                            truth = move
                        }
                    }
                    guard guess >= 0 else { break }
                    transitions += 1
                    var next = guess
                    if costs[guess] > costs[truth] {
                        mistakes += 1
                        features.withUnsafeBufferPointer {
                            perceptron.update($0, truth: truth, guess: guess)
                        }
                        if epoch == 1 || random.unit() >= options.exploration { next = truth }
                    }
                    perceptron.advance()
                    state.apply(next, moves)
                }
            }
            var line = String(
                format: "epoch %2d  mistakes %.4f  %d features, %d weights  %.0fs", epoch,
                Double(mistakes) / Double(max(1, transitions)), perceptron.featureCount, perceptron.entryCount,
                Date().timeIntervalSince(started))
            if let devScorer, epoch == epochs || epoch % 3 == 0 {
                parser = Parser(labels: labels, model: perceptron.compact(minimum: options.minimumWeight))
                let score = devScorer.score(SyntaxAnnotator(tagger: tagger, lemmatizer: lemmatizer, parser: parser))
                line += String(format: "  dev UAS %.4f LAS %.4f", score.uas, score.las)
            }
            log(line)
        }
        // Prune: of the thresholds whose model fits in `maximumBytes`, the one that parses dev
        // best (without dev, the lowest that fits).
        var chosen: (model: LinearModel, las: Double)?
        let thresholds: [Float] = [0.25, 0.5, 1, 1.25, 1.5, 2, 3, 4, 8].filter { $0 > options.minimumWeight }
        for minimum in [options.minimumWeight] + thresholds {
            let model = perceptron.compact(minimum: minimum)
            let fits = model.byteCount <= options.maximumBytes
            var line = String(
                format: "pruned below %.2f: %d features, %d weights, %.1f MB", minimum, model.featureCount,
                model.entryCount, Double(model.byteCount) / 1e6)
            var las = 0.0
            if let devScorer, fits {
                let score = devScorer.score(
                    SyntaxAnnotator(tagger: tagger, lemmatizer: nil, parser: Parser(labels: labels, model: model)))
                las = score.las
                line += String(format: "; dev UAS %.4f LAS %.4f", score.uas, score.las)
            }
            log(line + (fits ? "" : " (too large)"))
            if fits, chosen == nil || las > chosen!.las { chosen = (model, las) }
            if fits && devScorer == nil { break }
        }
        parser = Parser(labels: labels, model: chosen?.model ?? perceptron.compact(minimum: 16))
        log("model: \(parser.model.featureCount) features, \(parser.model.entryCount) weights")
        return parser
    }

    /// The relations of the train sentences, most frequent first, `root` included.
    static func relations(_ sentences: [CoNLLU.Sentence]) -> [String] {
        var counts: [String: Int] = ["root": 0]
        for sentence in sentences { for word in sentence.words { counts[word.deprel, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// The tags the parser trains on: from fold taggers (jackknifing), or gold.
    static func trainingTags(
        _ sentences: [CoNLLU.Sentence], corpus: TreebankCorpus, tagger: Tagger, options: Options,
        log: (String) -> Void
    ) -> [UInt16] {
        let tagSet = tagger.tagSet
        let folds = options.jackknife
        guard folds > 1 else {
            return TaggerTrainer.goldTags(corpus, tagSet).map { UInt16(max(0, $0)) }
        }
        var taggerOptions = TaggerTrainer.Options(epochs: options.taggerEpochs, seed: options.seed)
        taggerOptions.twoPasses = false
        return TaggerTrainer.jackknife(sentences, tagSet: tagSet, folds: folds, options: taggerOptions, log: log)
    }

    /// The gold tree of a sentence, indexed like ``ArcEager`` (0 the root, `n + 1` none).
    struct Gold {
        var heads: [Int]
        var labels: [Int]
    }

    /// The cost of each move in `state` (gold arcs it makes unreachable), or -1 if illegal.
    /// Arc-eager costs are arc-decomposable (Goldberg and Nivre 2012): each is counted from the
    /// arcs between the stack's top or the buffer's front and the rest.
    static func costs(_ state: ArcEager, _ gold: Gold, _ moves: ArcEager.Moves, into costs: inout [Int]) {
        let s = state.top
        let b = state.buffer
        let n = state.n
        var childrenOfTopInBuffer = 0
        if s != 0 && s != state.none {
            for word in b...n where gold.heads[word] == s { childrenOfTopInBuffer += 1 }
        }
        var orphansOfFrontOnStack = 0
        for word in state.stack where word != 0 && gold.heads[word] == b && state.heads[word] < 0 {
            orphansOfFrontOnStack += 1
        }
        let frontHead = gold.heads[b]
        let frontHeadOnStack = state.onStack[frontHead] && (frontHead != 0 || !state.rootHasChild)
        let shift = (frontHeadOnStack ? 1 : 0) + orphansOfFrontOnStack
        let reduce = childrenOfTopInBuffer
        let topHead = s == state.none || s == 0 ? -1 : gold.heads[s]
        let left = childrenOfTopInBuffer + (topHead > b ? 1 : 0)
        let right = (frontHead != s && (frontHeadOnStack || frontHead > b) ? 1 : 0) + orphansOfFrontOnStack
        for move in 0..<moves.count {
            guard state.isLegal(move, moves) else {
                costs[move] = -1
                continue
            }
            switch move {
            case ArcEager.Moves.shift: costs[move] = shift
            case ArcEager.Moves.reduce: costs[move] = reduce
            default:
                let label = moves.label(move)
                if moves.isLeft(move) {
                    costs[move] = left + (topHead == b && label != gold.labels[s] ? 1 : 0)
                } else {
                    costs[move] = right + (frontHead == s && label != gold.labels[b] ? 1 : 0)
                }
            }
        }
    }
}
