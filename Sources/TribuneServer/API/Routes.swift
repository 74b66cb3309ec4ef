import Foundation
import Hummingbird
import NIOCore
import TribuneCore
import TribuneStore

/// Every endpoint of the API, in the order `/openapi.json` lists them.
enum API {
    static let endpoints: [Endpoint] = [
        stats, documents, document, events, quotes, speakers, actors, pairs, places, timeline, countries, analyze,
    ]

    static func limit(default value: Int, max: Int) -> Parameter {
        Parameter("limit", .integer(1...max), "At most this many items (default \(value), at most \(max)).")
    }

    static let offset = Parameter(
        "offset", .integer(0...1_000_000), "Skip this many items first (default 0), for the next page.")

    // MARK: Store

    static let stats = Endpoint(
        method: .get, path: "/api/stats", operationID: "stats",
        summary: "How many documents, events, entities, quotes, times, places and counts the store holds.",
        responseSchema: "Stats", cached: true
    ) { _, _, services in
        let counts = try await blocking { try services.store.counts() }
        return .json { w in
            w.beginObject()
            w.member("store", URL(fileURLWithPath: services.store.location).lastPathComponent)
            w.member("documents", counts.documents)
            w.member("events", counts.events)
            w.member("entities", counts.entities)
            w.member("mentions", counts.mentions)
            w.member("quotes", counts.quotes)
            w.member("times", counts.times)
            w.member("places", counts.places)
            w.member("counts", counts.counts)
            w.member("failures", counts.failures)
            w.endObject()
        }
    }

    // MARK: Documents

    static let documents = Endpoint(
        method: .get, path: "/api/documents", operationID: "listDocuments",
        summary: "Stored documents, latest first; with q, those whose title or text match.",
        parameters: [
            Parameter("q", .text, "Words or \"a phrase\" in the title or text.", example: "militants"),
            limit(default: 20, max: 200), offset,
        ],
        responseSchema: "DocumentPage"
    ) { _, arguments, services in
        let reader = try services.requireReader("the document list")
        let limit = arguments.int("limit") ?? 20
        let offset = arguments.int("offset") ?? 0
        let search = arguments["q"]
        let page = try await blocking { try reader.documents(search: search, limit: limit, offset: offset) }
        return .json { w in
            w.beginObject()
            w.member("total", page.total)
            w.member("limit", limit)
            w.member("offset", offset)
            w.key("items")
            w.beginArray()
            for item in page.items { item.write(to: &w) }
            w.endArray()
            w.endObject()
        }
    }

    static let document = Endpoint(
        method: .get, path: "/api/documents/{id}", operationID: "getDocument",
        summary: "One document with all its annotations (the document JSON of SCHEMA.md).",
        description: "The id may be the full id, a unique prefix of at least four characters, or the document's URI.",
        pathParameters: [Parameter("id", .text, "The document's id, a unique prefix of it, or its URI.")],
        responseSchema: "Document"
    ) { _, arguments, services in
        let key = arguments.path["id"] ?? ""
        let lookup = try await blocking { try services.store.document(matching: key) }
        switch lookup {
        case .found(let document):
            return Reply(
                contentType: "application/json; charset=utf-8", bytes: document.jsonBytes(pretty: false))
        case .ambiguous(let ids):
            throw HTTPError(
                .badRequest,
                message:
                    "\"\(key.prefix(80))\" names several documents: \(ids.joined(separator: ", ")); give more of the id"
            )
        case .notFound:
            throw HTTPError(.notFound, message: "no document \"\(key.prefix(80))\" in the store")
        }
    }

    // MARK: Events

    static let events = Endpoint(
        method: .get, path: "/api/events", operationID: "listEvents",
        summary: "Events that match every filter given, one page at a time.",
        description: "The filters of `tribune events`. Codes match as prefixes, as the CAMEO hierarchy reads.",
        parameters: EventFilters.parameters + [
            Parameter(
                "sort", .choice(EventSort.allCases.map(\.rawValue)),
                "Order: newest (default), oldest, goldstein (most conflictual first) or confidence."),
            Parameter("total", .boolean, "Also count every matching event (costs a scan on large stores)."),
            limit(default: 50, max: 1000), offset,
        ],
        responseSchema: "EventPage"
    ) { _, arguments, services in
        let query = EventFilters.query(arguments)
        let limit = arguments.int("limit") ?? 50
        let offset = arguments.int("offset") ?? 0
        let sort = arguments["sort"].flatMap(EventSort.init(rawValue:)) ?? .newest
        let wantsTotal = arguments.bool("total")
        let reader = services.reader
        let store = services.store
        let (records, total) = try await blocking { () -> ([EventRecord], Int?) in
            // One more than asked tells whether another page follows without counting them all.
            // The store's own query serves the first page latest first (it knows how to expand
            // actor prefixes); other orders and later pages need the SQLite reader.
            var records: [EventRecord]
            if sort == .newest, offset == 0 {
                var paged = query
                paged.limit = limit + 1
                records = try store.events(paged)
            } else if let reader {
                records = try reader.events(query, sort: sort, limit: limit + 1, offset: offset)
            } else {
                throw HTTPError(.notImplemented, message: "sort and offset need an SQLite store for now")
            }
            return (records, wantsTotal ? try store.countEvents(query) : nil)
        }
        return .json { w in
            w.beginObject()
            w.member("limit", limit)
            w.member("offset", offset)
            w.member("sort", sort.rawValue)
            w.member("total", total)
            w.key("more")
            w.value(records.count > limit)
            w.key("items")
            w.beginArray()
            for record in records.prefix(limit) { record.write(to: &w) }
            w.endArray()
            w.endObject()
        }
    }

