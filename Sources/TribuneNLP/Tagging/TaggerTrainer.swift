import Foundation

/// Trains the ``Tagger`` on treebank sentences: builds the tag set and the ``TagLexicon`` from
/// the train files, then runs the averaged perceptron over them, in an order shuffled by the
/// seed, tagging greedily as at run time and updating on every mistake.
///
/// The second pass trains on first-pass tags of the words on the right that come from taggers
/// trained on the other folds of the data (jackknifing), so that they are as wrong as they will
/// be at run time. Deterministic: the same sentences, options and seed give the same model file.
public enum TaggerTrainer {
    public struct Options: Sendable {
        public var epochs = 10
        public var seed: UInt64 = 1
        /// Averaged weights smaller than this are dropped from the shipped model.
        public var minimumWeight: Float = 0.02
        /// A word seen at least this often with one tag in at least ``fixedShare`` of its
        /// occurrences is tagged from the lexicon, without the model.
        public var fixedCount = 50
        public var fixedShare = 0.995
        /// Whether to train the second pass.
        public var twoPasses = true
        /// The largest model (both passes) to ship.
        public var maximumBytes = 5_500_000
        /// Folds for the first-pass tags the second pass trains on.
        public var folds = 4

        public init(epochs: Int = 10, seed: UInt64 = 1, minimumWeight: Float = 0.02) {
            self.epochs = epochs
            self.seed = seed
            self.minimumWeight = minimumWeight
        }
    }

    /// Trains a tagger; when `dev` is given, logs its accuracy there every other epoch.
    public static func train(
        _ sentences: [CoNLLU.Sentence], dev: [CoNLLU.Sentence] = [], options: Options = Options(),
        tagSet given: TagSet? = nil, log: (String) -> Void = { _ in }
    ) -> Tagger {
        let started = Date()
        let tagSet = given ?? TagSet.collect(sentences)
        let corpus = TreebankCorpus(sentences)
        let gold = goldTags(corpus, tagSet)
        let lexicon = TagLexicon.build(
            zip(corpus.forms, gold).compactMap { $1 < 0 ? nil : (WordAttributes.norm($0), $1) },
            fixedCount: options.fixedCount, fixedShare: options.fixedShare)
        log(
            "tagger: \(corpus.sentences.count) sentences, \(corpus.wordCount) words, \(tagSet.count) tags, "
                + "\(lexicon.count) words in the lexicon")
        let attributes = sentenceAttributes(corpus)
        let devCorpus = dev.isEmpty ? nil : TreebankCorpus(dev)
        func score(_ tagger: Tagger) -> String {
            guard let devCorpus else { return "" }
            let result = accuracy(tagger, devCorpus)
            return String(format: "  dev UPOS %.4f XPOS %.4f", result.upos, result.xpos)
        }

        let minimum = options.minimumWeight
        let firstPerceptron = trainPass(
            corpus, attributes, gold, lexicon, classCount: tagSet.count, right: nil, options: options,
            started: started, log: log
        ) { perceptron in
            score(Tagger(tagSet: tagSet, model: perceptron.compact(minimum: minimum), lexicon: lexicon))
        }
        let first = firstPerceptron.compact(minimum: minimum)
        guard options.twoPasses else { return Tagger(tagSet: tagSet, model: first, lexicon: lexicon) }
        let right = jackknife(
            sentences, tagSet: tagSet, folds: options.folds, options: options, started: started, log: log)
        let secondPerceptron = trainPass(
            corpus, attributes, gold, lexicon, classCount: tagSet.count, right: right, options: options,
            started: started, log: log
        ) { perceptron in
            score(Tagger(tagSet: tagSet, model: first, second: perceptron.compact(minimum: minimum), lexicon: lexicon))
        }
        // Prune: of the thresholds whose model fits in `maximumBytes`, the one that tags dev
        // best (without dev, the lowest that fits).
        var chosen: (tagger: Tagger, score: Double)?
        for other in [minimum, 0.1, 0.25, 0.5, 1, 2] {
            let tagger = Tagger(
                tagSet: tagSet, model: firstPerceptron.compact(minimum: other),
                second: secondPerceptron.compact(minimum: other), lexicon: lexicon)
            let bytes = tagger.model.byteCount + (tagger.second?.byteCount ?? 0)
            let fits = bytes <= options.maximumBytes
            var value = 0.0
            var line = String(format: "pruned below %.2f: %.1f MB", other, Double(bytes) / 1e6)
            if let devCorpus, fits {
                let result = accuracy(tagger, devCorpus)
                value = result.upos + result.xpos
                line += String(format: "  dev UPOS %.4f XPOS %.4f", result.upos, result.xpos)
            }
            log(line + (fits ? "" : " (too large)"))
            if fits, chosen == nil || value > chosen!.score { chosen = (tagger, value) }
            if fits && devCorpus == nil { break }
        }
        return chosen?.tagger
            ?? Tagger(
                tagSet: tagSet, model: firstPerceptron.compact(minimum: 4),
                second: secondPerceptron.compact(minimum: 4),
                lexicon: lexicon)
    }

