import Foundation
import TribuneCore

/// Which events to return: every filter set narrows the result; none returns all events.
///
/// Actor and event codes match as prefixes, as the CAMEO hierarchy reads: `PAK` matches
/// `PAKGOV` and `PAKMIL`, `19` (a root) matches `190` and `1951`.
public struct EventQuery: Sendable, Hashable {
    public enum Order: Sendable, Hashable {
        /// Latest day first: what a person reading a list wants.
        case newestFirst
        /// Storage order, from ``EventQuery/after``: what an export walking the store wants.
        case storage
    }

    /// An actor code (prefix) on either side.
    public var actor: String?
    /// An actor code (prefix) as the source.
    public var source: String?
    /// An actor code (prefix) as the target.
    public var target: String?
    /// A CAMEO event code or root (prefix).
    public var code: String?
    /// QuadClass, 1–4.
    public var quad: Int?
    /// A PLOVER event type (`ASSAULT`).
    public var plover: String?
    public var modality: Event.Modality?
    /// First day, `YYYY-MM-DD`, inclusive.
    public var since: String?
    /// Last day, `YYYY-MM-DD`, inclusive.
    public var until: String?
    /// Where it happened: ISO 3166-1 alpha-2 country code.
    public var country: String?
    /// Where it happened: a place name or first-level division name, any case.
    public var place: String?
    public var near: GeoCircle?
    /// Full-text search over the text of the events' documents.
    public var text: String?
    /// Only the events of one document (its id).
    public var document: String?

    public var order: Order = .newestFirst
    /// With ``Order/storage``: return events stored after this event number.
    public var after: Int64?
    /// At most this many events; `nil` for all.
    public var limit: Int? = 100

    public init() {}

    /// Whether any filter is set.
    public var isFiltered: Bool {
        actor != nil || source != nil || target != nil || code != nil || quad != nil || plover != nil
            || modality != nil || since != nil || until != nil || country != nil || place != nil || near != nil
            || text != nil || document != nil
    }
}

/// A circle on the globe: the centre and a radius in kilometres.
public struct GeoCircle: Sendable, Hashable {
    public var lat: Double
    public var lon: Double
    public var km: Double

    public init(lat: Double, lon: Double, km: Double) {
        self.lat = lat
        self.lon = lon
        self.km = km
    }

    /// Reads `LAT,LON,KM`, e.g. `34.0,71.5,50`; the radius is at most half the Earth's
    /// circumference (20,040 km), which already takes in every place.
    public init?(_ text: String) {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let lat = parts[0], let lon = parts[1], let km = parts[2],
            (-90...90).contains(lat), (-180...180).contains(lon), km > 0, km <= 20_040
        else { return nil }
        self.init(lat: lat, lon: lon, km: km)
    }

    static let earthRadiusKm = 6371.0088

    /// Great-circle distance in kilometres (haversine).
    public static func distance(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLon = (lon2 - lon1) * radians
        let a = pow(sin(dLat / 2), 2) + cos(lat1 * radians) * cos(lat2 * radians) * pow(sin(dLon / 2), 2)
        return 2 * earthRadiusKm * asin(min(1, a.squareRoot()))
    }

    /// The latitude and longitude ranges that hold the circle; longitude is `nil` when the
    /// circle reaches a pole or crosses the antimeridian.
    var boundingBox: (lat: ClosedRange<Double>, lon: ClosedRange<Double>?) {
        let dLat = km / Self.earthRadiusKm * 180 / .pi
        let lat = (lat - dLat)...(lat + dLat)
        guard lat.lowerBound > -90, lat.upperBound < 90 else { return (lat, nil) }
        let dLon = dLat / cos(max(abs(lat.lowerBound), abs(lat.upperBound)) * .pi / 180)
        guard lon - dLon >= -180, lon + dLon <= 180 else { return (lat, nil) }
        return (lat, (lon - dLon)...(lon + dLon))
    }
}

/// Which quotes to return.
public struct QuoteQuery: Sendable, Hashable {
    /// The speaker's name or the words naming them, any case, in part (`karzai`).
    public var speaker: String?
    /// Full-text search over the quoted words.
    public var text: String?
    public var since: String?
    public var until: String?
    public var document: String?
    public var limit: Int? = 100

    public init() {}
}

/// An actor code and how many matching events it takes part in.
public struct ActorCount: Sendable, Hashable {
    public var code: String
    /// The most frequent name the code was given.
    public var name: String?
    public var asSource: Int
    public var asTarget: Int
    public var total: Int { asSource + asTarget }

    public init(code: String, name: String?, asSource: Int, asTarget: Int) {
        self.code = code
        self.name = name
        self.asSource = asSource
        self.asTarget = asTarget
    }
}

/// A source → target pair and how many matching events it has.
public struct PairCount: Sendable, Hashable {
    public var source: String
    public var target: String
    public var events: Int
    /// The most frequent CAMEO root among them.
    public var topRoot: String?

    public init(source: String, target: String, events: Int, topRoot: String?) {
        self.source = source
        self.target = target
        self.events = events
        self.topRoot = topRoot
    }
}
