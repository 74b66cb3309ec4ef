import TribuneCore
import TribuneNLP

/// A quote found in the text, in UTF-8 byte offsets, before it is numbered and resolved.
public struct FoundQuote: Hashable, Sendable {
    public var kind: Quote.Kind
    /// The quoted or reported words.
    public var content: Range<Int>
    /// The words that name the speaker, and the part of them to resolve ("officials" of
    /// "officials like Haddad").
    public var speaker: Range<Int>?
    public var speakerHead: Range<Int>?
    /// The cue: a verb of saying or believing (with its addressee: "told Reuters"), or "according to".
    public var cue: Range<Int>?
    /// The cue's verb, when the cue is one.
    public var verb: SpeechLexicon.Verb?
    /// Index of the sentence of the cue (else of the content's start).
    public var sentence: Int
}

/// Finds who said what: direct quotes between quotation marks, indirect speech (a verb of saying
/// or believing with a clause: "Weber told Reuters that the group…", "Experts believe that…"),
/// and mixed quotes (indirect speech with quoted words in it), each with its cue and speaker.
///
/// The speaker is the subject of the cue wherever it stands: before the quote ("X said: “…”"),
/// after it ("“…,” X said", "“…,” said X"), or around an appositive ("X, speaking after…,
/// said"); a quote that goes on without a cue ("“…,” X said. “…”") keeps the speaker of its
/// paragraph. With a dependency parse the subject and the clause come from it (`nsubj`,
/// `ccomp`); without one, from the order of the words. A quote whose speaker is not clear has
/// none.
public struct QuoteFinder: Sendable {
    public let lexicon: SpeechLexicon

    public init() throws {
        lexicon = try SpeechLexicon()
    }

    public init(lexicon: SpeechLexicon) {
        self.lexicon = lexicon
    }

    /// The quotes of a text, numbered `Q1`, `Q2`… in order, speakers resolved to `entities`
    /// (through ``EntityMentionResolver``) and dated by the `times` of the cue's sentence.
    public func quotes(_ context: CodingContext, entities: [Entity] = [], times: [TimeExpression] = []) -> [Quote] {
        quotes(context, resolver: EntityMentionResolver(entities: entities), times: times)
    }

    public func quotes(_ context: CodingContext, resolver: some SpeakerResolver, times: [TimeExpression]) -> [Quote] {
        let found = find(context)
        let text = { (range: Range<Int>) in String(decoding: context.utf8[range], as: UTF8.self) }
        let sentences = context.analysis.sentences.map { context.offsets.span(bytes: $0.bytes) }
        return found.enumerated().map { index, quote in
            let speakerSpan = quote.speaker.map { context.offsets.span(bytes: $0) }
            let head = quote.speakerHead ?? quote.speaker
            let speaker = head.flatMap { resolver.entity(naming: context.offsets.span(bytes: $0), text: text($0)) }
            let span = context.offsets.span(bytes: quote.content)
            let date = times.first { time in
                time.type == .date && sentences.indices.contains(quote.sentence)
                    && sentences[quote.sentence].contains(time.span) && !time.span.overlaps(span)
                    && !(speakerSpan.map(time.span.overlaps) ?? false)
            }
            return Quote(
                id: "Q\(index + 1)", kind: quote.kind, text: text(quote.content), span: span, speaker: speaker,
                speakerText: quote.speaker.map(text), cue: quote.cue.map(text),
                cueSpan: quote.cue.map { context.offsets.span(bytes: $0) }, date: date?.value)
        }
    }

    /// The quotes of a text in byte offsets, in order of their content.
    public func find(_ context: CodingContext) -> [FoundQuote] {
        let reader = ClauseReader(context: context, lexicon: lexicon)
        let segments = QuoteMarks.segments(context.utf8)
        let direct = directQuotes(segments, reader: reader)
        let fragments = segments.indices.filter { direct[$0] == nil }.map { segments[$0] }
        var quotes = direct.compactMap { $0 }
        for var indirect in reader.indirectSpeech(skipping: quotes.map(\.content) + quotes.compactMap(\.cue)) {
            // A clause that is all quote ("stated that “…”") is the direct quote's cue.
            if let index = quotes.firstIndex(where: { Self.covers($0.content, indirect.content) }) {
                if quotes[index].cue == nil {
                    quotes[index].cue = indirect.cue
                    quotes[index].verb = indirect.verb
                    quotes[index].speaker = indirect.speaker
                    quotes[index].speakerHead = indirect.speakerHead
                    quotes[index].sentence = indirect.sentence
                }
                continue
            }
            guard !quotes.contains(where: { $0.content.overlaps(indirect.content) }) else { continue }
            if fragments.contains(where: { indirect.content.contains($0.content.lowerBound) }) {
                indirect.kind = .mixed
            }
            quotes.append(indirect)
        }
        return quotes.sorted { $0.content.lowerBound < $1.content.lowerBound }
    }