    /// Trains one pass; with `right` (first-pass tags of the corpus), the second.
    private static func trainPass(
        _ corpus: TreebankCorpus, _ attributes: [SentenceAttributes], _ gold: [Int], _ lexicon: TagLexicon,
        classCount: Int, right: [UInt16]?, options: Options, started: Date, log: (String) -> Void,
        evaluate: (AveragedPerceptron) -> String
    ) -> AveragedPerceptron {
        var perceptron = AveragedPerceptron(classCount: classCount)
        let featureCount = right == nil ? TaggerFeatures.count : TaggerFeatures.secondPassCount
        var random = SeededRandom(seed: options.seed &+ (right == nil ? 0 : 1000))
        var order = Array(corpus.sentences.indices)
        var context = TaggerFeatures.Context()
        var features = [UInt64](repeating: 0, count: TaggerFeatures.secondPassCount)
        var scores = [Float](repeating: 0, count: perceptron.classCount)
        let epochs = max(1, options.epochs)
        for epoch in 1...epochs {
            random.shuffle(&order)
            var correct = 0
            var total = 0
            for sentenceIndex in order {
                let sentence = attributes[sentenceIndex]
                let range = corpus.sentences[sentenceIndex]
                context.fill(sentence, lexicon: lexicon)
                var previous: UInt64 = 0
                var beforePrevious: UInt64 = 0
                for index in 0..<range.count {
                    let truth = gold[range.lowerBound + index]
                    var guess = context.fixedTags[index + 2]
                    if guess < 0 {
                        features.withUnsafeMutableBufferPointer { features in
                            TaggerFeatures.extract(
                                index, sentence, context, previous: previous, beforePrevious: beforePrevious,
                                into: features.baseAddress!)
                            if let right {
                                let next = range.lowerBound + index + 1
                                TaggerFeatures.extractRight(
                                    index, sentence, previous: previous,
                                    next: next < range.upperBound ? UInt64(right[next]) + 1 : 0,
                                    afterNext: next + 1 < range.upperBound ? UInt64(right[next + 1]) + 1 : 0,
                                    into: features.baseAddress!)
                            }
                            let used = UnsafeBufferPointer(rebasing: features[..<featureCount])
                            scores.withUnsafeMutableBufferPointer { scores in
                                scores.update(repeating: 0)
                                perceptron.score(used, into: scores)
                                var best = 0
                                for candidate in 1..<scores.count where scores[candidate] > scores[best] {
                                    best = candidate
                                }
                                guess = best
                            }
                            if truth >= 0 { perceptron.update(used, truth: truth, guess: guess) }
                        }
                        perceptron.advance()
                    }
                    if truth >= 0 {
                        total += 1
                        if guess == truth { correct += 1 }
                    }
                    beforePrevious = previous
                    previous = UInt64(guess + 1)
                }
            }
            var line = String(
                format: "%@ epoch %2d  train %.4f  %d features, %d weights  %.0fs",
                right == nil ? "pass 1" : "pass 2", epoch, Double(correct) / Double(max(1, total)),
                perceptron.featureCount, perceptron.entryCount, Date().timeIntervalSince(started))
            if epoch == epochs || epoch % 2 == 0 { line += evaluate(perceptron) }
            log(line)
        }
        return perceptron
    }

