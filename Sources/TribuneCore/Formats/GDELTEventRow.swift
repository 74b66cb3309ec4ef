/// One event of a document with what the export formats look up around it: the entities it
/// names, where it happened, the words it was read from, and the counts tied to it.
///
/// Building the lookups once per document keeps exporting a document's events linear.
public struct EventContext: Sendable {
    public let document: Document
    private let entities: [String: Entity]
    private let places: [String: Place]
    private let offsets: ScalarOffsets
    private let utf8: [UInt8]

    public init(_ document: Document) {
        self.document = document
        var entities: [String: Entity] = [:]
        for entity in document.entities { entities[entity.id] = entity }
        var places: [String: Place] = [:]
        for place in document.places where places[place.entity] == nil { places[place.entity] = place }
        self.entities = entities
        self.places = places
        self.utf8 = Array(document.text.utf8)
        self.offsets = ScalarOffsets(utf8)
    }

    /// The entity with this id, if the document has it.
    public func entity(_ id: String?) -> Entity? {
        id.flatMap { entities[$0] }
    }

    /// The resolved place of the event, if it has one.
    public func place(of event: Event) -> Place? {
        event.place.flatMap { places[$0] }
    }

    /// The text of a span, as `text[start:end]`; empty when the span lies outside the text.
    public func text(_ span: Span) -> String {
        guard span.start >= 0, span.end <= offsets.scalarCount, span.start <= span.end else { return "" }
        return String(decoding: utf8[offsets.byteRange(span)], as: UTF8.self)
    }

    /// The counts (killed, wounded…) that belong to the event.
    public func counts(of event: Event) -> [Count] {
        document.counts.filter { $0.event == event.id }
    }

    /// Whether the event was read from the article's first paragraph (GDELT's `IsRootEvent`).
    public func isInFirstParagraph(_ event: Event) -> Bool {
        guard event.sentence >= 0, event.sentence < document.sentences.count else { return false }
        guard let first = document.paragraphs.first else { return event.sentence == 0 }
        return first.contains(document.sentences[event.sentence])
    }

    /// The calendar day the event is filed under: its own date when the text gives one, else
    /// the publication date; `nil` when neither is known.
    ///
    /// A date known only to the month or year is filed under its first day (`2008-06` →
    /// `2008-06-01`), as a day-grained table must; the exact value stays in `event.date`.
    public func day(of event: Event) -> String? {
        Self.day(eventDate: event.date, published: document.published)
    }

    /// ``day(of:)`` from the two dates alone.
    public static func day(eventDate: String?, published: String?) -> String? {
        if let day = eventDate.flatMap(calendarDay) { return day }
        return published.flatMap(calendarDay)
    }

