import Foundation
import TribuneCore
import TribuneExtract

/// Text-mode cleanup scored against the gold bodies of the WCXB dev pages.
///
/// Each page (`dev/extraction/wcxb-dev/html/NNNN.html.gz`) is rendered to the text a naive
/// scraper leaves (``NaiveRendering``), cleaned by `TextCleaner`, and scored against
/// `ground-truth/NNNN.json` with the dataset's metric (lower-cased `\w+` bag of words, P/R/F1 per
/// page, macro-averaged). The uncleaned rendering is the baseline, measured in the same run.
/// Figures are given for all pages and for the odd and even file ids apart: the cleaner's
/// thresholds and word lists were tuned looking at odd ids only, so the even half is held out.
///
/// `listPages` adds a line per page; `dump` names a folder to write each page's rendering,
/// cleaned text and the cleaner's explanation into.
public enum CleanupEvaluation {
    static let corpus = "dev/extraction/wcxb-dev"

    public static func run(data: SharedData, limit: Int?, listPages: Bool = false, dump: URL? = nil) throws
        -> EvaluationReport
    {
        let (pages, skipped) = try CleanupCorpus(data.url(corpus)).pages(limit: limit)
        let cleaner = try TextCleaner()
        if let dump { try FileManager.default.createDirectory(at: dump, withIntermediateDirectories: true) }

        var tally = CleanupTally()
        var texts: [String] = []
        var pageLines: [String] = []
        var failures: [String] = []
        for page in pages {
            let started = ContinuousClock.now
            let html: [UInt8]
            do {
                html = try page.html()
            } catch {
                failures.append("\(page.id): \(error)")  // counted and reported; the run goes on
                continue
            }
            let unzipped = ContinuousClock.now
            let rendered = NaiveRendering.text(html: html)
            let renderedAt = ContinuousClock.now
            let article = cleaner.clean(rendered)
            tally.unzip += unzipped - started
            tally.render += renderedAt - unzipped
            tally.renderedBytes += rendered.utf8.count
            texts.append(rendered)

            let cleaned = article.paragraphs.joined(separator: "\n\n")
            let gold = BagOfWords(page.body)
            let baseline = BagOfWords(rendered).score(against: gold)
            let score = BagOfWords(cleaned).score(against: gold)
            let titleMatch = page.title.map { normalized($0) == normalized(article.title ?? "") }
            tally.add(page: page, baseline: baseline, cleaned: score, titleMatch: titleMatch)
            tally.addSnippets(page: page, naive: normalized(rendered), cleaned: normalized(cleaned))
            if listPages {
                pageLines.append(
                    "\(page.id)  naive F1 \(format(baseline.f1))  cleaned P \(format(score.precision)) "
                        + "R \(format(score.recall)) F1 \(format(score.f1))  title \(titleMatch == true ? "yes" : "no")"
                )
            }
            if let dump {
                try rendered.write(
                    to: dump.appendingPathComponent("\(page.id).naive.txt"), atomically: false, encoding: .utf8)
                let output = (article.title.map { "# \($0)\n\n" } ?? "") + cleaned + "\n"
                try output.write(
                    to: dump.appendingPathComponent("\(page.id).clean.txt"), atomically: false, encoding: .utf8)
                try cleaner.explain(rendered).joined(separator: "\n").write(
                    to: dump.appendingPathComponent("\(page.id).explain.txt"), atomically: false, encoding: .utf8)
            }
        }

        // Cleanup speed on its own, best of three passes (the machine may be shared).
        tally.clean = (0..<3).map { _ in
            ContinuousClock().measure {
                for text in texts { _ = cleaner.clean(text) }
            }
        }.min()!
        var lines = ["\(pages.count) pages with a gold body (\(skipped) without one left out)", ""] + tally.table()
        if !failures.isEmpty { lines += ["", "pages that could not be read (left out): \(failures.count)"] + failures }
        lines.append("")
        lines += samplePage(data: data, cleaner: cleaner)
        if !pageLines.isEmpty { lines += [""] + pageLines }
        lines += [
            "",
            "Reproduce: swift run -c release tribune eval cleanup [--limit N] [--pages] [--dump DIR]",
        ]
        return EvaluationReport(
            title: "Text cleanup on WCXB dev pages rendered as a naive scraper would", lines: lines,
            figures: tally.figures)
    }

