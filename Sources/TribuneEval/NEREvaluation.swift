import Foundation
import TribuneCore
import TribuneNLP

/// Strict span F1 of the named-entity recognizer, per type and overall, on the held-out
/// newswire (MEANTIME), on GUM test, or on the files given (CoNLL-2003 format, CoNLL-U with
/// `Entity=` annotation, MEANTIME XML), with the gazetteer alone as the baseline in the same run.
public enum NEREvaluation {
    /// A scored corpus: its name, sentences, and the type groups scored.
    struct Corpus {
        var name: String
        var sentences: [EntitySentence]
        var scored: [String]
    }

    public static func run(
        data: SharedData?, files: [String], recognizer: EntityRecognizer, verbose: Bool = false
    ) throws -> EvaluationReport {
        var corpora: [Corpus] = []
        if files.isEmpty {
            guard let data else {
                throw EvaluationError(file: "../shared/data", reason: "not found; give files to score instead")
            }
            corpora.append(
                Corpus(
                    name: "MEANTIME (held out: newswire never used in training)",
                    sentences: try NERData.meantime(data), scored: ["PER", "ORG", "LOC"]))
            corpora.append(
                Corpus(
                    name: "GUM test", sentences: try NERData.gum(data, NERData.gumTest), scored: ["PER", "ORG", "LOC"]))
        }
        for file in files { corpora.append(try read(file)) }
        var report = EvaluationReport(title: "Named entities: strict span F1")
        for (number, corpus) in corpora.enumerated() {
            var model = EntityScorer(scored: corpus.scored)
            model.keepErrors = verbose
            var baseline = EntityScorer(scored: corpus.scored)
            for sentence in corpus.sentences {
                model.add(gold: sentence, predicted: recognizer.recognize(words: sentence.words))
                baseline.add(gold: sentence, predicted: recognizer.gazetteerMatches(words: sentence.words))
            }
            let words = corpus.sentences.reduce(0) { $0 + $1.words.count }
            report.lines.append("\(corpus.name): \(corpus.sentences.count) sentences, \(words) words")
            report.lines.append("  type     gold   found  right   P      R      F1     | gazetteer alone F1")
            for group in corpus.scored + ["all"] {
                let counts = group == "all" ? model.overall : model.byGroup[group] ?? EntityScorer.Counts()
                let base = group == "all" ? baseline.overall : baseline.byGroup[group] ?? EntityScorer.Counts()
                report.lines.append(
                    String(
                        format: "  %-6@ %6d %7d %6d  %.3f  %.3f  %.3f  | %.3f", group as NSString, counts.gold,
                        counts.predicted, counts.correct, counts.precision, counts.recall, counts.f1, base.f1))
            }
            if verbose {
                for error in model.errors { report.lines.append("    \(error.kind) \(error.group): \(error.text)") }
            }
            report.lines.append("")
            let prefix = number == 0 && files.isEmpty ? "heldout" : "corpus\(number + 1)"
            report.figures.append(("\(prefix)_f1", (model.overall.f1 * 10_000).rounded() / 10_000))
            report.figures.append(("\(prefix)_gazetteer_f1", (baseline.overall.f1 * 10_000).rounded() / 10_000))
            for group in corpus.scored {
                report.figures.append(
                    (
                        "\(prefix)_\(group.lowercased())_f1",
                        ((model.byGroup[group]?.f1 ?? 0) * 10_000).rounded() / 10_000
                    ))
            }
        }
        report.lines.append(
            "Types grouped as CoNLL-2003: PER; ORG; LOC = GPE + LOC + FAC; MISC = NORP + EVENT + MISC. "
                + "MEANTIME's named products and financial entities are left out of the score.")
        report.lines.append(
            "Reproduce: swift build -c release && .build/release/tribune eval ner \(files.joined(separator: " "))")
        return report
    }

