import Foundation
import TribuneNLP

/// Tagger, lemmatizer and parser against a gold treebank, on its gold words: UPOS, XPOS and
/// lemma accuracy, UAS and LAS (see ``TreebankScorer``), and words per second on one core.
///
/// The tags the parser reads are the tagger's, never the gold ones. The baseline printed with
/// them, measured in the same run, is what the treebank's most frequent tag for each word (and
/// `NN`/`NOUN` for unknown words) would score: the floor a tagger must rise above.
public enum ParserEvaluation {
    public static let defaultFile = "ud/ewt/en_ewt-ud-test.conllu"

    /// Scores the shipped models (or `annotator`) on `file`; with `write`, also writes the
    /// predicted annotations there as CoNLL-U. `taggerMargin` replaces the tagger's
    /// ``Tagger/secondPassMargin`` (for tuning it on dev).
    public static func run(
        file: URL, annotator given: SyntaxAnnotator? = nil, write: URL? = nil, taggerMargin: Float? = nil
    ) throws -> EvaluationReport {
        let loadStart = Date()
        var annotator = try given ?? SyntaxAnnotator()
        let loadSeconds = Date().timeIntervalSince(loadStart)
        if let taggerMargin {
            var tagger = annotator.tagger
            tagger.secondPassMargin = taggerMargin
            annotator = SyntaxAnnotator(tagger: tagger, lemmatizer: annotator.lemmatizer, parser: annotator.parser)
        }
        let sentences: [CoNLLU.Sentence]
        do {
            sentences = try CoNLLU.read(contentsOf: file)
        } catch {
            throw EvaluationError(file: file.path, reason: "\(error)")
        }
        guard !sentences.isEmpty else { throw EvaluationError(file: file.path, reason: "no sentences") }
        let scorer = TreebankScorer(sentences)
        // Best of three timings (by CPU time); the scores are the same each time.
        var scores = scorer.score(annotator)
        for _ in 0..<2 {
            let again = scorer.score(annotator)
            if again.cpuSeconds < scores.cpuSeconds {
                scores.cpuSeconds = again.cpuSeconds
                scores.seconds = again.seconds
            }
        }
        let baseline = mostFrequentTagBaseline(sentences, training: nil)
        if let write {
            try CoNLLU.format(annotator.annotated(sentences)).write(to: write, atomically: true, encoding: .utf8)
        }

        var report = EvaluationReport(title: "Tagger, lemmatizer and parser on \(file.lastPathComponent)")
        report.lines = [
            "\(scorer.sentenceCount) sentences, \(scores.words) words (gold tokenization; predicted tags feed the parser)",
            "",
            String(format: "UPOS   %.4f", scores.upos),
            String(format: "XPOS   %.4f", scores.xpos),
            String(format: "lemma  %.4f", scores.lemma),
            String(format: "UAS    %.4f", scores.uas),
            String(format: "LAS    %.4f   (relations with their subtypes, e.g. nsubj:pass)", scores.las),
            String(
                format: "LAS    %.4f   (universal relations only, as the CoNLL 2018 script counts)", scores.universalLAS
            ),
            "",
            String(
                format:
                    "speed: %.0f words per CPU second on one core (tag, lemmatize and parse; %.2f s CPU, %.2f s wall); "
                    + "models loaded in %.2f s", scores.wordsPerCPUSecond, scores.cpuSeconds, scores.seconds,
                loadSeconds),
            String(
                format:
                    "baseline in the same run: the word's own most frequent gold tag in this file scores UPOS %.4f, XPOS %.4f",
                baseline.upos, baseline.xpos),
        ]
        report.figures = [
            ("upos", rounded(scores.upos)), ("xpos", rounded(scores.xpos)), ("lemma", rounded(scores.lemma)),
            ("uas", rounded(scores.uas)), ("las", rounded(scores.las)),
            ("tokensPerSecond", scores.wordsPerCPUSecond.rounded()),
        ]
        return report
    }

    private static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

    /// Accuracy of tagging each word with its most frequent tag in `training` (or, without it, in
    /// the scored sentences themselves: an optimistic floor, since it has seen the answers).
    static func mostFrequentTagBaseline(_ sentences: [CoNLLU.Sentence], training: [CoNLLU.Sentence]?)
        -> (upos: Double, xpos: Double)
    {
        var counts: [String: [String: Int]] = [:]
        for sentence in training ?? sentences {
            for word in sentence.words {
                counts[word.form, default: [:]][word.upos + "\t" + word.xpos, default: 0] += 1
            }
        }
        var best: [String: (upos: Substring, xpos: Substring)] = [:]
        for (form, tags) in counts {
            let top = tags.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            let parts = top.split(separator: "\t", omittingEmptySubsequences: false)
            best[form] = (parts[0], parts[1])
        }
        var upos = 0
        var xpos = 0
        var total = 0
        for sentence in sentences {
            for word in sentence.words {
                let guess = best[word.form] ?? ("NOUN", "NN")
                if guess.upos == word.upos { upos += 1 }
                if guess.xpos == word.xpos { xpos += 1 }
                total += 1
            }
        }
        return (Double(upos) / Double(max(1, total)), Double(xpos) / Double(max(1, total)))
    }
}

/// An evaluation input that cannot be used.
public struct EvaluationError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
}
