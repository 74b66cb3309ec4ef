import Foundation
import TribuneCore

/// A span of words that names an entity, and its type.
public struct EntitySpan: Hashable, Sendable {
    /// Word indexes in the sentence.
    public var words: Range<Int>
    public var type: Entity.Kind

    public init(words: Range<Int>, type: Entity.Kind) {
        self.words = words
        self.type = type
    }
}

/// A sentence with its gold named entities, for training and scoring the recognizer.
public struct EntitySentence: Hashable, Sendable {
    public var words: [String]
    public var spans: [EntitySpan]
    /// Names of types the corpus marks but a score leaves out (MEANTIME's products and
    /// financial indexes): a predicted span that overlaps one is neither right nor wrong.
    public var ignored: [Range<Int>]
    /// The document the sentence comes from.
    public var document: String
    /// Whether the corpus annotated this sentence's entities at all. MEANTIME marks entities
    /// only in each article's title and first sentences; a score over the rest would count
    /// every name there as spurious.
    public var annotated: Bool

    public init(
        words: [String], spans: [EntitySpan], ignored: [Range<Int>] = [], document: String = "", annotated: Bool = true
    ) {
        self.words = words
        self.spans = spans
        self.ignored = ignored
        self.document = document
        self.annotated = annotated
    }
}

/// Readers of the corpora the recognizer learns from and is scored on.
public enum EntityCorpus {
    /// A corpus file that cannot be read, and why.
    public struct FormatError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    // MARK: CoNLL-U with GUM's entity annotation

    /// The named entities of CoNLL-U sentences whose MISC column carries GUM's (CorefUD-style)
    /// `Entity=` brackets: `(1-person-…` opens entity 1 of type person, `1)` closes it.
    ///
    /// GUM marks every mention, names or not; a mention is a name when its head word (the one
    /// whose syntactic head lies outside it) is a proper noun. The name is the run of
    /// capitalized words around that head (with `of`, `and`, `&`, `de` between capitalized
    /// words), which drops articles and the relative clauses GUM includes in a mention. Types:
    /// person, organization, place (`LOC`; GPE versus LOC is left to gazetteers), event, and
    /// object, abstract, animal, plant and substance names as `MISC`.
    public static func gum(_ sentences: [CoNLLU.Sentence]) -> [EntitySentence] {
        var document = ""
        return sentences.map { sentence in
            if sentence.startsDocument, let id = sentence.comment("newdoc id") { document = id }
            let words = sentence.words
            var open: [(id: String, type: String, start: Int)] = []
            var mentions: [(start: Int, end: Int, type: String)] = []
            for (index, word) in words.enumerated() {
                guard let value = miscValue(word.misc, key: "Entity") else { continue }
                var scanner = value[...]
                while let first = scanner.first {
                    if first == "(" {
                        scanner = scanner.dropFirst()
                        let body = scanner.prefix { $0 != "(" && $0 != ")" }
                        scanner = scanner.dropFirst(body.count)
                        let parts = body.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
                        let id = parts.first.map(String.init) ?? ""
                        let type = parts.count > 1 ? String(parts[1]) : ""
                        if scanner.first == ")" {
                            scanner = scanner.dropFirst()
                            mentions.append((index, index + 1, type))
                        } else {
                            open.append((id, type, index))
                        }
                    } else {
                        let id = scanner.prefix { $0 != ")" && $0 != "(" }
                        scanner = scanner.dropFirst(id.count)
                        if scanner.first == ")" { scanner = scanner.dropFirst() }
                        if let at = open.lastIndex(where: { $0.id == id }) {
                            mentions.append((open[at].start, index + 1, open[at].type))
                            open.remove(at: at)
                        }
                    }
                }
            }
            var spans: [EntitySpan] = []
            for mention in mentions.sorted(by: { ($0.end - $0.start) > ($1.end - $1.start) }) {
                guard let type = gumType(mention.type),
                    let name = nameSpan(words, mention.start..<mention.end),
                    !spans.contains(where: { $0.words.overlaps(name) })
                else { continue }
                spans.append(EntitySpan(words: name, type: type))
            }
            spans.sort { $0.words.lowerBound < $1.words.lowerBound }
            return EntitySentence(words: words.map(\.form), spans: spans, document: document)
        }
    }

