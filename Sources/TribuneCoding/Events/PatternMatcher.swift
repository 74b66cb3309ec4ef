/// Matches verb patterns against the words around a verb.
///
/// A pattern side is matched in order against the words of its side of the clause, other words
/// allowed between its elements, as TABARI and PETRARCH read them; a prepositional element's
/// objects must stand inside the phrase the preposition introduces.
struct PatternMatcher {
    let dictionary: VerbDictionary
    let graph: SentenceGraph
    /// For each word of the sentence, the index of the actor mention it belongs to, or -1.
    let mentionOf: [Int]

    /// What a match bound.
    struct Match {
        var source: Int?
        var target: Int?
        /// Words the pattern used (the coder does not code them again as their own events).
        var used: [Int] = []
    }

    /// Matches `elements` against the words `sequence` (sentence indexes, in order).
    func match(_ elements: [PatternElement], in sequence: [Int]) -> Match? {
        var result = Match()
        return match(elements[...], sequence, 0, &result) ? result : nil
    }

    private func match(_ elements: ArraySlice<PatternElement>, _ sequence: [Int], _ from: Int, _ result: inout Match)
        -> Bool
    {
        guard let element = elements.first else { return true }
        var position = from
        while position < sequence.count {
            var attempt = result
            if let next = matchElement(element, sequence, position, &attempt),
                match(elements.dropFirst(), sequence, next, &attempt)
            {
                result = attempt
                return true
            }
            position += 1
        }
        return false
    }

    /// Matches one element at `position`; returns the position after it.
    private func matchElement(_ element: PatternElement, _ sequence: [Int], _ position: Int, _ result: inout Match)
        -> Int?
    {
        switch element {
        case .term(let term):
            return matchTerm(term, sequence, position, &result)
        case .preposition(let preposition, let objects):
            guard let afterPreposition = matchTerm(preposition, sequence, position, &result) else { return nil }
            guard !objects.isEmpty else { return afterPreposition }
            // The objects stand inside the phrase the preposition heads (UD: the preposition's head).
            let phraseHead = graph.heads[sequence[position]]
            let inside = sequence[afterPreposition...].filter { phraseHead >= 0 && graph.dominates(phraseHead, $0) }
            var inner = result
            guard let end = matchSequence(objects[...], Array(inside), 0, &inner) else { return nil }
            result = inner
            let last = inside[end - 1]
            return (sequence.firstIndex(of: last) ?? position) + 1
        }
    }

    /// Matches terms in order with gaps; returns the index after the last one matched.
    private func matchSequence(_ terms: ArraySlice<PatternTerm>, _ sequence: [Int], _ from: Int, _ result: inout Match)
        -> Int?
    {
        guard let term = terms.first else { return from }
        var position = from
        while position < sequence.count {
            var attempt = result
            if let next = matchTerm(term, sequence, position, &attempt),
                let end = matchSequence(terms.dropFirst(), sequence, next, &attempt)
            {
                result = attempt
                return end
            }
            position += 1
        }
        return nil
    }

    private func matchTerm(_ term: PatternTerm, _ sequence: [Int], _ position: Int, _ result: inout Match) -> Int? {
        let word = sequence[position]
        switch term {
        case .word(let text):
            guard graph.words[word] == text else { return nil }
            result.used.append(word)
            return position + 1
        case .phrase(let texts):
            return matchConsecutive(texts, sequence, position, &result)
        case .synset(let name):
            if dictionary.synset(name, contains: graph.words[word]) {
                result.used.append(word)
                return position + 1
            }
            for member in dictionary.synsets[name, default: []] where member.count > 1 {
                if let end = matchConsecutive(member, sequence, position, &result) { return end }
            }
            return nil
        case .source, .target, .compound:
            let mention = mentionOf[word]
            guard mention >= 0 else { return nil }
            if term == .source || term == .compound {
                guard result.target != mention else { return nil }
                result.source = mention
            }
            if term == .target || term == .compound {
                guard result.source != mention || term == .compound else { return nil }
                result.target = mention
            }
            var end = position + 1
            while end < sequence.count, mentionOf[sequence[end]] == mention { end += 1 }
            return end
        case .skip:
            return position + 1
        }
    }

    private func matchConsecutive(_ texts: [String], _ sequence: [Int], _ position: Int, _ result: inout Match) -> Int?
    {
        guard position + texts.count <= sequence.count else { return nil }
        for (offset, text) in texts.enumerated() {
            let word = sequence[position + offset]
            if offset > 0, word != sequence[position] + offset { return nil }
            let matches =
                text.hasPrefix("&") ? dictionary.synset(text, contains: graph.words[word]) : graph.words[word] == text
            if !matches { return nil }
        }
        result.used += sequence[position..<(position + texts.count)]
        return position + texts.count
    }
}
