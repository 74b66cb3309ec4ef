import TribuneCore

/// One stored event with what a reader needs beside it: its document, its day, the names of
/// its actors, where it happened and the words it was read from.
public struct EventRecord: Sendable, Hashable {
    /// The store's number for the event: unique in the store, GDELT's `GLOBALEVENTID` in exports.
    public var seq: Int64
    public var documentSeq: Int64
    /// The document's id (hash of its source bytes).
    public var document: String
    public var url: String
    public var title: String?
    public var published: String?
    /// The day the event is filed under (its date, else the publication date).
    public var day: String?
    public var event: Event
    public var sourceName: String?
    public var targetName: String?
    public var place: PlaceSummary?
    /// The clause the event was read from: `text[span]`.
    public var text: String

    public init(
        seq: Int64, documentSeq: Int64, document: String, url: String, title: String?, published: String?,
        day: String?, event: Event, sourceName: String?, targetName: String?, place: PlaceSummary?, text: String
    ) {
        self.seq = seq
        self.documentSeq = documentSeq
        self.document = document
        self.url = url
        self.title = title
        self.published = published
        self.day = day
        self.event = event
        self.sourceName = sourceName
        self.targetName = targetName
        self.place = place
        self.text = text
    }
}

/// Where an event happened, as stored beside it.
public struct PlaceSummary: Sendable, Hashable {
    public var name: String
    public var geonameid: Int?
    public var lat: Double?
    public var lon: Double?
    /// ISO 3166-1 alpha-2.
    public var country: String?
    public var admin1: String?

    public init(name: String, geonameid: Int?, lat: Double?, lon: Double?, country: String?, admin1: String?) {
        self.name = name
        self.geonameid = geonameid
        self.lat = lat
        self.lon = lon
        self.country = country
        self.admin1 = admin1
    }
}

/// One stored quote with its document and its speaker's name.
public struct QuoteRecord: Sendable, Hashable {
    public var seq: Int64
    public var document: String
    public var url: String
    public var title: String?
    /// The quote's date, else the publication date.
    public var day: String?
    public var quote: Quote
    /// The speaker entity's fullest name, when the speaker is known.
    public var speakerName: String?

    public init(
        seq: Int64, document: String, url: String, title: String?, day: String?, quote: Quote, speakerName: String?
    ) {
        self.seq = seq
        self.document = document
        self.url = url
        self.title = title
        self.day = day
        self.quote = quote
        self.speakerName = speakerName
    }
}
