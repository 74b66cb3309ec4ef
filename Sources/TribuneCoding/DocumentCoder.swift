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
/// counts, read from the analyzed text. Each joins here as it lands.
///
/// Today: time expressions normalized against the publication date (``TemporalTagger``), and
/// places found (``PlaceMentionFinder``, until named-entity recognition gives them) and resolved
/// in the gazetteer (``ToponymResolver``), each place an entity (`GPE`, `LOC` or `FAC`) with its
/// mentions and, when resolved in the gazetteer, a ``Place``; quotes with their cues and
/// speakers (``QuoteFinder``) and counts of people (``CountReader``). Entities from the
/// recognizer and coreference (``EntityStage``) and events (``EventCoder``, which takes its time
/// and place from ``EventSetting``) are built and tested but not wired in yet.
///
/// One coder, with its dictionaries loaded once, serves any number of threads.
public struct DocumentCoder: Sendable {
    private let times: TemporalTagger
    private let gazetteer: Gazetteer
    private let placeFinder: PlaceMentionFinder
    private let resolver: ToponymResolver
    private let quoteFinder: QuoteFinder
    private let countReader: CountReader

    /// Loads the shipped resources and the user's gazetteer (``Gazetteer/defaultUserDirectory``).
    public init() throws {
        try self.init(gazetteer: Gazetteer())
    }

    public init(gazetteer: Gazetteer) throws {
        times = try TemporalTagger()
        self.gazetteer = gazetteer
        placeFinder = try PlaceMentionFinder(gazetteer: gazetteer)
        resolver = ToponymResolver(gazetteer: gazetteer)
        quoteFinder = try QuoteFinder()
        countReader = try CountReader()
    }

    public func code(_ context: CodingContext) -> Annotations {
        var annotations = Annotations()
        let anchor = context.published.flatMap(CalendarDate.init(iso:))
        let tokens = context.analysis.tokens
        let sentences = context.analysis.sentences
        context.utf8.withUnsafeBufferPointer { text in
            let matches = times.tag(text, tokens: tokens, sentences: sentences, anchor: anchor)
            annotations.times = matches.map { match in
                TimeExpression(
                    span: context.offsets.span(bytes: match.bytes),
                    text: String(decoding: text[match.bytes], as: UTF8.self),
                    type: match.type, value: match.value, mod: match.mod, anchored: match.anchored ? nil : false)
            }
            let found = placeFinder.find(text, tokens: tokens, sentences: sentences, skip: matches.map(\.bytes))
            let resolutions = resolver.resolve(found.places, countries: found.countries, text: text)
            (annotations.entities, annotations.places) = placeEntities(
                resolutions, text: text, offsets: context.offsets)
        }
        annotations.quotes = quoteFinder.quotes(context, entities: annotations.entities, times: annotations.times)
        annotations.counts = CountReader.link(countReader.find(context), to: annotations.events)
        return annotations
    }

    /// One entity per place (per resolved entry, or per name when unresolved), numbered in order
    /// of first mention, with every mention; a ``Place`` for each entity resolved in the
    /// gazetteer.
    private func placeEntities(
        _ resolutions: [ToponymResolution], text: UnsafeBufferPointer<UInt8>, offsets: ScalarOffsets
    ) -> ([Entity], [Place]) {
        var order: [String] = []
        var groups: [String: [ToponymResolution]] = [:]
        for resolution in resolutions {
            guard resolution.place != nil || resolution.mention.cue == .placeWord else { continue }
            let key =
                resolution.place.map { "#\($0.id)" }
                ?? String(decoding: PlaceName.key(text, [resolution.mention.bytes]), as: UTF8.self)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(resolution)
        }
        var entities: [Entity] = []
        var places: [Place] = []
        for (index, key) in order.enumerated() {
            let group = groups[key]!
            let id = "E\(index + 1)"
            let texts = group.map { String(decoding: text[$0.mention.bytes], as: UTF8.self) }
            let name = texts.max { $0.count < $1.count } ?? ""
            let place = group[0].place
            var entity = Entity(
                id: id, type: Self.entityType(place), name: name,
                mentions: group.map { offsets.span(bytes: $0.mention.bytes) })
            if let place {
                // Divisions the shipped sources name without a GeoNames id keep their
                // coordinates but no id.
                entity.place = place.isGeoNames ? place.id : nil
                places.append(
                    Place(
                        entity: id, name: place.name, geonameid: place.isGeoNames ? place.id : nil,
                        lat: place.latitude, lon: place.longitude,
                        country: place.country.isEmpty ? nil : place.country, admin1: gazetteer.admin1Name(of: place),
                        featureClass: place.featureClass,
                        confidence: group.map(\.confidence).max() ?? 0))
            }
            entities.append(entity)
        }
        return (entities, places)
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
