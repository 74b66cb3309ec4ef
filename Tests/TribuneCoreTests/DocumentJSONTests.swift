import Testing

@testable import TribuneCore

/// A document with one of every annotation, built from the sample article's own words.
func fullyAnnotatedDocument() -> Document {
    let text =
        "Speaking on June 28, Gilani stated that \u{201C}foreign elements\u{201D} are disturbing peace.\n\nHe gave no other details."
    return Document(
        id: "3f2a",
        source: DocumentSource(uri: "file:///tmp/page.txt", format: .text),
        title: "Pakistan Blames IMU Militants For Afghan Border Unrest",
        published: "2008-06-30",
        authors: ["Staff"],
        site: "RFE/RL",
        language: "en",
        text: text,
        paragraphs: [Span(0, 84), Span(86, 110)],
        removed: [RemovedText(text: "Accessibility links", reason: .navigation)],
        sentences: [Span(0, 84), Span(86, 110)],
        tokens: [DocumentToken(span: Span(0, 8), pos: "VERB", lemma: "speak", head: 5, dep: "advcl", ner: "O")],
        entities: [
            Entity(
                id: "E1", type: .person, name: "Gilani", mentions: [Span(21, 27), Span(86, 88)],
                titles: ["Prime Minister"], actor: ActorCode(code: "PAKGOV", country: "PAK", sector: "GOV"))
        ],
        events: [
            Event(
                id: "V1", sentence: 0, source: "E1", sourceCode: "PAKGOV", cameo: "112", root: "11", quad: 3,
                goldstein: -2.0, plover: PloverCoding(type: "ACCUSE", mode: "allege", context: ["terrorism"]),
                trigger: Span(28, 34), span: Span(0, 84), date: "2008-06-28", modality: .reported,
                attribution: "E1", confidence: 0.82)
        ],
        quotes: [
            Quote(
                id: "Q1", kind: .mixed, text: "foreign elements", span: Span(41, 57), speaker: "E1",
                speakerText: "Gilani", cue: "stated", cueSpan: Span(28, 34), date: "2008-06-28")
        ],
        times: [
            TimeExpression(span: Span(12, 19), text: "June 28", type: .date, value: "2008-06-28"),
            TimeExpression(span: Span(0, 0), text: "late 2001", type: .date, value: "2001", mod: "END"),
            TimeExpression(span: Span(0, 0), text: "last year", type: .date, value: "PAST_REF", anchored: false),
        ],
        places: [
            Place(
                entity: "E9", name: "Peshawar", geonameid: 1_168_197, lat: 34.008, lon: 71.578, country: "PK",
                admin1: "Khyber Pakhtunkhwa", featureClass: "P", confidence: 0.9),
            Place(
                entity: "E10", name: "Khyber Pakhtunkhwa", geonameid: nil, lat: 34.5, lon: 72.0, country: "PK",
                featureClass: "A", confidence: 0.7),
        ],
        counts: [Count(span: Span(0, 8), kind: "killed", value: 150, qualifier: "at least", subject: "Uzbek militants")]
    )
}

@Suite("The document JSON")
struct DocumentJSONTests {
    @Test("writes the members in the order of SCHEMA.md")
    func keyOrder() throws {
        let json = try JSONParser.parse(fullyAnnotatedDocument().jsonBytes(pretty: false))
        #expect(
            json.object?.keys == [
                "schema", "id", "source", "title", "published", "authors", "site", "language", "text", "paragraphs",
                "removed", "sentences", "tokens", "entities", "events", "quotes", "times", "places", "counts",
            ])
        #expect(
            json["events"]?.array?.first?.object?.keys == [
                "id", "sentence", "source", "target", "sourceCode", "targetCode", "cameo", "root", "quad", "goldstein",
                "plover", "trigger", "span", "date", "place", "modality", "attribution", "confidence",
            ])
        #expect(json["schema"]?.string == "tribune.document/1")
    }

    @Test("decodes back to the same document, pretty or compact")
    func roundTrip() throws {
        let document = fullyAnnotatedDocument()
        for pretty in [true, false] {
            let decoded = try Document(jsonBytes: document.jsonBytes(pretty: pretty))
            #expect(decoded == document)
        }
    }

    @Test("writes absent values as null and empty annotation lists as [], never leaving them out")
    func emptyDocument() throws {
        let document = Document(id: "0", source: DocumentSource(uri: "stdin", format: .text), text: "")
        let json = try JSONParser.parse(document.jsonBytes(pretty: true))
        #expect(json["title"] == .null)
        #expect(json["published"] == .null)
        for key in ["entities", "events", "quotes", "times", "places", "counts", "paragraphs", "sentences", "removed"] {
            #expect(json[key] == .array([]), "\(key) must be an empty array")
        }
        #expect(json["tokens"] == nil, "tokens appear only when asked for")
        #expect(try Document(json: json) == document)
    }

    @Test("omits a time's mod and anchored flag when it has none and keeps them when it has")
    func timeModifier() throws {
        let json = try JSONParser.parse(fullyAnnotatedDocument().jsonBytes(pretty: false))
        let times = try #require(json["times"]?.array)
        #expect(times[0]["mod"] == nil)
        #expect(times[0]["anchored"] == nil)
        #expect(times[1]["mod"]?.string == "END")
        #expect(times[2]["anchored"] == .bool(false))
    }

    @Test("writes a place known by coordinates only with a null geonameid")
    func placeWithoutGeoNamesID() throws {
        let json = try JSONParser.parse(fullyAnnotatedDocument().jsonBytes(pretty: false))
        let places = try #require(json["places"]?.array)
        #expect(places[0]["geonameid"]?.int == 1_168_197)
        #expect(places[1]["geonameid"] == .null)
    }

    @Test("lays out spans on one line in pretty output")
    func prettySpans() {
        let pretty = fullyAnnotatedDocument().jsonString(pretty: true)
        #expect(pretty.contains("\"paragraphs\": [\n    [0, 84],\n    [86, 110]\n  ]"))
        #expect(pretty.contains("\"mentions\": [[21, 27], [86, 88]]"))
        #expect(pretty.contains("\"goldstein\": -2.0"))
    }

    @Test("escapes quotes, control characters and line separators but keeps other text as UTF-8")
    func escaping() throws {
        var writer = JSONWriter(pretty: false)
        writer.value("say \"no\"\n\t\u{01}\u{2028} Dvořák")
        let written = String(decoding: writer.bytes, as: UTF8.self)
        #expect(written == #""say \"no\"\n\t\u0001\u2028 Dvořák""#)
        #expect(try JSONParser.parse(written) == .string("say \"no\"\n\t\u{01}\u{2028} Dvořák"))
    }

    @Test("names the path of a member with the wrong shape")
    func shapeErrors() throws {
        var json = try JSONParser.parse(fullyAnnotatedDocument().jsonBytes(pretty: false))
        guard case .object(var object) = json else { return }
        let index = try #require(object.members.firstIndex { $0.key == "events" })
        object.members[index].value = .array([.object(JSONObject([.init(key: "id", value: .string("V1"))]))])
        json = .object(object)
        #expect {
            try Document(json: json)
        } throws: { error in
            (error as? JSONShapeError)?.path == "$.events[0].sentence"
        }
    }

    @Test("refuses a document of another schema")
    func wrongSchema() throws {
        let text = #"{"schema": "tribune.document/9", "id": "x"}"#
        #expect(throws: JSONShapeError.self) { try Document(jsonBytes: Array(text.utf8)) }
    }
}
