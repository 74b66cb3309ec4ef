import TribuneCore
import TribuneNLP

/// A count read from the text, with what the event coder needs to attach it to an event.
public struct FoundCount: Hashable, Sendable {
    public var count: Count
    /// The word that says what was counted ("killed", "members"), when there is one.
    public var trigger: Span?
    /// Index of the sentence it was read from.
    public var sentence: Int
}

/// Reads the numbers of people killed, wounded, arrested, abducted or displaced, and the sizes
/// of groups: "killed at least 150 rebel fighters", "with some 500 members", "hundreds of
/// people were displaced", "a death toll of 30".
///
/// A number is a count when it counts people (a noun for people follows it, or with the tagger
/// any plural noun) and a count word governs it: a verb or noun before it ("killed", "toll of"),
/// a verb after the people counted ("were wounded"), or a group word as the counted noun itself
/// ("members", "troops"). Ages ("Novak, 40,") and years are not counts. The words are data
/// files: `count-words-en.txt`, `count-nouns-en.txt`, `number-words-en.txt`,
/// `count-qualifiers-en.txt`.
public struct CountReader: Sendable {
    public let lexicon: CountLexicon

    public init() throws {
        lexicon = try CountLexicon()
    }

    public init(lexicon: CountLexicon) {
        self.lexicon = lexicon
    }

    /// The counts of a text, in the order they appear.
    public func counts(_ context: CodingContext) -> [Count] {
        find(context).map(\.count)
    }

    /// The counts of a text with their triggers and sentences.
    public func find(_ context: CodingContext) -> [FoundCount] {
        let words = TokenWords(context.utf8, analysis: context.analysis)
        let numbers = NumberReader(lexicon: lexicon, words: words)
        let tags = context.analysis.xpos
        var found: [FoundCount] = []
        var index = 0
        while index < words.count {
            guard let number = numbers.number(at: index) else {
                index += 1
                continue
            }
            defer { index = max(index + 1, number.tokens.upperBound) }
            let sentence = context.analysis.sentences[words.sentence[index]].tokens
            guard !isAge(number, words: words, sentence: sentence) else { continue }
            let group = countedGroup(after: number, words: words, tags: tags, sentence: sentence)
            if number.yearLike, group == nil { continue }
            guard let (kind, trigger) = kind(of: number, group: group, words: words, sentence: sentence) else {
                continue
            }
            // "one" alone is a pronoun ("one of them"), not a count.
            if number.value == 1, group == nil { continue }
            let qualifier = self.qualifier(before: number.tokens.lowerBound, words: words, sentence: sentence)
            var first = qualifier?.tokens.lowerBound ?? number.tokens.lowerBound
            var last = group?.upperBound ?? number.tokens.upperBound
            if let trigger {
                first = min(first, trigger)
                last = max(last, trigger + 1)
            }
            let bytes = Int(words.tokens[first].start)..<Int(words.tokens[last - 1].end)
            let subject = group.map { range in
                String(
                    decoding: context.utf8[
                        Int(words.tokens[range.lowerBound].start)..<Int(words.tokens[range.upperBound - 1].end)],
                    as: UTF8.self)
            }
            let count = Count(
                span: context.offsets.span(bytes: bytes), kind: kind, value: number.value,
                qualifier: qualifier?.text ?? (number.vague ? "at least" : nil), subject: subject)
            found.append(
                FoundCount(
                    count: count, trigger: trigger.map { context.offsets.span(bytes: words.tokens[$0].range) },
                    sentence: words.sentence[index]))
        }
        return found
    }

    /// Sets each count's `event`: the event whose trigger is the count's trigger, else the event
    /// of the same sentence whose clause holds the count.
    public static func link(_ counts: [FoundCount], to events: [Event]) -> [Count] {
        counts.map { found in
            var count = found.count
            if let trigger = found.trigger, let event = events.first(where: { $0.trigger.overlaps(trigger) }) {
                count.event = event.id
            } else if let event = events.first(where: { $0.sentence == found.sentence && $0.span.contains(count.span) })
            {
                count.event = event.id
            }
            return count
        }
    }

    // MARK: - The parts of a count

