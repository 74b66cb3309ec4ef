import TribuneCore
import TribuneNLP

extension EventCoder {
    /// The events of a document: its actors are the entities with an actor code (their
    /// mentions), its times and places those the other coding stages found. Events are numbered
    /// `V1`, `V2`… in text order, one per (source, target, code, modality, attribution).
    ///
    /// Call from ``DocumentCoder/code(_:)`` after entities, times and places are known.
    public func events(_ context: CodingContext, entities: [Entity], times: [TimeExpression] = []) -> [Event] {
        let analysis = context.analysis
        guard !analysis.sentences.isEmpty else { return [] }
        let mentionsBySentence = Self.mentions(of: entities, analysis: analysis, offsets: context.offsets)
        let places = entities.filter { [.geopolitical, .location, .facility].contains($0.type) }
        var events: [Event] = []
        var seen: Set<String> = []
        context.utf8.withUnsafeBufferPointer { text in
            if !discards.storyPhrasesEmpty {
                let words = analysis.tokens.map { String(decoding: text[$0.range], as: UTF8.self).uppercased() }
                if discards.discardsStory(words) { return }
            }
            for index in analysis.sentences.indices {
                let coded = code(
                    sentence: index, analysis: analysis, text: text, mentions: mentionsBySentence[index, default: []])
                // The same entity on both sides ("Pakistan … Pakistan's forces") is no event.
                for event in coded where event.source?.entity == nil || event.source?.entity != event.target?.entity {
                    let key = [
                        event.source?.entity ?? event.source?.code ?? "",
                        event.target?.entity ?? event.target?.code ?? "",
                        event.code, event.modality.rawValue, event.attribution?.entity ?? "",
                    ].joined(separator: "|")
                    guard seen.insert(key).inserted else { continue }
                    events.append(
                        documentEvent(
                            event, id: "V\(events.count + 1)", context: context, times: times, places: places))
                }
            }
        }
        return events
    }

    /// The document form of a coded event: codebook fields, spans, time and place.
    func documentEvent(
        _ event: Coded, id: String, context: CodingContext, times: [TimeExpression], places: [Entity]
    ) -> Event {
        let tokens = context.analysis.tokens
        let offsets = context.offsets
        let sentence = context.analysis.sentences[event.sentence]
        let trigger = offsets.span(bytes: tokens[event.trigger].range)
        let clause = offsets.span(
            bytes: tokens[event.clause.lowerBound].range
                .lowerBound..<tokens[event.clause.upperBound - 1].range.upperBound)
        // A place that acts in the event (Pakistan launching an attack) is not where it happened.
        let settings = places.filter { $0.id != event.source?.entity && $0.id != event.target?.entity }
        var setting = EventSetting.of(
            event: trigger, sentence: offsets.span(bytes: sentence.bytes), clauses: [clause], times: times,
            places: settings, published: context.published)
        if setting.placeInferred {
            // The document's main place, even when it acts here.
            setting.place =
                EventSetting.of(
                    event: trigger, sentence: offsets.span(bytes: sentence.bytes), times: [], places: places,
                    published: nil
                ).place
        }
        let root = CAMEOCodebook.root(of: event.code)
        return Event(
            id: id, sentence: event.sentence, source: event.source?.entity, target: event.target?.entity,
            sourceCode: event.source?.code, targetCode: event.target?.code, cameo: event.code, root: root,
            quad: CAMEOCodebook.quadClass(ofRoot: root) ?? 0, goldstein: codebook?.nearest(event.code)?.goldstein ?? 0,
            plover: plover?.coding(cameo: event.code), trigger: trigger, span: clause, date: setting.date,
            place: setting.place, modality: event.modality, attribution: event.attribution?.entity,
            confidence: event.confidence)
    }

    /// The actor mentions of each sentence: every mention of an entity with an actor code, as
    /// the tokens it covers.
    static func mentions(of entities: [Entity], analysis: AnalyzedText, offsets: ScalarOffsets) -> [Int: [ActorMention]]
    {
        let tokens = analysis.tokens
        let sentences = analysis.sentences
        var result: [Int: [ActorMention]] = [:]
        for entity in entities {
            guard let actor = entity.actor else { continue }
            for span in entity.mentions {
                let bytes = offsets.byteRange(span)
                // The first token ending after the mention starts.
                var low = 0
                var high = tokens.count
                while low < high {
                    let middle = (low + high) / 2
                    if tokens[middle].range.upperBound <= bytes.lowerBound { low = middle + 1 } else { high = middle }
                }
                var end = low
                while end < tokens.count, tokens[end].range.lowerBound < bytes.upperBound { end += 1 }
                guard low < end else { continue }
                var lo = 0
                var hi = sentences.count
                while lo < hi {
                    let middle = (lo + hi) / 2
                    if sentences[middle].tokens.upperBound <= low { lo = middle + 1 } else { hi = middle }
                }
                guard lo < sentences.count else { continue }
                result[lo, default: []].append(ActorMention(tokens: low..<end, code: actor.code, entity: entity.id))
            }
        }
        for key in result.keys { result[key]!.sort { $0.tokens.lowerBound < $1.tokens.lowerBound } }
        return result
    }
}
