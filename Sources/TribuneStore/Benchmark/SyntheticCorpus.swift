import Foundation
import TribuneCore

/// Fully annotated documents made up for measuring the store at scale, with the shape of real
/// event data so that index selectivity is realistic: actors skewed towards a few countries
/// (a Zipf law over 40 countries, 10 sectors), CAMEO roots in roughly the shares GDELT
/// reports (consultations and statements common, mass violence rare), days over 25 years with
/// volume growing towards the present, places from a list of real cities, and a sentence of
/// text per event. Deterministic: the same seed gives the same corpus.
public struct SyntheticCorpus {
    public var eventsPerDocument = 10
    private var random: SplitMix64

    public init(seed: UInt64 = 2008) {
        random = SplitMix64(seed: seed)
    }

    /// The `index`-th document; its id is a hash of the index and seed, so ids never collide.
    public mutating func document(_ index: Int) -> Document {
        let day = randomDay()
        let events = (0..<eventsPerDocument).map { _ in randomEvent() }
        var text = ""
        var sentences: [Span] = []
        var entities: [Entity] = []
        var places: [Place] = []
        var codedEvents: [Event] = []
        var counts: [Count] = []
        var quotes: [Quote] = []
        func scalarCount(_ s: String) -> Int { s.unicodeScalars.count }
        for (i, e) in events.enumerated() {
            if !text.isEmpty { text += "\n\n" }
            let start = scalarCount(text)
            let sourceStart = start
            text += e.source.name
            let sourceSpan = Span(sourceStart, scalarCount(text))
            text += " "
            let triggerStart = scalarCount(text)
            text += e.verb
            let trigger = Span(triggerStart, scalarCount(text))
            text += " "
            let targetStart = scalarCount(text)
            text += e.target.name
            let targetSpan = Span(targetStart, scalarCount(text))
            text += " in "
            let placeStart = scalarCount(text)
            text += e.place?.name ?? "the region"
            let placeSpan = Span(placeStart, scalarCount(text))
            text += ", officials said on \(day)."
            let span = Span(start, scalarCount(text))
            sentences.append(span)
            let sourceID = "E\(3 * i + 1)"
            let targetID = "E\(3 * i + 2)"
            let placeID = "E\(3 * i + 3)"
            entities.append(
                Entity(
                    id: sourceID, type: .organization, name: e.source.name, mentions: [sourceSpan],
                    actor: ActorCode(code: e.source.code, country: e.source.country, sector: e.source.sector)))
            entities.append(
                Entity(
                    id: targetID, type: .organization, name: e.target.name, mentions: [targetSpan],
                    actor: ActorCode(code: e.target.code, country: e.target.country, sector: e.target.sector)))
            if let place = e.place {
                entities.append(Entity(id: placeID, type: .geopolitical, name: place.name, mentions: [placeSpan]))
                places.append(
                    Place(
                        entity: placeID, name: place.name, geonameid: place.geonameid, lat: place.lat, lon: place.lon,
                        country: place.country, admin1: place.admin1, featureClass: "P", confidence: 0.9))
            }
            let eventID = "V\(i + 1)"
            codedEvents.append(
                Event(
                    id: eventID, sentence: i, source: sourceID, target: targetID, sourceCode: e.source.code,
                    targetCode: e.target.code, cameo: e.cameo, root: String(e.cameo.prefix(2)), quad: e.quad,
                    goldstein: e.goldstein, plover: e.plover.map { PloverCoding(type: $0) }, trigger: trigger,
                    span: span,
                    date: random.next(100) < 30 ? day : nil, place: e.place == nil ? nil : placeID,
                    modality: e.modality, confidence: 0.5 + Double(random.next(50)) / 100))
            if e.cameo.hasPrefix("19") || e.cameo.hasPrefix("18") {
                counts.append(Count(span: trigger, kind: "killed", value: 1 + random.next(40), event: eventID))
            }
            if random.next(100) < 15 {
                quotes.append(
                    Quote(
                        id: "Q\(quotes.count + 1)", kind: .indirect,
                        text: String(text.unicodeScalars.suffix(span.length)),
                        span: span, speaker: sourceID, speakerText: e.source.name, cue: "said"))
            }
        }
        var id = SHA256()
        id.update(Array("synthetic \(index)".utf8))
        return Document(
            id: id.finalizeHex(), source: DocumentSource(uri: "synthetic:\(index)", format: .text),
            title: "\(events[0].source.name) and \(events[0].target.name)", published: day, language: "en", text: text,
            paragraphs: sentences, sentences: sentences, entities: entities, events: codedEvents, quotes: quotes,
            places: places, counts: counts)
    }

