/// Groups a paragraph's tokens into sentences.
///
/// Every gap between two tokens is judged in order:
/// 1. A line break inside the paragraph ends a sentence before a capitalized line, unless the
///    line ends in a comma, a dash or an opening mark: headlines, datelines and signatures sit on
///    lines of their own.
/// 2. A sentence never ends after a title (`Dr.`, `Gen.`), a list number (`1.`) or an opening
///    quote or bracket, nor before a comma, closing mark, clitic, emoticon or citation mark (`[3]`);
///    never between a word and a lowercase word; and after a closing bracket only when a final
///    mark comes before it (`[George H. W.] Bush` stays whole).
/// 3. Elsewhere the rules say whether it ends:
///    - after `.`, `!`, `?` or `…` and the closing quotes, brackets and citation marks (`[3]`) that
///      follow (`…in the tribal areas." Karzai was…`), when the next token can start a sentence:
///      not a lowercase word (`"Why?" he asked`);
///    - after an abbreviation that keeps its period (`Inc.`, `U.S.`, `etc.`) when the next word is
///      a common sentence starter (`The`, `However`);
///
///    and the ``BoundaryModel``, when there is one, takes the rules' verdict as one of its
///    features and may overrule it, as web text demands (lowercase sentences, signatures and
///    headers without punctuation).
/// 4. The paragraph's end ends a sentence.
struct SentenceSplitter: Sendable {
    let lexicon: SegmenterLexicon
    let model: BoundaryModel?

    /// Appends the sentences of one paragraph, whose tokens are `buffer[tokens]`; `features` is
    /// scratch space, reused from one paragraph to the next.
    func split(
        _ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, tokens: Range<Int>,
        features: inout BoundaryFeatures, into sentences: inout [Sentence]
    ) {
        if let model {
            var decider = ModelDecider(model: model)
            split(text, buffer, tokens: tokens, decider: &decider, features: &features, into: &sentences)
        } else {
            var decider = RuleDecider()
            split(text, buffer, tokens: tokens, decider: &decider, features: &features, into: &sentences)
        }
    }

    /// Splits with `decider` judging the gaps that the hard rules leave open.
    func split<Decider: BoundaryDecider>(
        _ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, tokens: Range<Int>, decider: inout Decider,
        features: inout BoundaryFeatures, into sentences: inout [Sentence]
    ) {
        guard !tokens.isEmpty else { return }
        let traits = buffer.traits
        let last = tokens.upperBound
        let lowercaseStyle = Decider.needsFeatures && writesLowercase(text, buffer, tokens)
        var start = tokens.lowerBound
        for index in tokens.lowerBound..<last - 1 {
            let next = index + 1
            var ends = false
            if traits[next].contains(.lineBreakBefore), lineBreakEnds(buffer, index) {
                ends = true
            } else if mayEnd(text, buffer, after: index, last) {
                let rule = ruleSaysEnd(text, buffer, after: index, sentenceStart: start)
                // "[George H. W.] Bush", "(IMU) President": after a bracket, only a final mark ends a sentence.
                if rule || !traits[index].contains(.closingBracket) {
                    if Decider.needsFeatures {
                        let context = BoundaryFeatures.Context(
                            ruleSaysEnd: rule, sentenceLength: next - start, remaining: last - next,
                            lowercaseStyle: lowercaseStyle,
                            nextIsStarter: traits[next].contains(.capitalized)
                                && lexicon.sentenceStarters.contains(text, buffer.tokens[next].range))
                        features.extract(text, buffer, after: index, in: tokens, context)
                    }
                    ends = decider.decide(features, rule: rule, after: index)
                }
            }
            if ends {
                sentences.append(sentence(buffer, start..<next))
                start = next
            }
        }
        sentences.append(sentence(buffer, start..<last))
    }

    func sentence(_ buffer: TokenBuffer, _ tokens: Range<Int>) -> Sentence {
        let bytes = Int(buffer.tokens[tokens.lowerBound].start)..<Int(buffer.tokens[tokens.upperBound - 1].end)
        return Sentence(tokens: tokens, bytes: bytes)
    }

    /// Whether a sentence can end after the token at `index` at all.
    func mayEnd(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, after index: Int, _ last: Int) -> Bool {
        let before = buffer.traits[index]
        let after = buffer.traits[index + 1]
        if !before.isDisjoint(with: [.title, .listMarker, .openingQuote, .openingBracket]) { return false }
        if !after.isDisjoint(with: [.pause, .closingQuote, .closingBracket, .terminal, .clitic, .emoticon]) {
            return false
        }
        if after.contains(.lowercase), before.isWord, !before.contains(.abbreviation) { return false }
        return !isCitation(text, buffer, at: index + 1, last)
    }