    static func gumType(_ type: String) -> Entity.Kind? {
        switch type {
        case "person": .person
        case "organization": .organization
        case "place": .location
        case "event": .event
        case "object", "abstract", "animal", "plant", "substance": .miscellaneous
        default: nil
        }
    }

    /// The name inside a GUM mention: around its proper-noun head, as ``gum(_:)`` describes.
    static func nameSpan(_ words: [CoNLLU.Word], _ mention: Range<Int>) -> Range<Int>? {
        let heads = mention.filter { index in
            guard let head = words[index].head else { return true }
            return !mention.contains(head - 1)
        }
        guard let head = heads.first, words[head].upos == "PROPN" else { return nil }
        var start = head
        var end = head + 1
        func capitalized(_ index: Int) -> Bool {
            guard let first = words[index].form.unicodeScalars.first else { return false }
            return first.properties.isUppercase || words[index].upos == "PROPN"
                || (CharacterSet.decimalDigits.contains(first) && words[index].upos == "PROPN")
        }
        while start > mention.lowerBound {
            if capitalized(start - 1) {
                start -= 1
            } else if start - 2 >= mention.lowerBound, connectors.contains(words[start - 1].form),
                capitalized(start - 2)
            {
                start -= 2
            } else {
                break
            }
        }
        while end < mention.upperBound {
            if capitalized(end) {
                end += 1
            } else if end + 1 < mention.upperBound, connectors.contains(words[end].form), capitalized(end + 1) {
                end += 2
            } else {
                break
            }
        }
        return start..<end
    }

    /// Lower-case words that may stand inside a name between capitalized ones.
    static let connectors: Set<String> = ["of", "and", "&", "de", "for", "the", "on", "du", "des", "la", "al", "bin"]

    static func miscValue(_ misc: String, key: String) -> String? {
        for field in misc.split(separator: "|") where field.hasPrefix(key + "=") {
            return String(field.dropFirst(key.count + 1))
        }
        return nil
    }

    // MARK: MEANTIME

