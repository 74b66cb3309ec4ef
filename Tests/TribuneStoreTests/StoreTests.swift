import Testing

@Suite("The store, on SQLite")
struct SQLiteStoreTests {
    let spec = StoreSpecification(backend: .sqlite)

    @Test("gives a stored document back exactly, by id, id prefix or URI") func roundTrip() throws {
        try spec.roundTrip()
    }
    @Test("stores a document once, however often it is written") func idempotent() throws { try spec.idempotentWrite() }
    @Test("records failures, updates them, and clears them when the input is stored") func failures() throws {
        try spec.failures()
    }
    @Test("replaces a document's annotations in one go when it is recoded") func replace() throws { try spec.replace() }
    @Test("filters events by actor, code, QuadClass, PLOVER, modality, days, country, place, distance and words")
    func filters() throws { try spec.eventFilters() }
    @Test("returns events with their document, day, names, place and words") func records() throws {
        try spec.eventRecords()
    }
    @Test("pages through events in storage order") func pages() throws { try spec.storageOrderPages() }
    @Test("finds quotes by speaker and by words") func quotes() throws { try spec.quotes() }
    @Test("ranks actors and source-target pairs") func actors() throws { try spec.actors() }
    @Test("exports GDELT, PLOVER, CSV and JSONL, whole or filtered, page by page") func exports() throws {
        try spec.exports()
    }
    @Test("ingests the real samples once however often they are given, and recodes them") func ingest() throws {
        try spec.ingestSamples()
    }
    @Test("stores the first of two documents with one id in a batch") func duplicates() throws {
        try spec.duplicateInBatch()
    }
    @Test("answers prefix filters, alone and with others, with the events a scan finds, latest first")
    func prefixes() throws { try spec.prefixFiltersMatchAScan() }
    @Test("takes overlapping batches from four writers at once: each document once, none lost")
    func writers() throws { try spec.concurrentWriters() }
    @Test(
        "takes tribune ingest from three processes at once on overlapping inputs: no failure, no duplicate, no loss",
        .enabled(if: TribuneExecutable.url != nil))
    func processes() throws { try spec.concurrentIngestProcesses() }
}

@Suite(
    "The store, on PostgreSQL", .serialized, .enabled(if: PostgresTestServer.url != nil, PostgresTestServer.skipReason))
struct PostgresStoreTests {
    let spec = StoreSpecification(backend: .postgres)

    @Test("gives a stored document back exactly, by id, id prefix or URI") func roundTrip() throws {
        try spec.roundTrip()
    }
    @Test("stores a document once, however often it is written") func idempotent() throws { try spec.idempotentWrite() }
    @Test("records failures, updates them, and clears them when the input is stored") func failures() throws {
        try spec.failures()
    }
    @Test("replaces a document's annotations in one go when it is recoded") func replace() throws { try spec.replace() }
    @Test("filters events by actor, code, QuadClass, PLOVER, modality, days, country, place, distance and words")
    func filters() throws { try spec.eventFilters() }
    @Test("returns events with their document, day, names, place and words") func records() throws {
        try spec.eventRecords()
    }
    @Test("pages through events in storage order") func pages() throws { try spec.storageOrderPages() }
    @Test("finds quotes by speaker and by words") func quotes() throws { try spec.quotes() }
    @Test("ranks actors and source-target pairs") func actors() throws { try spec.actors() }
    @Test("exports GDELT, PLOVER, CSV and JSONL, whole or filtered, page by page") func exports() throws {
        try spec.exports()
    }
    @Test("ingests the real samples once however often they are given, and recodes them") func ingest() throws {
        try spec.ingestSamples()
    }
    @Test("stores the first of two documents with one id in a batch") func duplicates() throws {
        try spec.duplicateInBatch()
    }
    @Test("answers prefix filters, alone and with others, with the events a scan finds, latest first")
    func prefixes() throws { try spec.prefixFiltersMatchAScan() }
    @Test("takes overlapping batches from four writers at once: each document once, none lost")
    func writers() throws { try spec.concurrentWriters() }
    @Test(
        "takes tribune ingest from three processes at once on overlapping inputs: no failure, no duplicate, no loss",
        .enabled(if: TribuneExecutable.url != nil))
    func processes() throws { try spec.concurrentIngestProcesses() }
}
