import Foundation
import TribuneCore
import TribuneNLP

/// Tagger, lemmatizer and parser throughput on one core, with the segmenter's on the same text
/// as the baseline measured in the same run.
///
/// The text is real: the sentences of the UD English test files (EWT and GUM) on their gold
/// words, repeated to the size asked for. Each configuration runs five times; the fastest
/// counts. Speeds are per second of the thread's CPU time, which a machine busy with other work
/// disturbs far less than the wall clock (printed beside it). Parsing alone is the time of
/// tagging and parsing less that of tagging.
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
        /// CPU and wall seconds of the fastest of five runs (by CPU time).
        func time(_ annotator: SyntaxAnnotator) -> (cpu: Double, wall: Double) {
            (0..<5).map { _ -> (cpu: Double, wall: Double) in
                let scores = scorer.score(annotator)
                return (scores.cpuSeconds, scores.seconds)
            }.min { $0.cpu < $1.cpu }!
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
        let segmenting = (0..<5).map { _ -> (cpu: Double, wall: Double) in
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = ResourceUsage.threadCPUSeconds()
            segmentedTokens = text.withUnsafeBufferPointer { segmenter.segment($0, paragraphs: ranges).tokens.count }
            return (
                ResourceUsage.threadCPUSeconds() - cpuStart,
                Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            )
        }.min { $0.cpu < $1.cpu }!

        let words = Double(scorer.wordCount)
        func less(_ a: (cpu: Double, wall: Double), _ b: (cpu: Double, wall: Double)) -> (cpu: Double, wall: Double) {
            (max(1e-9, a.cpu - b.cpu), max(1e-9, a.wall - b.wall))
        }
        let parsing = less(taggingParsing, tagging)
        let lemmaOnly = less(lemmatizing, tagging)
        var report = EvaluationReport(title: "Tagger and parser benchmark (one core)")
        let timed: [(String, Double, (cpu: Double, wall: Double))] = [
            ("segmenter (baseline)", Double(segmentedTokens), segmenting),
            ("tagging", words, tagging),
            ("lemmatizing alone", words, lemmaOnly),
            ("parsing alone", words, parsing),
            ("tag + lemma + parse", words, everything),
        ]
        let rows = timed.map { ($0.0, $0.1 / $0.2.cpu, $0.2.cpu, $0.2.wall) }
        report.lines =
            [
                "text: \(scorer.wordCount) words in \(scorer.sentenceCount) sentences (\(sources.joined(separator: ", ")), repeated)",
                "",
            ]
            + ["                         tokens per CPU second   CPU s   wall s"]
            + rows.map {
                $0.0.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + String(format: " %14.0f tokens/s  %7.3f  %7.3f", $0.1, $0.2, $0.3)
            }
            + [
                "",
                String(
                    format: "tagging / segmenter: %.2f   parsing / segmenter: %.2f", rows[1].1 / rows[0].1,
                    rows[3].1 / rows[0].1),
                String(
                    format: "models (tagger, parser, lemma lists): %.1f MB, loaded in %.3f s", Double(modelBytes) / 1e6,
                    loadSeconds),
                "load average at the end: " + Self.loadAverage(),
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

    /// The 1-, 5- and 15-minute load averages, or "unknown".
    static func loadAverage() -> String {
        var loads = [Double](repeating: 0, count: 3)
        guard getloadavg(&loads, 3) == 3 else { return "unknown" }
        return String(format: "%.2f %.2f %.2f", loads[0], loads[1], loads[2])
    }
}
