import Foundation
import TribuneCoding
import TribuneCore
import TribuneNLP

/// `tribune eval quotes`: the quote finder on PolNeAR, a corpus of political news with every
/// attribution marked (Source, Cue and Content spans).
///
/// - content F1: a found quote matches a gold content when they share characters (one to one,
///   greatest overlap first); the stricter figure asks for a Jaccard overlap of one half;
/// - cue F1: found cues against gold cues, by overlap;
/// - source accuracy: of the matched contents whose gold has a source, the share whose found
///   speaker overlaps it;
/// - direct quotes (gold contents that lie within quotation marks): recall, and speaker accuracy.
///
/// Tune on `train`; report `dev`, the held-out split, once. PolNeAR states no licence: it is used
/// to measure, and nothing derived from its text ships.
public enum QuoteEvaluation {
    public static func run(
        data: SharedData, split: String = "dev", limit: Int? = nil, parse: Bool = true, verbose: Bool = false
    ) throws -> EvaluationReport {
        let articles = try QuoteCorpus.articles(data, split: split, limit: limit)
        let (analyzer, parsed) = try Self.analyzer(parse: parse)
        let finder = try QuoteFinder()
        var score = QuoteScore()
        var lines: [String] = []
        let started = Date()
        var words = 0
        for article in articles {
            let analysis = analyzer.analyze(article.text)
            words += analysis.tokens.count
            let utf8 = Array(article.text.utf8)
            let offsets = ScalarOffsets(utf8)
            let context = CodingContext(utf8: utf8, offsets: offsets, analysis: analysis, published: nil)
            let found = finder.find(context).map { PredictedQuote($0, offsets: offsets) }
            let quoted = QuotedText(utf8: utf8, offsets: offsets)
            let misses = score.add(gold: article.attributions, found: found, quoted: quoted)
            if verbose {
                lines.append("## \(article.name)")
                let text = Array(article.text.unicodeScalars)
                func show(_ spans: [Span]) -> String {
                    spans.map { span in
                        var view = String.UnicodeScalarView()
                        view.append(contentsOf: text[max(0, span.start)..<min(text.count, span.end)])
                        return String(view).replacingOccurrences(of: "\n", with: " ")
                    }.joined(separator: " … ")
                }
                for gold in misses.gold {
                    lines.append("  missed [\(show(gold.source))] [\(show(gold.cue))] \(show(gold.content))")
                }
                for quote in misses.found {
                    lines.append(
                        "  extra  [\(quote.speaker.map { show([$0]) } ?? "-")] [\(quote.cue.map { show([$0]) } ?? "-")] \(show([quote.content]))"
                    )
                }
                for pair in misses.wrongSource {
                    lines.append(
                        "  source gold [\(show(pair.0.source))] found [\(pair.1.speaker.map { show([$0]) } ?? "-")] \(show(pair.0.content))"
                    )
                }
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let figures: [(String, Double)] = [
            ("content_f1", score.content.f1), ("content_f1_half", score.contentHalf.f1), ("cue_f1", score.cue.f1),
            ("source_accuracy", score.source.rate), ("direct_recall", score.directRecall.rate),
            ("direct_speaker_accuracy", score.directSource.rate),
        ]
        lines += [
            "PolNeAR \(split): \(articles.count) articles, \(score.goldCount) attributions (\(score.directRecall.total) direct), "
                + "\(words) tokens; analyzer: \(parsed ? "tagger and parser" : "tokens only (no parse models)")",
            "",
            "                         precision  recall     F1",
            row("content (overlap)", score.content),
            row("content (Jaccard ≥ ½)", score.contentHalf),
            row("cue (overlap)", score.cue),
            "",
            "source accuracy on matched contents: \(percent(score.source.rate)) (\(score.source.hits)/\(score.source.total))",
            "direct quotes: recall \(percent(score.directRecall.rate)) (\(score.directRecall.hits)/\(score.directRecall.total)), "
                + "speaker accuracy \(percent(score.directSource.rate)) (\(score.directSource.hits)/\(score.directSource.total))",
            "",
            String(
                format: "%.1f s for analysis and quotes, %.0f tokens/s", seconds, Double(words) / max(seconds, 1e-9)),
            "reproduce: tribune eval quotes --split \(split)\(limit.map { " --limit \($0)" } ?? "")\(parse ? "" : " --no-parse")",
        ]
        return EvaluationReport(title: "Quotes and speakers (PolNeAR)", lines: lines, figures: figures)
    }

    private static func analyzer(parse: Bool) throws -> (LinguisticAnalyzer, Bool) {
        if parse, let full = try? LinguisticAnalyzer() { return (full, true) }
        return (LinguisticAnalyzer(segmenter: try Segmenter(), syntax: nil), false)
    }

    private static func row(_ name: String, _ score: MatchScore) -> String {
        name.padding(toLength: 25, withPad: " ", startingAt: 0)
            + [score.precision, score.recall, score.f1].map {
                percent($0).padding(toLength: 11, withPad: " ", startingAt: 0)
            }
            .joined()
    }

    private static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}

/// A found quote in scalar-index spans.
struct PredictedQuote {
    var content: Span
    var cue: Span?
    var speaker: Span?
    var direct: Bool

    init(_ quote: FoundQuote, offsets: ScalarOffsets) {
        content = offsets.span(bytes: quote.content)
        cue = quote.cue.map { offsets.span(bytes: $0) }
        speaker = quote.speaker.map { offsets.span(bytes: $0) }
        direct = quote.kind == .direct
    }
}

/// Which characters of a text lie between quotation marks.
struct QuotedText {
    let segments: [Span]

    init(utf8: [UInt8], offsets: ScalarOffsets) {
        segments = QuoteFinder.quotedSegments(utf8).map { offsets.span(bytes: $0) }
    }

    /// Whether at least four fifths of the spans' characters are quoted.
    func isQuoted(_ spans: [Span]) -> Bool {
        let total = spans.reduce(0) { $0 + $1.length }
        let inside = spans.reduce(0) { sum, span in
            sum + segments.reduce(0) { $0 + max(0, min($1.end, span.end) - max($1.start, span.start)) }
        }
        return total > 0 && inside * 5 >= total * 4
    }
}

struct MatchScore {
    var matched = 0
    var found = 0
    var gold = 0
    var precision: Double { found == 0 ? 0 : Double(matched) / Double(found) }
    var recall: Double { gold == 0 ? 0 : Double(matched) / Double(gold) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

struct RateScore {
    var hits = 0
    var total = 0
    var rate: Double { total == 0 ? 0 : Double(hits) / Double(total) }
}

/// The figures of `tribune eval quotes`, summed over articles.
struct QuoteScore {
    var content = MatchScore()
    var contentHalf = MatchScore()
    var cue = MatchScore()
    var source = RateScore()
    var directRecall = RateScore()
    var directSource = RateScore()
    var goldCount = 0

    static func overlap(_ a: [Span], _ b: [Span]) -> Int {
        a.reduce(0) { sum, x in sum + b.reduce(0) { $0 + max(0, min(x.end, $1.end) - max(x.start, $1.start)) } }
    }

    /// One to one, greatest overlap first: the index of the found item each gold item matches.
    static func match(_ gold: [[Span]], _ found: [[Span]], accept: ([Span], [Span], Int) -> Bool) -> [Int: Int] {
        var pairs: [(overlap: Int, gold: Int, found: Int)] = []
        for (g, goldSpans) in gold.enumerated() {
            for (f, foundSpans) in found.enumerated() {
                let overlap = overlap(goldSpans, foundSpans)
                if overlap > 0, accept(goldSpans, foundSpans, overlap) { pairs.append((overlap, g, f)) }
            }
        }
        var result: [Int: Int] = [:]
        var used: Set<Int> = []
        for pair in pairs.sorted(by: { $0.overlap > $1.overlap })
        where result[pair.gold] == nil && !used.contains(pair.found) {
            result[pair.gold] = pair.found
            used.insert(pair.found)
        }
        return result
    }

    /// Adds one article; returns what was missed, found in excess, and given the wrong source.
    mutating func add(gold: [GoldAttribution], found: [PredictedQuote], quoted: QuotedText) -> (
        gold: [GoldAttribution], found: [PredictedQuote], wrongSource: [(GoldAttribution, PredictedQuote)]
    ) {
        goldCount += gold.count
        let goldContents = gold.map(\.content)
        let foundContents = found.map { [$0.content] }
        let matches = Self.match(goldContents, foundContents) { _, _, _ in true }
        content.matched += matches.count
        content.found += found.count
        content.gold += gold.count
        let half = Self.match(goldContents, foundContents) { g, f, overlap in
            let union = g.reduce(0) { $0 + $1.length } + f.reduce(0) { $0 + $1.length } - overlap
            return overlap * 2 >= union
        }
        contentHalf.matched += half.count
        contentHalf.found += found.count
        contentHalf.gold += gold.count
        let goldCues = gold.map(\.cue).filter { !$0.isEmpty }
        let foundCues = found.compactMap(\.cue).map { [$0] }
        cue.matched += Self.match(goldCues, foundCues) { _, _, _ in true }.count
        cue.found += foundCues.count
        cue.gold += goldCues.count
        var wrong: [(GoldAttribution, PredictedQuote)] = []
        for (index, attribution) in gold.enumerated() {
            let isDirect = quoted.isQuoted(attribution.content)
            if isDirect {
                directRecall.total += 1
                if matches[index] != nil { directRecall.hits += 1 }
            }
            guard let f = matches[index], !attribution.source.isEmpty else { continue }
            let right = found[f].speaker.map { Self.overlap(attribution.source, [$0]) > 0 } ?? false
            source.total += 1
            if right { source.hits += 1 } else { wrong.append((attribution, found[f])) }
            if isDirect {
                directSource.total += 1
                if right { directSource.hits += 1 }
            }
        }
        let matchedFound = Set(matches.values)
        return (
            gold.indices.filter { matches[$0] == nil }.map { gold[$0] },
            found.indices.filter { !matchedFound.contains($0) }.map { found[$0] }, wrong
        )
    }
}
