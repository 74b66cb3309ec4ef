import Foundation
import TribuneCoding
import TribuneNLP

/// Time expression recognition and normalization on TempEval-3 (TimeBank, AQUAINT) and MEANTIME.
///
/// As the TempEval-3 scorer counts them: a system expression matches a gold one *strictly* when
/// their spans are equal and *relaxed* when they overlap (one to one, in text order). Value F1
/// counts a relaxed match as right only when its value equals the gold value:
/// P = right values / system expressions, R = right values / gold expressions. TimeBank is what
/// the rules were tuned on, with the odd-numbered AQUAINT documents (1st, 3rd… in file-name
/// order); the even-numbered AQUAINT documents and MEANTIME are held out.
public enum TimeEvaluation {
    /// Which documents of a corpus a row scores.
    enum Part { case all, odd, even }

    /// Which rows to score: the documents the rules were tuned on, the held-out ones, or both.
    /// Error listings of the tuned part are for working on the rules; the held-out part's are
    /// better left unread, so that the held-out figures stay a fair test.
    public enum Selection: String, CaseIterable, Sendable {
        case all, tuned, held
    }

    /// The corpora, tuned-on first.
    static let corpora: [(name: String, key: String, path: String, meantime: Bool, part: Part, held: Bool)] = [
        ("TimeBank (tuned on)", "timebank", "dev/time/tempeval3/TBAQ-cleaned/TimeBank", false, .all, false),
        ("AQUAINT odd (tuned)", "aquaint_odd", "dev/time/tempeval3/TBAQ-cleaned/AQUAINT", false, .odd, false),
        ("AQUAINT even (held)", "aquaint_even", "dev/time/tempeval3/TBAQ-cleaned/AQUAINT", false, .even, true),
        ("MEANTIME (held out)", "meantime", "meantime/intra-doc_annotation", true, .all, true),
    ]

    /// Scores the rows `part` selects; with `verbose`, lists every missed, extra and wrongly
    /// normalized expression of those rows.
    public static func run(data: SharedData, verbose: Bool = false, part: Selection = .all) throws
        -> EvaluationReport
    {
        let segmenter = try Segmenter()
        let tagger = try TemporalTagger()
        var report = EvaluationReport(title: "Time expressions: TempEval-3 and MEANTIME")
        let header = [
            "corpus", "docs", "gold", "strict P", "strict R", "strict F1", "relax P", "relax R", "relax F1", "value F1",
            "type acc",
        ]
        let widths = [20, 5, 5, 8, 8, 9, 7, 7, 8, 8, 8]
        var rows: [[String]] = []
        var details: [String] = []
        var analysisSeconds = 0.0
        var taggingSeconds = 0.0
        var tokenCount = 0
        let selected = corpora.filter { part == .all || $0.held == (part == .held) }
        for corpus in selected where data.exists(corpus.path) {
            let documents = try files(data.url(corpus.path), ext: corpus.meantime ? "xml" : "tml").enumerated()
                .filter { corpus.part == .all || ($0.offset % 2 == 0) == (corpus.part == .odd) }
                .map { corpus.meantime ? try MeantimeReader.read($0.element) : try TimeMLReader.read($0.element) }
            var score = TimeScore()
            for document in documents {
                document.text.withUnsafeBufferPointer { text in
                    let started = ContinuousClock.now
                    let analysis = segmenter.segment(text, paragraphs: document.paragraphs)
                    let analyzed = ContinuousClock.now
                    let found = tagger.tag(
                        text, tokens: analysis.tokens, sentences: analysis.sentences, anchor: document.anchor)
                    let tagged = ContinuousClock.now
                    analysisSeconds += seconds(analyzed - started)
                    taggingSeconds += seconds(tagged - analyzed)
                    tokenCount += analysis.tokens.count
                    score.add(document: document, found: found) { if verbose { details.append($0) } }
                }
            }
            rows.append([
                corpus.name, String(documents.count), String(score.gold),
                f(score.strict.precision), f(score.strict.recall), f(score.strict.f1),
                f(score.relaxed.precision), f(score.relaxed.recall), f(score.relaxed.f1),
                f(score.valueF1), f(score.typeAccuracy),
            ])
            report.figures.append(("\(corpus.key)_strict_f1", score.strict.f1))
            report.figures.append(("\(corpus.key)_relaxed_f1", score.relaxed.f1))
            report.figures.append(("\(corpus.key)_value_f1", score.valueF1))
            report.figures.append(("\(corpus.key)_type_accuracy", score.typeAccuracy))
        }
        guard !rows.isEmpty else { throw SharedData.Missing(searched: selected.map { data.url($0.path).path }) }
        report.lines.append(SegmentationEvaluation.table([header] + rows, widths: widths))
        report.lines.append("")
        let taggerSpeed = Double(tokenCount) / max(taggingSeconds, 1e-9)
        let analysisSpeed = Double(tokenCount) / max(analysisSeconds, 1e-9)
        report.figures.append(("tagger_tokens_per_second", taggerSpeed))
        report.lines.append(
            "Speed: temporal tagger \(Int(taggerSpeed)) tokens/s; tokenizer + sentence splitter in the same run "
                + "\(Int(analysisSpeed)) tokens/s (\(tokenCount) tokens).")
        report.lines.append(
            "Strict: equal spans; relaxed: overlapping spans. Value F1: relaxed match with the gold value")
        report.lines.append("(TempEval-3's attribute F1). Anchor: the document creation time.")
        report.lines.append(
            "Rules tuned on TimeBank and the odd AQUAINT documents; the even ones and MEANTIME are held out.")
        report.lines.append(
            "Reproduce: swift run -c release tribune eval time (--part tuned|held; --errors lists every miss)")
        report.lines += details
        return report
    }

