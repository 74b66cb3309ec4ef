import Foundation
import TribuneCore

/// Scores a ``SyntaxAnnotator`` against gold treebank sentences on their gold words, as the
/// CoNLL shared tasks do: accuracy of UPOS, XPOS and lemma, and attachment scores over every
/// word, punctuation included: UAS (right head), LAS (right head and relation, subtypes such as
/// `nsubj:pass` included), and LAS on the universal part of the relation only (`nsubj`), the
/// figure the CoNLL 2018 evaluation script reports as LAS.
public struct TreebankScorer: Sendable {
    let corpus: TreebankCorpus

    public init(_ sentences: [CoNLLU.Sentence]) {
        corpus = TreebankCorpus(sentences)
    }

    public var wordCount: Int { corpus.wordCount }
    public var sentenceCount: Int { corpus.sentences.count }

    public struct Scores: Sendable {
        public var words = 0
        public var upos = 0.0
        public var xpos = 0.0
        public var lemma = 0.0
        public var uas = 0.0
        public var las = 0.0
        public var universalLAS = 0.0
        /// Seconds the annotator took, all sentences, one thread: wall clock.
        public var seconds = 0.0
        /// The same, in CPU time of the thread (steady on a machine busy with other work).
        public var cpuSeconds = 0.0
        public var wordsPerSecond: Double { seconds > 0 ? Double(words) / seconds : 0 }
        public var wordsPerCPUSecond: Double { cpuSeconds > 0 ? Double(words) / cpuSeconds : 0 }
    }

    /// Annotates every sentence (timing it) and scores the result.
    public func score(_ annotator: SyntaxAnnotator) -> Scores {
        var output = SyntaxAnnotator.Output()
        output.reserve(corpus.wordCount)
        var scratch = SyntaxAnnotator.Scratch()
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = ResourceUsage.threadCPUSeconds()
        corpus.text.withUnsafeBufferPointer { text in
            corpus.tokens.withUnsafeBufferPointer { tokens in
                for range in corpus.sentences {
                    annotator.annotate(
                        text, UnsafeBufferPointer(rebasing: tokens[range]), into: &output, scratch: &scratch)
                }
            }
        }
        var scores = Scores()
        scores.cpuSeconds = ResourceUsage.threadCPUSeconds() - cpuStart
        scores.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        scores.words = corpus.wordCount
        let tagSet = annotator.tagger.tagSet
        var upos = 0
        var xpos = 0
        var lemma = 0
        var uas = 0
        var las = 0
        var universal = 0
        for range in corpus.sentences {
            for index in range {
                let tag = Int(output.tags[index])
                if tagSet.upos[tag] == corpus.upos[index] { upos += 1 }
                if tagSet.xpos[tag] == corpus.xpos[index] { xpos += 1 }
                if index < output.lemmas.count, output.lemmas[index] == corpus.lemmas[index] { lemma += 1 }
                guard let parser = annotator.parser, index < output.heads.count else { continue }
                let head = Int(output.heads[index]) + 1
                guard head == Int(corpus.heads[index]) else { continue }
                uas += 1
                let label = parser.labels[Int(output.labels[index])]
                if label == corpus.relations[index] { las += 1 }
                if Self.universal(label) == Self.universal(corpus.relations[index]) { universal += 1 }
            }
        }
        let total = Double(max(1, corpus.wordCount))
        scores.upos = Double(upos) / total
        scores.xpos = Double(xpos) / total
        scores.lemma = Double(lemma) / total
        scores.uas = Double(uas) / total
        scores.las = Double(las) / total
        scores.universalLAS = Double(universal) / total
        return scores
    }

    static func universal(_ relation: String) -> Substring {
        relation.split(separator: ":", maxSplits: 1).first ?? Substring(relation)
    }
}