    // MARK: Distributions

    struct Actor {
        var code: String
        var name: String
        var country: String
        var sector: String?
    }

    struct SyntheticEvent {
        var source: Actor
        var target: Actor
        var cameo: String
        var quad: Int
        var goldstein: Double
        var plover: String?
        var verb: String
        var place: SyntheticPlace?
        var modality: Event.Modality
    }

    public struct SyntheticPlace: Sendable {
        public var name: String
        public var admin1: String
        public var country: String
        public var lat: Double
        public var lon: Double
        public var geonameid: Int
    }

    /// (ISO alpha-3, ISO alpha-2, adjective), most reported first.
    static let countries: [(String, String, String)] = [
        ("USA", "US", "American"), ("RUS", "RU", "Russian"), ("CHN", "CN", "Chinese"), ("UKR", "UA", "Ukrainian"),
        ("ISR", "IL", "Israeli"), ("PSE", "PS", "Palestinian"), ("IRN", "IR", "Iranian"), ("PAK", "PK", "Pakistani"),
        ("AFG", "AF", "Afghan"), ("IRQ", "IQ", "Iraqi"), ("SYR", "SY", "Syrian"), ("IND", "IN", "Indian"),
        ("GBR", "GB", "British"), ("FRA", "FR", "French"), ("DEU", "DE", "German"), ("TUR", "TR", "Turkish"),
        ("EGY", "EG", "Egyptian"), ("SAU", "SA", "Saudi"), ("YEM", "YE", "Yemeni"), ("LBN", "LB", "Lebanese"),
        ("NGA", "NG", "Nigerian"), ("SDN", "SD", "Sudanese"), ("SOM", "SO", "Somali"), ("ETH", "ET", "Ethiopian"),
        ("KEN", "KE", "Kenyan"), ("COD", "CD", "Congolese"), ("MLI", "ML", "Malian"), ("LBY", "LY", "Libyan"),
        ("MEX", "MX", "Mexican"), ("COL", "CO", "Colombian"), ("VEN", "VE", "Venezuelan"), ("BRA", "BR", "Brazilian"),
        ("JPN", "JP", "Japanese"), ("KOR", "KR", "South Korean"), ("PRK", "KP", "North Korean"),
        ("MMR", "MM", "Burmese"),
        ("UZB", "UZ", "Uzbek"), ("TJK", "TJ", "Tajik"), ("GEO", "GE", "Georgian"), ("ARM", "AM", "Armenian"),
    ]

    static let sectors: [(String?, String, Int)] = [
        ("GOV", "government", 30), ("MIL", "army", 15), (nil, "", 12), ("REB", "rebels", 8), ("OPP", "opposition", 6),
        ("CVL", "civilians", 8), ("COP", "police", 8), ("BUS", "businesses", 4), ("MED", "media", 4),
        ("JUD", "courts", 5),
    ]

    /// (root, share ‰, quad, goldstein, PLOVER type, verb).
    static let roots: [(String, Int, Int, Double, String?, String)] = [
        ("01", 180, 1, 0.0, nil, "commented on"), ("02", 70, 1, 3.0, "REQUEST", "appealed to"),
        ("03", 80, 1, 4.0, "AGREE", "pledged to help"), ("04", 200, 1, 1.0, "CONSULT", "met"),
        ("05", 80, 2, 3.5, "SUPPORT", "praised"), ("06", 20, 2, 6.0, "COOPERATE", "cooperated with"),
        ("07", 30, 2, 7.0, "AID", "sent aid to"), ("08", 25, 2, 5.0, "CONCEDE", "released"),
        ("09", 10, 3, -2.0, "ACCUSE", "investigated"), ("10", 15, 3, -5.0, "REQUEST", "demanded that"),
        ("11", 50, 3, -2.0, "ACCUSE", "accused"), ("12", 20, 3, -4.0, "REJECT", "rejected"),
        ("13", 20, 3, -6.0, "THREATEN", "threatened"), ("14", 20, 4, -6.5, "PROTEST", "protested against"),
        ("15", 5, 4, -7.2, "MOBILIZE", "massed troops near"), ("16", 10, 4, -4.0, "SANCTION", "sanctioned"),
        ("17", 40, 4, -7.0, "COERCE", "arrested"), ("18", 25, 4, -9.0, "ASSAULT", "attacked"),
        ("19", 40, 4, -10.0, "ASSAULT", "fought"), ("20", 1, 4, -10.0, "ASSAULT", "massacred"),
    ]