    static func files(_ folder: URL, ext: String) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == ext }
            .sorted { $0.path < $1.path }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func f(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// Pooled matches of system and gold time expressions.
struct TimeScore {
    var strict = Counts()
    var relaxed = Counts()
    var gold = 0
    var system = 0
    var rightValues = 0
    var rightTypes = 0

    var valueF1: Double {
        let precision = system == 0 ? 0 : Double(rightValues) / Double(system)
        let recall = gold == 0 ? 0 : Double(rightValues) / Double(gold)
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    var typeAccuracy: Double { relaxed.truePositives == 0 ? 0 : Double(rightTypes) / Double(relaxed.truePositives) }

    mutating func add(document: TimeDocument, found: [TimexMatch], log: (String) -> Void) {
        let found = found.filter { $0.bytes.lowerBound < (document.annotatedEnd ?? Int.max) }
        gold += document.gold.count
        system += found.count
        var used = Set<Int>()
        func text(_ range: Range<Int>) -> String { String(decoding: document.text[range], as: UTF8.self) }
        // The words around an expression, on one line.
        func context(_ range: Range<Int>) -> String {
            let lower = max(0, range.lowerBound - 60)
            let upper = min(document.text.count, range.upperBound + 40)
            let bytes = document.text[lower..<upper].map { $0 == 0x0A || $0 == 0x09 ? 0x20 : $0 }
            return "«" + String(decoding: bytes, as: UTF8.self) + "»"
        }
        for g in document.gold {
            guard let index = found.indices.first(where: { !used.contains($0) && found[$0].bytes.overlaps(g.bytes) })
            else {
                relaxed.falseNegatives += 1
                strict.falseNegatives += 1
                log("\(document.name)\tMISS\t\(text(g.bytes))\t\(g.type) \(g.value)\t\(context(g.bytes))")
                continue
            }
            used.insert(index)
            let s = found[index]
            relaxed.truePositives += 1
            if s.bytes == g.bytes {
                strict.truePositives += 1
            } else {
                strict.falseNegatives += 1
                strict.falsePositives += 1
            }
            if s.value == g.value {
                rightValues += 1
            } else {
                log(
                    "\(document.name)\tVALUE\t\(text(s.bytes)) | \(text(g.bytes))\t\(s.value) | \(g.value)"
                        + "\t\(context(g.bytes))")
            }
            if s.type.rawValue == g.type { rightTypes += 1 }
        }
        for index in found.indices where !used.contains(index) {
            relaxed.falsePositives += 1
            strict.falsePositives += 1
            log(
                "\(document.name)\tEXTRA\t\(text(found[index].bytes))\t\(found[index].type.rawValue) \(found[index].value)"
                    + "\t\(context(found[index].bytes))")
        }
    }
}