    /// The sample page, cleaned: what a reader checks first.
    static func samplePage(data: SharedData, cleaner: TextCleaner) -> [String] {
        let url = data.root.deletingLastPathComponent().appendingPathComponent("samples/rferl-pakistan-imu.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return ["Sample page: not found at \(url.path)"]
        }
        let article = cleaner.clean(text)
        func clip(_ s: String) -> String { s.count > 90 ? String(s.prefix(87)) + "..." : s }
        var lines = [
            "Sample page (../samples/rferl-pakistan-imu.txt)",
            "  title:     \(article.title ?? "(none)")",
            "  language:  \(article.language ?? "(none)")",
            "  body:      \(article.paragraphs.count) paragraphs",
            "    first:   \(clip(article.paragraphs.first ?? ""))",
            "    last:    \(clip(article.paragraphs.last ?? ""))",
            "  removed:",
        ]
        lines += article.removed.map {
            "    \($0.reason.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(clip($0.text))"
        }
        return lines
    }

    /// Lower case, white space collapsed: how titles and snippets are compared.
    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// The WCXB dev pages: gold JSON in `ground-truth/`, pages in `html/`.
struct CleanupCorpus {
    struct Page {
        var id: String
        var body: String
        var title: String?
        /// Sentences the body must hold, and page text it must not (WCXB's `with`/`without`).
        var with: [String]
        var without: [String]
        var path: URL

        /// Odd file ids were looked at while tuning; even ones are held out.
        var isHeldOut: Bool { (Int(id) ?? 0) % 2 == 0 }

        func html() throws -> [UInt8] {
            let bytes = Array(try Data(contentsOf: path))
            return try Gzip.decompress(bytes, limit: 64 << 20)
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "the WCXB dev pages are not at \(path)" }
    }

    var root: URL

    init(_ root: URL) { self.root = root }

    /// The pages with a gold body, in file-id order, and how many were skipped for having none.
    func pages(limit: Int?) throws -> (pages: [Page], skipped: Int) {
        let truth = root.appendingPathComponent("ground-truth")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: truth.path) else {
            throw Missing(path: truth.path)
        }
        var pages: [Page] = []
        var skipped = 0
        for name in names.sorted() where name.hasSuffix(".json") {
            if let limit, pages.count >= limit { break }
            let id = String(name.dropLast(5))
            let json = try JSONParser.parse(Array(try Data(contentsOf: truth.appendingPathComponent(name))))
            let gold = json["ground_truth"]
            guard let body = gold?["main_content"]?.string, !body.isEmpty else {
                skipped += 1
                continue
            }
            func strings(_ key: String) -> [String] { gold?[key]?.array?.compactMap(\.string) ?? [] }
            pages.append(
                Page(
                    id: id, body: body, title: gold?["title"]?.string, with: strings("with"),
                    without: strings("without"), path: root.appendingPathComponent("html/\(id).html.gz")))
        }
        return (pages, skipped)
    }
}

/// Running totals for the report.
struct CleanupTally {
    var baseline = [ScoreAverage](repeating: ScoreAverage(), count: 3)
    var cleaned = [ScoreAverage](repeating: ScoreAverage(), count: 3)
    var titles = [(matched: Int, pages: Int)](repeating: (0, 0), count: 3)
    var unzip = Duration.zero
    var render = Duration.zero
    var clean = Duration.zero
    var renderedBytes = 0
    /// WCXB's snippet checks: `with` sentences found, `without` snippets absent, for the naive
    /// rendering (index 0) and the cleaned text (index 1).
    var withFound = [0, 0]
    var withoutAbsent = [0, 0]
    var withTotal = 0
    var withoutTotal = 0