    static let places: [SyntheticPlace] = [
        ("Quetta", "Balochistan", "PK", 30.187, 67.013, 1_167_528),
        ("Wana", "Khyber Pakhtunkhwa", "PK", 32.300, 69.573, 1_162_862),
        ("Bannu", "Khyber Pakhtunkhwa", "PK", 32.986, 70.604, 1_183_880),
        ("Dera Ismail Khan", "Khyber Pakhtunkhwa", "PK", 31.832, 70.902, 1_180_281),
        ("Islamabad", "Islamabad", "PK", 33.721, 73.043, 1_176_615),
        ("Karachi", "Sindh", "PK", 24.861, 67.010, 1_174_872),
        ("Kabul", "Kabul", "AF", 34.528, 69.172, 1_138_958), ("Kandahar", "Kandahar", "AF", 31.612, 65.710, 1_138_336),
        ("Baghdad", "Baghdad", "IQ", 33.341, 44.401, 98_182), ("Mosul", "Nineveh", "IQ", 36.335, 43.119, 99_072),
        ("Damascus", "Damascus", "SY", 33.510, 36.291, 170_654), ("Aleppo", "Aleppo", "SY", 36.202, 37.158, 170_063),
        ("Gaza", "Gaza Strip", "PS", 31.502, 34.467, 281_133),
        ("Jerusalem", "Jerusalem", "IL", 31.769, 35.216, 281_184),
        ("Tehran", "Tehran", "IR", 35.694, 51.422, 112_931), ("Kyiv", "Kyiv City", "UA", 50.454, 30.524, 703_448),
        ("Kharkiv", "Kharkiv", "UA", 49.988, 36.233, 706_483), ("Moscow", "Moscow", "RU", 55.752, 37.616, 524_901),
        ("Beijing", "Beijing", "CN", 39.907, 116.397, 1_816_670),
        ("Washington", "District of Columbia", "US", 38.895, -77.036, 4_140_963),
        ("New Delhi", "Delhi", "IN", 28.636, 77.224, 1_261_481),
        ("Srinagar", "Jammu and Kashmir", "IN", 34.086, 74.806, 1_255_634),
        ("Cairo", "Cairo", "EG", 30.063, 31.249, 360_630), ("Sanaa", "Sanaa", "YE", 15.355, 44.207, 71_137),
        ("Beirut", "Beirut", "LB", 33.893, 35.502, 276_781), ("Lagos", "Lagos", "NG", 6.454, 3.395, 2_332_459),
        ("Maiduguri", "Borno", "NG", 11.846, 13.160, 2_331_447),
        ("Khartoum", "Khartoum", "SD", 15.552, 32.532, 379_252),
        ("Mogadishu", "Banaadir", "SO", 2.037, 45.344, 53_654),
        ("Addis Ababa", "Addis Ababa", "ET", 9.025, 38.747, 344_979),
        ("Nairobi", "Nairobi", "KE", -1.283, 36.817, 184_745), ("Goma", "North Kivu", "CD", -1.679, 29.228, 216_281),
        ("Bamako", "Bamako", "ML", 12.650, -8.000, 2_460_596), ("Tripoli", "Tripoli", "LY", 32.887, 13.188, 2_210_247),
        ("Culiacan", "Sinaloa", "MX", 24.799, -107.389, 4_014_338),
        ("Bogota", "Bogota D.C.", "CO", 4.610, -74.082, 3_688_689),
        ("Caracas", "Capital", "VE", 10.488, -66.879, 3_646_738),
        ("Tashkent", "Tashkent", "UZ", 41.264, 69.217, 1_512_569),
        ("Dushanbe", "Dushanbe", "TJ", 38.536, 68.780, 1_221_874),
        ("Yangon", "Yangon", "MM", 16.805, 96.156, 1_298_824),
    ].map { SyntheticPlace(name: $0.0, admin1: $0.1, country: $0.2, lat: $0.3, lon: $0.4, geonameid: $0.5) }

