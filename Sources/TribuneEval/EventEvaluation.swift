import Foundation
import TribuneCoding
import TribuneCore
import TribuneNLP

/// `tribune eval events`: the event coder from raw text on PETRARCH's validation records (with
/// PETRARCH's own `PETR.Validate.*` dictionaries, as PETRARCH evaluates) and on the PLOVER
/// gold-standard records (with the shipped CAMEO dictionary and the records' marked actors).
///
/// Every third record (index 2, 5, 8… in file order) is held out: tune on the others, report
/// the held-out figures.
public enum EventEvaluation {
    static let petrFolder = "dev/events/petr-unittest"
    static let petrRecords = "PETR.UnitTest.records.xml"
    static let ploverRecords = "dev/events/plover-gsr-dev.json"

    /// Whether a record is in the held-out part.
    static func isHeldOut(_ index: Int) -> Bool { index % 3 == 2 }

    public static func run(data: SharedData, verbose: Bool = false) throws -> EvaluationReport {
        let analyzer = try LinguisticAnalyzer()
        var lines: [String] = []
        var figures: [(name: String, value: Double)] = []

        // PETRARCH validation records, PETRARCH's dictionaries.
        let folder = data.url(petrFolder)
        func read(_ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            do {
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw EventEvaluationError(message: "cannot read \(url.path): \(error)")
            }
        }
        let records = try PETRValidationRecords.parse(read(petrRecords))
        let verbs = try VerbDictionary(source: read("PETR.Validate.verbs.txt"), file: "PETR.Validate.verbs.txt")
        var coder = try EventCoder(
            verbs: verbs, cues: EventCues(), nouns: NominalEvents(text: ""),
            discards: DiscardList(text: read("PETR.Validate.discards.txt")))
        coder.appliesTransformations = true
        let actors = EventActorLexicon(
            actors: try read("PETR.Validate.actors.txt"), agents: try read("PETR.Validate.agents.txt"))
        var parts = [TripleScore(), TripleScore()]
        var started = Date()
        var codedSentences = 0
        var codingSeconds = 0.0
        for (index, record) in records.enumerated() {
            let analysis = analyzer.analyze(record.text)
            let bytes = Array(record.text.utf8)
            var predicted: [Triple] = []
            bytes.withUnsafeBufferPointer { text in
                let clock = Date()
                for sentence in analysis.sentences.indices {
                    let mentions = actors.mentions(in: analysis, sentence: sentence, text: text)
                    for event in coder.code(sentence: sentence, analysis: analysis, text: text, mentions: mentions)
                    where event.modality != .negated {
                        guard let source = event.source?.code, let target = event.target?.code else { continue }
                        predicted.append(Triple(source: source, target: target, code: event.code))
                    }
                    codedSentences += 1
                }
                codingSeconds += Date().timeIntervalSince(clock)
            }
            let part = isHeldOut(index) ? 1 : 0
            parts[part].add(predicted: predicted, gold: record.gold)
            if verbose {
                let mark = Set(predicted) == Set(record.gold) ? "ok " : "ERR"
                lines.append(
                    "\(mark) \(record.id) gold \(record.gold.map(\.description)) coded \(predicted.map(\.description))")
            }
        }
        let petrSeconds = Date().timeIntervalSince(started)
        lines.append("PETRARCH validation records (\(records.count), PETR.Validate dictionaries, parsed from raw text)")
        lines.append("  part       records  triple P / R / F1          root P / R / F1")
        for (name, score) in [("dev", parts[0]), ("held-out", parts[1])] {
            lines.append(
                "  " + name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(
                        format: " %6d   %.3f / %.3f / %.3f     %.3f / %.3f / %.3f", score.records,
                        score.exact.precision, score.exact.recall, score.exact.f1, score.root.precision,
                        score.root.recall, score.root.f1))
        }
        figures.append(("petr_heldout_triple_f1", parts[1].exact.f1))
        figures.append(("petr_heldout_root_f1", parts[1].root.f1))
        figures.append(("petr_dev_triple_f1", parts[0].exact.f1))

        // PLOVER gold records, the shipped CAMEO dictionary.
        started = Date()
        let plover = try PLOVERGoldRecords.parse(Data(contentsOf: data.url(ploverRecords)))
        let shipped = try EventCoder()
        var typed = [(right: 0, total: 0), (right: 0, total: 0)]
        for (index, record) in plover.enumerated() {
            let analysis = analyzer.analyze(record.text)
            let bytes = Array(record.text.utf8)
            var best: EventCoder.Coded?
            bytes.withUnsafeBufferPointer { text in
                for sentence in analysis.sentences.indices {
                    let mentions = record.mentions(in: analysis, sentence: sentence, text: text)
                    for event in shipped.code(sentence: sentence, analysis: analysis, text: text, mentions: mentions)
                    where best == nil || event.confidence > best!.confidence {
                        best = event
                    }
                }
            }
            let type = best.flatMap { shipped.plover?.coding(cameo: $0.code)?.type }
            let part = isHeldOut(index) ? 1 : 0
            typed[part].total += 1
            if type == record.type { typed[part].right += 1 }
            if verbose {
                lines.append(
                    "\(type == record.type ? "ok " : "ERR") \(record.id) gold \(record.type) coded \(type ?? "-") \(best?.code ?? "")"
                )
            }
        }
        lines.append("")
        lines.append("PLOVER gold records (\(plover.count), shipped CAMEO dictionary, the records' marked actors)")
        for (name, score) in [("dev", typed[0]), ("held-out", typed[1])] {
            let accuracy = score.total == 0 ? 0 : Double(score.right) / Double(score.total)
            lines.append(
                "  " + name.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(format: " %6d   type accuracy %.3f", score.total, accuracy))
        }
        figures.append(
            ("plover_heldout_type_accuracy", typed[1].total == 0 ? 0 : Double(typed[1].right) / Double(typed[1].total)))
        lines.append("")
        lines.append(
            String(
                format:
                    "coding after parsing: %d sentences in %.3f s (%.0f sentences/s); whole PETR run %.1f s, PLOVER run %.1f s",
                codedSentences, codingSeconds, Double(codedSentences) / max(codingSeconds, 1e-9), petrSeconds,
                Date().timeIntervalSince(started)))
        lines.append(
            "Held out: every third record (file order index 2, 5, 8…). Gold PLOVER types of the 2016 draft are")
        lines.append(
            "renamed as the 2021 table names them (DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT).")
        return EvaluationReport(title: "Event coding", lines: lines, figures: figures)
    }
}

