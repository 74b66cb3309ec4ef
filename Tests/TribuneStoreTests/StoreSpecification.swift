import Foundation
import Testing
import Tribune
import TribuneCore
import TribuneExtract
import TribuneStore

/// What every store backend must do. The suites below run it on SQLite and on PostgreSQL.
struct StoreSpecification {
    let backend: Backend

    func withStore(_ body: (any Store) throws -> Void) throws {
        let store = try backend.makeStore()
        defer { removeStore(store) }
        try body(store)
    }

    func withCorpus(_ body: (any Store) throws -> Void) throws {
        try withStore { store in
            let documents = Corpus.documents()
            let result = try store.write(
                IngestBatch(documents: documents.map { AnalyzedSource(document: $0, source: Corpus.source(for: $0)) }))
            #expect(result.stored == 3)
            #expect(result.events == 6)
            try body(store)
        }
    }

    /// The events a query finds, as document number and event id (`2V1`); an error is an issue.
    func ids(_ store: any Store, _ configure: (inout EventQuery) -> Void) -> [String] {
        var query = EventQuery()
        configure(&query)
        do {
            return try store.events(query).map { "\($0.document.suffix(1))\($0.event.id)" }
        } catch {
            Issue.record(error)
            return ["error"]
        }
    }

    // MARK: Documents

    func roundTrip() throws {
        try withStore { store in
            let documents = Corpus.documents()
            _ = try store.write(
                IngestBatch(documents: documents.map { AnalyzedSource(document: $0, source: Corpus.source(for: $0)) }))
            for document in documents {
                #expect(try store.document(matching: document.id) == .found(document))
                #expect(try store.document(matching: document.source.uri) == .found(document))
            }
            #expect(try store.document(matching: "b000000") == .found(documents[2]))
            guard case .ambiguous(let ids) = try store.document(matching: "a1b2c3d4") else {
                Issue.record("a shared prefix must be ambiguous")
                return
            }
            #expect(Set(ids) == [documents[0].id, documents[1].id])
            #expect(try store.document(matching: "ffff") == .notFound)
        }
    }

    func idempotentWrite() throws {
        try withStore { store in
            let document = Corpus.documents()[0]
            let batch = IngestBatch(documents: [
                AnalyzedSource(document: document, source: Corpus.source(for: document))
            ])
            #expect(try store.write(batch) == WriteResult(stored: 1, alreadyPresent: 0, events: 2))
            #expect(try store.write(batch) == WriteResult(stored: 0, alreadyPresent: 1, events: 0))
            let counts = try store.counts()
            #expect(counts.documents == 1)
            #expect(counts.events == 2)
            #expect(counts.places == 2)
            #expect(counts.counts == 2, "one killed count for each of the two fights")
            #expect(try store.existingDocumentIDs([document.id, "0000"]) == [document.id])
        }
    }

    func failures() throws {
        try withStore { store in
            let document = Corpus.documents()[0]
            let uri = document.source.uri
            _ = try store.write(IngestBatch(failures: [AnalysisError(uri: uri, reason: "empty page")]))
            _ = try store.write(
                IngestBatch(failures: [AnalysisError(uri: uri, reason: "binary data (PNG image), not text")]))
            let recorded = try store.failures(limit: 10)
            #expect(recorded.map(\.uri) == [uri])
            #expect(recorded.first?.reason == "binary data (PNG image), not text")
            _ = try store.write(
                IngestBatch(documents: [AnalyzedSource(document: document, source: Corpus.source(for: document))]))
            #expect(try store.failures(limit: 10).isEmpty, "storing the input clears its failure")
        }
    }

    func replace() throws {
        try withCorpus { store in
            var document = Corpus.documents()[1]
            document.events.removeLast()
            document.events[0].cameo = "111"
            document.quotes = []
            try store.replace([document])
            #expect(try store.document(matching: document.id) == .found(document))
            let counts = try store.counts()
            #expect(counts.documents == 3)
            #expect(counts.events == 5)
            #expect(counts.quotes == 0)
            #expect(ids(store) { $0.code = "111" } == ["2V1"])
            #expect(ids(store) { $0.code = "112" }.isEmpty)
        }
    }

    // MARK: Events

