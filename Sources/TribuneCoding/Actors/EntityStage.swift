import Foundation
import TribuneCore
import TribuneNLP

/// An entity of a document, with its mentions also as UTF-8 byte ranges for the stages that
/// read the text (places, events, quotes).
public struct FoundEntity: Hashable, Sendable {
    public var entity: Entity
    /// Parallel to `entity.mentions`.
    public var mentionBytes: [Range<Int>]
    /// The sentence of each mention.
    public var mentionSentences: [Int]
    /// Which mentions are names (not pronouns, titles or acronyms in passing).
    public var isName: [Bool]
}

/// The Resolve stage for who is who: named entities (``EntityRecognizer``), grouped into one
/// entity per person, organization or place of the document, with their titles and CAMEO actor
/// codes (``ActorCoder``) valid on the document's date.
///
/// Grouping, by general rules only:
/// - the same name again is the same entity; a later surname or shorter form of a person's
///   name ("Karzai" after "Hamid Karzai") is that person;
/// - an acronym in brackets after a name ("Islamic Movement of Uzbekistan (IMU)") is that
///   name, and so is each later use of it;
/// - titles and roles before a name ("Prime Minister", "IMU leader") are the person's titles;
///   with "the" and no name ("the prime minister") they are the one person holding that title;
/// - a personal pronoun ("he", "his", "she") is the person when only one person was named in its
///   sentence before it, or in the sentence before, or was the subject of the sentence before.
///
/// A person's code is the dictionaries' (on the day); failing that, the code of the country and
/// title before the name ("Pakistan Prime Minister" is `PAK` + `GOV`) or of the organization
/// the title ties them to ("IMU leader").
public struct EntityStage: Sendable {
    public let recognizer: EntityRecognizer
    public let coder: ActorCoder
    public let titles: PersonTitles

    /// The shipped model, dictionaries and lists.
    public init() throws {
        try self.init(recognizer: EntityRecognizer.load(), coder: ActorCoder(), titles: PersonTitles())
    }

    public init(recognizer: EntityRecognizer, coder: ActorCoder, titles: PersonTitles) {
        self.recognizer = recognizer
        self.coder = coder
        self.titles = titles
    }

    /// The document's entities, numbered `E1`, `E2`… in order of first mention, codes valid on
    /// `day` (default: the publication date; without one, the present as the dictionaries know it).
    public func entities(_ context: CodingContext, on day: ActorDay? = nil) -> [Entity] {
        find(context, on: day).map(\.entity)
    }

    /// The entities with their byte ranges.
    public func find(_ context: CodingContext, on day: ActorDay? = nil) -> [FoundEntity] {
        let day = day ?? context.published.flatMap(DateRestriction.day(iso:))
        var reading = DocumentReading(context: context, titles: titles)
        reading.spans = context.utf8.withUnsafeBufferPointer {
            recognizer.recognize($0, context.analysis.segmentation)
        }
        reading.makeMentions()
        reading.linkAcronyms()
        reading.group()
        reading.resolveRoleNouns()
        reading.resolvePronouns()
        return reading.entities(coder: coder, day: day)
    }

    /// The mentions of the place entities (GPE, LOC, FAC), for ``ToponymResolver``, with the
    /// index in `found` of the entity each belongs to.
    public static func placeMentions(_ found: [FoundEntity]) -> (mentions: [PlaceMention], entities: [Int]) {
        var mentions: [PlaceMention] = []
        var owners: [Int] = []
        for (index, item) in found.enumerated()
        where [.geopolitical, .location, .facility].contains(item.entity.type) {
            for (offset, bytes) in item.mentionBytes.enumerated() where item.isName[offset] {
                mentions.append(PlaceMention(bytes: bytes, sentence: item.mentionSentences[offset]))
                owners.append(index)
            }
        }
        return (mentions, owners)
    }
}

