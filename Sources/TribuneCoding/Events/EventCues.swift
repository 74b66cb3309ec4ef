import TribuneCore

/// The words that set an event's modality and attribution (`event-cues-en.txt`): verbs of
/// reporting, claiming and denying, reporting adverbs, verbs of intent, future and modal
/// auxiliaries, negation words, prepositions of place.
public struct EventCues: Sendable {
    public static let file = "event-cues-en.txt"

    /// Lemmas (upper case) of each kind.
    public var reported: Set<String> = []
    public var claimed: Set<String> = []
    public var denied: Set<String> = []
    public var adverbs: Set<String> = []
    public var intent: Set<String> = []
    public var future: Set<String> = []
    public var hypothetical: Set<String> = []
    public var negation: Set<String> = []
    public var according: Set<String> = []
    /// Prepositions of place and time ("near", "in"): what they introduce is where or when an
    /// event happened, never who took part in it.
    public var locative: Set<String> = []

    public init(text: String) throws {
        for entry in DataFile.entries(text) {
            let words = entry.split(whereSeparator: \.isWhitespace).map { $0.uppercased() }
            guard let kind = words.first else { continue }
            let set = Set(words.dropFirst())
            switch kind {
            case "REPORTED": reported.formUnion(set)
            case "CLAIMED": claimed.formUnion(set)
            case "DENIED": denied.formUnion(set)
            case "ADVERB": adverbs.formUnion(set)
            case "INTENT": intent.formUnion(set)
            case "FUTURE": future.formUnion(set)
            case "HYPOTHETICAL": hypothetical.formUnion(set)
            case "NEGATION": negation.formUnion(set)
            case "ACCORDING": according.formUnion(set)
            case "LOCATIVE": locative.formUnion(set)
            default:
                throw VerbDictionary.FormatError(origin: Self.file, message: "unknown cue kind \(words[0])")
            }
        }
    }

    public init() throws {
        try self.init(text: ResourceLocator.text(Self.file, module: "TribuneCoding", sourceFile: #filePath))
    }

    /// The modality a verb of saying gives the events in its complement, if it is one.
    func reporting(_ lemma: String) -> Event.Modality? {
        if denied.contains(lemma) { return .denied }
        if claimed.contains(lemma) { return .claimed }
        if reported.contains(lemma) { return .reported }
        return nil
    }
}

/// Nouns that carry an event on their own (`event-nouns-en.txt`): "an attack on", "clashes with".
public struct NominalEvents: Sendable {
    public static let file = "event-nouns-en.txt"

    public struct Entry: Hashable, Sendable {
        public var code: String
        /// Prepositions (upper case) that introduce the target.
        public var targetPrepositions: Set<String>
    }

    /// By lemma, upper case.
    public private(set) var entries: [String: Entry] = [:]

    public init(text: String) throws {
        for entry in DataFile.entries(text) {
            let words = entry.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.count >= 2, CAMEOCodebook.isCode(Substring(words[1])) else {
                throw VerbDictionary.FormatError(origin: Self.file, message: "cannot read \"\(entry)\"")
            }
            entries[words[0].uppercased()] = Entry(
                code: words[1], targetPrepositions: Set(words.dropFirst(2).map { $0.uppercased() }))
        }
    }

    public init() throws {
        try self.init(text: ResourceLocator.text(Self.file, module: "TribuneCoding", sourceFile: #filePath))
    }
}

/// Phrases that mark a sentence (or, with `+`, a whole story) as not news to code: sports, games,
/// entertainment (PETRARCH's discard list, `event-discards.txt`). A phrase's last word matches as
/// a stem unless it ends in `_`.
public struct DiscardList: Sendable {
    public static let file = "event-discards.txt"

    struct Phrase: Hashable, Sendable {
        var words: [String]
        var exactEnd: Bool
    }

    private(set) var sentencePhrases: [String: [Phrase]] = [:]
    private(set) var storyPhrases: [String: [Phrase]] = [:]

    public init(text: String) {
        for entry in DataFile.entries(text) {
            var line = entry
            let story = line.hasPrefix("+")
            if story { line = line.dropFirst() }
            var words = line.uppercased().split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            let exact = words[words.count - 1].hasSuffix("_")
            if exact { words[words.count - 1].removeLast() }
            let phrase = Phrase(words: words, exactEnd: exact || words.count > 1)
            if story {
                storyPhrases[words[0], default: []].append(phrase)
            } else {
                sentencePhrases[words[0], default: []].append(phrase)
            }
        }
    }

    public init() throws {
        self.init(text: try ResourceLocator.text(Self.file, module: "TribuneCoding", sourceFile: #filePath))
    }

    var storyPhrasesEmpty: Bool { storyPhrases.isEmpty }

    /// Whether the words (upper case) hold a sentence-level discard phrase.
    public func discardsSentence(_ words: [String]) -> Bool { matches(words, sentencePhrases) }

    /// Whether the words hold a story-level discard phrase.
    public func discardsStory(_ words: [String]) -> Bool { matches(words, storyPhrases) }

    private func matches(_ words: [String], _ phrases: [String: [Phrase]]) -> Bool {
        guard !phrases.isEmpty else { return false }
        for (index, word) in words.enumerated() {
            let key = phrases[word] ?? (phrases.isEmpty ? nil : stemCandidates(word, phrases))
            guard let candidates = key else { continue }
            for phrase in candidates where index + phrase.words.count <= words.count {
                var ok = true
                for (offset, expected) in phrase.words.enumerated() {
                    let actual = words[index + offset]
                    let last = offset == phrase.words.count - 1
                    if actual != expected && !(last && !phrase.exactEnd && actual.hasPrefix(expected)) {
                        ok = false
                        break
                    }
                }
                if ok { return true }
            }
        }
        return false
    }

    /// One-word stem phrases ("BASEBALL" matches "BASEBALLS").
    private func stemCandidates(_ word: String, _ phrases: [String: [Phrase]]) -> [Phrase]? {
        var prefix = word
        while prefix.count > 3 {
            prefix.removeLast()
            if let found = phrases[prefix]?.filter({ $0.words.count == 1 && !$0.exactEnd }), !found.isEmpty {
                return found
            }
        }
        return nil
    }
}