    mutating func addSnippets(page: CleanupCorpus.Page, naive: String, cleaned: String) {
        for (index, text) in [naive, cleaned].enumerated() {
            withFound[index] += page.with.filter { text.contains(CleanupEvaluation.normalized($0)) }.count
            withoutAbsent[index] += page.without.filter { !text.contains(CleanupEvaluation.normalized($0)) }.count
        }
        withTotal += page.with.count
        withoutTotal += page.without.count
    }

    static let groups = ["all pages", "odd ids (tuned on)", "even ids (held out)"]

    mutating func add(
        page: CleanupCorpus.Page, baseline score: PageScore, cleaned cleanedScore: PageScore, titleMatch: Bool?
    ) {
        for group in [0, page.isHeldOut ? 2 : 1] {
            baseline[group].add(score)
            cleaned[group].add(cleanedScore)
            if let titleMatch {
                titles[group].pages += 1
                if titleMatch { titles[group].matched += 1 }
            }
        }
    }

    func table() -> [String] {
        func row(_ label: String, _ average: ScoreAverage) -> String {
            let mean = average.mean
            return label.padding(toLength: 50, withPad: " ", startingAt: 0)
                + String(format: "%5d   %.3f   %.3f   %.3f", average.pages, mean.precision, mean.recall, mean.f1)
        }
        var lines = ["bag-of-words vs gold body (macro-averaged)        pages   prec    recall  F1"]
        for (index, group) in Self.groups.enumerated() where baseline[index].pages > 0 {
            lines.append(row("naive rendering, uncleaned: \(group)", baseline[index]))
            lines.append(row("cleaned:                    \(group)", cleaned[index]))
        }
        lines.append("")
        for (index, group) in Self.groups.enumerated() where titles[index].pages > 0 {
            let (matched, pages) = titles[index]
            lines.append(
                "title exact match (case, spaces normalised), \(group): "
                    + String(format: "%.3f (%d/%d)", Double(matched) / Double(pages), matched, pages))
        }
        if withTotal > 0 && withoutTotal > 0 {
            lines.append("")
            for (index, label) in ["naive rendering", "cleaned"].enumerated() {
                lines.append(
                    String(
                        format:
                            "WCXB snippets, %@: `with` sentences kept %.3f (%d/%d), `without` snippets gone %.3f (%d/%d)",
                        label, Double(withFound[index]) / Double(withTotal), withFound[index], withTotal,
                        Double(withoutAbsent[index]) / Double(withoutTotal), withoutAbsent[index], withoutTotal))
            }
        }
        let pages = Double(baseline[0].pages)
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        lines.append("")
        lines.append(
            String(
                format: "speed: cleanup %.0f pages/s (%.1f MB/s of rendered text, best of 3 passes); "
                    + "naive rendering %.0f pages/s; gunzip %.0f pages/s", pages / max(seconds(clean), 1e-9),
                Double(renderedBytes) / 1e6 / max(seconds(clean), 1e-9), pages / max(seconds(render), 1e-9),
                pages / max(seconds(unzip), 1e-9)))
        return lines
    }

    var figures: [(name: String, value: Double)] {
        let all = cleaned[0].mean
        let heldOut = cleaned[2].mean
        return [
            ("naive_f1", baseline[0].mean.f1), ("cleaned_precision", all.precision), ("cleaned_recall", all.recall),
            ("cleaned_f1", all.f1), ("cleaned_f1_tuned_on", cleaned[1].mean.f1), ("cleaned_f1_held_out", heldOut.f1),
            ("title_accuracy", Double(titles[0].matched) / Double(max(titles[0].pages, 1))),
        ]
    }
}
