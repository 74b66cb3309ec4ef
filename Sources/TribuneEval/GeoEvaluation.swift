import Foundation
import TribuneCoding
import TribuneCore
import TribuneNLP

/// One article of a geoparsing corpus and its gold toponyms (UTF-8 byte ranges, coordinates).
struct GeoArticle {
    struct Toponym {
        var bytes: Range<Int>
        var latitude: Double
        var longitude: Double
    }

    var text: [UInt8]
    var toponyms: [Toponym]
}

/// Reads the XML of the geoparsing corpora: `<article>` elements with a `<text>` and toponyms as
/// GeoVirus writes them (`<locations><location><start><end><lat><lon>`) or as LGL and WikToR do
/// (`<toponyms><toponym><start><end><gaztag><lat><lon>`). Offsets are character offsets into
/// the text, entities decoded; GeoVirus counts them from 1, which the toponym's name shows.
enum GeoCorpusReader {
    static func read(_ url: URL) throws -> [GeoArticle] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CorpusError(file: url.path, reason: "cannot read the file")
        }
        let xml = String(decoding: data, as: UTF8.self)
        var articles: [GeoArticle] = []
        for chunk in xml.components(separatedBy: "<article").dropFirst() {
            guard let text = element("text", in: chunk).map(unescape) else { continue }
            let offsets = ScalarOffsets(text)
            let scalarCount = offsets.scalarCount
            let scalars = Array(text.unicodeScalars)
            var toponyms: [GeoArticle.Toponym] = []
            var shifts: [Int] = []
            for tag in ["location", "toponym"] {
                for item in chunk.components(separatedBy: "<\(tag)>").dropFirst() {
                    guard let start = element("start", in: item).flatMap({ Int($0) }),
                        let end = element("end", in: item).flatMap({ Int($0) }),
                        let lat = element("lat", in: item).flatMap({ Double($0) }),
                        let lon = element("lon", in: item).flatMap({ Double($0) }),
                        start < end, end <= scalarCount
                    else { continue }
                    // GeoVirus counts from 1; LGL and WikToR from 0. The names say which.
                    if let name = (element("name", in: item) ?? element("phrase", in: item)).map(unescape), start >= 1 {
                        if String(String.UnicodeScalarView(scalars[start..<end])) == name {
                            shifts.append(0)
                        } else if String(String.UnicodeScalarView(scalars[(start - 1)..<(end - 1)])) == name {
                            shifts.append(-1)
                        }
                    }
                    toponyms.append(.init(bytes: start..<end, latitude: lat, longitude: lon))
                }
            }
            let shift = shifts.filter { $0 == -1 }.count > shifts.count / 2 ? -1 : 0
            for index in toponyms.indices {
                let range = toponyms[index].bytes
                toponyms[index].bytes =
                    offsets.byteOffset(
                        ofScalar: range.lowerBound + shift)..<offsets.byteOffset(ofScalar: range.upperBound + shift)
            }
            articles.append(GeoArticle(text: Array(text.utf8), toponyms: toponyms))
        }
        return articles
    }

    private static func element(_ name: String, in text: String) -> String? {
        guard let open = text.range(of: "<\(name)>"),
            let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    private static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Geoparsing on GeoVirus (Wikinews articles with their toponyms' coordinates).
///
/// - Detection: the place finder's mentions that become place entities (resolved, or unknown
///   with a strong cue) against the gold toponyms, strict (equal spans) and
///   relaxed (overlapping). The finder stands in for named-entity recognition until it lands.
/// - Resolution given the gold spans: the resolver chooses for every gold toponym (the finder's
///   demonyms as context); right when within 161 km (100 miles) of the gold point. Counted over
///   the toponyms the gazetteer can match (some entry under the name lies within 161 km) and
///   over all. Baseline in the same run: the most populous entry under the name.
/// - End to end: the detected mentions that overlap a gold toponym, resolved within 161 km.
///
/// Articles alternate between the half tuned on (1st, 3rd, …) and the half held out.
public enum GeoEvaluation {
    static let corpusPath = "dev/geo/GeoVirus.xml"
    static let kilometres = 161.0

    public static func run(data: SharedData, verbose: Bool = false, gazetteer: Gazetteer? = nil) throws
        -> EvaluationReport
    {
        guard data.exists(corpusPath) else { throw SharedData.Missing(searched: [data.url(corpusPath).path]) }
        let articles = try GeoCorpusReader.read(data.url(corpusPath))
        let segmenter = try Segmenter()
        let places = try gazetteer ?? Gazetteer(userDirectory: nil)
        let finder = try PlaceMentionFinder(gazetteer: places)
        let resolver = ToponymResolver(gazetteer: places)
        let times = try TemporalTagger()
        var report = EvaluationReport(title: "Geoparsing on GeoVirus (Wikinews)")
        var details: [String] = []
        var rows: [[String]] = []
        var speed = (analysis: 0.0, places: 0.0, tokens: 0)
        for (half, name, key) in [(0, "tuned on (odd)", "tuned"), (1, "held out (even)", "heldout")] {
            var score = GeoScore()
            for (index, article) in articles.enumerated() where index % 2 == half {
                article.text.withUnsafeBufferPointer { text in
                    let t0 = ContinuousClock.now
                    let analysis = segmenter.segment(text, paragraphs: [0..<text.count])
                    let t1 = ContinuousClock.now
                    let dates = times.tag(text, tokens: analysis.tokens, sentences: analysis.sentences, anchor: nil)
                    let found = finder.find(
                        text, tokens: analysis.tokens, sentences: analysis.sentences, skip: dates.map(\.bytes))
                    let resolved = resolver.resolve(found.places, countries: found.countries, text: text)
                    let t2 = ContinuousClock.now
                    speed.analysis += TimeEvaluation.seconds(t1 - t0)
                    speed.places += TimeEvaluation.seconds(t2 - t1)
                    speed.tokens += analysis.tokens.count
                    // Gold spans with what the text says around them: the cue of the finder's
                    // mention at the same place, and their sentence.
                    let gold = article.toponyms.map { toponym in
                        let same = found.places.first { $0.bytes.overlaps(toponym.bytes) }
                        let start = toponym.bytes.lowerBound
                        let sentence = analysis.sentences.lastIndex { $0.bytes.lowerBound <= start } ?? 0
                        return PlaceMention(bytes: toponym.bytes, sentence: sentence, cue: same?.cue ?? .none)
                    }
                    let given = resolver.resolve(gold, countries: found.countries, text: text)
                    score.add(
                        article: article, detected: resolved, givenGold: given, gazetteer: places, text: text
                    ) { if verbose { details.append("[\(index)] \($0)") } }
                }
            }
            rows.append([
                name, String(score.gold), f(score.strict.precision), f(score.strict.recall), f(score.strict.f1),
                f(score.relaxed.f1), f(score.accuracyMatchable), f(score.baselineMatchable),
                "\(score.matchable)", f(score.accuracyAll), f(score.endToEnd),
            ])
            report.figures.append(("\(key)_detection_f1", score.strict.f1))
            report.figures.append(("\(key)_detection_relaxed_f1", score.relaxed.f1))
            report.figures.append(("\(key)_accuracy161_matchable", score.accuracyMatchable))
            report.figures.append(("\(key)_baseline161_matchable", score.baselineMatchable))
            report.figures.append(("\(key)_accuracy161_all", score.accuracyAll))
            report.figures.append(("\(key)_accuracy161_detected", score.endToEnd))
        }
        let header = [
            "half", "gold", "det P", "det R", "det F1", "relax F1", "acc@161", "baseline", "matchable", "acc all",
            "acc detected",
        ]
        report.lines.append(SegmentationEvaluation.table([header] + rows, widths: [16, 5, 6, 6, 6, 8, 7, 8, 9, 7, 12]))
        report.lines.append("")
        let placeSpeed = Double(speed.tokens) / max(speed.places, 1e-9)
        let analysisSpeed = Double(speed.tokens) / max(speed.analysis, 1e-9)
        report.figures.append(("places_tokens_per_second", placeSpeed))
        report.lines.append(
            "Speed: place finder + resolver \(Int(placeSpeed)) tokens/s; tokenizer + sentence splitter in the same run "
                + "\(Int(analysisSpeed)) tokens/s (\(speed.tokens) tokens).")
        report.lines.append("det: the place finder's mentions vs gold spans (strict: equal; relax: overlapping).")
        report.lines.append("acc@161: resolution of the gold spans within 161 km, over the toponyms the gazetteer can")
        report.lines.append(
            "match (an entry under the name within 161 km: 'matchable'); baseline: most populous entry.")
        report.lines.append(
            "acc all: over every gold toponym. acc detected: detected mentions overlapping gold, resolved within 161 km."
        )
        report.lines.append("Reproduce: swift run -c release tribune eval geo (--verbose lists every error)")
        report.lines += details
        return report
    }

    static func f(_ value: Double) -> String { String(format: "%.3f", value) }
}

struct GeoScore {
    var strict = Counts()
    var relaxed = Counts()
    var gold = 0
    var matchable = 0
    var rightMatchable = 0
    var baselineRight = 0
    var rightAll = 0
    var detectedMatched = 0
    var detectedRight = 0

    var accuracyMatchable: Double { ratio(rightMatchable, matchable) }
    var baselineMatchable: Double { ratio(baselineRight, matchable) }
    var accuracyAll: Double { ratio(rightAll, gold) }
    var endToEnd: Double { ratio(detectedRight, detectedMatched) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    mutating func add(
        article: GeoArticle, detected: [ToponymResolution], givenGold: [ToponymResolution], gazetteer: Gazetteer,
        text: UnsafeBufferPointer<UInt8>, log: (String) -> Void
    ) {
        func words(_ range: Range<Int>) -> String { String(decoding: text[range], as: UTF8.self) }
        func near(_ place: GazetteerPlace?, _ toponym: GeoArticle.Toponym) -> Bool {
            guard let place else { return false }
            return GazetteerPlace.distance(place.latitude, place.longitude, toponym.latitude, toponym.longitude)
                <= GeoEvaluation.kilometres
        }
        gold += article.toponyms.count
        // Detection.
        // What the document would show: resolved places, and unknown names with a strong cue.
        let found = detected.filter { $0.place != nil || $0.mention.cue == .placeWord }
        var used = Set<Int>()
        for toponym in article.toponyms {
            if let index = found.indices.first(where: {
                !used.contains($0) && found[$0].mention.bytes.overlaps(toponym.bytes)
            }) {
                used.insert(index)
                relaxed.truePositives += 1
                if found[index].mention.bytes == toponym.bytes {
                    strict.truePositives += 1
                } else {
                    strict.falsePositives += 1
                    strict.falseNegatives += 1
                }
                detectedMatched += 1
                if near(found[index].place, toponym) {
                    detectedRight += 1
                } else {
                    log(
                        "DETECTED-WRONG \(words(toponym.bytes)) → \(found[index].place.map { "\($0.name), \($0.country)" } ?? "unresolved")"
                    )
                }
            } else {
                relaxed.falseNegatives += 1
                strict.falseNegatives += 1
                log("MISS \(words(toponym.bytes))")
            }
        }
        for index in found.indices where !used.contains(index) {
            relaxed.falsePositives += 1
            strict.falsePositives += 1
            log(
                "EXTRA \(words(found[index].mention.bytes)) → \(found[index].place.map { "\($0.name), \($0.country)" } ?? "-")"
            )
        }
        // Resolution of the gold spans.
        for (toponym, resolution) in zip(article.toponyms, givenGold) {
            let candidates = gazetteer.places(named: words(toponym.bytes))
            let canMatch = candidates.contains { near($0, toponym) }
            let right = near(resolution.place, toponym)
            if right { rightAll += 1 }
            guard canMatch else { continue }
            matchable += 1
            if right {
                rightMatchable += 1
            } else {
                log(
                    "RESOLVED-WRONG \(words(toponym.bytes)) → \(resolution.place.map { "\($0.name), \($0.country) \($0.featureClass)" } ?? "unresolved") "
                        + "(gold \(toponym.latitude), \(toponym.longitude))")
            }
            if near(candidates.max { $0.population < $1.population }, toponym) { baselineRight += 1 }
        }
    }
}