/// The working state of one document's grouping.
struct DocumentReading {
    struct Mention {
        var tokens: Range<Int>
        var type: Entity.Kind
        var sentence: Int
        /// ``ActorPhrase/key(_:)`` words.
        var words: [String]
        var isName = true
        var entity = -1
        /// Title tokens before the name, and the tokens before the title that name whom the
        /// title ties the person to.
        var title: Range<Int>?
        var affiliation: Range<Int>?
    }

    struct Group {
        var type: Entity.Kind
        var mentions: [Int] = []
        var nameWords: [String] = []
        var aliases: Set<String> = []
    }

    let context: CodingContext
    let titles: PersonTitles
    var spans: [EntitySpan] = []
    var mentions: [Mention] = []
    var groups: [Group] = []
    /// Acronym key → the mention it stands for.
    var acronyms: [String: Int] = [:]
    let tokenWords: [String]
    let tokenText: [String]
    let sentenceOf: [Int]

    init(context: CodingContext, titles: PersonTitles) {
        self.context = context
        self.titles = titles
        let tokens = context.analysis.tokens
        var text: [String] = []
        text.reserveCapacity(tokens.count)
        for token in tokens { text.append(String(decoding: context.utf8[token.range], as: UTF8.self)) }
        tokenText = text
        tokenWords = text.map { ActorPhrase.key($0) }
        var sentenceOf = [Int](repeating: 0, count: tokens.count)
        for (index, sentence) in context.analysis.sentences.enumerated() {
            for token in sentence.tokens { sentenceOf[token] = index }
        }
        self.sentenceOf = sentenceOf
    }

    func words(_ range: Range<Int>) -> [String] {
        range.flatMap { tokenWords[$0].split(separator: " ").map(String.init) }
    }

