import Foundation
import TribuneNLP

/// Tagger, lemmatizer and parser throughput on one core, with the segmenter's on the same text
/// as the baseline measured in the same run.
///
/// The text is real: the sentences of the UD English test files (EWT and GUM) on their gold
/// words, repeated to the size asked for. Each configuration runs three times; the fastest
/// counts. Parsing alone is the time of tagging and parsing less that of tagging.
public enum ParserBenchmark {
    public static func run(data: SharedData, words target: Int) throws -> EvaluationReport {
        var sentences: [CoNLLU.Sentence] = []
        var sources: [String] = []
        for file in ["ud/ewt/en_ewt-ud-test.conllu", "ud/gum/en_gum-ud-test.conllu"] where data.exists(file) {
            sentences += try CoNLLU.read(contentsOf: data.url(file))
            sources.append(file)
        }
        guard !sentences.isEmpty else {
            throw EvaluationError(file: data.url("ud").path, reason: "no UD English test files")
        }
        var corpus: [CoNLLU.Sentence] = []
        var count = 0
        while count < target {
            for sentence in sentences where count < target {
                corpus.append(sentence)
                count += sentence.words.count
            }
        }
        // Loading, as a process starting up does it: each model file read and indexed once.
        let loadStart = DispatchTime.now().uptimeNanoseconds
        let full = try SyntaxAnnotator()
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
        let modelBytes = try SyntaxAnnotator.shippedFiles().reduce(0) { total, url in
            total + ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0)
        }
        let scorer = TreebankScorer(corpus)
        func time(_ annotator: SyntaxAnnotator) -> Double {
            (0..<3).map { _ in scorer.score(annotator).seconds }.min()!
        }
        let tagging = time(SyntaxAnnotator(tagger: full.tagger, lemmatizer: nil, parser: nil))
        let lemmatizing = time(SyntaxAnnotator(tagger: full.tagger, lemmatizer: full.lemmatizer, parser: nil))
        let taggingParsing = time(SyntaxAnnotator(tagger: full.tagger, lemmatizer: nil, parser: full.parser))
        let everything = time(full)

        let paragraphs = CoNLLU.paragraphs(corpus)
        var text: [UInt8] = []
        var ranges: [Range<Int>] = []
        for paragraph in paragraphs {
            if !text.isEmpty { text += [0x0A, 0x0A] }
            ranges.append(text.count..<text.count + paragraph.text.count)
            text += paragraph.text
        }
        let segmenter = try Segmenter()
        var segmentedTokens = 0
        let segmenting = (0..<3).map { _ -> Double in
            let start = DispatchTime.now().uptimeNanoseconds
            segmentedTokens = text.withUnsafeBufferPointer { segmenter.segment($0, paragraphs: ranges).tokens.count }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }.min()!

        let words = Double(scorer.wordCount)
        let parsing = max(1e-9, taggingParsing - tagging)
        let lemmaOnly = max(1e-9, lemmatizing - tagging)
        var report = EvaluationReport(title: "Tagger and parser benchmark (one core)")
        let rows: [(String, Double, Double)] = [
            ("segmenter (baseline)", Double(segmentedTokens) / segmenting, segmenting),
            ("tagging", words / tagging, tagging),
            ("lemmatizing alone", words / lemmaOnly, lemmaOnly),
            ("parsing alone", words / parsing, parsing),
            ("tag + lemma + parse", words / everything, everything),
        ]
        report.lines =
            [
                "text: \(scorer.wordCount) words in \(scorer.sentenceCount) sentences (\(sources.joined(separator: ", ")), repeated)",
                "",
            ]
            + rows.map { String(format: "%-22@ %10.0f tokens/s  %6.3f s", $0.0 as NSString, $0.1, $0.2) }
            + [
                "",
                String(
                    format: "tagging / segmenter: %.2f   parsing / segmenter: %.2f", rows[1].1 / rows[0].1,
                    rows[3].1 / rows[0].1),
                String(
                    format: "models (tagger, parser, lemma lists): %.1f MB, loaded in %.3f s", Double(modelBytes) / 1e6,
                    loadSeconds),
                "Reproduce: swift build -c release && .build/release/tribune bench nlp --words \(target)",
            ]
        report.figures = [
            ("segmenter_tokens_per_s", rows[0].1.rounded()), ("tagging_tokens_per_s", rows[1].1.rounded()),
            ("lemmatizing_tokens_per_s", rows[2].1.rounded()), ("parsing_tokens_per_s", rows[3].1.rounded()),
            ("pipeline_tokens_per_s", rows[4].1.rounded()), ("model_load_s", (loadSeconds * 1000).rounded() / 1000),
            ("model_megabytes", (Double(modelBytes) / 1e5).rounded() / 10),
        ]
        return report
    }
}
