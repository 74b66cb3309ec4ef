import Testing

@testable import TribuneCore

/// The fully annotated document with its event placed at Peshawar and aimed at a second actor,
/// so that every column of the exports has something to show.
private func placedDocument() -> Document {
    var document = fullyAnnotatedDocument()
    document.entities.append(
        Entity(
            id: "E4", type: .organization, name: "Islamic Movement of Uzbekistan", mentions: [Span(41, 57)],
            actor: ActorCode(code: "UZBREB", country: "UZB", sector: "REB")))
    document.entities.append(Entity(id: "E9", type: .geopolitical, name: "Peshawar", mentions: [Span(0, 8)]))
    document.events[0].target = "E4"
    document.events[0].targetCode = "UZBREB"
    document.events[0].place = "E9"
    document.counts[0].event = "V1"
    return document
}

private let countries = CountryCodes([
    .init(alpha2: "PK", alpha3: "PAK", fips: "PK", name: "Pakistan"),
    .init(alpha2: "DE", alpha3: "DEU", fips: "GM", name: "Germany"),
])

@Suite("Event context shared by the exports")
struct EventContextTests {
    @Test("files an event under its own date, padded when partial, else the publication date")
    func days() {
        #expect(EventContext.day(eventDate: "2008-06-28", published: "2008-06-30") == "2008-06-28")
        #expect(EventContext.day(eventDate: "2008-06", published: "2008-06-30") == "2008-06-01")
        #expect(EventContext.day(eventDate: "2001", published: nil) == "2001-01-01")
        #expect(EventContext.day(eventDate: "PAST_REF", published: "2008-06-30T10:00:00Z") == "2008-06-30")
        #expect(EventContext.day(eventDate: nil, published: nil) == nil)
        #expect(EventContext.day(eventDate: "2008-02-30", published: nil) == nil)
    }

    @Test("cuts the words of a span by scalar offsets, as Python would")
    func spanText() {
        let context = EventContext(placedDocument())
        let event = context.document.events[0]
        #expect(context.text(event.trigger) == "stated")
        #expect(context.text(Span(41, 57)) == "foreign elements")
        #expect(context.entity(event.source)?.name == "Gilani")
        #expect(context.place(of: event)?.name == "Peshawar")
        #expect(context.counts(of: event).map(\.value) == [150])
        #expect(context.isInFirstParagraph(event))
    }
}

@Suite("GDELT 2.0 event rows")
struct GDELTEventRowTests {
    @Test("have the 61 columns of the GDELT 2.0 event table, in its order")
    func columns() {
        #expect(GDELTEventRow.columns.count == 61)
        #expect(GDELTEventRow.columns.first == "GLOBALEVENTID")
        #expect(GDELTEventRow.columns[26] == "EventCode")
        #expect(GDELTEventRow.columns.last == "SOURCEURL")
        let fields = GDELTEventRow.fields(
            placedDocument().events[0], in: EventContext(placedDocument()), globalEventID: "7",
            dateAdded: "20080630120000", countries: countries)
        #expect(fields.count == 61)
    }

    @Test("fill what Tribune knows and leave the rest empty")
    func values() {
        let document = placedDocument()
        let fields = GDELTEventRow.fields(
            document.events[0], in: EventContext(document), globalEventID: "7", dateAdded: "20080630120000",
            countries: countries)
        var row: [String: String] = [:]
        for (name, value) in zip(GDELTEventRow.columns, fields) { row[name] = value }
        #expect(row["GLOBALEVENTID"] == "7")
        #expect(row["SQLDATE"] == "20080628")
        #expect(row["MonthYear"] == "200806")
        #expect(row["Year"] == "2008")
        #expect(row["FractionDate"] == "2008.5699")
        #expect(row["Actor1Code"] == "PAKGOV")
        #expect(row["Actor1Name"] == "GILANI")
        #expect(row["Actor1CountryCode"] == "PAK")
        #expect(row["Actor1Type1Code"] == "GOV")
        #expect(row["Actor2Code"] == "UZBREB")
        #expect(row["Actor2Type1Code"] == "REB")
        #expect(row["IsRootEvent"] == "1")
        #expect(row["EventCode"] == "112")
        #expect(row["EventBaseCode"] == "112")
        #expect(row["EventRootCode"] == "11")
        #expect(row["QuadClass"] == "3")
        #expect(row["GoldsteinScale"] == "-2.0")
        #expect(row["AvgTone"] == "")
        #expect(row["Actor1Geo_FullName"] == "")
        #expect(row["ActionGeo_Type"] == "4")
        #expect(row["ActionGeo_FullName"] == "Peshawar, Khyber Pakhtunkhwa, Pakistan")
        #expect(row["ActionGeo_CountryCode"] == "PK")
        #expect(row["ActionGeo_Lat"] == "34.008")
        #expect(row["ActionGeo_Long"] == "71.578")
        #expect(row["ActionGeo_FeatureID"] == "1168197")
        #expect(row["DATEADDED"] == "20080630120000")
        #expect(row["SOURCEURL"] == "file:///tmp/page.txt")
    }

