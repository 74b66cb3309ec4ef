import Foundation
import TribuneNLP

/// Tokenizer and sentence splitter throughput against baselines measured in the same run.
///
/// The text is real: the `# text` of the UD English test files, paragraph by paragraph, and the
/// sample article, repeated to the size asked for; without the shared data, a few paragraphs of
/// news-style text built in. Three things run over the same bytes, one core each, best of three:
/// - the segmenter (tokens and sentences, as the pipeline calls it);
/// - a plain byte scan that counts white-space-separated words: the floor any tokenizer pays;
/// - an `NSRegularExpression` tokenizer (`\w+|[^\w\s]`), the usual quick alternative (run on a
///   slice, since it is slow).
/// The machine is shared, so the ratios mean more than the absolute figures.
public enum SegmentationBenchmark {
    public static func run(data: SharedData?, megabytes: Int) throws -> EvaluationReport {
        let segmenter = try Segmenter()
        let (text, source) = try corpus(data: data, bytes: max(1, megabytes) << 20)
        let paragraphs = text.withUnsafeBufferPointer { Segmenter.paragraphs(of: $0) }
        let megabytesRun = Double(text.count) / 1_048_576

        var tokenCount = 0
        var sentenceCount = 0
        let segmenterTime = best(of: 5) {
            text.withUnsafeBufferPointer { buffer in
                let segmentation = segmenter.segment(buffer, paragraphs: paragraphs)
                tokenCount = segmentation.tokens.count
                sentenceCount = segmentation.sentences.count
            }
        }
        let rules = try Segmenter(learned: false)
        let rulesTime = best(of: 5) {
            text.withUnsafeBufferPointer { buffer in _ = rules.segment(buffer, paragraphs: paragraphs) }
        }
        var words = 0
        let scanTime = best(of: 5) { words = text.withUnsafeBufferPointer(countWords) }

        let slice = min(text.count, 2 << 20)
        let sliceText = String(decoding: text[..<slice], as: UTF8.self)
        let regex = try NSRegularExpression(pattern: #"\w+|[^\w\s]"#)
        var regexTokens = 0
        let regexTime = best(of: 3) {
            regexTokens = regex.numberOfMatches(
                in: sliceText, range: NSRange(sliceText.startIndex..., in: sliceText))
        }
        let regexRate = Double(slice) / 1_048_576 / regexTime

        let rate = megabytesRun / segmenterTime
        let scanRate = megabytesRun / scanTime
        var report = EvaluationReport(title: "Segmentation benchmark")
        report.lines = [
            "text: \(String(format: "%.1f", megabytesRun)) MB (\(source)), \(paragraphs.count) paragraphs",
            "",
            String(
                format: "segmenter            %8.1f MB/s  %6.2f s  %d tokens, %d sentences (%.1f M tokens/s)",
                rate, segmenterTime, tokenCount, sentenceCount, Double(tokenCount) / segmenterTime / 1e6),
            String(format: "  without the model  %8.1f MB/s  %6.2f s", megabytesRun / rulesTime, rulesTime),
            String(format: "white-space scan     %8.1f MB/s  %6.2f s  %d words", scanRate, scanTime, words),
            String(
                format: "NSRegularExpression  %8.1f MB/s  %6.2f s  %d tokens on a %.1f MB slice", regexRate, regexTime,
                regexTokens, Double(slice) / 1_048_576),
            "",
            String(format: "segmenter / white-space scan: %.2f (share of the bare scan's speed)", rate / scanRate),
            String(format: "segmenter / NSRegularExpression: %.2f", rate / regexRate),
            "Reproduce: swift run -c release tribune bench segmentation --megabytes \(megabytes)",
        ]
        report.figures = [
            ("segmenter_mb_per_s", rate), ("scan_mb_per_s", scanRate), ("regex_mb_per_s", regexRate),
            ("segmenter_to_scan", rate / scanRate), ("segmenter_to_regex", rate / regexRate),
            ("tokens_per_s", Double(tokenCount) / segmenterTime),
        ]
        return report
    }

    /// The seconds the fastest of `runs` runs of `body` took.
    static func best(of runs: Int, _ body: () -> Void) -> Double {
        var fastest = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return fastest
    }

    /// The baseline: words between ASCII white space, counted in one pass over the bytes.
    static func countWords(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var words = 0
        var inWord = false
        for byte in text {
            let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        return words
    }

    /// Real text repeated to `bytes`, paragraphs separated by blank lines, and where it came from.
    static func corpus(data: SharedData?, bytes: Int) throws -> (text: [UInt8], source: String) {
        var paragraphs: [[UInt8]] = []
        var sources: [String] = []
        if let data {
            for file in ["ud/gum/en_gum-ud-test.conllu", "ud/ewt/en_ewt-ud-test.conllu"] where data.exists(file) {
                paragraphs += CoNLLU.paragraphs(try CoNLLU.read(contentsOf: data.url(file))).map(\.text)
                sources.append(file)
            }
            let sample = data.root.deletingLastPathComponent().appendingPathComponent("samples/rferl-pakistan-imu.txt")
            if let text = try? String(contentsOf: sample, encoding: .utf8) {
                paragraphs += text.components(separatedBy: "\n\n").map { Array($0.utf8) }.filter { !$0.isEmpty }
                sources.append("samples/rferl-pakistan-imu.txt")
            }
        }
        if paragraphs.isEmpty {
            paragraphs = fallback.map { Array($0.utf8) }
            sources = ["built-in news-style paragraphs"]
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes + 4096)
        while text.count < bytes {
            for paragraph in paragraphs where text.count < bytes {
                if !text.isEmpty { text += [0x0A, 0x0A] }
                text += paragraph
            }
        }
        return (text, sources.joined(separator: ", ") + ", repeated")
    }

    /// Text for when the shared data is absent: invented, in the register of wire copy.
    static let fallback = [
        "Lawmakers in the capital on Tuesday approved a $3.5 billion budget, 5% more than last year's, "
            + "after a debate that ran past 10 p.m. Officials said the vote \"settles the matter for now.\"",
        "Maj.-Gen. Pat Doe, a former U.S. Army officer, told reporters at 9:30 a.m. that the talks would resume "
            + "Jan. 5. \"We're not there yet,\" Doe said. \"But there's progress.\"",
        "The group's spokesman, reached by e-mail at press@example.org, denied the report -- which first "
            + "appeared on https://news.example.com/2024/04/14/report.html -- and called it \"baseless.\"",
        "Weather Outlook",
        "Dr. Lee Ann Smith of the state university said the co-operative had 3,500,000 members by 2001, "
            + "up from 12.5 percent of households in the mid-1990s; critics say the figure is inflated…",
    ]
}