    /// The named entities of a MEANTIME document (CAT XML): the `NAM` and `PRE.NAM` entity
    /// mentions of persons, organizations and locations, typed by the entity they refer to.
    ///
    /// MEANTIME's mentions are whole noun phrases ("U.S. automaker Chrysler"); the name is the
    /// last run of capitalized words in the phrase ("Chrysler"), as in CoNLL-style corpora.
    /// Named products, financial entities and mixed ones become ``EntitySentence/ignored``.
    ///
    /// A person's name also loses the words before it that `leading` lists (lower case: titles,
    /// nationality adjectives), so "Australian Prime Minister John Howard" is "John Howard".
    /// A pre-modifying name that `adjectives` lists ("German" in "German carmaker") is a
    /// nationality, which CoNLL-style scores do not count as a place: it becomes ignored.
    ///
    /// MEANTIME annotates entities and events only in the title and the first sentences of each
    /// article (NewsReader guidelines); sentences after the last one with any entity or event
    /// mention are marked not ``EntitySentence/annotated``.
    public static func meantime(
        _ xml: String, file: String, leading: Set<String> = [], adjectives: Set<String> = []
    ) throws -> [EntitySentence] {
        var tokens: [(id: String, sentence: Int, text: String)] = []
        var mentions: [String: (type: String, anchors: [String])] = [:]
        var currentMention: String?
        var inMarkable = false
        var markedTokens = Set<String>()
        var entityTypes: [String: String] = [:]
        var refersSources: [String] = []
        var refersTarget: String?
        var inRefers = false
        var links: [String: String] = [:]
        var index = xml.startIndex
        while let open = xml[index...].firstIndex(of: "<") {
            guard let close = xml[open...].firstIndex(of: ">") else { break }
            let tag = xml[xml.index(after: open)..<close]
            index = xml.index(after: close)
            let closing = tag.hasPrefix("/")
            let name = (closing ? "/" : "") + tag.dropFirst(closing ? 1 : 0).prefix { !$0.isWhitespace && $0 != "/" }
            switch name {
            case "token":
                guard let end = xml[index...].range(of: "</token>") else {
                    throw FormatError(file: file, reason: "unclosed <token>")
                }
                let text = unescape(xml[index..<end.lowerBound])
                guard let id = attribute(tag, "t_id"), let sentence = attribute(tag, "sentence").flatMap(Int.init)
                else { throw FormatError(file: file, reason: "a <token> without t_id or sentence") }
                tokens.append((id, sentence, text))
                index = end.upperBound
            case "ENTITY_MENTION":
                guard let id = attribute(tag, "m_id") else { continue }
                mentions[id] = (attribute(tag, "syntactic_type") ?? "", [])
                currentMention = tag.hasSuffix("/") ? nil : id
                inMarkable = currentMention != nil
            case "/ENTITY_MENTION":
                currentMention = nil
                inMarkable = false
            case "EVENT_MENTION":
                inMarkable = !tag.hasSuffix("/")
            case "/EVENT_MENTION":
                inMarkable = false
            case "token_anchor":
                guard let id = attribute(tag, "t_id") else { continue }
                if inMarkable { markedTokens.insert(id) }
                if let mention = currentMention { mentions[mention]?.anchors.append(id) }
            case "ENTITY":
                if let id = attribute(tag, "m_id"), let type = attribute(tag, "ent_type") { entityTypes[id] = type }
            case "REFERS_TO":
                inRefers = true
                refersSources = []
                refersTarget = nil
            case "source":
                if inRefers, let id = attribute(tag, "m_id") { refersSources.append(id) }
            case "target":
                if inRefers, let id = attribute(tag, "m_id") { refersTarget = id }
            case "/REFERS_TO":
                if let target = refersTarget { for source in refersSources { links[source] = target } }
                inRefers = false
            default:
                continue
            }
        }
        guard !tokens.isEmpty else { throw FormatError(file: file, reason: "no <token> elements") }
        var position: [String: (sentence: Int, word: Int)] = [:]
        var sentences: [EntitySentence] = []
        var sentenceNumbers: [Int: Int] = [:]
        for token in tokens {
            if sentenceNumbers[token.sentence] == nil {
                sentenceNumbers[token.sentence] = sentences.count
                sentences.append(EntitySentence(words: [], spans: [], document: file))
            }
            let at = sentenceNumbers[token.sentence]!
            position[token.id] = (at, sentences[at].words.count)
            sentences[at].words.append(token.text)
        }
        let lastAnnotated = markedTokens.compactMap { position[$0]?.sentence }.max() ?? -1
        for index in sentences.indices { sentences[index].annotated = index <= lastAnnotated }
        // Nested mentions: the innermost names first ("[JSA Research] analyst [Paul Nesbit]"
        // inside a larger named mention), in a fixed order so the gold never depends on hashing.
        let named = mentions.filter { $0.value.type == "NAM" || $0.value.type == "PRE.NAM" }.sorted {
            ($0.value.anchors.count, Int($0.key) ?? 0, $0.key) < ($1.value.anchors.count, Int($1.key) ?? 0, $1.key)
        }
        for (id, mention) in named {
            let places = mention.anchors.compactMap { position[$0] }
            guard let first = places.first, places.allSatisfy({ $0.sentence == first.sentence }) else { continue }
            let words = places.map(\.word)
            guard let low = words.min(), let high = words.max() else { continue }
            let type = links[id].flatMap { entityTypes[$0] }
            let sentence = first.sentence
            if mention.type == "PRE.NAM",
                (low...high).allSatisfy({ adjectives.contains(sentences[sentence].words[$0].lowercased()) })
            {
                sentences[sentence].ignored.append(low..<high + 1)
                continue
            }
            switch type {
            case "PER", "ORG", "LOC":
                guard var name = lastName(sentences[sentence].words, low..<high + 1) else { continue }
                let kind: Entity.Kind = type == "PER" ? .person : type == "ORG" ? .organization : .location
                if kind == .person {
                    let words = sentences[sentence].words
                    while name.count > 1,
                        leading.contains(words[name.lowerBound].lowercased().replacingOccurrences(of: ".", with: ""))
                    {
                        name = name.lowerBound + 1..<name.upperBound
                    }
                }
                if !sentences[sentence].spans.contains(where: { $0.words.overlaps(name) }) {
                    sentences[sentence].spans.append(EntitySpan(words: name, type: kind))
                }
            default:
                sentences[sentence].ignored.append(low..<high + 1)
            }
        }
        for index in sentences.indices { sentences[index].spans.sort { $0.words.lowerBound < $1.words.lowerBound } }
        return sentences
    }