struct EventEvaluationError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A (source, target, code) triple as PETRARCH's gold writes it.
struct Triple: Hashable, CustomStringConvertible {
    var source: String
    var target: String
    var code: String
    var description: String { "\(source) \(target) \(code)" }
    var root: Triple { Triple(source: source, target: target, code: String(code.prefix(2))) }
}

/// Precision, recall and F1 counts.
struct PRF {
    var truePositives = 0
    var predicted = 0
    var gold = 0
    var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    /// Adds one record, matching triples as multisets.
    mutating func add(predicted: [Triple], gold: [Triple]) {
        var remaining: [Triple: Int] = [:]
        for triple in gold { remaining[triple, default: 0] += 1 }
        for triple in predicted where remaining[triple, default: 0] > 0 {
            remaining[triple]! -= 1
            truePositives += 1
        }
        self.predicted += predicted.count
        self.gold += gold.count
    }
}

struct TripleScore {
    var exact = PRF()
    var root = PRF()
    var records = 0

    mutating func add(predicted: [Triple], gold: [Triple]) {
        records += 1
        exact.add(predicted: Array(Set(predicted)), gold: gold)
        root.add(predicted: Array(Set(predicted.map(\.root))), gold: gold.map(\.root))
    }
}

/// PETRARCH's validation file: `<Sentence id=…>` records with `<EventCoding sourcecode targetcode
/// eventcode>` (or `noevents = "True"`) and `<Text>`. It is not well-formed XML (comments hold
/// `--`, attributes have spaces around `=`), so it is read as text.
struct PETRValidationRecords {
    struct Record {
        var id: String
        var text: String
        var gold: [Triple]
    }

