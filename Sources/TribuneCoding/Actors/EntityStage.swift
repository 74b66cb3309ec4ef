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
/// Before grouping, the recognizer's spans are checked by rules that hold for names in general:
/// in a heading ("History Of Violence"), where capitals say little, only names the body or the
/// dictionaries also know are kept; a person's name holds no capitalized function word and is
/// not a title alone ("Major", "General"); one word the agents dictionary lists ("Muslims") is a
/// group, not a person; a span with an organization word (`organization-words-en.txt`: "Daily
/// Times", "Islamic Movement") is an organization.
///
/// Grouping, by general rules only:
/// - the same name again is the same entity; a later surname or shorter form of a person's
///   name ("Karzai" after "Hamid Karzai") is that person, found in the text even where the
///   recognizer missed it;
/// - an acronym in brackets after a name ("Islamic Movement of Uzbekistan (IMU)") is that
///   name, and so is each later use of it; when it spells only the last words of the span
///   ("Uzbek Islamic Movement of Uzbekistan"), the name is those words;
/// - titles and roles before a name ("Prime Minister", "FARC leader") are the person's titles,
///   also where the recognizer took them into the name ("Kenya Prime Minister Raila Odinga":
///   affiliation "Kenya", title "Prime Minister", name "Raila Odinga");
///   with "the" and no name ("the prime minister") they are the one person holding that title;
/// - a personal pronoun ("he", "his", "she") is the person when only one person was named in its
///   sentence before it, or in the sentence before, or was the subject of the sentence before.
///
/// A person's code is the dictionaries' (on the day); failing that, the code of the country and
/// title before the name ("Pakistan Prime Minister" is `PAK` + `GOV`) or of the organization
/// the title ties them to ("FARC leader").
public struct EntityStage: Sendable {
    public let recognizer: EntityRecognizer
    public let coder: ActorCoder
    public let titles: PersonTitles
    /// Words that make a name an organization's (`organization-words-en.txt`), as keys.
    public let organizationWords: Set<String>

    /// The shipped model, dictionaries and lists.
    public init() throws {
        try self.init(recognizer: EntityRecognizer.load(), coder: ActorCoder(), titles: PersonTitles())
    }

    public init(recognizer: EntityRecognizer, coder: ActorCoder, titles: PersonTitles) {
        self.init(
            recognizer: recognizer, coder: coder, titles: titles,
            organizationWords: (try? Self.shippedOrganizationWords()) ?? [])
    }

    public init(
        recognizer: EntityRecognizer, coder: ActorCoder, titles: PersonTitles, organizationWords: Set<String>
    ) {
        self.recognizer = recognizer
        self.coder = coder
        self.titles = titles
        self.organizationWords = organizationWords
    }