    static let modalities: [(Event.Modality, Int)] = [
        (.asserted, 60), (.reported, 25), (.claimed, 5), (.denied, 4), (.negated, 2), (.hypothetical, 2), (.future, 2),
    ]

    /// A day from 2000 to 2024, later years likelier (news volume grows).
    mutating func randomDay() -> String {
        let u = Double(random.next(1_000_000)) / 1_000_000
        let year = 2000 + Int((u.squareRoot() * 25).rounded(.down))
        let month = 1 + random.next(12)
        let day = 1 + random.next(28)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    mutating func randomActor() -> Actor {
        let (iso3, _, adjective) = Self.countries[random.zipf(Self.countries.count)]
        let (sector, word, _) = Self.sectors[random.weighted(Self.sectors.map(\.2))]
        return Actor(
            code: iso3 + (sector ?? ""), name: word.isEmpty ? adjective + " officials" : adjective + " " + word,
            country: iso3, sector: sector)
    }

    mutating func randomEvent() -> SyntheticEvent {
        let source = randomActor()
        var target = randomActor()
        if target.code == source.code { target = randomActor() }
        let root = Self.roots[random.weighted(Self.roots.map(\.1))]
        let cameo = root.0 + (random.next(3) == 0 ? "" : String(random.next(6)))
        var place: SyntheticPlace?
        if random.next(100) < 75 {
            let home = Self.countries.first { $0.0 == source.country }?.1
            let local = Self.places.filter { $0.country == home }
            place =
                !local.isEmpty && random.next(100) < 70
                ? local[random.next(local.count)] : Self.places[random.zipf(Self.places.count)]
        }
        let modality = Self.modalities[random.weighted(Self.modalities.map(\.1))].0
        return SyntheticEvent(
            source: source, target: target, cameo: cameo, quad: root.2, goldstein: root.3, plover: root.4, verb: root.5,
            place: place, modality: modality)
    }

    /// Random filters drawn from the corpus's own distributions, for latency measurements.
    public mutating func randomActorPrefix() -> String { Self.countries[random.zipf(Self.countries.count)].0 }
    public mutating func randomActorCode() -> String { randomActor().code }
    public mutating func randomRoot() -> String { Self.roots[random.weighted(Self.roots.map(\.1))].0 }
    public mutating func randomCountry() -> String { Self.countries[random.zipf(Self.countries.count)].1 }
    public mutating func randomPlace() -> SyntheticPlace { Self.places[random.next(Self.places.count)] }
    public mutating func randomMonth() -> (String, String) {
        let day = randomDay()
        let month = String(day.prefix(7))
        return (month + "-01", month + "-28")
    }
    public mutating func randomYear() -> (String, String) {
        let year = String(randomDay().prefix(4))
        return (year + "-01-01", year + "-12-31")
    }
}

/// A small, fast, deterministic random number generator (SplitMix64).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n.
    mutating func next(_ n: Int) -> Int { Int(nextUInt64() % UInt64(max(1, n))) }

    /// An index drawn with the given weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var pick = next(weights.reduce(0, +))
        for (i, w) in weights.enumerated() {
            if pick < w { return i }
            pick -= w
        }
        return weights.count - 1
    }

    /// An index from a Zipf law (s = 1) over `n` ranks: rank 0 the most frequent.
    mutating func zipf(_ n: Int) -> Int {
        let harmonic = (1...n).reduce(0.0) { $0 + 1 / Double($1) }
        var u = Double(nextUInt64() >> 11) / Double(1 << 53) * harmonic
        for rank in 1...n {
            u -= 1 / Double(rank)
            if u <= 0 { return rank - 1 }
        }
        return n - 1
    }
}