    /// The last run of capitalized words (with connectors between them) in `range`.
    static func lastName(_ words: [String], _ range: Range<Int>) -> Range<Int>? {
        func capitalized(_ index: Int) -> Bool {
            guard let first = words[index].unicodeScalars.first else { return false }
            return first.properties.isUppercase
        }
        var end = range.upperBound
        while end > range.lowerBound, !capitalized(end - 1) { end -= 1 }
        guard end > range.lowerBound else { return nil }
        var start = end - 1
        while start > range.lowerBound {
            if capitalized(start - 1) {
                start -= 1
            } else if start - 2 >= range.lowerBound, connectors.contains(words[start - 1]), capitalized(start - 2) {
                start -= 2
            } else {
                break
            }
        }
        if start < end, words[start] == "The" { start += 1 }
        return start < end ? start..<end : nil
    }

    static func attribute(_ tag: Substring, _ name: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return unescape(rest[..<end])
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    // MARK: CoNLL-2003

    /// Sentences of a CoNLL-2003-format file: one token per line, the token first and its IOB
    /// tag (`B-PER`, `I-ORG`, `O`; IOB1 or IOB2) last, blank lines between sentences,
    /// `-DOCSTART-` lines between documents. Types PER, ORG, LOC, MISC (and the OntoNotes names
    /// Tribune uses: PERSON, GPE, NORP, FAC, EVENT…).
    public static func conll2003(_ text: String, file: String) throws -> [EntitySentence] {
        var sentences: [EntitySentence] = []
        var words: [String] = []
        var tags: [String] = []
        var document = 0
        var lineNumber = 0
        func flush() throws {
            defer {
                words = []
                tags = []
            }
            guard !words.isEmpty else { return }
            var spans: [EntitySpan] = []
            var start: Int?
            var current: String?
            func close(_ end: Int) throws {
                if let begin = start, let type = current {
                    guard let kind = conllType(type) else {
                        throw FormatError(file: file, reason: "unknown entity type \(type) before line \(lineNumber)")
                    }
                    spans.append(EntitySpan(words: begin..<end, type: kind))
                }
                start = nil
                current = nil
            }
            for (index, tag) in tags.enumerated() {
                if tag == "O" {
                    try close(index)
                    continue
                }
                let prefix = tag.prefix(2)
                let type = String(tag.dropFirst(2))
                guard prefix == "B-" || prefix == "I-" || prefix == "E-" || prefix == "S-" else {
                    throw FormatError(file: file, reason: "bad tag \(tag) before line \(lineNumber)")
                }
                if prefix == "B-" || prefix == "S-" || current != type {
                    try close(index)
                    start = index
                    current = type
                }
                if prefix == "E-" || prefix == "S-" { try close(index + 1) }
            }
            try close(tags.count)
            sentences.append(EntitySentence(words: words, spans: spans, document: "\(file)#\(document)"))
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                try flush()
                continue
            }
            let columns = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if columns.first == "-DOCSTART-" {
                try flush()
                document += 1
                continue
            }
            guard columns.count >= 2 else {
                throw FormatError(file: file, reason: "line \(lineNumber) has no tag column")
            }
            words.append(String(columns[0]))
            tags.append(String(columns[columns.count - 1]))
        }
        try flush()
        return sentences
    }

    static func conllType(_ type: String) -> Entity.Kind? {
        switch type {
        case "PER", "PERSON": .person
        case "ORG", "ORGANIZATION": .organization
        case "LOC", "LOCATION": .location
        case "MISC": .miscellaneous
        default: Entity.Kind(rawValue: type)
        }
    }
}