    @Test("use FIPS 10-4 country codes for geography, as GDELT does")
    func fipsCountry() {
        var document = placedDocument()
        document.places[0] = Place(
            entity: "E9", name: "Berlin", geonameid: 2_950_159, lat: 52.52, lon: 13.41, country: "DE", admin1: "Berlin",
            featureClass: "P", confidence: 1)
        let line = GDELTEventRow.line(
            document.events[0], in: EventContext(document), globalEventID: "1", countries: countries)
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 61)
        #expect(fields[53] == "GM")
        #expect(fields[52] == "Berlin, Germany")
    }

    @Test("keep a row on one line when names hold tabs or line breaks")
    func cleanFields() {
        var document = placedDocument()
        document.entities[0].name = "Gilani\tthe\nPrime Minister"
        let line = GDELTEventRow.line(document.events[0], in: EventContext(document), globalEventID: "1")
        #expect(!line.contains("\n"))
        #expect(line.split(separator: "\t", omittingEmptySubsequences: false).count == 61)
    }
}

@Suite("PLOVER records")
struct PLOVERRecordTests {
    @Test("carry the manual's fields: actor, recipient, event, mode, context, location, size, text")
    func fields() throws {
        let document = placedDocument()
        let json = try JSONParser.parse(
            PLOVERRecord.line(document.events[0], in: EventContext(document), id: "42", countries: countries))
        #expect(json["id"]?.string == "42")
        #expect(json["date"]?.string == "2008-06-28")
        #expect(json["event"] == .array([.string("ACCUSE")]))
        #expect(json["mode"] == .array([.string("allege")]))
        #expect(json["context"] == .array([.string("terrorism")]))
        #expect(json["quad_code"]?.int == 3)
        let actor = try #require(json["actor"]?.array?.first)
        #expect(actor["code"]?.string == "PAK")
        #expect(actor["sector"]?.string == "GOV")
        #expect(actor["entity_text"]?.string == "Gilani")
        #expect(actor["cameo_code"]?.string == "PAKGOV")
        #expect(json["recipient"]?.array?.first?["code"]?.string == "UZB")
        let location = try #require(json["event_loc"])
        #expect(location["resolved_place"]?.string == "Peshawar")
        #expect(location["country_code"]?.string == "PAK")
        #expect(location["country"]?.string == "Pakistan")
        #expect(location["province"]?.string == "Khyber Pakhtunkhwa")
        #expect(location["resolution"]?.int == 4)
        #expect(json["size"]?["dead"]?.int == 150)
        #expect(json["event_text"] == .array([.string("stated")]))
        #expect(json["text"]?.string?.hasPrefix("Speaking on June 28, Gilani stated") == true)
        #expect(json["text_info"]?["start"]?.int == 0)
        #expect(json["cite_info"]?["url"]?.string == "file:///tmp/page.txt")
        #expect(json["modality"]?.string == "reported")
    }

    @Test("write an event without PLOVER coding as has_event false with an empty event list")
    func uncoded() throws {
        var document = placedDocument()
        document.events[0].plover = nil
        document.events[0].target = nil
        document.events[0].targetCode = nil
        let json = try JSONParser.parse(PLOVERRecord.line(document.events[0], in: EventContext(document), id: "1"))
        #expect(json["has_event"] == .bool(false))
        #expect(json["event"] == .array([]))
        #expect(json["recipient"] == .array([]))
    }
}

@Suite("CSV event rows")
struct CSVEventRowTests {
    @Test("flatten the event with its names, words and place, one field per column")
    func fields() {
        let document = placedDocument()
        let fields = CSVEventRow.fields(document.events[0], in: EventContext(document))
        #expect(fields.count == CSVEventRow.columns.count)
        var row: [String: String] = [:]
        for (name, value) in zip(CSVEventRow.columns, fields) { row[name] = value }
        #expect(row["sourceName"] == "Gilani")
        #expect(row["targetName"] == "Islamic Movement of Uzbekistan")
        #expect(row["trigger"] == "stated")
        #expect(row["ploverContext"] == "terrorism")
        #expect(row["placeName"] == "Peshawar")
        #expect(row["day"] == "2008-06-28")
        #expect(row["attributionName"] == "Gilani")
    }

    @Test("quote fields with commas, quotes or line breaks as RFC 4180 asks, and end rows with CRLF")
    func quoting() {
        #expect(
            CSVEventRow.line(["a", "b,c", "say \"no\"", "two\nlines"])
                == "a,\"b,c\",\"say \"\"no\"\"\",\"two\nlines\"\r\n")
        let line = CSVEventRow.line(placedDocument().events[0], in: EventContext(placedDocument()))
        #expect(line.contains(",\"Speaking on June 28, Gilani stated that"), "the clause holds a comma: it is quoted")
        #expect(line.hasSuffix(",0.82\r\n"))
        #expect(CSVEventRow.header.hasPrefix("document,url,title,published,site,event,"))
    }
}

@Suite("Country codes")
struct CountryCodesTests {
    @Test("read the shipped table's format and look countries up by ISO alpha-2 in any case")
    func parse() throws {
        let table = try CountryCodes(tsv: "# comment\nPK\tPAK\tPK\tPakistan\nAX\tALA\t\tAland Islands\n")
        #expect(table.count == 2)
        #expect(table.country(alpha2: "pk")?.alpha3 == "PAK")
        #expect(table.country(alpha2: "AX")?.fips == nil)
        #expect(table.country(alpha2: nil) == nil)
    }

    @Test("name the line of a malformed table")
    func malformed() {
        #expect(throws: CountryCodesError.self) { try CountryCodes(tsv: "PK\tPAK\n") }
    }
}
