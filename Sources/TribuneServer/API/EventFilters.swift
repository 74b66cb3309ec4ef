import TribuneCore
import TribuneStore

/// The filters `/api/events`, the aggregates, actors and places share: those of
/// `tribune events`, with the same names (`doc` and `q` as there).
enum EventFilters {
    static let parameters: [Parameter] = [
        Parameter("actor", .text, "An actor code or prefix on either side (PAK matches PAKGOV)."),
        Parameter("source", .text, "An actor code or prefix as the source."),
        Parameter("target", .text, "An actor code or prefix as the target."),
        Parameter("code", .cameo, "A CAMEO event code or root (19 matches 190 and 1951)."),
        Parameter(
            "quad", .integer(1...4),
            "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."),
        Parameter("plover", .text, "A PLOVER event type (ASSAULT, ACCUSE…)."),
        Parameter("modality", .choice(Event.Modality.allCases.map(\.rawValue)), "How the text presents the event."),
        Parameter("since", .day, "First day, inclusive (YYYY-MM-DD)."),
        Parameter("until", .day, "Last day, inclusive (YYYY-MM-DD)."),
        Parameter("country", .country, "Where it happened: ISO 3166-1 alpha-2 country code."),
        Parameter("place", .text, "Where it happened: a place or province name."),
        Parameter("near", .circle, "Within KM kilometres of a point: LAT,LON,KM."),
        Parameter("q", .text, "Words or \"a phrase\" in the article text."),
        Parameter("doc", .text, "Only the events of one document (its id)."),
    ]

    /// The store query the arguments describe (no limit: callers page or aggregate).
    static func query(_ arguments: Arguments) -> EventQuery {
        var query = EventQuery()
        query.actor = arguments["actor"]
        query.source = arguments["source"]
        query.target = arguments["target"]
        query.code = arguments["code"]
        query.quad = arguments.int("quad")
        query.plover = arguments["plover"]
        query.modality = arguments["modality"].flatMap(Event.Modality.init(rawValue:))
        query.since = arguments["since"]
        query.until = arguments["until"]
        query.country = arguments["country"]
        query.place = arguments["place"]
        query.near = arguments["near"].flatMap(GeoCircle.init)
        query.text = arguments["q"]
        query.document = arguments["doc"]
        query.limit = nil
        return query
    }
}