    /// The shipped `organization-words-en.txt`, as keys.
    public static func shippedOrganizationWords() throws -> Set<String> {
        Set(
            DataFile.entries(
                try ResourceLocator.text("organization-words-en.txt", module: "TribuneCoding", sourceFile: #filePath)
            ).map { ActorPhrase.key($0) })
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
        reading.organizationWords = organizationWords
        reading.spans = context.utf8.withUnsafeBufferPointer {
            recognizer.recognize($0, context.analysis.segmentation)
        }
        reading.tidySpans(coder: coder, day: day)
        reading.makeMentions()
        reading.linkAcronyms()
        reading.group()
        reading.findRepeatedNames()
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
    var organizationWords: Set<String> = []
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

    /// How many mentions cover each token: whether a token or range is inside a mention, in
    /// time of the range rather than of the mentions. Passes that add mentions keep it up to date.
    func coverage() -> [Int32] {
        var cover = [Int32](repeating: 0, count: tokenWords.count)
        for mention in mentions { for token in mention.tokens { cover[token] += 1 } }
        return cover
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
        // The first span ending at each token, so that finding a title's affiliation does not
        // walk every span (a long page has hundreds of thousands).
        var spanEnding: [Int: Range<Int>] = [:]
        for span in spans where spanEnding[span.words.upperBound] == nil {
            spanEnding[span.words.upperBound] = span.words
        }
        for span in spans {
            var range = span.words
            var title: Range<Int>?
            var affiliation: Range<Int>?
            if span.type == .person {
                // A title inside the span ("President Nazarbayev", "Kenya Prime Minister Raila
                // Odinga" tagged whole) moves out of the name, and the words before it are
                // the affiliation.
                if let inside = titleInside(range) {
                    title = inside
                    if inside.lowerBound > range.lowerBound { affiliation = range.lowerBound..<inside.lowerBound }
                    range = inside.upperBound..<range.upperBound
                }
                if affiliation == nil {
                    let start = title?.lowerBound ?? range.lowerBound
                    let before = titleBefore(start)
                    if before > 0 { title = start - before..<(title?.upperBound ?? start) }
                }
            }
            var mention = Mention(
                tokens: range, type: span.type, sentence: sentenceOf[range.lowerBound], words: words(range))
            mention.title = title
            if let title {
                mention.affiliation = affiliation ?? affiliationBefore(title.lowerBound, spanEnding: spanEnding)
            }
            mentions.append(mention)
        }
    }

    /// How many tokens before `start` (in its sentence) form a title; a hyphen may join its
    /// words ("Major-General").
    func titleBefore(_ start: Int) -> Int {
        let low = context.analysis.sentences[sentenceOf[start]].tokens.lowerBound
        var best = 0
        var length = 1
        while length <= 2 * titles.longest, start - length >= low {
            let from = start - length
            if !tokenWords[from].isEmpty, titles.contains(words(from..<start).joined(separator: " ")) { best = length }
            length += 1
        }
        return best
    }

    /// The longest title inside a person's span with a name after it: the first position where
    /// one starts, its longest form.
    func titleInside(_ range: Range<Int>) -> Range<Int>? {
        for start in range where !tokenWords[start].isEmpty {
            var found: Range<Int>?
            var end = start + 1
            while end < range.upperBound, end - start <= 2 * titles.longest {
                if titles.contains(words(start..<end).joined(separator: " ")), isCapitalized(end) {
                    found = start..<end
                }
                end += 1
            }
            if let found { return found }
        }
        return nil
    }

    // MARK: Checking the recognizer's spans

    /// Words that may join a name in lower case but never stand capitalized inside a person's
    /// name: a capitalized one ("History Of Violence") says the capitals are a heading's.
    static let functionWords: Set<String> = [
        "OF", "THE", "AND", "FOR", "IN", "ON", "TO", "AT", "BY", "WITH", "FROM", "A", "AN", "OR",
    ]

    /// Whether a sentence reads as a heading: every word capitalized, no closing punctuation.
    func isHeading(_ sentence: Int) -> Bool {
        let range = context.analysis.sentences[sentence].tokens
        var words = 0
        for token in range {
            guard let first = tokenText[token].unicodeScalars.first else { continue }
            if first.properties.isAlphabetic {
                guard first.properties.isUppercase else { return false }
                words += 1
            } else if [".", "?", "!"].contains(tokenText[token]) {
                return false
            }
        }
        return words >= 2
    }

    /// Drops and retypes the recognizer's spans, as ``EntityStage`` describes.
    mutating func tidySpans(coder: ActorCoder, day: ActorDay?) {
        let sentences = context.analysis.sentences
        let heading = sentences.indices.map(isHeading)
        var bodyNames = Set<String>()
        for span in spans where !heading[sentenceOf[span.words.lowerBound]] {
            bodyNames.insert(words(span.words).joined(separator: " "))
        }
        var kept: [EntitySpan] = []
        for var span in spans {
            let spanWords = words(span.words)
            let key = spanWords.joined(separator: " ")
            guard !spanWords.isEmpty else { continue }
            if heading[sentenceOf[span.words.lowerBound]], !bodyNames.contains(key),
                coder.code(words: spanWords, on: day) == nil
            {
                continue
            }
            if span.type == .person {
                let capitalizedFunctionWord = span.words.contains { token in
                    isCapitalized(token) && Self.functionWords.contains(tokenWords[token])
                }
                if capitalizedFunctionWord || titles.contains(key) { continue }
                if span.words.count == 1, let coding = coder.code(words: spanWords, on: day), coding.basis == .agent {
                    if isCapitalized(span.words.lowerBound) {
                        span.type = .nationality
                    } else {
                        continue
                    }
                }
            }
            // In a place's name the word must not lead ("Times Square" stays a place).
            if [.miscellaneous, .location, .event].contains(span.type), spanWords.count > 1,
                spanWords.dropFirst(span.type == .location ? 1 : 0).contains(where: organizationWords.contains)
            {
                span.type = .organization
            }
            kept.append(span)
        }
        spans = kept
    }

    /// The name just before a title: another entity's mention ending there, or capitalized
    /// tokens (a country, an acronym).
    func affiliationBefore(_ start: Int, spanEnding: [Int: Range<Int>]) -> Range<Int>? {
        guard start > 0, sentenceOf[start - 1] == sentenceOf[start] else { return nil }
        if let words = spanEnding[start] { return words }
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
        var cover = coverage()
        for index in mentions.indices {
            let end = mentions[index].tokens.upperBound
            guard end + 2 < tokens.count, tokenText[end] == "(", tokenText[end + 2] == ")" || end + 3 < tokens.count
            else { continue }
            // The acronym may be one token ("IMU") or several ("RFE / RL").
            var close = end + 1
            while close < min(tokens.count, end + 6), tokenText[close] != ")" { close += 1 }
            guard close < tokens.count, tokenText[close] == ")", close > end + 1 else { continue }
            let acronym = (end + 1..<close).map { tokenText[$0] }.joined()
            guard let spelled = Self.acronymSuffix(acronym, of: mentions[index].words) else { continue }
            if spelled < mentions[index].words.count {
                // "Uzbek Islamic Movement of Uzbekistan (IMU)": the name is the words spelled.
                var start = mentions[index].tokens.upperBound
                while start > mentions[index].tokens.lowerBound,
                    words(start - 1..<mentions[index].tokens.upperBound).count <= spelled
                {
                    start -= 1
                }
                if words(start..<mentions[index].tokens.upperBound).count > spelled { start += 1 }
                for token in mentions[index].tokens { cover[token] -= 1 }
                mentions[index].tokens = start..<mentions[index].tokens.upperBound
                for token in mentions[index].tokens { cover[token] += 1 }
                mentions[index].words = words(mentions[index].tokens)
                if mentions[index].type != .person { mentions[index].type = .organization }
            }
            let key = ActorPhrase.key(acronym)
            acronyms[key] = index
            if !(end + 1..<close).contains(where: { cover[$0] > 0 }) {
                var mention = Mention(
                    tokens: end + 1..<close, type: mentions[index].type, sentence: mentions[index].sentence,
                    words: [key])
                mention.isName = true
                mentions.append(mention)
                for token in mention.tokens { cover[token] += 1 }
            }
        }
        // Acronyms used again without a tagged span: find them in the text.
        guard !acronyms.isEmpty else { return }
        for token in tokenWords.indices where acronyms[tokenWords[token]] != nil {
            guard cover[token] == 0 else { continue }
            let target = acronyms[tokenWords[token]]!
            mentions.append(
                Mention(
                    tokens: token..<token + 1, type: mentions[target].type, sentence: sentenceOf[token],
                    words: [tokenWords[token]]))
            cover[token] += 1
        }
        mentions.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
        acronyms = [:]
        var starting: [Int: Int] = [:]
        for (index, mention) in mentions.enumerated() where starting[mention.tokens.lowerBound] == nil {
            starting[mention.tokens.lowerBound] = index
        }
        for (index, mention) in mentions.enumerated() {
            let end = mention.tokens.upperBound
            guard end + 2 < tokenText.count, tokenText[end] == "(" else { continue }
            if let next = starting[end + 1].map({ mentions[$0] }),
                Self.isAcronym(next.words.joined(), of: mention.words)
            {
                acronyms[next.words.joined(separator: " ")] = index
            }
        }
    }

    /// Whether the letters of `acronym` are the initials of the capitalized words of `words`
    /// (keys), function words skipped.
    static func isAcronym(_ acronym: String, of words: [String]) -> Bool {
        acronymSuffix(acronym, of: words) == words.count
    }

    /// How many of the last words of `words` (keys) `acronym` spells, with or without their
    /// function words (the whole when it spells them all), or `nil`. At least two words.
    static func acronymSuffix(_ acronym: String, of words: [String]) -> Int? {
        let letters = acronym.unicodeScalars.filter { CharacterSet.letters.contains($0) }.map { Character($0) }
        guard letters.count >= 2, letters.count <= 10, letters.allSatisfy(\.isUppercase), words.count >= 2 else {
            return nil
        }
        let skipped: Set<String> = ["OF", "THE", "AND", "FOR", "&", "DE", "IN", "ON"]
        for start in 0...(words.count - 2) {
            let tail = words[start...]
            guard !skipped.contains(tail.first!) else { continue }
            let initials = tail.filter { !skipped.contains($0) }.compactMap(\.first)
            let all = tail.compactMap(\.first)
            if letters == initials || letters == all { return tail.count }
        }
        return nil
    }

    // MARK: Grouping

    mutating func group() {
        // The last group holding each alias (aliases only grow here), instead of a search of
        // every group for every mention.
        var aliasOwner: [String: Int] = [:]
        for index in mentions.indices {
            let mention = mentions[index]
            let key = mention.words.joined(separator: " ")
            var target: Int?
            if let named = acronyms[key], mentions[named].entity >= 0, named != index {
                target = mentions[named].entity
            }
            if target == nil {
                target = aliasOwner[key]
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
                aliasOwner[key] = max(aliasOwner[key] ?? target, target)
                if mention.words.count > groups[target].nameWords.count, groups[target].type == mention.type {
                    groups[target].nameWords = mention.words
                }
                mentions[index].entity = target
            } else {
                var group = Group(type: mention.type, mentions: [index], nameWords: mention.words)
                group.aliases.insert(key)
                mentions[index].entity = groups.count
                aliasOwner[key] = groups.count
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

    /// Names of the document found again where the recognizer missed them: a person's surname
    /// or full name, an organization's or place's name of two words or more, capitalized as
    /// written and outside any mention.
    mutating func findRepeatedNames() {
        var covered = [Bool](repeating: false, count: tokenWords.count)
        for mention in mentions { for token in mention.tokens { covered[token] = true } }
        var forms: [(words: [String], group: Int)] = []
        for (index, group) in groups.enumerated() where !group.mentions.isEmpty {
            let name = group.nameWords
            guard name.count >= 2 else { continue }
            forms.append((name, index))
            if group.type == .person, let surname = name.last, surname.count >= 3 { forms.append(([surname], index)) }
        }
        // Longest forms first, so a full name is not taken for its surname.
        forms.sort { $0.words.count > $1.words.count }
        // Each token tries only the forms that start with its word, in the same order.
        var formsByFirst: [String: [Int]] = [:]
        var groupsOfForm: [[String]: Set<Int>] = [:]
        for (index, form) in forms.enumerated() {
            formsByFirst[form.words[0], default: []].append(index)
            groupsOfForm[form.words, default: []].insert(form.group)
        }
        var found: [Mention] = []
        var token = 0
        while token < tokenWords.count {
            guard !covered[token], isCapitalized(token), !tokenWords[token].isEmpty else {
                token += 1
                continue
            }
            var matched = false
            for form in (words(token..<token + 1).first.flatMap { formsByFirst[$0] } ?? []).map({ forms[$0] }) {
                var end = token
                var taken: [String] = []
                while end < tokenWords.count, taken.count < form.words.count, !covered[end],
                    sentenceOf[end] == sentenceOf[token]
                {
                    taken += words(end..<end + 1)
                    end += 1
                }
                guard taken == form.words, isCapitalized(end - 1) else { continue }
                guard groupsOfForm[form.words]?.count == 1 else { break }
                var mention = Mention(
                    tokens: token..<end, type: groups[form.group].type, sentence: sentenceOf[token], words: taken)
                mention.entity = form.group
                found.append(mention)
                for index in token..<end { covered[index] = true }
                token = end
                matched = true
                break
            }
            if !matched { token += 1 }
        }
        for mention in found {
            groups[mention.entity].mentions.append(mentions.count)
            mentions.append(mention)
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
        var cover = coverage()
        for token in tokenWords.indices where tokenWords[token] == "THE" {
            for length in stride(from: titles.longest, through: 1, by: -1) {
                let end = token + 1 + length
                guard end <= tokenWords.count, sentenceOf[end - 1] == sentenceOf[token] else { continue }
                let key = words(token + 1..<end).joined(separator: " ")
                guard let people = holders[key], people.count == 1, let person = people.first else { continue }
                // Not before a name ("the Prime Minister Karzai") and not inside a mention.
                if end < tokenWords.count, isCapitalized(end), sentenceOf[end] == sentenceOf[token] { break }
                guard !(token + 1..<end).contains(where: { cover[$0] > 0 }) else { break }
                var mention = Mention(
                    tokens: token + 1..<end, type: .person, sentence: sentenceOf[token], words: words(token + 1..<end))
                mention.isName = false
                mention.entity = person
                groups[person].mentions.append(mentions.count)
                mentions.append(mention)
                for covered in mention.tokens { cover[covered] += 1 }
                break
            }
        }
    }

    static let pronouns: Set<String> = ["HE", "HIM", "HIS", "HIMSELF", "SHE", "HER", "HERS", "HERSELF"]

    /// Personal pronouns, where only one person can be meant.
    mutating func resolvePronouns() {
        let relations = context.analysis.relations
        let ordered = mentions.indices.filter { mentions[$0].type == .person && mentions[$0].isName }
        // The named people of each sentence, in the same order.
        var named: [Int: [Int]] = [:]
        for index in ordered { named[mentions[index].sentence, default: []].append(index) }
        var cover = coverage()
        for token in tokenWords.indices where Self.pronouns.contains(tokenWords[token]) {
            guard cover[token] == 0 else { continue }
            let sentence = sentenceOf[token]
            let here = Set(
                (named[sentence] ?? []).filter { mentions[$0].tokens.upperBound <= token }.map { mentions[$0].entity })
            var person: Int?
            if here.count == 1 {
                person = here.first
            } else if here.isEmpty, sentence > 0 {
                let previous = named[sentence - 1] ?? []
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
            cover[token] += 1
        }
    }

    // MARK: Output

    func entities(coder: ActorCoder, day: ActorDay?) -> [FoundEntity] {
        let live = groups.indices.filter { !groups[$0].mentions.isEmpty }
        let first = Dictionary(
            uniqueKeysWithValues: live.map { group in
                (group, groups[group].mentions.map { mentions[$0].tokens.lowerBound }.min()!)
            })
        let order = live.sorted { first[$0]! < first[$1]! }
        // The first mention with an entity over each token range: a title's affiliation, found
        // without a search of every mention.
        var entityAt: [Range<Int>: Int] = [:]
        for (index, mention) in mentions.enumerated() where mention.entity >= 0 && entityAt[mention.tokens] == nil {
            entityAt[mention.tokens] = index
        }
        let tokens = context.analysis.tokens
        var codes: [Int: CodedActor] = [:]
        // Organizations and places first: a person's title may tie them to one.
        for group in order where groups[group].type != .person {
            codes[group] = code(group, coder: coder, day: day, codes: codes, entityAt: entityAt)
        }
        for group in order where groups[group].type == .person {
            codes[group] = code(group, coder: coder, day: day, codes: codes, entityAt: entityAt)
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
    func code(
        _ group: Int, coder: ActorCoder, day: ActorDay?, codes: [Int: CodedActor], entityAt: [Range<Int>: Int]
    ) -> CodedActor? {
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
                if let other = entityAt[affiliation].map({ mentions[$0] }),
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