    func isCapitalized(_ token: Int) -> Bool {
        guard let first = tokenText[token].unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    // MARK: Mentions and titles

    mutating func makeMentions() {
        for span in spans {
            var range = span.words
            var title: Range<Int>?
            if span.type == .person {
                // A title inside the span ("President Nazarbayev" tagged whole) moves out of the name.
                let spanWords = range.map { tokenWords[$0] }
                let inside = titles.titleLength(startingAt: 0, in: spanWords, end: spanWords.count)
                if inside > 0, inside < range.count {
                    title = range.lowerBound..<range.lowerBound + inside
                    range = range.lowerBound + inside..<range.upperBound
                }
                let start = title?.lowerBound ?? range.lowerBound
                let before = titleBefore(start)
                if before > 0 { title = start - before..<(title?.upperBound ?? start) }
            }
            var mention = Mention(
                tokens: range, type: span.type, sentence: sentenceOf[range.lowerBound], words: words(range))
            mention.title = title
            if let title { mention.affiliation = affiliationBefore(title.lowerBound) }
            mentions.append(mention)
        }
    }

    /// How many tokens before `start` (in its sentence) form a title.
    func titleBefore(_ start: Int) -> Int {
        let sentence = context.analysis.sentences[sentenceOf[start]]
        let low = sentence.tokens.lowerBound
        let windowStart = max(low, start - titles.longest)
        let window = Array(tokenWords[windowStart..<start])
        return titles.titleLength(endingAt: window.count, in: window)
    }

    /// The name just before a title: another entity's mention ending there, or capitalized
    /// tokens (a country, an acronym).
    func affiliationBefore(_ start: Int) -> Range<Int>? {
        guard start > 0, sentenceOf[start - 1] == sentenceOf[start] else { return nil }
        if let span = spans.first(where: { $0.words.upperBound == start }) { return span.words }
        var first = start
        while first > 0, sentenceOf[first - 1] == sentenceOf[start], isCapitalized(first - 1),
            start - first < 4
        {
            first -= 1
        }
        return first < start ? first..<start : nil
    }

    // MARK: Acronyms

    /// "Name (ACR)": the acronym is a mention of the name.
    mutating func linkAcronyms() {
        let tokens = context.analysis.tokens
        for index in mentions.indices {
            let end = mentions[index].tokens.upperBound
            guard end + 2 < tokens.count, tokenText[end] == "(", tokenText[end + 2] == ")" || end + 3 < tokens.count
            else { continue }
            // The acronym may be one token ("IMU") or several ("RFE / RL").
            var close = end + 1
            while close < min(tokens.count, end + 6), tokenText[close] != ")" { close += 1 }
            guard close < tokens.count, tokenText[close] == ")", close > end + 1 else { continue }
            let acronym = (end + 1..<close).map { tokenText[$0] }.joined()
            guard Self.isAcronym(acronym, of: mentions[index].words) else { continue }
            let key = ActorPhrase.key(acronym)
            acronyms[key] = index
            if !mentions.contains(where: { $0.tokens.overlaps(end + 1..<close) }) {
                var mention = Mention(
                    tokens: end + 1..<close, type: mentions[index].type, sentence: mentions[index].sentence,
                    words: [key])
                mention.isName = true
                mentions.append(mention)
            }
        }
        // Acronyms used again without a tagged span: find them in the text.
        guard !acronyms.isEmpty else { return }
        for token in tokenWords.indices where acronyms[tokenWords[token]] != nil {
            guard !mentions.contains(where: { $0.tokens.contains(token) }) else { continue }
            let target = acronyms[tokenWords[token]]!
            mentions.append(
                Mention(
                    tokens: token..<token + 1, type: mentions[target].type, sentence: sentenceOf[token],
                    words: [tokenWords[token]]))
        }
        mentions.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
        acronyms = [:]
        for (index, mention) in mentions.enumerated() {
            let end = mention.tokens.upperBound
            guard end + 2 < tokenText.count, tokenText[end] == "(" else { continue }
            if let next = mentions.first(where: { $0.tokens.lowerBound == end + 1 }),
                Self.isAcronym(next.words.joined(), of: mention.words)
            {
                acronyms[next.words.joined(separator: " ")] = index
            }
        }
    }

    /// Whether the letters of `acronym` are the initials of the capitalized words of `words`
    /// (keys), function words skipped.
    static func isAcronym(_ acronym: String, of words: [String]) -> Bool {
        let letters = acronym.unicodeScalars.filter { CharacterSet.letters.contains($0) }.map { Character($0) }
        guard letters.count >= 2, letters.count <= 10, letters.allSatisfy(\.isUppercase), words.count >= 2 else {
            return false
        }
        let skipped: Set<String> = ["OF", "THE", "AND", "FOR", "&", "DE", "IN", "ON"]
        let initials = words.filter { !skipped.contains($0) }.compactMap(\.first)
        let all = words.compactMap(\.first)
        return String(letters) == String(initials) || String(letters) == String(all)
    }

    // MARK: Grouping

    mutating func group() {
        for index in mentions.indices {
            let mention = mentions[index]
            let key = mention.words.joined(separator: " ")
            var target: Int?
            if let named = acronyms[key], mentions[named].entity >= 0, named != index {
                target = mentions[named].entity
            }
            if target == nil {
                target = groups.lastIndex { $0.aliases.contains(key) }
            }
            if target == nil, mention.words.count <= 2 {
                // A shorter form of a person's name: its words end the person's name.
                target = groups.lastIndex { group in
                    group.type == .person && group.nameWords.count > mention.words.count
                        && Array(group.nameWords.suffix(mention.words.count)) == mention.words
                }
            }
            if target == nil, mention.type == .organization || mention.words.count == 1 {
                target = groups.lastIndex { group in
                    group.type == .organization && Self.isAcronym(key, of: group.nameWords)
                }
            }
            if let target {
                groups[target].mentions.append(index)
                groups[target].aliases.insert(key)
                if mention.words.count > groups[target].nameWords.count, groups[target].type == mention.type {
                    groups[target].nameWords = mention.words
                }
                mentions[index].entity = target
            } else {
                var group = Group(type: mention.type, mentions: [index], nameWords: mention.words)
                group.aliases.insert(key)
                mentions[index].entity = groups.count
                groups.append(group)
            }
        }
        // An acronym introduced in brackets joins its expansion's entity.
        for (key, named) in acronyms {
            let owner = mentions[named].entity
            guard owner >= 0 else { continue }
            for index in mentions.indices where mentions[index].words.joined(separator: " ") == key {
                let from = mentions[index].entity
                guard from != owner, from >= 0 else { continue }
                merge(from, into: owner)
            }
        }
    }

    mutating func merge(_ from: Int, into owner: Int) {
        for index in groups[from].mentions {
            mentions[index].entity = owner
            groups[owner].mentions.append(index)
        }
        groups[owner].aliases.formUnion(groups[from].aliases)
        groups[from].mentions = []
    }

    // MARK: Role nouns and pronouns

    /// "the prime minister": the one person with that title.
    mutating func resolveRoleNouns() {
        var holders: [String: Set<Int>] = [:]
        for mention in mentions where mention.type == .person && mention.entity >= 0 {
            guard let title = mention.title else { continue }
            holders[words(title).joined(separator: " "), default: []].insert(mention.entity)
        }
        guard !holders.isEmpty else { return }
        for token in tokenWords.indices where tokenWords[token] == "THE" {
            for length in stride(from: titles.longest, through: 1, by: -1) {
                let end = token + 1 + length
                guard end <= tokenWords.count, sentenceOf[end - 1] == sentenceOf[token] else { continue }
                let key = words(token + 1..<end).joined(separator: " ")
                guard let people = holders[key], people.count == 1, let person = people.first else { continue }
                // Not before a name ("the Prime Minister Karzai") and not inside a mention.
                if end < tokenWords.count, isCapitalized(end), sentenceOf[end] == sentenceOf[token] { break }
                guard !mentions.contains(where: { $0.tokens.overlaps(token + 1..<end) }) else { break }
                var mention = Mention(
                    tokens: token + 1..<end, type: .person, sentence: sentenceOf[token], words: words(token + 1..<end))
                mention.isName = false
                mention.entity = person
                groups[person].mentions.append(mentions.count)
                mentions.append(mention)
                break
            }
        }
    }

    static let pronouns: Set<String> = ["HE", "HIM", "HIS", "HIMSELF", "SHE", "HER", "HERS", "HERSELF"]

    /// Personal pronouns, where only one person can be meant.
    mutating func resolvePronouns() {
        let relations = context.analysis.relations
        let ordered = mentions.indices.filter { mentions[$0].type == .person && mentions[$0].isName }
        for token in tokenWords.indices where Self.pronouns.contains(tokenWords[token]) {
            guard !mentions.contains(where: { $0.tokens.contains(token) }) else { continue }
            let sentence = sentenceOf[token]
            let here = Set(
                ordered.filter { mentions[$0].sentence == sentence && mentions[$0].tokens.upperBound <= token }
                    .map { mentions[$0].entity })
            var person: Int?
            if here.count == 1 {
                person = here.first
            } else if here.isEmpty, sentence > 0 {
                let previous = ordered.filter { mentions[$0].sentence == sentence - 1 }
                let people = Set(previous.map { mentions[$0].entity })
                if people.count == 1 {
                    person = people.first
                } else if !relations.isEmpty {
                    let subjects = Set(
                        previous.filter { index in
                            mentions[index].tokens.contains { relations[$0].hasPrefix("nsubj") }
                        }.map { mentions[$0].entity })
                    if subjects.count == 1 { person = subjects.first }
                }
            }
            guard let person, person >= 0 else { continue }
            var mention = Mention(
                tokens: token..<token + 1, type: .person, sentence: sentence, words: [tokenWords[token]])
            mention.isName = false
            mention.entity = person
            groups[person].mentions.append(mentions.count)
            mentions.append(mention)
        }
    }

    // MARK: Output

    func entities(coder: ActorCoder, day: ActorDay?) -> [FoundEntity] {
        let live = groups.indices.filter { !groups[$0].mentions.isEmpty }
        let order = live.sorted {
            groups[$0].mentions.map { mentions[$0].tokens.lowerBound }.min()!
                < groups[$1].mentions.map { mentions[$0].tokens.lowerBound }.min()!
        }
        let tokens = context.analysis.tokens
        var codes: [Int: CodedActor] = [:]
        // Organizations and places first: a person's title may tie them to one.
        for group in order where groups[group].type != .person {
            codes[group] = code(group, coder: coder, day: day, codes: codes)
        }
        for group in order where groups[group].type == .person {
            codes[group] = code(group, coder: coder, day: day, codes: codes)
        }
        var found: [FoundEntity] = []
        for (number, group) in order.enumerated() {
            let members = groups[group].mentions.sorted {
                mentions[$0].tokens.lowerBound < mentions[$1].tokens.lowerBound
            }
            let bytes = members.map { index -> Range<Int> in
                let range = mentions[index].tokens
                return tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound
            }
            let nameMention = members.filter { mentions[$0].isName }.max { left, right in
                mentions[left].words.count < mentions[right].words.count
            }
            let name =
                nameMention.map { index -> String in
                    let range = mentions[index].tokens
                    let start = tokens[range.lowerBound].range.lowerBound
                    let end = tokens[range.upperBound - 1].range.upperBound
                    return String(decoding: context.utf8[start..<end], as: UTF8.self)
                } ?? ""
            var titleTexts: [String] = []
            for index in members {
                guard let title = mentions[index].title else { continue }
                let start = tokens[title.lowerBound].range.lowerBound
                let end = tokens[title.upperBound - 1].range.upperBound
                let text = String(decoding: context.utf8[start..<end], as: UTF8.self)
                if !titleTexts.contains(where: { $0.lowercased() == text.lowercased() }) { titleTexts.append(text) }
            }
            let entity = Entity(
                id: "E\(number + 1)", type: groups[group].type, name: name,
                mentions: bytes.map { context.offsets.span(bytes: $0) }, titles: titleTexts,
                actor: codes[group]?.actor)
            found.append(
                FoundEntity(
                    entity: entity, mentionBytes: bytes, mentionSentences: members.map { mentions[$0].sentence },
                    isName: members.map { mentions[$0].isName }))
        }
        return found
    }

    /// The actor code of one entity, as ``EntityStage`` describes.
    func code(_ group: Int, coder: ActorCoder, day: ActorDay?, codes: [Int: CodedActor]) -> CodedActor? {
        let type = groups[group].type
        let names = groups[group].mentions.filter { mentions[$0].isName }.map { mentions[$0].words }
        var seen = Set<[String]>()
        let distinct = names.filter { seen.insert($0).inserted }.sorted { $0.count > $1.count }
        for words in distinct {
            guard let coding = coder.code(words: words, on: day) else { continue }
            switch (type, coding.basis) {
            case (.person, .named), (.organization, .named), (.organization, .composed), (.nationality, .country),
                (.geopolitical, .country), (.geopolitical, .named), (.location, .country), (.miscellaneous, .named),
                (.facility, .named):
                return coding
            default:
                continue
            }
        }
        guard type == .person else { return nil }
        for index in groups[group].mentions {
            guard let title = mentions[index].title else { continue }
            if let affiliation = mentions[index].affiliation {
                if let other = mentions.first(where: { $0.tokens == affiliation && $0.entity >= 0 }),
                    other.entity != group, let code = codes[other.entity], groups[other.entity].type != .geopolitical
                {
                    return CodedActor(
                        actor: code.actor, basis: .composed,
                        reasons: [
                            "a title (\(words(title).joined(separator: " "))) of \(other.words.joined(separator: " "))"
                        ]
                            + code.reasons, lines: code.lines)
                }
                if let coding = coder.code(words: words(affiliation) + words(title), on: day),
                    coding.basis == .composed || coding.basis == .country
                {
                    return coding
                }
            }
        }
        return nil
    }
}