    func eventFilters() throws {
        try withCorpus { store in
            #expect(ids(store) { _ in } == ["3V1", "3V2", "2V2", "2V1", "1V2", "1V1"], "latest day first")
            #expect(ids(store) { $0.actor = "PAK" } == ["3V1", "2V2", "2V1", "1V2", "1V1"])
            #expect(ids(store) { $0.actor = "pak*" } == ["3V1", "2V2", "2V1", "1V2", "1V1"])
            #expect(ids(store) { $0.source = "PAKGOV" } == ["2V1"])
            #expect(ids(store) { $0.target = "UZB" } == ["2V1", "1V1"])
            #expect(ids(store) { $0.code = "19" } == ["3V2", "1V2", "1V1"])
            #expect(ids(store) { $0.code = "190" } == ["3V2", "1V1"])
            #expect(ids(store) { $0.code = "195" } == ["1V2"])
            #expect(ids(store) { $0.quad = 3 } == ["2V2", "2V1"])
            #expect(ids(store) { $0.plover = "assault" } == ["3V2", "1V2", "1V1"])
            #expect(ids(store) { $0.modality = .denied } == ["2V2"])
            #expect(ids(store) { ($0.since, $0.until) = ("2008-06-25", "2008-06-30") } == ["2V2", "2V1", "1V2"])
            #expect(
                ids(store) { $0.since = "2010-01-01" } == ["3V1", "3V2"], "a month-only date files under its first day")
            #expect(ids(store) { $0.country = "pk" } == ["1V2", "1V1"])
            #expect(ids(store) { $0.country = "UZ" } == ["3V1"])
            #expect(ids(store) { $0.place = "khyber pakhtunkhwa" } == ["1V2", "1V1"])
            #expect(ids(store) { $0.place = "Wana" } == ["1V1"])
            #expect(ids(store) { $0.near = GeoCircle(lat: 34.0, lon: 71.5, km: 50) } == ["1V2"])
            #expect(ids(store) { $0.near = GeoCircle(lat: 34.0, lon: 71.5, km: 300) } == ["1V2", "1V1"])
            #expect(ids(store) { $0.text = "Tashkent" } == ["3V1", "3V2"])
            #expect(ids(store) { $0.text = "\"Islamic Movement\" -Peshawar" } == ["2V2", "2V1"])
            #expect(ids(store) { $0.text = "clashed OR Karimov" } == ["3V1", "3V2", "1V2", "1V1"])
            #expect(ids(store) { $0.text = "RFE/RL's" }.isEmpty, "punctuation in a search never breaks it")
            #expect(ids(store) { $0.document = Corpus.documents()[1].id } == ["2V2", "2V1"])
            #expect(ids(store) { ($0.actor, $0.code, $0.since) = ("UZB", "19", "2008-01-01") } == ["1V2", "1V1"])
            #expect(ids(store) { $0.limit = 2 } == ["3V1", "3V2"])
            var pakistan = EventQuery()
            pakistan.actor = "PAK"
            let matching = try store.countEvents(pakistan)
            #expect(matching == 5)
        }
    }

    func eventRecords() throws {
        try withCorpus { store in
            var query = EventQuery()
            query.source = "PAKMIL"
            let record = try #require(try store.events(query).first)
            let document = Corpus.documents()[0]
            #expect(record.event == document.events[0])
            #expect(record.document == document.id)
            #expect(record.url == document.source.uri)
            #expect(record.day == "2008-06-24")
            #expect(record.sourceName == "Pakistani troops")
            #expect(record.targetName == "Islamic Movement of Uzbekistan")
            #expect(record.place?.name == "Wana")
            #expect(record.place?.country == "PK")
            #expect(record.text == "Pakistani troops clashed with Islamic Movement of Uzbekistan near Wana.")
        }
    }

    func storageOrderPages() throws {
        try withCorpus { store in
            var query = EventQuery()
            query.order = .storage
            query.limit = 4
            let first = try store.events(query)
            query.after = first.last?.seq
            let second = try store.events(query)
            #expect(first.count == 4)
            #expect(second.count == 2)
            #expect(Set((first + second).map(\.seq)).count == 6)
            #expect(first.map(\.seq) == first.map(\.seq).sorted())
        }
    }

    // MARK: Quotes and actors

    func quotes() throws {
        try withCorpus { store in
            var query = QuoteQuery()
            query.speaker = "GILANI"
            let found = try store.quotes(query)
            #expect(found.count == 1)
            #expect(found.first?.speakerName == "Yousaf Raza Gilani")
            #expect(found.first?.quote == Corpus.documents()[1].quotes[0])
            query = QuoteQuery()
            query.text = "tribal area"
            #expect(try store.quotes(query).count == 1, "words match in their stemmed forms")
            query.text = "Karimov"
            #expect(try store.quotes(query).isEmpty)
        }
    }

    func actors() throws {
        try withCorpus { store in
            let top = try store.topActors(EventQuery(), limit: 3)
            #expect(top.map(\.code) == ["UZBREB", "PAKMIL", "PAKGOV"])
            #expect(top[0].name == "Islamic Movement of Uzbekistan")
            #expect((top[0].asSource, top[0].asTarget) == (2, 2))
            #expect((top[1].asSource, top[1].asTarget) == (1, 2))
            var fights = EventQuery()
            fights.code = "19"
            let pairs = try store.topPairs(fights, limit: 10)
            #expect(pairs.map { "\($0.source)>\($0.target)" } == ["PAKMIL>UZBREB", "UZBREB>PAKMIL"])
            #expect(pairs.allSatisfy { $0.topRoot == "19" && $0.events == 1 })
        }
    }

    // MARK: Exports

    func exports() throws {
        try withCorpus { store in
            var exporter = Exporter(store: store, countries: try CountryCodes.shipped())
            exporter.pageSize = 2
            func lines(_ format: Exporter.Format, _ query: EventQuery = EventQuery()) throws -> [String] {
                var bytes: [UInt8] = []
                try exporter.export(format, matching: query) { bytes += $0 }
                let text = String(decoding: bytes, as: UTF8.self)
                return text.split(separator: format == .csv ? "\r\n" : "\n").map(String.init)
            }
            let gdelt = try lines(.gdelt)
            #expect(gdelt.count == 6)
            #expect(gdelt.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 61 })
            #expect(gdelt.contains { $0.contains("\t1951\t195\t19\t4\t") })
            let plover = try lines(.plover).map { try JSONParser.parse($0) }
            #expect(plover.count == 6)
            #expect(plover.compactMap { $0["event_loc"]?["country_code"]?.string }.sorted() == ["PAK", "PAK", "UZB"])
            let csv = try lines(.csv)
            #expect(csv.count == 7)
            #expect(csv[0].hasPrefix("document,url,"))
            let documents = try lines(.jsonl).map { try Document(jsonBytes: Array($0.utf8)) }
            #expect(documents.sorted { $0.id < $1.id } == Corpus.documents())
            var accusations = EventQuery()
            accusations.code = "112"
            #expect(
                try lines(.jsonl, accusations).map { try Document(jsonBytes: Array($0.utf8)).id } == [
                    Corpus.documents()[1].id
                ])
            #expect(try lines(.gdelt, accusations).count == 1)
        }
    }

    // MARK: Ingest

    /// The real sample pages through the real pipeline, twice, with two inputs that fail.
    func ingestSamples() throws {
        try withStore { store in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "tribune-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let image = directory.appendingPathComponent("photo.txt")
            try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: image)
            let inputs = [
                Samples.path("rferl-pakistan-imu.txt"), Samples.path("wikinews"), Samples.path("wikinews.jsonl"),
                image.path, "/no/such/page.txt", Samples.path("rferl-pakistan-imu.txt"),
            ]
            let pipeline = try Pipeline()
            var options = IngestOptions()
            options.batchSize = 3
            let ingester = Ingester(store: store, analyzer: pipeline, options: options)
            func ingest() throws -> IngestSummary {
                try ingester.ingest { emit in
                    try InputReader(paths: inputs).read { item in
                        switch item {
                        case .source(let source): try emit(.source(source))
                        case .failure(let error): try emit(.failure(error))
                        }
                    }
                }
            }
            let first = try ingest()
            #expect(first.stored == 8)
            #expect(first.skipped == 1, "the sample named twice is analyzed once")
            #expect(first.failed == 2)
            #expect(first.failures.contains { $0.uri == "/no/such/page.txt" })
            let counts = try store.counts()
            #expect(counts.documents == 8)
            #expect(counts.failures == 2)

            let second = try ingest()
            #expect(second.stored == 0)
            #expect(second.skipped == 9)
            #expect(try store.counts() == counts)

            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Samples.path("rferl-pakistan-imu.txt"))))
            let uri = URL(fileURLWithPath: Samples.path("rferl-pakistan-imu.txt")).standardizedFileURL.absoluteString
            let analyzed = try pipeline.analyze(SourceDocument(uri: uri, format: .text, content: .text, bytes: bytes))
            #expect(try store.document(matching: analyzed.id) == .found(analyzed), "stored as analyze made it")

            let recoded = try ingester.recode()
            #expect(recoded.stored == 8)
            #expect(try store.counts() == counts)
            #expect(try store.document(matching: analyzed.id) == .found(analyzed))
        }
    }

    /// Two documents with one id in a batch: the first is stored, the second counted as present.
    func duplicateInBatch() throws {
        try withStore { store in
            var documents = Corpus.documents()
            documents[1].source.uri = documents[0].source.uri
            documents[1].id = documents[0].id  // a second document under an id already in the batch
            let batch = IngestBatch(
                documents: documents.map { AnalyzedSource(document: $0, source: Corpus.source(for: $0)) })
            let result = try store.write(batch)
            #expect(result.stored == 2)
            #expect(result.alreadyPresent == 1)
        }
    }
}