    // MARK: Quotes

    static let quotes = Endpoint(
        method: .get, path: "/api/quotes", operationID: "listQuotes",
        summary: "Quotes, latest first: who said what, where it was read.",
        parameters: [
            Parameter("speaker", .text, "The speaker's name or the words naming them, any case, in part."),
            Parameter("q", .text, "Words or \"a phrase\" in the quoted words."),
            Parameter("since", .day, "First day, inclusive."),
            Parameter("until", .day, "Last day, inclusive."),
            Parameter("doc", .text, "Only the quotes of one document (its id)."),
            limit(default: 50, max: 1000),
        ],
        responseSchema: "QuoteList"
    ) { _, arguments, services in
        var query = QuoteQuery()
        query.speaker = arguments["speaker"]
        query.text = arguments["q"]
        query.since = arguments["since"]
        query.until = arguments["until"]
        query.document = arguments["doc"]
        query.limit = arguments.int("limit") ?? 50
        let records = try await blocking { [query] in try services.store.quotes(query) }
        return .json { w in
            w.beginObject()
            w.key("items")
            w.beginArray()
            for record in records { record.write(to: &w) }
            w.endArray()
            w.endObject()
        }
    }

    static let speakers = Endpoint(
        method: .get, path: "/api/speakers", operationID: "listSpeakers",
        summary: "Who is quoted, most quotes first.",
        parameters: [
            Parameter("q", .text, "Part of the speaker's name, any case."),
            limit(default: 50, max: 1000),
        ],
        responseSchema: "SpeakerList", cached: true
    ) { _, arguments, services in
        let reader = try services.requireReader("the speaker list")
        let limit = arguments.int("limit") ?? 50
        let search = arguments["q"]
        let speakers = try await blocking { try reader.speakers(search: search, limit: limit) }
        return .json { w in
            w.beginObject()
            w.key("items")
            w.beginArray()
            for speaker in speakers {
                w.beginObject()
                w.member("name", speaker.name)
                w.member("quotes", speaker.quotes)
                w.member("documents", speaker.documents)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    // MARK: Actors and places

    static let actors = Endpoint(
        method: .get, path: "/api/actors", operationID: "listActors",
        summary: "The actor codes in the most matching events, as source and as target.",
        parameters: EventFilters.parameters + [limit(default: 20, max: 500)],
        responseSchema: "ActorList", cached: true
    ) { _, arguments, services in
        let query = EventFilters.query(arguments)
        let limit = arguments.int("limit") ?? 20
        let actors = try await blocking { try services.store.topActors(query, limit: limit) }
        return .json { w in
            w.beginObject()
            w.key("items")
            w.beginArray()
            for actor in actors {
                w.beginObject()
                w.member("code", actor.code)
                w.member("name", actor.name)
                w.member("asSource", actor.asSource)
                w.member("asTarget", actor.asTarget)
                w.member("events", actor.total)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    static let pairs = Endpoint(
        method: .get, path: "/api/actors/pairs", operationID: "listActorPairs",
        summary: "Who acts on whom: source → target pairs with their events, cooperation and conflict.",
        description: "Cooperation counts events of QuadClass 1 and 2, conflict those of 3 and 4.",
        parameters: EventFilters.parameters + [limit(default: 100, max: 2000)],
        responseSchema: "PairList", cached: true
    ) { _, arguments, services in
        let reader = try services.requireReader("the actor network")
        let query = EventFilters.query(arguments)
        let limit = arguments.int("limit") ?? 100
        let pairs = try await blocking { try reader.pairs(query, limit: limit) }
        return .json { w in
            w.beginObject()
            w.key("items")
            w.beginArray()
            for pair in pairs {
                w.beginObject()
                w.member("source", pair.source)
                w.member("sourceName", pair.sourceName)
                w.member("target", pair.target)
                w.member("targetName", pair.targetName)
                w.member("events", pair.events)
                w.member("cooperation", pair.cooperation)
                w.member("conflict", pair.conflict)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    static let places = Endpoint(
        method: .get, path: "/api/places", operationID: "listPlaces",
        summary: "The places matching events happened at, with coordinates and counts, most events first.",
        parameters: EventFilters.parameters + [limit(default: 500, max: 5000)],
        responseSchema: "PlaceList", cached: true
    ) { _, arguments, services in
        let reader = try services.requireReader("the place list")
        let query = EventFilters.query(arguments)
        let limit = arguments.int("limit") ?? 500
        let places = try await blocking { try reader.places(query, limit: limit) }
        return .json { w in
            w.beginObject()
            w.key("items")
            w.beginArray()
            for place in places {
                w.beginObject()
                w.member("name", place.name)
                w.member("geonameid", place.geonameid)
                w.member("lat", place.lat)
                w.member("lon", place.lon)
                w.member("country", place.country)
                w.member("admin1", place.admin1)
                w.member("events", place.events)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    // MARK: Aggregates

    static let timeline = Endpoint(
        method: .get, path: "/api/aggregates/timeline", operationID: "timeline",
        summary: "Matching events per day or month, split by QuadClass or CAMEO root.",
        description: "Events without a day are left out.",
        parameters: EventFilters.parameters + [
            Parameter("interval", .choice(Interval.allCases.map(\.rawValue)), "day (default) or month."),
            Parameter("by", .choice(TimelineKey.allCases.map(\.rawValue)), "quad (default) or root."),
        ],
        responseSchema: "Timeline", cached: true
    ) { _, arguments, services in
        let reader = try services.requireReader("the timeline")
        let query = EventFilters.query(arguments)
        let interval = arguments["interval"].flatMap(Interval.init(rawValue:)) ?? .day
        let key = arguments["by"].flatMap(TimelineKey.init(rawValue:)) ?? .quad
        let bins = try await blocking { try reader.timeline(query, interval: interval, by: key) }
        return .json { w in
            w.beginObject()
            w.member("interval", interval.rawValue)
            w.member("by", key.rawValue)
            w.key("bins")
            w.beginArray()
            for bin in bins {
                w.beginObject()
                w.member("period", bin.period)
                w.member("key", bin.key)
                w.member("events", bin.events)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    static let countries = Endpoint(
        method: .get, path: "/api/aggregates/countries", operationID: "countries",
        summary: "Matching events per country where they happened (ISO 3166-1 alpha-2).",
        parameters: EventFilters.parameters,
        responseSchema: "CountryList", cached: true
    ) { _, arguments, services in
        let reader = try services.requireReader("the country counts")
        let query = EventFilters.query(arguments)
        let countries = try await blocking { try reader.countries(query) }
        return .json { w in
            w.beginObject()
            w.key("items")
            w.beginArray()
            for (country, events) in countries {
                w.beginObject()
                w.member("country", country)
                w.member("events", events)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
    }

    // MARK: Analysis

    static let analyze = Endpoint(
        method: .post, path: "/api/analyze", operationID: "analyze",
        summary: "Analyzes the posted page or text and returns its document JSON; nothing is stored.",
        description: "The body is the page itself (HTML or plain text, up to the server's limit).",
        parameters: [
            Parameter(
                "format", .choice(["html", "text"]),
                "What the body is; by default told from Content-Type and the bytes."),
            Parameter(
                "published", .day, "The publication date to assume when the page gives none.", example: "2008-07-01"),
        ],
        requestBody: "The page: HTML or plain text, UTF-8 or declared in the page.",
        responseSchema: "Document"
    ) { request, arguments, services in
        guard let loader = services.analyzer else {
            throw HTTPError(.notImplemented, message: "this server was started without the pipeline")
        }
        let limit = services.options.maxAnalyzeBytes
        var request = request
        let tooLarge = HTTPError(.contentTooLarge, message: "the page is larger than \(limit) bytes")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit { throw tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        let bytes = Array(buffer: body)
        guard !bytes.isEmpty else {
            throw HTTPError(.badRequest, message: "the body is empty: post the page to analyze")
        }
        let content =
            arguments["format"].flatMap(SourceDocument.Content.init(rawValue:))
            ?? Self.sniff(bytes, contentType: request.headers[.contentType])
        let source = SourceDocument(
            uri: "request:/api/analyze", format: content == .html ? .html : .text, content: content, bytes: bytes,
            published: arguments["published"])
        guard loader.enter(limit: services.options.concurrentAnalyses) else {
            throw HTTPError(.serviceUnavailable, message: "the server is analyzing other pages; try again shortly")
        }
        defer { loader.leave() }
        let document = try await blocking {
            do {
                return try loader.analyzer().analyze(source)
            } catch let error as AnalysisError {
                throw HTTPError(.unprocessableContent, message: error.description)
            }
        }
        return Reply(contentType: "application/json; charset=utf-8", bytes: document.jsonBytes(pretty: false))
    }

    /// HTML when the client says so, or when the body starts with a tag.
    static func sniff(_ bytes: [UInt8], contentType: String?) -> SourceDocument.Content {
        if let contentType = contentType?.lowercased() {
            if contentType.hasPrefix("text/html") || contentType.hasPrefix("application/xhtml") { return .html }
            if contentType.hasPrefix("text/plain") { return .text }
        }
        let first = bytes.drop {
            $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF
        }
        return first.first == UInt8(ascii: "<") ? .html : .text
    }
}

extension DocumentSummary {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.member("id", id)
        w.member("url", url)
        w.member("title", title)
        w.member("published", published)
        w.member("site", site)
        w.member("day", day)
        w.member("events", events)
        w.member("quotes", quotes)
        w.endObject()
    }
}