    static func parse(_ source: String) throws -> [Record] {
        var text = source
        // Drop comments first: they hold sentences of their own.
        while let start = text.range(of: "<!--") {
            guard let end = text.range(of: "-->", range: start.upperBound..<text.endIndex) else {
                text.removeSubrange(start.lowerBound..<text.endIndex)
                break
            }
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        var records: [Record] = []
        var rest = text[...]
        while let open = rest.range(of: "<Sentence ") {
            guard let close = rest.range(of: "</Sentence>", range: open.upperBound..<rest.endIndex) else {
                throw EventEvaluationError(message: "\(EventEvaluation.petrRecords): a <Sentence> without </Sentence>")
            }
            let body = rest[open.lowerBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            let header = body.prefix { $0 != ">" }
            let id = attribute("id", in: header) ?? "record \(records.count + 1)"
            var gold: [Triple] = []
            var search = body[...]
            while let coding = search.range(of: "<EventCoding") {
                let tag = search[coding.upperBound...].prefix { $0 != ">" }
                search = search[coding.upperBound...]
                if let source = attribute("sourcecode", in: tag), let target = attribute("targetcode", in: tag),
                    let code = attribute("eventcode", in: tag)
                {
                    gold.append(Triple(source: source, target: target, code: code))
                }
            }
            guard let textOpen = body.range(of: "<Text>"),
                let textClose = body.range(of: "</Text>", range: textOpen.upperBound..<body.endIndex)
            else { continue }
            let sentence = body[textOpen.upperBound..<textClose.lowerBound]
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
                    separator: " "
                )
                .trimmingCharacters(in: .whitespaces)
            records.append(Record(id: id, text: sentence, gold: gold))
        }
        return records
    }

    /// `name="value"` or `name = "value"`.
    static func attribute(_ name: String, in tag: Substring) -> String? {
        var search = tag
        while let found = search.range(of: name) {
            var index = found.upperBound
            while index < search.endIndex, search[index] == " " { index = search.index(after: index) }
            guard index < search.endIndex, search[index] == "=" else {
                search = search[found.upperBound...]
                continue
            }
            index = search.index(after: index)
            while index < search.endIndex, search[index] == " " { index = search.index(after: index) }
            guard index < search.endIndex, search[index] == "\"" else { return nil }
            let start = search.index(after: index)
            guard let end = search[start...].firstIndex(of: "\"") else { return nil }
            return String(search[start..<end])
        }
        return nil
    }
}

/// The PLOVER gold-standard records: text, event type, source and target actors with the words
/// that name them.
struct PLOVERGoldRecords {
    struct Record {
        var id: String
        var text: String
        /// The event type, renamed to the 2021 PLOVER table's names.
        var type: String
        /// (words naming the actor, upper case; its code).
        var actors: [([String], String)]

        /// The marked actors as mentions: each actor text found in the sentence.
        func mentions(in analysis: AnalyzedText, sentence: Int, text: UnsafeBufferPointer<UInt8>) -> [ActorMention] {
            let range = analysis.sentences[sentence].tokens
            let words = range.map { String(decoding: text[analysis.tokens[$0].range], as: UTF8.self).uppercased() }
            var result: [ActorMention] = []
            for (name, code) in actors where !name.isEmpty {
                var index = 0
                while index + name.count <= words.count {
                    if Array(words[index..<(index + name.count)]) == name,
                        !result.contains(where: { $0.tokens.contains(range.lowerBound + index) })
                    {
                        result.append(
                            ActorMention(
                                tokens: (range.lowerBound + index)..<(range.lowerBound + index + name.count), code: code
                            ))
                    }
                    index += 1
                }
            }
            return result.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
        }
    }

    /// The 2016 draft's names for the types the 2021 table renamed.
    static let renamed = ["DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"]

    static func parse(_ data: Data) throws -> [Record] {
        let value = try JSONParser.parse(Array(data))
        guard case .array(let items) = value else {
            throw EventEvaluationError(message: "\(EventEvaluation.ploverRecords): expected a JSON array")
        }
        var records: [Record] = []
        for item in items {
            guard case .object(let fields) = item, case .string(let event)? = fields["event"], event != "DOCUMENT",
                case .string(let text)? = fields["text"]
            else { continue }
            let id: String
            if case .string(let value)? = fields["id"] { id = value } else { id = "record \(records.count + 1)" }
            var actors: [([String], String)] = []
            for key in ["source", "target"] {
                guard case .array(let list)? = fields[key] else { continue }
                for actor in list {
                    guard case .object(let actorFields) = actor, case .string(let name)? = actorFields["actorText"]
                    else { continue }
                    var code = ""
                    if case .string(let value)? = actorFields["code"] { code = value }
                    if case .string(let sector)? = actorFields["sector"] { code += sector }
                    let tokens = Tokenizing.words(name)
                    if !tokens.isEmpty, !code.isEmpty { actors.append((tokens, code)) }
                }
            }
            records.append(Record(id: id, text: text, type: renamed[event] ?? event, actors: actors))
        }
        return records
    }
}

/// Splits an actor text into the words the tokenizer would give (letters and digits together,
/// each other character alone), upper case.
enum Tokenizing {
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.uppercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "." {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                if !character.isWhitespace { words.append(String(character)) }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
