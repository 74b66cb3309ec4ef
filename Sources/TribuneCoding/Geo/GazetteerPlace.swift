/// One entry of the gazetteer: a GeoNames place, country, first-level division or continent.
public struct GazetteerPlace: Hashable, Sendable {
    /// The GeoNames id. Divisions that the shipped sources name without a GeoNames id get a
    /// negative id of Tribune's own, stable for one build (see ``isGeoNames``).
    public var id: Int
    public var name: String
    public var latitude: Double
    public var longitude: Double
    /// GeoNames feature class (`P` populated place, `A` country or division, `L` area, `T`, `H`…)
    /// and code (`PPL`, `PCLI`, `ADM1`, `CONT`…).
    public var featureClass: String
    public var featureCode: String
    /// ISO 3166-1 alpha-2 country code; empty for continents.
    public var country: String
    /// The GeoNames first-level division code within the country (`03`), empty when unknown.
    public var admin1: String
    public var population: Int

    public init(
        id: Int, name: String, latitude: Double, longitude: Double, featureClass: String, featureCode: String,
        country: String, admin1: String, population: Int
    ) {
        self.id = id
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.featureClass = featureClass
        self.featureCode = featureCode
        self.country = country
        self.admin1 = admin1
        self.population = population
    }

    /// Whether ``id`` is a GeoNames id.
    public var isGeoNames: Bool { id > 0 }

    public var isCountry: Bool { featureCode.hasPrefix("PCL") || featureCode == "TERR" }
    public var isFirstLevelDivision: Bool { featureCode == "ADM1" }
    public var isContinent: Bool { featureCode == "CONT" }

    /// Great-circle distance in kilometres.
    public func distance(to other: GazetteerPlace) -> Double {
        Self.distance(latitude, longitude, other.latitude, other.longitude)
    }

    public static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLon = (lon2 - lon1) * radians
        let a =
            sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0 * asin(min(1, a.squareRoot()))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
