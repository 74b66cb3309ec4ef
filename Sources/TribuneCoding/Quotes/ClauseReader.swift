import TribuneCore
import TribuneNLP

/// A cue of speech with its speaker, in UTF-8 byte offsets.
struct SpeechCue {
    var cue: Range<Int>
    var verb: SpeechLexicon.Verb?
    var speaker: Range<Int>?
    var speakerHead: Range<Int>?
    var sentence: Int
}

/// Reads the clauses around a quote: where a clause opens and closes, the cue of speech next to
/// a quote, the subject of a cue, and the clause a cue introduces. Uses the dependency parse when
/// the analysis has one, and the order of the words otherwise.
struct ClauseReader {
    let context: CodingContext
    let lexicon: SpeechLexicon
    let words: TokenWords
    private let tokens: [Token]
    private let upos: [UniversalPOS]
    private let heads: [Int?]
    private let relations: [String]

    init(context: CodingContext, lexicon: SpeechLexicon) {
        self.context = context
        self.lexicon = lexicon
        words = TokenWords(context.utf8, analysis: context.analysis)
        tokens = context.analysis.tokens
        upos = context.analysis.upos
        heads = context.analysis.heads
        relations = context.analysis.relations
    }

    private var hasParse: Bool { !heads.isEmpty && heads.count == tokens.count && relations.count == tokens.count }

    /// The verb of saying at token `index`, if it is one: a listed form, not capitalized inside its
    /// sentence ("the State Department"), and tagged as a verb when the text is tagged ("past
    /// reports").
    func speechVerb(_ index: Int) -> SpeechLexicon.Verb? {
        guard let verb = lexicon.verb(words.lower[index]) else { return nil }
        if words.capitalized[index], index != sentence(index).lowerBound { return nil }
        if index < upos.count, upos[index] != .verb { return nil }
        return verb
    }

    // MARK: - Tokens and byte offsets

    /// The first token that starts at or after `range`'s start and ends within it.
    func firstToken(in range: Range<Int>) -> Int? {
        let index = firstToken(startingAtOrAfter: range.lowerBound)
        return index < tokens.count && Int(tokens[index].end) <= range.upperBound ? index : nil
    }

    func lastToken(in range: Range<Int>) -> Int? {
        let index = firstToken(startingAtOrAfter: range.upperBound) - 1
        return index >= 0 && Int(tokens[index].start) >= range.lowerBound ? index : nil
    }

