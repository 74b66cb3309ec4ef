/// A place entity resolved to a GeoNames entry.
public struct Place: Hashable, Sendable {
    /// Entity id of the place.
    public var entity: String
    public var name: String
    /// The GeoNames id, or `nil` for a place known by its coordinates only (a first-level
    /// division from ISO 3166-2, say, until a GeoNames dump is imported).
    public var geonameid: Int?
    public var lat: Double
    public var lon: Double
    /// ISO 3166-1 alpha-2 country code.
    public var country: String?
    /// Name of the first-level administrative division.
    public var admin1: String?
    /// GeoNames feature class: `P` (populated place), `A` (country, state…), `L`, `T`, `H`…
    public var featureClass: String?
    public var confidence: Double

    public init(
        entity: String, name: String, geonameid: Int?, lat: Double, lon: Double,
        country: String? = nil, admin1: String? = nil, featureClass: String? = nil,
        confidence: Double
    ) {
        self.entity = entity
        self.name = name
        self.geonameid = geonameid
        self.lat = lat
        self.lon = lon
        self.country = country
        self.admin1 = admin1
        self.featureClass = featureClass
        self.confidence = confidence
    }
}

/// A number of people killed, wounded, arrested, displaced or counted as members.
public struct Count: Hashable, Sendable {
    public var span: Span
    /// `killed`, `wounded`, `arrested`, `displaced`, `members`…
    public var kind: String
    public var value: Int
    /// "at least", "about", "more than"…
    public var qualifier: String?
    /// Who was counted ("Uzbek militants").
    public var subject: String?
    /// Event id the count belongs to.
    public var event: String?

    public init(
        span: Span, kind: String, value: Int, qualifier: String? = nil, subject: String? = nil,
        event: String? = nil
    ) {
        self.span = span
        self.kind = kind
        self.value = value
        self.qualifier = qualifier
        self.subject = subject
        self.event = event
    }
}
