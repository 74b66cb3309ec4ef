import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TribuneCore
import TribuneServer
import TribuneStore

@Suite("tribune serve: the JSON API over a store with the sample ingested")
struct APITests {
    let served: ServedStore

    init() throws { served = try ServedStore.get() }

    @Test("/api/events answers the sample's events, each with its document, and pages through all events")
    func events() async throws {
        let sampleID = served.sample.id
        var query = EventQuery()
        query.document = sampleID
        let stored = try served.store.countEvents(query)
        #expect(stored == served.sample.events.count)
        let total = try served.store.countEvents(EventQuery())
        try await served.application().test(.router) { client in
            let sample = try await client.get("/api/events?doc=\(sampleID)&limit=1000")
            #expect(sample.status == .ok)
            #expect(sample.items.count == stored)
            #expect(sample.items.allSatisfy { $0["document"]?.string == sampleID })
            #expect(Set(sample.items.compactMap { $0["id"]?.string }) == Set(served.sample.events.map(\.id)))

            let first = try await client.get("/api/events?limit=7&total=true")
            #expect(first["total"]?.int == total)
            #expect(first.items.count == 7)
            #expect(first["more"]?.bool == true)
            let second = try await client.get("/api/events?limit=7&offset=7")
            let firstSeqs = Set(first.items.ints("seq"))
            #expect(firstSeqs.isDisjoint(with: second.items.ints("seq")))
            let days = first.items.compactMap { $0["day"]?.string }
            #expect(days == days.sorted(by: >), "newest first by default")
            let oldest = try await client.get("/api/events?limit=7&sort=oldest&since=0001-01-01")
            let oldDays = oldest.items.compactMap { $0["day"]?.string }
            #expect(oldDays == oldDays.sorted())
        }
    }

    @Test("event filters select what tribune events selects")
    func filters() async throws {
        var query = EventQuery()
        query.quad = 4
        query.country = "PK"
        let expected = try served.store.countEvents(query)
        try await served.application().test(.router) { client in
            let page = try await client.get("/api/events?quad=4&country=pk&limit=1000&total=true")
            #expect(page.status == .ok)
            #expect(page["total"]?.int == expected)
            #expect(page.items.count == expected)
            #expect(page.items.allSatisfy { $0["quad"]?.int == 4 && $0["location"]?["country"]?.string == "PK" })
        }
    }

    @Test(
        "bad parameters are answered with 400 and a message naming them, never 500",
        arguments: [
            ("/api/events?limit=abc", "limit"), ("/api/events?limit=0", "limit"), ("/api/events?limit=100000", "limit"),
            ("/api/events?quad=7", "quad"), ("/api/events?since=2008-13-40", "since"),
            ("/api/events?country=PAK", "country"), ("/api/events?code=19x", "code"),
            ("/api/events?near=91,0,5", "near"), ("/api/events?sort=random", "sort"),
            ("/api/events?modality=maybe", "modality"), ("/api/events?colour=red", "colour"),
            ("/api/events?limit=5&limit=6", "limit"), ("/api/events?q=%zz", "q"),
            ("/api/aggregates/timeline?interval=week", "interval"), ("/api/documents?offset=-1", "offset"),
        ])
    func badParameters(uri: String, parameter: String) async throws {
        try await served.application().test(.router) { client in
            let response = try await client.get(uri)
            #expect(response.status == .badRequest, "\(uri): \(response.body)")
            #expect(response.message.contains(parameter), "\(uri): \(response.message)")
        }
    }

    @Test("words that look like SQL are searched for, not run")
    func injection() async throws {
        let before = try served.store.counts()
        try await served.application().test(.router) { client in
            for uri in [
                "/api/events?actor=PAK'%20OR%201=1--", "/api/events?q=%22x%22)%20OR%201=1%20--",
                "/api/documents?q=NEAR(a%20b)%20OR%20*", "/api/quotes?speaker=%25'%3B%20DROP%20TABLE%20quotes%3B--",
                "/api/speakers?q=_%25",
            ] {
                let response = try await client.get(uri)
                #expect(response.status == .ok, "\(uri): \(response.body)")
            }
        }
        #expect(try served.store.counts() == before)
    }

    @Test("no endpoint writes: other methods are refused and the store is unchanged")
    func readOnly() async throws {
        let before = try served.store.counts()
        try await served.application().test(.router) { client in
            for (method, uri) in [
                (HTTPRequest.Method.post, "/api/events"), (.put, "/api/documents/\(served.sample.id)"),
                (.delete, "/api/documents/\(served.sample.id)"), (.patch, "/api/quotes"),
            ] {
                let response = try await client.send(uri, method: method, body: "{}")
                #expect((400..<500).contains(response.status.code), "\(method) \(uri): \(response.status)")
            }
        }
        #expect(try served.store.counts() == before)
    }