    private func firstToken(startingAtOrAfter byte: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if Int(tokens[mid].start) < byte { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func bytes(_ tokens: Range<Int>) -> Range<Int> {
        Int(self.tokens[tokens.lowerBound].start)..<Int(self.tokens[tokens.upperBound - 1].end)
    }

    private func sentence(_ index: Int) -> Range<Int> {
        context.analysis.sentences[words.sentence[index]].tokens
    }

    private func isQuoteMark(_ index: Int) -> Bool {
        let word = words.lower[index]
        return word == "\"" || word == "\u{201C}" || word == "\u{201D}" || word == "\u{AB}" || word == "\u{BB}"
    }

    /// Whether a line break separates the bytes `from..<to` (they lie in different paragraphs).
    private func breaks(_ from: Int, _ to: Int) -> Bool {
        from < to && context.utf8[from..<to].contains(0x0A)
    }

    // MARK: - Quotes

    /// Whether byte `open` is the first of its paragraph, spaces aside.
    func startsParagraph(_ open: Int) -> Bool {
        var index = open
        while index > 0, context.utf8[index - 1] == 0x20 { index -= 1 }
        return index == 0 || context.utf8[index - 1] == 0x0A
    }

    /// Whether the paragraph ends within a sentence after byte `close` (the cue of the quote that
    /// closes there is the paragraph's last word).
    func endsParagraph(after close: Int) -> Bool {
        var index = close
        var periods = 0
        while index < context.utf8.count, context.utf8[index] != 0x0A {
            if context.utf8[index] == 0x2E || context.utf8[index] == 0x3F || context.utf8[index] == 0x21 {
                periods += 1
            }
            index += 1
        }
        return periods <= 1
    }

    /// Whether a quote opening at byte `open` begins a clause: it starts its sentence or
    /// paragraph, or follows a colon, a comma, "that" or a verb of saying.
    func opensClause(before open: Int) -> Bool {
        let previous = firstToken(startingAtOrAfter: open) - 1
        guard previous >= 0, !breaks(Int(tokens[previous].end), open) else { return true }
        let next = firstToken(startingAtOrAfter: open)
        if next < tokens.count, words.sentence[next] != words.sentence[previous] { return true }
        let word = words.lower[previous]
        return Self.clauseOpeners.contains(word) || speechVerb(previous) != nil
    }

    /// Whether a quote whose last word is `last` and whose closing mark ends at `after` ends a
    /// clause: its words end with punctuation, or the sentence or a clause ends after it.
    func closesClause(last: Int, after: Int) -> Bool {
        if Self.clauseClosers.contains(words.lower[last]) { return true }
        let next = firstToken(startingAtOrAfter: after)
        guard next < tokens.count, !breaks(after, Int(tokens[next].start)) else { return true }
        return words.sentence[next] != words.sentence[last] || Self.clauseClosers.contains(words.lower[next])
    }

    /// The cue after a quote's closing mark: "“…,” Haddad said", "“…,” said Haddad", "“…,” he told
    /// reporters".
    func cueAfter(_ close: Int, sentenceOf last: Int) -> SpeechCue? {
        var index = firstToken(startingAtOrAfter: close)
        guard index < tokens.count, !breaks(close, Int(tokens[index].start)) else { return nil }
        let sentence = sentence(last)
        guard sentence.contains(index) else { return nil }
        if words.lower[index] == "," { index += 1 }
        guard index < sentence.upperBound else { return nil }
        if let verb = speechVerb(index) {
            let speaker = chunkAfter(index + 1, in: sentence)
            return SpeechCue(
                cue: bytes(index..<index + 1), verb: verb, speaker: speaker.map(bytes), speakerHead: nil,
                sentence: words.sentence[index])
        }
        var end = index
        var comma: Int?
        // "“…,” Ramos, 58, told AFP": an appositive may stand between the name and the verb.
        while end < sentence.upperBound, end - index < 12, speechVerb(end) == nil {
            let word = words.lower[end]
            if word == "," {
                comma = comma ?? end
            } else if Self.chunkStops.contains(word) || (words.isPunctuation(end) && !Self.isPossessive(word)) {
                return nil
            }
            end += 1
        }
        guard end < sentence.upperBound, end > index, let verb = speechVerb(end) else { return nil }
        if comma != nil, words.lower[end - 1] != "," { return nil }
        var speakerEnd = comma ?? end
        while speakerEnd > index, Self.adverbial(words.lower[speakerEnd - 1]) { speakerEnd -= 1 }
        guard speakerEnd > index else { return nil }
        return SpeechCue(
            cue: bytes(end..<cueEnd(end, in: sentence)), verb: verb, speaker: bytes(index..<speakerEnd),
            speakerHead: nil,
            sentence: words.sentence[end])
    }

    /// The cue before a quote that opens at token `first`: "Moreno stated that “…", "Okafor, …,
    /// said “…", "According to X, “…".
    func cueBefore(_ first: Int, sentence index: Int) -> SpeechCue? {
        var sentence = context.analysis.sentences[index].tokens
        var open = first - 1
        while open >= sentence.lowerBound, isQuoteMark(open) { open -= 1 }
        // "Jomana Karadsheh says:¶“…”": the cue ends the sentence before.
        if open < sentence.lowerBound, open >= 0, words.lower[open] == ":" {
            sentence = self.sentence(open)
        }
        var verbIndex = open
        // The quote opens a clause, so the nearest verb of saying before it introduces it.
        while verbIndex >= max(sentence.lowerBound, open - 25) {
            let word = words.lower[verbIndex]
            if let verb = speechVerb(verbIndex) {
                let subject = subject(of: verbIndex)
                return SpeechCue(
                    cue: bytes(verbIndex..<cueEnd(verbIndex, in: sentence)), verb: verb, speaker: subject?.chunk,
                    speakerHead: subject?.head, sentence: words.sentence[verbIndex])
            }
            if word == "." || word == "?" || word == "!" { break }
            verbIndex -= 1
        }
        if let according = accordingTo(in: sentence, before: first) { return according }
        // "Cruz put it this way: “…”": the sentence's subject speaks.
        if open > sentence.lowerBound, words.lower[open] == ":",
            let speaker = chunkAfter(sentence.lowerBound, in: sentence),
            speaker.upperBound < open
        {
            return SpeechCue(
                cue: bytes(open..<open + 1), verb: nil, speaker: bytes(speaker), speakerHead: nil,
                sentence: words.sentence[open])
        }
        return nil
    }

    /// "According to X, …" at the start of a sentence, or "…, according to X." at its end.
    private func accordingTo(in sentence: Range<Int>, before limit: Int? = nil) -> SpeechCue? {
        for index in sentence.dropLast() where words.lower[index] == "according" && words.lower[index + 1] == "to" {
            if let limit, index >= limit { break }
            guard let speaker = chunkAfter(index + 2, in: sentence) else { continue }
            return SpeechCue(
                cue: bytes(index..<index + 2), verb: nil, speaker: bytes(speaker), speakerHead: nil,
                sentence: words.sentence[index])
        }
        return nil
    }

    /// Where the cue of a verb ends: with its addressee for verbs of telling ("told Reuters").
    private func cueEnd(_ verb: Int, in sentence: Range<Int>) -> Int {
        guard lexicon.verb(words.lower[verb])?.lemma == "tell" else { return verb + 1 }
        var end = verb + 1
        while end < sentence.upperBound, end - verb <= 3, !words.isPunctuation(end) || words.lower[end].contains("/"),
            words.lower[end] != "that", !Self.chunkStops.contains(words.lower[end])
        {
            end += 1
        }
        return end
    }

    // MARK: - Speakers

    /// The subject of the verb at `verb`: the `nsubj` of the parse, else the words before the
    /// verb that name someone ("Moreno", "senior officials including X", "he"), across an
    /// appositive set off by commas ("Okafor, speaking after…, said").
    func subject(of verb: Int) -> (chunk: Range<Int>, head: Range<Int>)? {
        let sentence = sentence(verb)
        if words.lower[verb].hasSuffix("ing") { return participleSubject(verb, in: sentence) }
        if hasParse {
            if let child = sentence.first(where: { heads[$0] == verb && relations[$0].hasPrefix("nsubj") }) {
                let subtree = self.subtree(child, in: sentence)
                // A subject after its verb ("…, said the minister") is its whole subtree.
                let chunk =
                    subtree.lowerBound < verb ? subtree.lowerBound..<min(subtree.upperBound, verb) : subtree
                var head = child..<child + 1
                for token in chunk
                where heads[token] == child && (relations[token] == "compound" || relations[token].hasPrefix("flat")) {
                    head = min(head.lowerBound, token)..<max(head.upperBound, token + 1)
                }
                guard !chunk.isEmpty else { return nil }
                return (bytes(chunk), bytes(head))
            }
        }
        var end = verb
        while end > sentence.lowerBound, Self.adverbial(words.lower[end - 1]) { end -= 1 }
        guard end > sentence.lowerBound else { return nil }
        if words.lower[end - 1] == "," {
            var comma = end - 2
            while comma > sentence.lowerBound, words.lower[comma] != "," { comma -= 1 }
            guard comma > sentence.lowerBound, words.lower[comma] == "," else { return nil }
            end = comma
        }
        guard let head = chunkBefore(end, in: sentence) else { return nil }
        var start = head.lowerBound
        if start - 2 >= sentence.lowerBound, Self.attachers.contains(words.lower[start - 1]),
            let outer = chunkBefore(start - 1, in: sentence)
        {
            start = outer.lowerBound
            return (bytes(start..<head.upperBound), bytes(outer))
        }
        return (bytes(head), bytes(head))
    }

    /// The subject of a participle of saying ("X rallied supporters, saying: …"): the subject of
    /// the clause it hangs from, which opens the sentence.
    private func participleSubject(_ verb: Int, in sentence: Range<Int>) -> (chunk: Range<Int>, head: Range<Int>)? {
        if hasParse, let parent = heads[verb] {
            return words.lower[parent].hasSuffix("ing") ? nil : subject(of: parent)
        }
        guard verb > sentence.lowerBound + 1, words.lower[verb - 1] == "," || words.lower[verb - 1] == "by",
            let chunk = chunkAfter(sentence.lowerBound, in: sentence), chunk.upperBound < verb - 1
        else { return nil }
        return (bytes(chunk), bytes(chunk))
    }

    /// The words that name someone, ending right before `end`: a pronoun, or a run of names and
    /// nouns back to a determiner.
    private func chunkBefore(_ end: Int, in sentence: Range<Int>) -> Range<Int>? {
        guard end > sentence.lowerBound else { return nil }
        let last = end - 1
        if Self.pronouns.contains(words.lower[last]) || words.lower[last] == "who" { return last..<end }
        guard names(last) else { return nil }
        var start = last
        var lowercase = words.capitalized[last] ? 0 : 1
        while start > sentence.lowerBound, end - start < 7 {
            let previous = start - 1
            let word = words.lower[previous]
            if Self.determiners.contains(word) {
                start = previous
                break
            }
            guard names(previous) else { break }
            if !words.capitalized[previous] {
                lowercase += 1
                if lowercase > 3 { break }
            }
            start = previous
        }
        return start..<end
    }

    /// The words that name someone, starting at `start`: up to a comma, a full stop or a
    /// preposition ("said Daniel Weber, a journalist" → "Daniel Weber").
    private func chunkAfter(_ start: Int, in sentence: Range<Int>) -> Range<Int>? {
        var end = start
        while end < sentence.upperBound, end - start < 8 {
            let word = words.lower[end]
            if Self.pronouns.contains(word), end == start { return start..<start + 1 }
            guard Self.determiners.contains(word) || names(end) else { break }
            end += 1
        }
        return end > start ? start..<end : nil
    }

    /// Whether the token can be part of a name or a noun phrase naming someone.
    private func names(_ index: Int) -> Bool {
        let word = words.lower[index]
        if Self.isPossessive(word) || words.isJoiner(index) { return true }
        if index < upos.count {
            switch upos[index] {
            case .propn, .noun, .adj, .num: return true
            default: return false
            }
        }
        // Untagged, a verb form in -s may be a plural noun ("media reports in the region").
        guard words.isWord(index), !Self.chunkStops.contains(word), !Self.attachers.contains(word),
            !Self.determiners.contains(word), !Self.pronouns.contains(word),
            lexicon.verb(word) == nil || (word.hasSuffix("s") && word != "says")
        else { return false }
        return words.capitalized[index] || !word.hasSuffix("ly")
    }

    private func subtree(_ root: Int, in sentence: Range<Int>) -> Range<Int> {
        var low = root
        var high = root
        for token in sentence {
            var node: Int? = token
            var steps = 0
            while let current = node, current != root, steps < 64 {
                node = heads[current]
                steps += 1
            }
            if node == root {
                low = min(low, token)
                high = max(high, token)
            }
        }
        return low..<high + 1
    }

    // MARK: - Indirect speech

    /// Indirect speech: a verb of saying or believing with a clause ("X told Reuters that…",
    /// "Experts believe that…", "the ministry said it had…"), a report closed by its source ("…, X
    /// said."), and "according to". The words inside `skipping` (direct quotes) are not read.
    func indirectSpeech(skipping: [Range<Int>]) -> [FoundQuote] {
        var found: [FoundQuote] = []
        var taken: [Range<Int>] = skipping
        for (index, sentence) in context.analysis.sentences.enumerated() where !sentence.tokens.isEmpty {
            let clauseEnd = lastWord(of: sentence.tokens)
            for verbIndex in sentence.tokens {
                guard let verb = speechVerb(verbIndex) else { continue }
                let start = Int(tokens[verbIndex].start)
                guard !taken.contains(where: { $0.contains(start) }) else { continue }
                var content: Range<Int>?
                var speaker: (chunk: Range<Int>, head: Range<Int>)?
                if let complement = complement(of: verbIndex, verb: verb, clauseEnd: clauseEnd) {
                    speaker = subject(of: verbIndex)
                    if speaker != nil { content = complement }
                } else if let report = reportBefore(verbIndex, in: sentence.tokens) {
                    (content, speaker) = (report.content, report.speaker)
                }
                guard let content, let speaker, content.count > 0 else { continue }
                let bytes = bytes(content)
                guard !taken.contains(where: { $0.overlaps(bytes) }) else { continue }
                taken.append(bytes)
                found.append(
                    FoundQuote(
                        kind: .indirect, content: bytes, speaker: speaker.chunk, speakerHead: speaker.head,
                        cue: self.bytes(verbIndex..<cueEnd(verbIndex, in: sentence.tokens)), verb: verb, sentence: index
                    ))
            }
            if let according = accordingTo(in: sentence.tokens), let speaker = according.speaker,
                let content = accordingContent(in: sentence.tokens, cue: according.cue, clauseEnd: clauseEnd)
            {
                let bytes = bytes(content)
                guard !taken.contains(where: { $0.overlaps(bytes) }) else { continue }
                taken.append(bytes)
                found.append(
                    FoundQuote(
                        kind: .indirect, content: bytes, speaker: speaker, cue: according.cue, verb: nil,
                        sentence: index))
            }
        }
        return found
    }

    /// The last token of a sentence that is not closing punctuation or a quotation mark, plus one.
    private func lastWord(of sentence: Range<Int>) -> Int {
        var end = sentence.upperBound
        while end > sentence.lowerBound, Self.finalPunctuation.contains(words.lower[end - 1]) || isQuoteMark(end - 1) {
            end -= 1
        }
        return end
    }

    /// The clause a verb of saying introduces, as tokens.
    private func complement(of verbIndex: Int, verb: SpeechLexicon.Verb, clauseEnd: Int) -> Range<Int>? {
        guard verbIndex + 1 < clauseEnd else { return nil }
        if hasParse {
            let sentence = sentence(verbIndex)
            if let child = sentence.first(where: {
                $0 > verbIndex && heads[$0] == verbIndex && relations[$0] == "ccomp"
            }) {
                var range = subtree(child, in: sentence)
                if words.lower[range.lowerBound] == "that" { range = range.lowerBound + 1..<range.upperBound }
                range = range.lowerBound..<min(range.upperBound, clauseEnd)
                return range.isEmpty ? nil : range
            }
        }
        var index = verbIndex + 1
        while index < clauseEnd, index - verbIndex <= 8 {
            let word = words.lower[index]
            if word == "that" { return index + 1 < clauseEnd ? index + 1..<clauseEnd : nil }
            if word == "whether" || word == "if" { return index..<clauseEnd }
            if words.isPunctuation(index) && !word.contains("/") || Self.chunkStops.contains(word) { break }
            index += 1
        }
        let next = words.lower[verbIndex + 1]
        if verb.takesInfinitive, next == "to" { return verbIndex + 1..<clauseEnd }
        // "said he…", "says such techniques…", "said “it gets me mad”…"
        if verb.takesBareClause, words.isWord(verbIndex + 1) || isQuoteMark(verbIndex + 1),
            !Self.notClauseStarters.contains(next), !Self.attachers.contains(next)
        {
            return verbIndex + 1..<clauseEnd
        }
        return nil
    }

    /// "The group has moved, Weber said." and "…, said Weber.": the words before the comma are
    /// what the speaker said.
    private func reportBefore(_ verbIndex: Int, in sentence: Range<Int>) -> (
        content: Range<Int>, speaker: (chunk: Range<Int>, head: Range<Int>)
    )? {
        if verbIndex > sentence.lowerBound + 1, words.lower[verbIndex - 1] == ",",
            let speaker = chunkAfter(verbIndex + 1, in: sentence), lastWord(of: sentence) == speaker.upperBound
        {
            return (sentence.lowerBound..<verbIndex - 1, (bytes(speaker), bytes(speaker)))
        }
        guard verbIndex + 1 >= lastWord(of: sentence), let speaker = chunkBefore(verbIndex, in: sentence),
            speaker.lowerBound > sentence.lowerBound + 1, words.lower[speaker.lowerBound - 1] == ","
        else { return nil }
        var end = speaker.lowerBound - 1
        while end > sentence.lowerBound, isQuoteMark(end - 1) { end -= 1 }
        return (sentence.lowerBound..<end, (bytes(speaker), bytes(speaker)))
    }

    private func accordingContent(in sentence: Range<Int>, cue: Range<Int>, clauseEnd: Int) -> Range<Int>? {
        let cueToken = firstToken(startingAtOrAfter: cue.lowerBound)
        if cueToken == sentence.lowerBound {
            guard let comma = (cueToken..<clauseEnd).first(where: { words.lower[$0] == "," }), comma + 1 < clauseEnd
            else { return nil }
            return comma + 1..<clauseEnd
        }
        guard cueToken > sentence.lowerBound + 1, words.lower[cueToken - 1] == "," else { return nil }
        return sentence.lowerBound..<cueToken - 1
    }

    // MARK: - Word lists of grammar

    private static func isPossessive(_ word: String) -> Bool { word == "'s" || word == "\u{2019}s" }

    /// Adverbs and auxiliaries between a subject and its verb ("has reportedly said").
    private static func adverbial(_ word: String) -> Bool {
        auxiliaries.contains(word) || (word.hasSuffix("ly") && word.count > 3)
    }

    private static let auxiliaries: Set<String> = [
        "has", "have", "had", "was", "were", "is", "are", "will", "would", "did", "does", "do", "also", "then",
        "later", "again", "once", "previously", "first", "not", "never", "still", "already", "often", "has", "may",
        "might", "could", "can", "should", "must", "been", "be",
    ]
    private static let clauseOpeners: Set<String> = [":", ",", "that", "\u{2014}", "--", "-", ";", "(", "\u{2013}"]
    private static let clauseClosers: Set<String> = [".", ",", "!", "?", ";", "\u{2026}", "...", ":"]
    private static let finalPunctuation: Set<String> = [".", "!", "?", "\u{2026}", "...", ";", ":"]
    private static let pronouns: Set<String> = ["he", "she", "they", "we", "i", "it", "you"]
    private static let determiners: Set<String> = [
        "the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those", "my", "your", "some", "many",
        "several", "both", "two", "three", "other",
    ]
    /// Prepositions that attach a name to the noun before it ("officials like Haddad").
    private static let attachers: Set<String> = ["in", "of", "from", "at", "for", "like", "including", "with", "among"]
    /// Words that begin a clause after a verb of saying with no "that".
    private static let clauseStarters: Set<String> = [
        "he", "she", "they", "we", "i", "it", "you", "there", "the", "a", "an", "this", "these", "those", "his", "her",
        "its", "their", "our", "my", "no", "nothing", "everyone", "some", "many", "most", "all", "people",
    ]
    /// Words after a verb of saying that begin no clause ("said so", "said and did").
    private static let notClauseStarters: Set<String> = [
        "so", "and", "or", "but", "nothing", "yes", "as", "when", "while", "because", "than", "not", "goodbye",
        "thanks", "hello", "too", "also", "earlier", "later", "recently", "yesterday", "today", "tomorrow", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "this", "repeatedly", "previously",
        "during", "after", "before", "by", "about", "to", "through", "via", "him", "her", "them", "me", "us",
    ]
    /// Words that end a noun phrase naming someone.
    private static let chunkStops: Set<String> = [
        "and", "or", "but", "which", "who", "whom", "that", "is", "was", "were", "are", "has", "have", "had", "will",
        "would", "can", "could", "should", "may", "might", "not", "if", "because", "when", "while", "as", "than", "to",
        "on", "by", "about", "after", "before", "during", "into", "over", "under", "what", "where", "why", "how",
        "there", "here", "so", "also", "then", "now", "yet", "be", "been", "being", "do", "does", "did", "although",
        "though", "however", "whether", "unless", "since", "until", "please", "indeed", "meanwhile",
    ]
}
