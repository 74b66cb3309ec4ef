import Foundation
import TribuneNLP

/// Sentence-end F1 and token F1 on the UD English test sets.
///
/// Each treebank paragraph (the sentences between `# newpar`/`# newdoc` markers) becomes the
/// `# text` of its sentences joined by one space; the paragraphs are laid out as a document,
/// separated by blank lines, and segmented in one call, as the pipeline does.
/// - Sentences: a predicted sentence end is right when a gold sentence ends at the same byte.
///   Every end counts, the paragraph's last included; TP/FP/FN are pooled over the file.
///   The naive baseline splits after `[.!?]+` and any closing quotes or brackets followed by white
///   space, and at the paragraph end.
/// - Tokens: predicted tokens against the gold syntactic words (see ``CoNLLU/Paragraph/words``),
///   matched by exact byte range.
///
/// `verbose` lists the errors; `rulesOnly` scores (and lists the errors of) the rules without
/// the learned boundary model.
public enum SegmentationEvaluation {
    /// The files scored, test first; a missing file is skipped.
    static let files: [(name: String, key: String, path: String)] = [
        ("UD GUM test", "gum_test", "ud/gum/en_gum-ud-test.conllu"),
        ("UD EWT test", "ewt_test", "ud/ewt/en_ewt-ud-test.conllu"),
        ("UD GUM dev", "gum_dev", "ud/gum/en_gum-ud-dev.conllu"),
        ("UD EWT dev", "ewt_dev", "ud/ewt/en_ewt-ud-dev.conllu"),
    ]

    public static func run(data: SharedData, verbose: Bool = false, rulesOnly: Bool = false) throws
        -> EvaluationReport
    {
        let rulesSegmenter = try Segmenter(learned: false)
        let segmenter = rulesOnly ? rulesSegmenter : try Segmenter()
        var report = EvaluationReport(title: "Segmentation on Universal Dependencies English")
        let header = [
            "file", "sents", "naive F1", "rules F1", "sent P", "sent R", "sent F1", "tok P", "tok R", "tok F1",
        ]
        let widths = [12, 6, 8, 8, 7, 7, 7, 7, 7, 7]
        var rows: [[String]] = []
        var details: [String] = []
        var found = false
        for file in files where data.exists(file.path) {
            found = true
            let sentences = try CoNLLU.read(contentsOf: data.url(file.path))
            let paragraphs = CoNLLU.paragraphs(sentences)
            let score = SegmentationScore(paragraphs: paragraphs, segmenter: segmenter)
            let rules = SegmentationScore(paragraphs: paragraphs, segmenter: rulesSegmenter)
            rows.append([
                file.name, String(score.goldSentences), format(score.naive.f1), format(rules.sentences.f1),
                format(score.sentences.precision),
                format(score.sentences.recall), format(score.sentences.f1), format(score.tokens.precision),
                format(score.tokens.recall), format(score.tokens.f1),
            ])
            report.figures.append(("\(file.key)_sentence_f1", score.sentences.f1))
            report.figures.append(("\(file.key)_naive_sentence_f1", score.naive.f1))
            report.figures.append(("\(file.key)_rules_sentence_f1", rules.sentences.f1))
            report.figures.append(("\(file.key)_token_precision", score.tokens.precision))
            report.figures.append(("\(file.key)_token_recall", score.tokens.recall))
            report.figures.append(("\(file.key)_token_f1", score.tokens.f1))
            if verbose {
                details.append("")
                details.append("\(file.name): \(score.sentenceErrors.count) sentence-end errors")
                details += score.sentenceErrors
                details.append("\(file.name): \(score.tokenErrors.count) token errors")
                details += score.tokenErrors
            }
        }
        guard found else {
            throw SharedData.Missing(searched: files.map { data.url($0.path).path })
        }
        report.lines.append(table([header] + rows, widths: widths))
        report.lines.append("")
        report.lines.append("Sentences: F1 of sentence ends, paragraph ends included; paragraphs are the # text lines")
        report.lines.append("between # newpar/# newdoc joined by one space. Naive: split after [.!?]+ and closing")
        report.lines.append(
            "quotes/brackets before white space. Rules: the segmenter without its learned boundary model.")
        report.lines.append("Tokens: P/R/F1 against the UD syntactic words.")
        report.lines.append(
            "Reproduce: swift run -c release tribune eval segmentation (--verbose lists errors, --rules-only)")
        report.lines += details
        return report
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }

    static func table(_ rows: [[String]], widths: [Int]) -> String {
        rows.map { row in
            zip(row, widths).enumerated().map { index, cell in
                let (text, width) = cell
                let padding = String(repeating: " ", count: max(0, width - text.count))
                return index == 0 ? text + padding : padding + text
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// Pooled true positives, false positives and false negatives.
struct Counts {
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0

    var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }

    mutating func add(predicted: Set<Int>, gold: Set<Int>) {
        truePositives += predicted.intersection(gold).count
        falsePositives += predicted.subtracting(gold).count
        falseNegatives += gold.subtracting(predicted).count
    }
}

/// The scores of one treebank file.
struct SegmentationScore {
    var sentences = Counts()
    var naive = Counts()
    var tokens = Counts()
    var goldSentences = 0
    /// Each wrong or missed sentence end, with the text around it.
    var sentenceErrors: [String] = []
    /// Each paragraph's wrong tokens, as `predicted | gold`.
    var tokenErrors: [String] = []

    init(paragraphs: [CoNLLU.Paragraph], segmenter: Segmenter) {
        var text: [UInt8] = []
        var ranges: [Range<Int>] = []
        for paragraph in paragraphs {
            if !text.isEmpty { text += [0x0A, 0x0A] }
            ranges.append(text.count..<text.count + paragraph.text.count)
            text += paragraph.text
        }
        let segmentation = text.withUnsafeBufferPointer { segmenter.segment($0, paragraphs: ranges) }
        var sentenceIndex = 0
        var tokenIndex = 0
        for (paragraph, range) in zip(paragraphs, ranges) {
            let base = range.lowerBound
            let gold = Set(paragraph.sentenceRanges.map { base + $0.upperBound })
            var predicted = Set<Int>()
            while sentenceIndex < segmentation.sentences.count,
                segmentation.sentences[sentenceIndex].bytes.lowerBound < range.upperBound
            {
                predicted.insert(segmentation.sentences[sentenceIndex].bytes.upperBound)
                sentenceIndex += 1
            }
            goldSentences += gold.count
            sentences.add(predicted: predicted, gold: gold)
            naive.add(predicted: Set(NaiveSentenceSplitter.ends(paragraph.text).map { base + $0 }), gold: gold)
            for end in predicted.symmetricDifference(gold).sorted() {
                let kind = gold.contains(end) ? "missed" : "wrong "
                sentenceErrors.append("  \(kind) \(Self.context(text, at: end, in: range))")
            }

            let goldTokens = Set(paragraph.words.map { SpanKey(base + $0.lowerBound..<base + $0.upperBound) })
            var predictedTokens = Set<SpanKey>()
            while tokenIndex < segmentation.tokens.count, Int(segmentation.tokens[tokenIndex].start) < range.upperBound
            {
                predictedTokens.insert(SpanKey(segmentation.tokens[tokenIndex].range))
                tokenIndex += 1
            }
            tokens.add(predicted: Set(predictedTokens.map(\.packed)), gold: Set(goldTokens.map(\.packed)))
            if predictedTokens != goldTokens {
                let show = { (spans: Set<SpanKey>) in
                    spans.sorted { $0.start < $1.start }
                        .map { String(decoding: text[$0.start..<$0.end], as: UTF8.self) }
                        .joined(separator: " ")
                }
                tokenErrors.append(
                    "  \(show(predictedTokens.subtracting(goldTokens)))  |  \(show(goldTokens.subtracting(predictedTokens)))"
                )
            }
        }
    }

    /// "…forty bytes before ‖ twenty after…"
    static func context(_ text: [UInt8], at offset: Int, in range: Range<Int>) -> String {
        var before = max(range.lowerBound, offset - 50)
        var after = min(range.upperBound, offset + 30)
        while before > range.lowerBound, text[before] & 0xC0 == 0x80 { before -= 1 }
        while after < range.upperBound, text[after] & 0xC0 == 0x80 { after += 1 }
        return String(decoding: text[before..<offset], as: UTF8.self) + " ‖ "
            + String(decoding: text[offset..<after], as: UTF8.self)
    }
}

/// A byte range as a hashable pair.
struct SpanKey: Hashable {
    var start: Int
    var end: Int
    init(_ range: Range<Int>) {
        start = range.lowerBound
        end = range.upperBound
    }
    /// Both offsets in one integer, for counting.
    var packed: Int { start << 32 | end }
}

/// The baseline every sentence splitter is compared with: split after a run of `.`, `!` or `?`
/// and any closing quotes or brackets that follow, when white space comes next; and at the end.
enum NaiveSentenceSplitter {
    /// The byte offsets where sentences end.
    static func ends(_ text: [UInt8]) -> [Int] {
        var ends: [Int] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            guard byte == 0x2E || byte == 0x21 || byte == 0x3F else {
                index += 1
                continue
            }
            while index < text.count, text[index] == 0x2E || text[index] == 0x21 || text[index] == 0x3F { index += 1 }
            while index < text.count {
                if text[index] == 0x22 || text[index] == 0x27 || text[index] == 0x29 || text[index] == 0x5D {
                    index += 1
                } else if index + 2 < text.count, text[index] == 0xE2, text[index + 1] == 0x80,
                    text[index + 2] == 0x9D || text[index + 2] == 0x99
                {
                    index += 3  // ” ’
                } else {
                    break
                }
            }
            if index < text.count, text[index] == 0x20 || text[index] == 0x0A || text[index] == 0x09 {
                ends.append(index)
            }
        }
        if !text.isEmpty, ends.last != text.count { ends.append(text.count) }
        return ends
    }
}