    static func read(_ path: String) throws -> Corpus {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw EvaluationError(file: path, reason: "not found")
        }
        if isDirectory.boolValue {
            let leading = (try? NERData.personNameLeaders()) ?? []
            let files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".xml") }
                .sorted()
            guard !files.isEmpty else { throw EvaluationError(file: path, reason: "no MEANTIME .xml files in it") }
            let sentences = try files.flatMap { file in
                try EntityCorpus.meantime(
                    String(contentsOf: url.appendingPathComponent(file), encoding: .utf8), file: file,
                    leading: leading)
            }
            return Corpus(name: path, sentences: sentences, scored: ["PER", "ORG", "LOC"])
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw EvaluationError(file: path, reason: "cannot be read as UTF-8 text")
        }
        if path.hasSuffix(".conllu") {
            return Corpus(
                name: path, sentences: EntityCorpus.gum(try CoNLLU.parse(text)), scored: ["PER", "ORG", "LOC"])
        }
        if path.hasSuffix(".xml") {
            let leading = (try? NERData.personNameLeaders()) ?? []
            return Corpus(
                name: path, sentences: try EntityCorpus.meantime(text, file: path, leading: leading),
                scored: ["PER", "ORG", "LOC"])
        }
        return Corpus(
            name: path, sentences: try EntityCorpus.conll2003(text, file: path), scored: ["PER", "ORG", "LOC", "MISC"])
    }

    /// Recognizer throughput on one core over real text (the MEANTIME and GUM test sentences,
    /// repeated), with the segmenter on the same text as the baseline in the same run.
    public static func benchmark(data: SharedData, recognizer: EntityRecognizer, words target: Int) throws
        -> EvaluationReport
    {
        let sentences = try NERData.meantime(data) + NERData.gum(data, NERData.gumTest)
        var text: [UInt8] = []
        var paragraphs: [Range<Int>] = []
        var count = 0
        while count < target {
            for sentence in sentences where count < target && !sentence.words.isEmpty {
                let start = text.count
                text += Array(sentence.words.joined(separator: " ").utf8)
                paragraphs.append(start..<text.count)
                text += [0x0A, 0x0A]
                count += sentence.words.count
            }
        }
        let segmenter = try Segmenter()
        var segmentation = text.withUnsafeBufferPointer { segmenter.segment($0, paragraphs: paragraphs) }
        func seconds(_ work: () -> Void) -> Double {
            (0..<3).map { _ in
                let start = DispatchTime.now().uptimeNanoseconds
                work()
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }.min()!
        }
        let segmenting = seconds {
            segmentation = text.withUnsafeBufferPointer { segmenter.segment($0, paragraphs: paragraphs) }
        }
        var found = 0
        let recognizing = seconds {
            found = text.withUnsafeBufferPointer { recognizer.recognize($0, segmentation).count }
        }
        let tokens = Double(segmentation.tokens.count)
        var report = EvaluationReport(title: "Named-entity recognizer benchmark (one core)")
        report.lines = [
            "text: \(segmentation.tokens.count) tokens in \(segmentation.sentences.count) sentences (MEANTIME + GUM test, repeated)",
            String(format: "segmenter (baseline)  %10.0f tokens/s  %.3f s", tokens / segmenting, segmenting),
            String(
                format: "entity recognizer     %10.0f tokens/s  %.3f s  (%d entities)", tokens / recognizing,
                recognizing, found),
            String(format: "recognizer / segmenter: %.2f", segmenting / recognizing),
            String(
                format: "model: %.2f MB of weights, %d gazetteer names", Double(recognizer.modelBytes) / 1e6,
                recognizer.gazetteerCount),
            "Reproduce: swift build -c release && .build/release/tribune eval ner --benchmark --words \(target)",
        ]
        report.figures = [
            ("segmenter_tokens_per_s", (tokens / segmenting).rounded()),
            ("ner_tokens_per_s", (tokens / recognizing).rounded()),
        ]
        return report
    }
}
