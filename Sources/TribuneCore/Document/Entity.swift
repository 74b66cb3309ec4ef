/// A person, organization, place or group, with every mention of it in the text.
public struct Entity: Hashable, Sendable, Identifiable {
    /// The entity types of the document schema.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case person = "PERSON"
        case organization = "ORG"
        case geopolitical = "GPE"
        case location = "LOC"
        case nationality = "NORP"
        case facility = "FAC"
        case event = "EVENT"
        case miscellaneous = "MISC"
    }

    /// `E1`, `E2`…, stable within one document.
    public var id: String
    public var type: Kind
    /// The fullest name the document uses for it.
    public var name: String
    /// Every mention, pronouns that refer to it included.
    public var mentions: [Span]
    /// Titles and roles attached to it ("Prime Minister").
    public var titles: [String]
    public var actor: ActorCode?
    /// For places: the GeoNames id of its entry in the document's `places`.
    public var place: Int?

    public init(
        id: String, type: Kind, name: String, mentions: [Span] = [], titles: [String] = [],
        actor: ActorCode? = nil, place: Int? = nil
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.mentions = mentions
        self.titles = titles
        self.actor = actor
        self.place = place
    }
}

/// A CAMEO actor code split into the parts researchers filter on.
public struct ActorCode: Hashable, Sendable {
    /// The full code, e.g. `PAKGOV`.
    public var code: String
    /// ISO 3166-1 alpha-3 country (or CAMEO regional) code, e.g. `PAK`; `nil` for non-state actors.
    public var country: String?
    /// The primary role or sector, e.g. `GOV`, `MIL`, `REB`.
    public var sector: String?

    public init(code: String, country: String? = nil, sector: String? = nil) {
        self.code = code
        self.country = country
        self.sector = sector
    }
}
