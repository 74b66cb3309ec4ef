import TribuneCore
import TribuneNLP

/// What the coding stages read: the article's text, its linguistic analysis, and the date it
/// was published (the anchor for relative dates).
public struct CodingContext: Sendable {
    /// The document text as UTF-8 bytes; the analysis's offsets point into it.
    public let utf8: [UInt8]
    /// Converts byte offsets to the scalar indexes the document uses.
    public let offsets: ScalarOffsets
    public let analysis: AnalyzedText
    /// ISO 8601 publication date, or `nil` when unknown.
    public let published: String?

    public init(utf8: [UInt8], offsets: ScalarOffsets, analysis: AnalyzedText, published: String?) {
        self.utf8 = utf8
        self.offsets = offsets
        self.analysis = analysis
        self.published = published
    }
}

/// The annotations the coding stages add to a document.
public struct Annotations: Sendable, Hashable {
    public var entities: [Entity] = []
    public var events: [Event] = []
    public var quotes: [Quote] = []
    public var times: [TimeExpression] = []
    public var places: [Place] = []
    public var counts: [Count] = []

    public init() {}
}

/// The Resolve and Code stages: entities and actors, times and places, events, quotes and
/// counts, read from the analyzed text.
///
/// In order: time expressions normalized against the publication date (``TemporalTagger``);
/// entities from the recognizer and coreference (``EntityStage``), joined by the places the
/// gazetteer's finder sees (``PlaceMentionFinder``, resolved by ``ToponymResolver``) and the
/// actors the dictionaries name (``ActorCoder``) — see ``DocumentEntities``; quotes with their
/// speakers (``QuoteFinder``); events over the parse (``EventCoder``, time and place from
/// ``EventSetting``), those read inside a quote claimed by its speaker; and counts of people
/// (``CountReader``) tied to the events they count.
///
/// One coder, with its models and dictionaries loaded once, serves any number of threads.
public struct DocumentCoder: Sendable {
    private let times: TemporalTagger
    private let gazetteer: Gazetteer
    private let placeFinder: PlaceMentionFinder
    private let resolver: ToponymResolver
    private let entityStage: EntityStage
    private let eventCoder: EventCoder
    private let quoteFinder: QuoteFinder
    private let countReader: CountReader

    /// Loads the shipped resources and the user's gazetteer (``Gazetteer/defaultUserDirectory``).
    public init() throws {
        try self.init(gazetteer: Gazetteer())
    }

    public init(gazetteer: Gazetteer) throws {
        try self.init(gazetteer: gazetteer, entityStage: EntityStage(), eventCoder: EventCoder())
    }

    public init(gazetteer: Gazetteer, entityStage: EntityStage, eventCoder: EventCoder) throws {
        times = try TemporalTagger()
        self.gazetteer = gazetteer
        placeFinder = try PlaceMentionFinder(gazetteer: gazetteer)
        resolver = ToponymResolver(gazetteer: gazetteer)
        self.entityStage = entityStage
        self.eventCoder = eventCoder
        quoteFinder = try QuoteFinder()
        countReader = try CountReader()
    }

    public func code(_ context: CodingContext) -> Annotations {
        var annotations = Annotations()
        let anchor = context.published.flatMap(CalendarDate.init(iso:))
        let day = context.published.flatMap(DateRestriction.day(iso:))
        let tokens = context.analysis.tokens
        let sentences = context.analysis.sentences
        var entities = DocumentEntities(recognized: entityStage.find(context, on: day))
        context.utf8.withUnsafeBufferPointer { text in
            let matches = times.tag(text, tokens: tokens, sentences: sentences, anchor: anchor)
            annotations.times = matches.map { match in
                TimeExpression(
                    span: context.offsets.span(bytes: match.bytes),
                    text: String(decoding: text[match.bytes], as: UTF8.self),
                    type: match.type, value: match.value, mod: match.mod, anchored: match.anchored ? nil : false)
            }
            let found = placeFinder.find(text, tokens: tokens, sentences: sentences, skip: matches.map(\.bytes))
            let candidates = entities.placeMentions(found: found.places)
            let resolutions = resolver.resolve(candidates.map(\.mention), countries: found.countries, text: text)
            entities.addPlaces(resolutions, owners: candidates.map(\.item), text: text)
            entities.codePlaces(coder: entityStage.coder, day: day, text: text)
            let demonyms = Set(found.countries.map(\.bytes))
            var groups: [String: Int] = [:]
            for sentence in sentences.indices {
                let mentions = entityStage.coder.mentions(
                    in: context.analysis, sentence: sentence, text: text, on: day)
                entities.addActors(
                    mentions, analysis: context.analysis, sentence: sentence, coder: entityStage.coder, text: text,
                    demonyms: demonyms, groups: &groups)
            }
            for sentence in sentences.indices {
                entities.addAgents(
                    analysis: context.analysis, sentence: sentence, coder: entityStage.coder, text: text,
                    groups: &groups)
            }
            (annotations.entities, annotations.places) = entities.finish(
                text: text, offsets: context.offsets, gazetteer: gazetteer)
        }
        annotations.quotes = quoteFinder.quotes(context, entities: annotations.entities, times: annotations.times)
        annotations.events = Self.claimed(
            eventCoder.events(context, entities: annotations.entities, times: annotations.times),
            quotes: annotations.quotes)
        annotations.counts = CountReader.link(countReader.find(context), to: annotations.events)
        return annotations
    }

    /// Events read inside a quote are its speaker's claim: `claimed` when the text asserted
    /// them, with the speaker as their attribution unless the clause named one already.
    static func claimed(_ events: [Event], quotes: [Quote]) -> [Event] {
        guard !quotes.isEmpty else { return events }
        return events.map { event in
            guard let quote = quotes.quote(containing: event.trigger) else { return event }
            var event = event
            if event.modality == .asserted { event.modality = quote.kind == .indirect ? .reported : .claimed }
            if event.attribution == nil { event.attribution = quote.speaker }
            return event
        }
    }

    /// Countries, divisions and towns are `GPE`; buildings and sites `FAC`; the rest (regions,
    /// mountains, rivers, unresolved names) `LOC`.
    static func entityType(_ place: GazetteerPlace?) -> Entity.Kind {
        guard let place else { return .location }
        switch place.featureClass {
        case "A", "P": return place.isContinent ? .location : .geopolitical
        case "S": return .facility
        default: return .location
        }
    }
}
