import TribuneCore

/// A document flattened into the rows of ``Tables``, ready for either backend.
///
/// The document itself is kept whole, so that what `tribune doc` prints equals what
/// `tribune analyze` printed: its JSON without the text (``annotationsJSON``), the text in its
/// own column (searched and shown from there), rejoined on reading by ``document(annotations:text:)``.
package struct DocumentRows {
    /// The `documents` row, without `seq`.
    package var document: [SQLValue]
    /// Rows per annotation table, in the order of ``Tables/annotations``, each without `doc`.
    package var annotations: [[[SQLValue]]]
    package var eventCount: Int

    package init(_ document: Document, ingestedAt: String) {
        self.document = [
            .text(document.id), .text(document.source.uri), .text(document.source.format.rawValue),
            SQLValue(document.title), SQLValue(document.published), SQLValue(document.site),
            SQLValue(document.language), .text(document.published.flatMap(Self.day) ?? ""), .text(document.text),
            .blob(Self.annotationsJSON(document)), .text(ingestedAt), .text(ingestedAt),
        ]
        // The context copies and indexes the text: only worth it when there are events to place.
        annotations = Self.annotationRows(document, document.events.isEmpty ? nil : EventContext(document))
        eventCount = document.events.count
    }

    /// The `sources` row, without `doc`.
    package static func source(_ source: SourceDocument) -> [SQLValue] {
        [
            .text(source.content.rawValue), SQLValue(source.title), SQLValue(source.published), SQLValue(source.site),
            .blob(source.bytes),
        ]
    }

    static func annotationRows(_ document: Document, _ context: EventContext?) -> [[[SQLValue]]] {
        let names = Dictionary(document.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let entities = document.entities.map { e -> [SQLValue] in
            [
                .text(e.id), .text(e.type.rawValue), .text(e.name), SQLValue(e.actor?.code), SQLValue(e.actor?.country),
                SQLValue(e.actor?.sector), .text(e.titles.joined(separator: "; ")), SQLValue(e.place),
            ]
        }
        let mentions = document.entities.flatMap { e in
            e.mentions.map { [.text(e.id), .integer(Int64($0.start)), .integer(Int64($0.end))] as [SQLValue] }
        }
        let events = document.events.map { v -> [SQLValue] in
            let place = context?.place(of: v)
            return [
                .text(v.id), SQLValue(v.sentence), SQLValue(v.source), SQLValue(v.target), SQLValue(v.sourceCode),
                SQLValue(v.targetCode), .text(v.cameo), .text(v.root), SQLValue(v.quad), SQLValue(v.goldstein),
                SQLValue(v.plover?.type), SQLValue(v.plover?.mode),
                SQLValue(v.plover.map { $0.context.joined(separator: ",") }), SQLValue(v.trigger.start),
                SQLValue(v.trigger.end), SQLValue(v.span.start), SQLValue(v.span.end), SQLValue(v.date),
                .text(context?.day(of: v) ?? ""), SQLValue(v.place), SQLValue(place?.name),
                SQLValue(place?.name.lowercased()), SQLValue(place?.admin1), SQLValue(place?.admin1?.lowercased()),
                SQLValue(place?.country?.uppercased()), SQLValue(place?.lat), SQLValue(place?.lon),
                SQLValue(place?.geonameid), .text(v.modality.rawValue), SQLValue(v.attribution),
                SQLValue(v.confidence), SQLValue(v.source.flatMap { names[$0] }),
                SQLValue(v.target.flatMap { names[$0] }), .text(context?.text(v.span) ?? ""),
            ]
        }
        let quotes = document.quotes.map { q -> [SQLValue] in
            let name = q.speaker.flatMap { names[$0] }
            let key = [name, q.speakerText].compactMap { $0?.lowercased() }.joined(separator: " | ")
            return [
                .text(q.id), .text(q.kind.rawValue), .text(q.text), SQLValue(q.span.start), SQLValue(q.span.end),
                SQLValue(q.speaker), SQLValue(q.speakerText), SQLValue(name), .text(key), SQLValue(q.cue),
                SQLValue(q.cueSpan?.start), SQLValue(q.cueSpan?.end), SQLValue(q.date),
                .text(EventContext.day(eventDate: q.date, published: document.published) ?? ""),
            ]
        }
        let times = document.times.map { t -> [SQLValue] in
            [
                SQLValue(t.span.start), SQLValue(t.span.end), .text(t.text), .text(t.type.rawValue), .text(t.value),
                SQLValue(t.mod),
            ]
        }
        let places = document.places.map { p -> [SQLValue] in
            [
                .text(p.entity), .text(p.name), SQLValue(p.geonameid), SQLValue(p.lat), SQLValue(p.lon),
                SQLValue(p.country), SQLValue(p.admin1), SQLValue(p.featureClass), SQLValue(p.confidence),
            ]
        }
        let counts = document.counts.map { c -> [SQLValue] in
            [
                SQLValue(c.span.start), SQLValue(c.span.end), .text(c.kind), SQLValue(c.value), SQLValue(c.qualifier),
                SQLValue(c.subject), SQLValue(c.event),
            ]
        }
        return [entities, mentions, events, quotes, times, places, counts]
    }

    /// The document's JSON with an empty text: the text is stored once, in its own column.
    static func annotationsJSON(_ document: Document) -> [UInt8] {
        var stripped = document
        stripped.text = ""
        return stripped.jsonBytes(pretty: false)
    }

    /// The stored document, whole again.
    package static func document(annotations: [UInt8], text: String) throws -> Document {
        var document = try Document(jsonBytes: annotations)
        document.text = text
        return document
    }

    /// The calendar day of a publication date, for the `documents.day` column.
    static func day(_ published: String) -> String? {
        EventContext.day(eventDate: nil, published: published)
    }
}

extension EventRecord {
    /// Reads a row selected with ``Tables/eventSelection``.
    package init(row v: [SQLValue]) {
        let context = v[19].string.map { $0.split(separator: ",").map(String.init) } ?? []
        let plover = v[17].string.map { PloverCoding(type: $0, mode: v[18].string, context: context) }
        let event = Event(
            id: v[7].string ?? "", sentence: v[8].int ?? 0, source: v[9].string, target: v[10].string,
            sourceCode: v[11].string, targetCode: v[12].string, cameo: v[13].string ?? "", root: v[14].string ?? "",
            quad: v[15].int ?? 0, goldstein: v[16].double ?? 0, plover: plover,
            trigger: Self.span(v[20], v[21]), span: Self.span(v[22], v[23]), date: v[24].string, place: v[25].string,
            modality: v[26].string.flatMap(Event.Modality.init(rawValue:)) ?? .asserted, attribution: v[27].string,
            confidence: v[28].double ?? 0)
        let place = v[31].string.map {
            PlaceSummary(
                name: $0, geonameid: v[32].int, lat: v[33].double, lon: v[34].double, country: v[35].string,
                admin1: v[36].string)
        }
        let day = v[6].string ?? ""
        self.init(
            seq: v[0].int64 ?? 0, documentSeq: v[1].int64 ?? 0, document: v[2].string ?? "", url: v[3].string ?? "",
            title: v[4].string, published: v[5].string, day: day.isEmpty ? nil : day, event: event,
            sourceName: v[29].string, targetName: v[30].string, place: place, text: v[37].string ?? "")
    }

    static func span(_ start: SQLValue, _ end: SQLValue) -> Span {
        let s = start.int ?? 0
        return Span(s, max(s, end.int ?? s))
    }
}

extension QuoteRecord {
    /// Reads a row selected with ``Tables/quoteSelection``.
    package init(row v: [SQLValue]) {
        let cueSpan: Span? = v[14].int == nil ? nil : EventRecord.span(v[14], v[15])
        let quote = Quote(
            id: v[5].string ?? "", kind: v[6].string.flatMap(Quote.Kind.init(rawValue:)) ?? .direct,
            text: v[7].string ?? "", span: EventRecord.span(v[8], v[9]), speaker: v[10].string,
            speakerText: v[11].string, cue: v[13].string, cueSpan: cueSpan, date: v[16].string)
        let day = v[4].string ?? ""
        self.init(
            seq: v[0].int64 ?? 0, document: v[1].string ?? "", url: v[2].string ?? "", title: v[3].string,
            day: day.isEmpty ? nil : day, quote: quote, speakerName: v[12].string)
    }
}
