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
            let heldOut = try NERData.meantime(data, corpora: NERData.meantimeHeldOut)
            let trainable = try NERData.meantime(data, corpora: NERData.meantimeTrain)
            corpora.append(
                Corpus(
                    name: "MEANTIME \(NERData.meantimeHeldOut.joined(separator: " + ")), annotated sentences "
                        + "(held out: never used in training)",
                    sentences: heldOut.filter(\.annotated), scored: ["PER", "ORG", "LOC"]))
            corpora.append(
                Corpus(
                    name: "MEANTIME \(NERData.meantimeHeldOut.joined(separator: " + ")), every sentence (plain: names "
                        + "after the annotated opening count as spurious)",
                    sentences: heldOut, scored: ["PER", "ORG", "LOC"]))
            corpora.append(
                Corpus(
                    name: "MEANTIME \(NERData.meantimeTrain.joined(separator: " + ")), annotated sentences "
                        + "(trained on when the model was trained with --meantime)",
                    sentences: trainable.filter(\.annotated), scored: ["PER", "ORG", "LOC"]))
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
            let prefix =
                !files.isEmpty
                ? "corpus\(number + 1)" : ["heldout", "heldout_plain", "meantime_train", "gum_test"][min(number, 3)]
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
                + "MEANTIME gold: its named (NAM, PRE.NAM) mentions of PER, ORG and LOC entities, the name being "
                + "the last capitalized run of the mention. MEANTIME annotates entities only in each article's "
                + "title and first sentences: the held-out figure scores those sentences (up to the last one "
                + "with any entity or event mention); the plain figure scores every sentence. A prediction "
                + "that overlaps a named product, financial entity, mention of unknown type or a nationality "
                + "adjective (\"German carmaker\") is neither right nor wrong.")
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
        let adjectives = (try? NERData.nationalityWords()) ?? []
        if isDirectory.boolValue {
            let leading = (try? NERData.personNameLeaders()) ?? []
            let files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".xml") }
                .sorted()
            guard !files.isEmpty else { throw EvaluationError(file: path, reason: "no MEANTIME .xml files in it") }
            let sentences = try files.flatMap { file in
                try EntityCorpus.meantime(
                    String(contentsOf: url.appendingPathComponent(file), encoding: .utf8), file: file,
                    leading: leading, adjectives: adjectives)
            }
            return Corpus(name: path, sentences: sentences.filter(\.annotated), scored: ["PER", "ORG", "LOC"])
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
                name: path,
                sentences: try EntityCorpus.meantime(text, file: path, leading: leading, adjectives: adjectives)
                    .filter(\.annotated),
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
        // Best of three, in wall time and in CPU time of this process (one thread: the machine's
        // other load shows in the wall time, much less in the CPU time).
        func seconds(_ work: () -> Void) -> (wall: Double, cpu: Double) {
            let runs = (0..<3).map { _ in
                let cpuStart = ResourceUsage.processCPUSeconds()
                let start = DispatchTime.now().uptimeNanoseconds
                work()
                return (
                    Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                    ResourceUsage.processCPUSeconds() - cpuStart
                )
            }
            return (runs.map(\.0).min()!, runs.map(\.1).min()!)
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
            "                      tokens/s (CPU)  tokens/s (wall)  CPU s   wall s",
            String(
                format: "segmenter (baseline)  %12.0f  %14.0f  %6.3f  %6.3f", tokens / segmenting.cpu,
                tokens / segmenting.wall, segmenting.cpu, segmenting.wall),
            String(
                format: "entity recognizer     %12.0f  %14.0f  %6.3f  %6.3f  (%d entities)", tokens / recognizing.cpu,
                tokens / recognizing.wall, recognizing.cpu, recognizing.wall, found),
            String(format: "recognizer / segmenter (CPU): %.2f", segmenting.cpu / recognizing.cpu),
            String(
                format: "model: %.2f MB of weights, %d gazetteer names", Double(recognizer.modelBytes) / 1e6,
                recognizer.gazetteerCount),
            "Reproduce: swift build -c release && .build/release/tribune eval ner --benchmark --words \(target)",
        ]
        report.figures = [
            ("segmenter_tokens_per_cpu_s", (tokens / segmenting.cpu).rounded()),
            ("ner_tokens_per_cpu_s", (tokens / recognizing.cpu).rounded()),
            ("ner_tokens_per_wall_s", (tokens / recognizing.wall).rounded()),
        ]
        return report
    }
}