    /// A citation mark such as `[3]`, which stays with the sentence before it.
    func isCitation(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, at index: Int, _ last: Int) -> Bool {
        index + 2 < last && text[Int(buffer.tokens[index].start)] == 0x5B && buffer.traits[index + 1].contains(.number)
            && buffer.traits[index + 2].contains(.closingBracket)
    }

    /// What the rules say about the gap after the token at `index`.
    func ruleSaysEnd(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, after index: Int, sentenceStart: Int)
        -> Bool
    {
        let mark = sentenceMark(text, buffer, before: index, sentenceStart: sentenceStart)
        let traits = buffer.traits[mark]
        if traits.contains(.terminal) { return startsSentence(text, buffer, index + 1) }
        if traits.contains(.abbreviation) { return startsAfterAbbreviation(text, buffer, index + 1) }
        return false
    }

    /// The token that may end the sentence when the gap follows `index`: the token itself, or the
    /// one before the closing quotes, brackets, emoticons and citation marks (`[3]`) that follow it.
    func sentenceMark(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, before index: Int, sentenceStart: Int)
        -> Int
    {
        var mark = index
        while mark > sentenceStart {
            let traits = buffer.traits[mark]
            if traits.isCloser || traits.contains(.emoticon) {
                if traits.contains(.closingBracket), mark - 2 > sentenceStart,
                    isCitation(text, buffer, at: mark - 2, mark + 1)
                {
                    mark -= 3  // "[3]"
                } else {
                    mark -= 1
                }
            } else {
                break
            }
        }
        return mark
    }

    /// Whether the token at `index`, after a sentence-final mark, begins a new sentence.
    func startsSentence(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, _ index: Int) -> Bool {
        let traits = buffer.traits[index]
        if !traits.isDisjoint(with: [.capitalized, .number, .uncased, .openingQuote, .openingBracket, .link, .symbol]) {
            return true
        }
        return isLowercaseI(text, buffer, index)
    }

    /// "i" for "I", as some web text writes it.
    func isLowercaseI(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, _ index: Int) -> Bool {
        let token = buffer.tokens[index]
        return token.end - token.start == 1 && text[Int(token.start)] == 0x69
    }

    /// Whether the token at `index`, after an abbreviation that may end a sentence, begins one.
    func startsAfterAbbreviation(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, _ index: Int) -> Bool {
        let traits = buffer.traits[index]
        if traits.contains(.capitalized) {
            return lexicon.sentenceStarters.contains(text, buffer.tokens[index].range)
        }
        if traits.contains(.openingQuote), index + 1 < buffer.count {
            return buffer.traits[index + 1].contains(.capitalized)
        }
        return false
    }

    /// Whether a line break after the token at `index` ends the sentence.
    func lineBreakEnds(_ buffer: TokenBuffer, _ index: Int) -> Bool {
        let before = buffer.traits[index]
        let after = buffer.traits[index + 1]
        if !before.isDisjoint(with: [.pause, .dash, .openingQuote, .openingBracket, .title]) { return false }
        return !after.isDisjoint(with: [.capitalized, .number, .uncased, .openingQuote, .symbol, .dash, .link])
    }

    /// Whether the paragraph's writer starts sentences in lowercase: "i" for "I", or more
    /// sentence-final marks followed by a lowercase word than by a capitalized one.
    func writesLowercase(_ text: UnsafeBufferPointer<UInt8>, _ buffer: TokenBuffer, _ tokens: Range<Int>) -> Bool {
        var lower = 0
        var upper = 0
        for index in tokens {
            let traits = buffer.traits[index]
            if traits.contains(.lowercase), isLowercaseI(text, buffer, index) { return true }
            if traits.contains(.terminal), index + 1 < tokens.upperBound {
                let next = buffer.traits[index + 1]
                if next.contains(.lowercase) { lower += 1 }
                if next.contains(.capitalized) { upper += 1 }
            }
        }
        return lower > upper
    }
}

/// Judges the gaps the hard rules of ``SentenceSplitter`` leave open.
protocol BoundaryDecider {
    /// Whether the decider looks at the features (when not, they are not computed).
    static var needsFeatures: Bool { get }
    /// Whether a sentence ends after the token at `index`.
    mutating func decide(_ features: BoundaryFeatures, rule: Bool, after index: Int) -> Bool
}

/// Follows the rules.
struct RuleDecider: BoundaryDecider {
    static var needsFeatures: Bool { false }
    func decide(_ features: BoundaryFeatures, rule: Bool, after index: Int) -> Bool { rule }
}

/// Follows the model (which has the rules' verdict among its features).
struct ModelDecider: BoundaryDecider {
    let model: BoundaryModel
    static var needsFeatures: Bool { true }
    func decide(_ features: BoundaryFeatures, rule: Bool, after index: Int) -> Bool { model.ends(features) }
}