    /// The first-pass tags of every word of `sentences`, each fold tagged by a one-pass tagger
    /// trained on the other folds (sentence `i` is in fold `i % folds`). Folds train in parallel.
    public static func jackknife(
        _ sentences: [CoNLLU.Sentence], tagSet: TagSet, folds: Int, options: Options, started: Date = Date(),
        log: (String) -> Void = { _ in }
    ) -> [UInt16] {
        let folds = max(2, folds)
        let results = FoldResults(folds)
        let foldOptions = {
            var copy = options
            copy.twoPasses = false
            return copy
        }()
        DispatchQueue.concurrentPerform(iterations: folds) { fold in
            let others = sentences.indices.filter { $0 % folds != fold }.map { sentences[$0] }
            let heldOut = sentences.indices.filter { $0 % folds == fold }.map { sentences[$0] }
            var options = foldOptions
            options.seed = foldOptions.seed &+ UInt64(fold + 1)
            let tagger = train(others, options: options, tagSet: tagSet)
            results.set(fold, tagCorpus(tagger, TreebankCorpus(heldOut)))
        }
        var result: [UInt16] = []
        var cursor = [Int](repeating: 0, count: folds)
        for (index, sentence) in sentences.enumerated() where !sentence.words.isEmpty {
            let fold = index % folds
            let count = sentence.words.count
            result += results.tags[fold][cursor[fold]..<cursor[fold] + count]
            cursor[fold] += count
        }
        let gold = goldTags(TreebankCorpus(sentences), tagSet)
        let correct = zip(result, gold).filter { Int($0) == $1 }.count
        log(
            String(
                format: "jackknifed tags: %d folds, accuracy %.4f on the train words  %.0fs", folds,
                Double(correct) / Double(max(1, result.count)), Date().timeIntervalSince(started)))
        return result
    }

    /// The fold taggers' output, written from several threads.
    private final class FoldResults: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [[UInt16]]
        init(_ folds: Int) { storage = Array(repeating: [], count: folds) }
        var tags: [[UInt16]] {
            lock.lock()
            defer { lock.unlock() }
            return storage
        }
        func set(_ fold: Int, _ value: [UInt16]) {
            lock.lock()
            storage[fold] = value
            lock.unlock()
        }
    }

    static func sentenceAttributes(_ corpus: TreebankCorpus) -> [SentenceAttributes] {
        var attributes: [SentenceAttributes] = []
        attributes.reserveCapacity(corpus.sentences.count)
        corpus.text.withUnsafeBufferPointer { text in
            corpus.tokens.withUnsafeBufferPointer { tokens in
                for range in corpus.sentences {
                    var sentence = SentenceAttributes()
                    sentence.fill(text, UnsafeBufferPointer(rebasing: tokens[range]))
                    attributes.append(sentence)
                }
            }
        }
        return attributes
    }

    /// The gold tag id of each word of the corpus, -1 when the pair is not in the tag set.
    static func goldTags(_ corpus: TreebankCorpus, _ tagSet: TagSet) -> [Int] {
        var ids: [String: Int] = [:]
        for index in 0..<tagSet.count { ids[tagSet.xpos[index] + "\t" + tagSet.upos[index]] = index }
        return zip(corpus.xpos, corpus.upos).map { ids[$0 + "\t" + $1] ?? -1 }
    }

    /// UPOS and XPOS accuracy of a tagger on gold-tokenized sentences.
    public static func accuracy(_ tagger: Tagger, _ sentences: [CoNLLU.Sentence]) -> (upos: Double, xpos: Double) {
        accuracy(tagger, TreebankCorpus(sentences))
    }

    /// Scored with the second pass on every word, so that the model chosen does not depend on
    /// the run-time ``Tagger/secondPassMargin``.
    static func accuracy(_ tagger: Tagger, _ corpus: TreebankCorpus) -> (upos: Double, xpos: Double) {
        var tagger = tagger
        tagger.secondPassMargin = .infinity
        let tags = tagCorpus(tagger, corpus)
        var upos = 0
        var xpos = 0
        for index in tags.indices {
            if tagger.tagSet.upos[Int(tags[index])] == corpus.upos[index] { upos += 1 }
            if tagger.tagSet.xpos[Int(tags[index])] == corpus.xpos[index] { xpos += 1 }
        }
        let total = Double(max(1, tags.count))
        return (Double(upos) / total, Double(xpos) / total)
    }

    /// The predicted tag of every word of a corpus.
    static func tagCorpus(_ tagger: Tagger, _ corpus: TreebankCorpus) -> [UInt16] {
        var tags: [UInt16] = []
        tags.reserveCapacity(corpus.wordCount)
        var scratch = Tagger.Scratch()
        corpus.text.withUnsafeBufferPointer { text in
            corpus.tokens.withUnsafeBufferPointer { tokens in
                for range in corpus.sentences {
                    tagger.tag(text, UnsafeBufferPointer(rebasing: tokens[range]), into: &tags, scratch: &scratch)
                }
            }
        }
        return tags
    }
}
