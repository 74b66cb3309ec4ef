import TribuneCore

/// When and where an event happened, as the text gives it.
public struct EventSetting: Hashable, Sendable {
    /// A TIMEX3 value (`2008-06-28`, `2008-W27`), or `nil` when neither the text nor the
    /// publication date gives one.
    public var date: String?
    /// Whether the date is the publication date, taken because the event's clause and sentence
    /// name none.
    public var dateInferred: Bool
    /// Entity id of the place.
    public var place: String?
    /// Whether the place is the document's main place, taken because the event's clause and
    /// sentence name none.
    public var placeInferred: Bool

    /// The time and place of an event: those of the clause it was read from, else of its
    /// sentence (the nearest to the event), else the document's main place and its publication
    /// date, flagged as inferred.
    ///
    /// - Parameters:
    ///   - event: the event's span (its trigger or clause).
    ///   - sentence: the span of its sentence.
    ///   - clauses: clause spans of the sentence, if a parse gives them; the smallest one that
    ///     holds `event` is the event's clause.
    ///   - times: the document's time expressions; only calendar dates and times place an event
    ///     (not durations, sets or `PAST_REF`).
    ///   - places: place entities (with their mentions); the one with most mentions is the
    ///     document's main place.
    ///   - published: the publication date.
    public static func of(
        event: Span, sentence: Span, clauses: [Span] = [], times: [TimeExpression], places: [Entity],
        published: String?
    ) -> EventSetting {
        let clause = clauses.filter { $0.contains(event) }.min { $0.length < $1.length }
        let dates = times.filter { ($0.type == .date || $0.type == .time) && $0.value.first?.isNumber == true }
        func nearest<T>(_ items: [(Span, T)], in scope: Span) -> T? {
            items.filter { scope.contains($0.0) }.min { distance($0.0, event) < distance($1.0, event) }?.1
        }
        let mentions = places.flatMap { entity in entity.mentions.map { ($0, entity.id) } }
        var setting = EventSetting(date: nil, dateInferred: false, place: nil, placeInferred: false)
        let scopes = [clause, sentence].compactMap { $0 }
        setting.date = scopes.lazy.compactMap { nearest(dates.map { ($0.span, $0.value) }, in: $0) }.first
        if setting.date == nil, let published {
            setting.date = String(published.prefix(10))
            setting.dateInferred = true
        }
        setting.place = scopes.lazy.compactMap { nearest(mentions, in: $0) }.first
        if setting.place == nil,
            let main = places.enumerated().max(by: { ($0.1.mentions.count, -$0.0) < ($1.1.mentions.count, -$1.0) })
        {
            setting.place = main.1.id
            setting.placeInferred = true
        }
        return setting
    }

    /// The time and place of an event among a document's annotations so far: its time
    /// expressions, and as places the entities that the gazetteer put on the map (``Place``) or
    /// that are locations; see ``of(event:sentence:clauses:times:places:published:)``.
    public static func of(
        event: Span, sentence: Span, clauses: [Span] = [], in annotations: Annotations, published: String?
    ) -> EventSetting {
        let mapped = Set(annotations.places.map(\.entity))
        let places = annotations.entities.filter {
            mapped.contains($0.id) || ($0.type == .location && $0.actor == nil)
        }
        return of(
            event: event, sentence: sentence, clauses: clauses, times: annotations.times, places: places,
            published: published)
    }

    private static func distance(_ a: Span, _ b: Span) -> Int {
        if a.overlaps(b) { return 0 }
        return a.end <= b.start ? b.start - a.end : a.start - b.end
    }
}