    /// The people counted: the words from the number to a noun for people, at most four words on
    /// ("150 rebel fighters", "hundreds of armed men").
    private func countedGroup(after number: NumberMatch, words: TokenWords, tags: [String], sentence: Range<Int>)
        -> Range<Int>?
    {
        var start = number.tokens.upperBound
        if start < sentence.upperBound, words.lower[start] == "of" {
            start += 1
            if start < sentence.upperBound, words.lower[start] == "the" || words.lower[start] == "them" { start += 1 }
        }
        var head: Int?
        var index = start
        while index < min(sentence.upperBound, start + 4) {
            let word = words.lower[index]
            guard words.isWord(index) || word.contains("-"), !Self.stopWords.contains(word) else { break }
            if lexicon.isPeople(word) || lexicon.countedNouns.contains(word)
                || (index < tags.count && tags[index] == "NNS")
            {
                head = index
                // "police officers": take the last of a run of nouns for people.
                if index + 1 < sentence.upperBound, lexicon.isPeople(words.lower[index + 1]) { head = index + 1 }
                break
            }
            index += 1
        }
        guard let head else { return nil }
        return start..<(head + 1)
    }

    /// What the number counts, and the word that says so.
    private func kind(of number: NumberMatch, group: Range<Int>?, words: TokenWords, sentence: Range<Int>)
        -> (String, Int?)?
    {
        // After the people counted: "12 people were killed", "five dead".
        var index = group?.upperBound ?? number.tokens.upperBound
        while index < sentence.upperBound, Self.auxiliaries.contains(words.lower[index]) { index += 1 }
        if index < sentence.upperBound, let kind = lexicon.kinds[words.lower[index]], kind != "members" {
            return (kind, index)
        }
        // Without people, a word right after the number must not be something else counted ("3 days").
        if group == nil {
            let next = number.tokens.upperBound
            if next < sentence.upperBound, words.isWord(next), !Self.stopWords.contains(words.lower[next]) {
                return nil
            }
        }
        // Before: "killed at least 150", "a death toll of 30", "killing 12".
        var before =
            qualifier(before: number.tokens.lowerBound, words: words, sentence: sentence)?.tokens.lowerBound
            ?? number.tokens.lowerBound
        var steps = 0
        while before > sentence.lowerBound, steps < 4 {
            before -= 1
            steps += 1
            let word = words.lower[before]
            if let kind = lexicon.kinds[word], kind != "members" { return (kind, before) }
            guard Self.betweenVerbAndNumber.contains(word) else { break }
        }
        // The counted noun says it: "30 deaths", "some 500 members".
        if let group {
            let head = words.lower[group.upperBound - 1]
            if lexicon.countedNouns.contains(head), let kind = lexicon.kinds[head] {
                return (kind, group.upperBound - 1)
            }
        }
        return nil
    }

    /// The qualifier right before the number ("at least", "some").
    private func qualifier(before start: Int, words: TokenWords, sentence: Range<Int>)
        -> (tokens: Range<Int>, text: String)?
    {
        for qualifier in lexicon.qualifiers where start - qualifier.count >= sentence.lowerBound {
            let first = start - qualifier.count
            if zip(first..<start, qualifier).allSatisfy({ words.lower[$0] == $1 }) {
                return (first..<start, qualifier.joined(separator: " "))
            }
        }
        return nil
    }

    /// "Novak, 40," and "Novak 40,": a number right after a name and closed by a comma.
    private func isAge(_ number: NumberMatch, words: TokenWords, sentence: Range<Int>) -> Bool {
        guard number.value < 120, number.tokens.count == 1 else { return false }
        var previous = number.tokens.lowerBound - 1
        if previous >= sentence.lowerBound, words.lower[previous] == "," { previous -= 1 }
        guard previous >= sentence.lowerBound, words.capitalized[previous] else {
            return previous >= sentence.lowerBound
                && (words.lower[previous] == "aged" || words.lower[previous] == "age")
        }
        let next = number.tokens.upperBound
        return next >= sentence.upperBound || words.lower[next] == "," || words.lower[next] == ")"
    }

    /// Words between a count word and its number: "death toll of 30", "killed nearly 40",
    /// "have killed 12".
    private static let betweenVerbAndNumber: Set<String> = [
        "of", "to", "at", "rose", "reached", "stood", "climbed", "has", "have", "had", "been", "a", "the", "total",
        "reportedly", "least", "another", "further", "additional",
    ]

    /// Words between the people counted and the verb after them ("were killed").
    private static let auxiliaries: Set<String> = [
        "were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "got", "reportedly", "allegedly",
        "also", "all", "later", "left", "lay", "remain", "remained", "reported", "confirmed", "feared", "believed",
        "presumed", "either", "were",
    ]

    /// Words that end the counted group.
    private static let stopWords: Set<String> = [
        "and", "or", "but", "of", "in", "on", "at", "to", "from", "by", "with", "for", "who", "that", "which", "the",
        "a", "an", "were", "was", "are", "is", "have", "has", "had", "been", "be", "as", "than", "into", "over",
        "during", "after", "before", "since", "while", "when", "where", "this", "these", "those", "its", "their",
        "his", "her", "them", "they", "he", "she", "it", "we", "i", "you", "per", "each",
    ]
}