    @Test("a document is served whole, by id or prefix; unknown ids are 404")
    func documents() async throws {
        let id = served.sample.id
        try await served.application().test(.router) { client in
            let whole = try await client.get("/api/documents/\(id)")
            #expect(whole.status == .ok)
            let document = try Document(json: whole.json)
            #expect(document.text == served.sample.text)
            #expect(document.events.count == served.sample.events.count)
            #expect(document.entities.count == served.sample.entities.count)
            #expect(document.quotes.count == served.sample.quotes.count)
            let prefix = try await client.get("/api/documents/\(id.prefix(12))")
            #expect(prefix["id"]?.string == id)
            let missing = try await client.get("/api/documents/ffffffffffff")
            #expect(missing.status == .notFound)
            #expect(missing.message.contains("ffffffffffff"))

            let list = try await client.get("/api/documents?limit=200")
            #expect(list["total"]?.int == served.syntheticDocuments + 4)
            let search = try await client.get("/api/documents?q=Waziristan")
            #expect(search.items.contains { $0["id"]?.string == id })
            #expect(search.items.count < list.items.count)
        }
    }

    @Test("the timeline's bins add up to the dated events, by QuadClass or root, per day or month")
    func timeline() async throws {
        var dated = EventQuery()
        dated.since = "0001-01-01"
        let expected = try served.store.countEvents(dated)
        try await served.application().test(.router) { client in
            for uri in [
                "/api/aggregates/timeline", "/api/aggregates/timeline?by=root",
                "/api/aggregates/timeline?interval=month", "/api/aggregates/timeline?interval=month&by=root",
            ] {
                let response = try await client.get(uri)
                #expect(response.status == .ok)
                let bins = response["bins"]?.array ?? []
                #expect(bins.ints("events").reduce(0, +) == expected, "\(uri)")
                let periods = bins.compactMap { $0["period"]?.string }
                #expect(periods == periods.sorted())
            }
            let quads = try await client.get("/api/aggregates/timeline?quad=3")
            #expect(quads["bins"]?.array?.allSatisfy { $0["key"]?.string == "3" } == true)
        }
    }

    @Test("countries, places, actors and pairs count what the event filters count")
    func aggregates() async throws {
        try await served.application().test(.router) { client in
            let countries = try await client.get("/api/aggregates/countries")
            let top = try #require(countries.items.first)
            var query = EventQuery()
            query.country = top["country"]?.string
            #expect(top["events"]?.int == (try served.store.countEvents(query)))

            let places = try await client.get("/api/places?limit=50")
            #expect(!places.items.isEmpty)
            let counts = places.items.ints("events")
            #expect(counts == counts.sorted(by: >))
            for place in places.items {
                let lat = try #require(place["lat"]?.number)
                let lon = try #require(place["lon"]?.number)
                #expect((-90...90).contains(lat) && (-180...180).contains(lon))
            }

            let pairs = try await client.get("/api/actors/pairs?limit=20")
            #expect(!pairs.items.isEmpty)
            for pair in pairs.items {
                #expect(pair["cooperation"]!.int! + pair["conflict"]!.int! == pair["events"]!.int!)
            }
            let actors = try await client.get("/api/actors?limit=5")
            let expected = try served.store.topActors(EventQuery(), limit: 5)
            #expect(actors.items.compactMap { $0["code"]?.string } == expected.map(\.code))
        }
    }

    @Test("quotes and their speakers")
    func quotes() async throws {
        try await served.application().test(.router) { client in
            let sample = try await client.get("/api/quotes?doc=\(served.sample.id)&limit=1000")
            #expect(sample.items.count == served.sample.quotes.count)
            let speakers = try await client.get("/api/speakers")
            #expect(speakers.status == .ok)
            if let first = speakers.items.first, let name = first["name"]?.string {
                let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
                let quoted = try await client.get("/api/quotes?speaker=\(encoded)&limit=1000")
                #expect(quoted.items.count >= first["quotes"]?.int ?? 0)
            }
        }
    }

    @Test("POST /api/analyze returns the document JSON without storing it; oversized and empty bodies are refused")
    func analyze() async throws {
        let before = try served.store.counts()
        let text = try String(
            contentsOf: ServedStore.repository.appendingPathComponent("samples/rferl-pakistan-imu.txt"), encoding: .utf8
        )
        try await served.application().test(.router) { client in
            let response = try await client.send(
                "/api/analyze?published=2008-07-01", method: .post, body: text, headers: [.contentType: "text/plain"])
            #expect(response.status == .ok, "\(response.body.prefix(200))")
            let document = try Document(json: response.json)
            #expect(document.id == served.sample.id)
            #expect(document.events.count == served.sample.events.count)
            #expect(document.quotes.count == served.sample.quotes.count)
            let empty = try await client.send("/api/analyze", method: .post, body: "")
            #expect(empty.status == .badRequest)
        }
        var small = ServerOptions()
        small.maxAnalyzeBytes = 1000
        try await served.application(small).test(.router) { client in
            let response = try await client.send("/api/analyze", method: .post, body: text)
            #expect(response.status == .contentTooLarge)
            #expect(response.message.contains("1000"))
        }
        #expect(try served.store.counts() == before)
    }

    @Test("over-long query strings are refused")
    func queryLimit() async throws {
        var options = ServerOptions()
        options.maxQueryBytes = 64
        try await served.application(options).test(.router) { client in
            let response = try await client.get("/api/events?q=" + String(repeating: "a", count: 100))
            #expect(response.status == .uriTooLong)
        }
    }
}
