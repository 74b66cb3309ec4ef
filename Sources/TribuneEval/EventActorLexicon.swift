import TribuneCoding
import TribuneCore
import TribuneNLP

/// A plain reader of PETRARCH actor and agent dictionaries, enough to evaluate the event coder
/// on PETRARCH's validation records: actor names (`ARNOR [ARN]`, `+SYNONYM` lines) and agents
/// (`PRESIDENT [~GOV]`) whose code joins the actor's ("Arnor's president" → `ARNGOV`).
///
/// A stand-in for the evaluation until the actor dictionaries of issue 5 (NER, agents, dates,
/// coreference) replace it; it ignores date restrictions and reads every name as exact words.
struct EventActorLexicon: ActorCoding {
    /// Names (word sequences, upper case) by first word, longest first.
    private var names: [String: [(words: [String], code: String)]] = [:]
    /// Agent words (singular and plural) → code suffix (`GOV`).
    private var agents: [String: String] = [:]

    init(actors: String, agents agentText: String) {
        // A name's code follows it in [...], on its line or a later one; `+` lines are synonyms of
        // the name before them.
        func add(_ words: [String], _ code: String) {
            guard let first = words.first, !code.isEmpty, !code.hasPrefix("-") else { return }
            names[first, default: []].append((words, code))
        }
        var pending: [[String]] = []
        var lastCode: String?
        for raw in Self.lines(actors) {
            var line = Substring(raw)
            var code: String?
            if let open = line.firstIndex(of: "[") {
                code = line[line.index(after: open)...].prefix { $0 != "]" }.split(separator: " ").first
                    .map { $0.uppercased() }
                line = line[..<open]
            }
            let isSynonym = line.hasPrefix("+")
            let words = Self.words(isSynonym ? line.dropFirst() : line)
            if let code {
                for name in pending + (words.isEmpty ? [] : [words]) { add(name, code) }
                pending = []
                lastCode = code
            } else if isSynonym, let lastCode, !words.isEmpty {
                add(words, lastCode)
            } else if !words.isEmpty {
                pending = [words]
                lastCode = nil
            }
        }
        for key in names.keys { names[key]!.sort { $0.words.count > $1.words.count } }
        for raw in Self.lines(agentText) where !raw.hasPrefix("!") {
            guard let open = raw.firstIndex(of: "[") else { continue }
            let code = raw[raw.index(after: open)...].prefix { $0 != "]" }.replacingOccurrences(of: "~", with: "")
            var head = Substring(raw[..<open])
            var plurals: [String] = []
            if let brace = head.firstIndex(of: "{") {
                plurals = Self.words(head[head.index(after: brace)...].prefix { $0 != "}" })
                head = head[..<brace]
            }
            let words = Self.words(head)
            guard words.count == 1, !words[0].contains("!") else { continue }
            agents[words[0]] = code
            agents[words[0] + "S"] = code
            for plural in plurals { agents[plural] = code }
        }
    }

    private static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var inComment = false
        for raw in text.split(separator: "\n") {
            var line = Substring(raw)
            if inComment {
                guard let end = line.range(of: "-->") else { continue }
                line = line[end.upperBound...]
                inComment = false
            }
            if let start = line.range(of: "<!--") {
                if let end = line[start.upperBound...].range(of: "-->") {
                    line = line[..<start.lowerBound] + line[end.upperBound...]
                } else {
                    line = line[..<start.lowerBound]
                    inComment = true
                }
            }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { result.append(trimmed) }
        }
        return result
    }

    private static func words(_ text: Substring) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "\t" }).map { $0.uppercased() }
    }

    func mentions(in analysis: AnalyzedText, sentence: Int, text: UnsafeBufferPointer<UInt8>) -> [ActorMention] {
        let range = analysis.sentences[sentence].tokens
        let words = range.map { String(decoding: text[analysis.tokens[$0].range], as: UTF8.self).uppercased() }
        var found: [ActorMention] = []
        var index = 0
        while index < words.count {
            var matched = false
            for candidate in names[words[index], default: []] where index + candidate.words.count <= words.count {
                if Array(words[index..<(index + candidate.words.count)]) == candidate.words {
                    found.append(
                        ActorMention(
                            tokens: (range.lowerBound + index)..<(range.lowerBound + index + candidate.words.count),
                            code: candidate.code))
                    index += candidate.words.count
                    matched = true
                    break
                }
            }
            if !matched { index += 1 }
        }
        // Agents: joined to the actor just before them ("Arnor's president", "Gondor officials"),
        // or standing alone without a country.
        var result: [ActorMention] = []
        var used = Set<Int>()
        for (offset, word) in words.enumerated() {
            guard let suffix = agents[word] else { continue }
            let token = range.lowerBound + offset
            if let actor = found.lastIndex(where: { $0.tokens.upperBound <= token && token - $0.tokens.upperBound <= 2 }
            ),
                !used.contains(actor)
            {
                used.insert(actor)
                result.append(
                    ActorMention(tokens: found[actor].tokens.lowerBound..<(token + 1), code: found[actor].code + suffix)
                )
            }
        }
        for (number, mention) in found.enumerated() where !used.contains(number) { result.append(mention) }
        return result.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }
}