    /// Whether the quote `outer` is all of the clause `inner`, give or take its marks.
    private static func covers(_ outer: Range<Int>, _ inner: Range<Int>) -> Bool {
        let overlap = max(0, min(outer.upperBound, inner.upperBound) - max(outer.lowerBound, inner.lowerBound))
        return overlap * 10 >= inner.count * 8
    }

    /// The segments that are direct quotes (a whole clause between marks), with their cues and
    /// speakers; `nil` for the others.
    private func directQuotes(_ segments: [QuotedSegment], reader: ClauseReader) -> [FoundQuote?] {
        var quotes: [FoundQuote?] = segments.map { segment in
            guard let first = reader.firstToken(in: segment.content), let last = reader.lastToken(in: segment.content)
            else { return nil }
            let isClause =
                segment.continuesPrevious || segment.continuesNext
                || (reader.opensClause(before: segment.outer.lowerBound)
                    && reader.closesClause(last: last, after: segment.outer.upperBound))
            guard isClause else { return nil }
            var quote = FoundQuote(kind: .direct, content: segment.content, sentence: reader.words.sentence[first])
            if let cue = reader.cueAfter(segment.outer.upperBound, sentenceOf: last)
                ?? reader.cueBefore(first, sentence: reader.words.sentence[first])
            {
                (quote.cue, quote.verb, quote.speaker, quote.speakerHead, quote.sentence) = (
                    cue.cue, cue.verb, cue.speaker, cue.speakerHead, cue.sentence
                )
            }
            return quote
        }
        // A quote with no cue of its own speaks for the quoted speaker of its paragraph ("“…,” X
        // said. “…”") or of the quote it goes on from.
        for index in quotes.indices where quotes[index] != nil && quotes[index]!.speaker == nil {
            let candidates = Self.neighbours(of: index, in: segments).filter { quotes[$0]?.speaker != nil }
            if let source = candidates.first, let quote = quotes[source] {
                quotes[index]!.speaker = quote.speaker
                quotes[index]!.speakerHead = quote.speakerHead
                quotes[index]!.cue = quotes[index]!.cue ?? quote.cue
                quotes[index]!.verb = quotes[index]!.verb ?? quote.verb
                quotes[index]!.sentence = quote.sentence
            }
        }
        // A paragraph that is a quote with no cue goes on with the speaker who ended the
        // paragraph before ("… Haddad said.¶“…”").
        for index in quotes.indices where quotes[index] != nil && quotes[index]!.speaker == nil {
            let segment = segments[index]
            guard segment.paragraph > 0, reader.startsParagraph(segment.outer.lowerBound),
                let previous = (0..<index).last(where: {
                    quotes[$0] != nil && segments[$0].paragraph == segment.paragraph - 1
                }),
                let quote = quotes[previous], quote.speaker != nil, quote.cue != nil,
                reader.endsParagraph(after: segments[previous].outer.upperBound)
            else { continue }
            quotes[index]!.speaker = quote.speaker
            quotes[index]!.speakerHead = quote.speakerHead
            quotes[index]!.cue = quote.cue
            quotes[index]!.verb = quote.verb
            quotes[index]!.sentence = quote.sentence
        }
        return quotes
    }

    /// The segments whose speaker `index` shares, nearest first: the ones it goes on from and
    /// into, then the others of its paragraph, the previous before the next.
    private static func neighbours(of index: Int, in segments: [QuotedSegment]) -> [Int] {
        var result: [Int] = []
        var chain = index
        while chain > 0, segments[chain].continuesPrevious, segments[chain - 1].continuesNext {
            chain -= 1
            result.append(chain)
        }
        chain = index
        while chain + 1 < segments.count, segments[chain].continuesNext, segments[chain + 1].continuesPrevious {
            chain += 1
            result.append(chain)
        }
        let paragraph = segments[index].paragraph
        result += stride(from: index - 1, through: 0, by: -1).prefix { segments[$0].paragraph == paragraph }
        result += (index + 1..<segments.count).prefix { segments[$0].paragraph == paragraph }
        return result
    }
}

extension QuoteFinder {
    /// The stretches of `utf8` between quotation marks (without the marks), as the finder pairs
    /// them.
    public static func quotedSegments(_ utf8: [UInt8]) -> [Range<Int>] {
        QuoteMarks.segments(utf8).map(\.content)
    }
}