    /// `YYYY-MM-DD` from a TIMEX3 or ISO value that starts with a year, padding month and day.
    static func calendarDay(_ value: String) -> String? {
        let head = value.prefix(while: { $0 != "T" })
        let parts = head.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        var day = String(parts[0])
        for part in parts.dropFirst() {
            guard part.count == 2, part.allSatisfy(\.isASCIIDigit) else { return nil }
            day += "-" + part
        }
        if parts.count < 2 { day += "-01" }
        if parts.count < 3 { day += "-01" }
        return ISODate.isValid(day) ? day : nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Rows of the GDELT 2.0 event table: 61 tab-separated columns, one row per event.
///
/// Columns Tribune does not know (actor geography, tone, religion and ethnicity codes, ADM
/// codes below the country) are left empty, as GDELT itself leaves unknown fields. Geography
/// country codes are FIPS 10-4, as in GDELT, when the ``CountryCodes`` table has them.
public enum GDELTEventRow {
    /// The column names, in order, as the GDELT 2.0 event codebook gives them.
    public static let columns = [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
        "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
        "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
        "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
        "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
        "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
        "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
        "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
        "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
        "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
        "DATEADDED", "SOURCEURL",
    ]

    /// The 61 fields of one event.
    ///
    /// - Parameters:
    ///   - globalEventID: GDELT's `GLOBALEVENTID`; the store passes its event number.
    ///   - dateAdded: `DATEADDED` as `YYYYMMDDHHMMSS` (when the event was stored), or `nil`.
    public static func fields(
        _ event: Event, in context: EventContext, globalEventID: String, dateAdded: String? = nil,
        countries: CountryCodes = .none
    ) -> [String] {
        var row: [String] = []
        row.reserveCapacity(columns.count)
        row.append(globalEventID)
        if let day = context.day(of: event) {
            let digits = day.filter { $0 != "-" }
            let year = Int(day.prefix(4)) ?? 0
            let month = Int(day.dropFirst(5).prefix(2)) ?? 0
            let dayOfMonth = Int(day.suffix(2)) ?? 0
            row += [digits, String(digits.prefix(6)), String(year), fractionDate(year, month, dayOfMonth)]
        } else {
            row += ["", "", "", ""]
        }
        row += actorFields(code: event.sourceCode, entity: context.entity(event.source))
        row += actorFields(code: event.targetCode, entity: context.entity(event.target))
        row.append(context.isInFirstParagraph(event) ? "1" : "0")
        row.append(event.cameo)
        row.append(String(event.cameo.prefix(3)))
        row.append(event.root)
        row.append(String(event.quad))
        row.append(number(event.goldstein))
        row += ["1", "1", "1", ""]  // one mention, in one source, in one article; no tone
        row += Array(repeating: "", count: 16)  // actor geography: not known
        row += actionGeography(context.place(of: event), countries: countries)
        row.append(dateAdded ?? "")
        row.append(context.document.source.uri)
        return row
    }

    /// One line of the table, without its line feed.
    public static func line(
        _ event: Event, in context: EventContext, globalEventID: String, dateAdded: String? = nil,
        countries: CountryCodes = .none
    ) -> String {
        fields(event, in: context, globalEventID: globalEventID, dateAdded: dateAdded, countries: countries)
            .map(clean).joined(separator: "\t")
    }

    /// GDELT's `FractionDate`: the year plus the share of it elapsed, `(month × 30 + day) / 365`.
    static func fractionDate(_ year: Int, _ month: Int, _ day: Int) -> String {
        let ten000ths = ((month * 30 + day) * 10_000 + 182) / 365
        let whole = year + ten000ths / 10_000
        let fraction = String(ten000ths % 10_000)
        return "\(whole).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }

    private static func actorFields(code: String?, entity: Entity?) -> [String] {
        var fields = Array(repeating: "", count: 10)
        fields[0] = code ?? ""
        fields[1] = entity?.name.uppercased() ?? ""
        fields[2] = entity?.actor?.country ?? ""
        fields[7] = entity?.actor?.sector ?? ""
        return fields
    }

    /// `ActionGeo_*`: type, full name, country, ADM1, ADM2, latitude, longitude, feature id.
    private static func actionGeography(_ place: Place?, countries: CountryCodes) -> [String] {
        guard let place else { return Array(repeating: "", count: 8) }
        let country = countries.country(alpha2: place.country)
        let isCountry = place.featureClass == "A" && place.admin1 == nil
        let isUS = place.country?.uppercased() == "US"
        let type: Int
        switch place.featureClass {
        case "A": type = isCountry ? 1 : (isUS ? 2 : 5)
        default: type = isUS ? 3 : 4
        }
        var name = [place.name]
        if !isCountry, let admin1 = place.admin1, admin1 != place.name { name.append(admin1) }
        if !isCountry, let countryName = country?.name { name.append(countryName) }
        let fips = country?.fips ?? ""
        return [
            String(type), name.joined(separator: ", "), fips, isCountry ? fips : "", "",
            number(place.lat), number(place.lon), place.geonameid.map(String.init) ?? "",
        ]
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? value.description : ""
    }

    /// Tabs and line breaks would break the row: they become spaces.
    private static func clean(_ field: String) -> String {
        guard field.contains(where: { $0 == "\t" || $0.isNewline }) else { return field }
        return String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
