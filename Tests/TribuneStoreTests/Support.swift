import Foundation
import Testing
import TribuneCore
import TribunePostgres
import TribuneStore

/// Paths of the repository's samples.
enum Samples {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ name: String) -> String { repository.appendingPathComponent("samples/\(name)").path }
}

/// The backends the store suite runs on.
enum Backend: String, Sendable {
    case sqlite, postgres

    /// A new, empty store. SQLite stores are temporary files; PostgreSQL tests share the
    /// database `TRIBUNE_TEST_POSTGRES` names, emptied first (those tests run one at a time).
    func makeStore() throws -> any Store {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("tribune-test-\(UUID().uuidString).sqlite").path
            return try SQLiteStore(path: path)
        case .postgres:
            let store = try PostgresBackend.open(url: PostgresTestServer.url ?? "")
            try PostgresBackend.removeEverything(in: store)
            return store
        }
    }
}

extension Backend {
    /// Another handle on the store `store` is, with connections of its own: what a second
    /// process would open.
    func reopen(_ store: any Store) throws -> any Store {
        switch self {
        case .sqlite: try SQLiteStore(path: store.location)
        case .postgres: try PostgresBackend.open(url: PostgresTestServer.url ?? "")
        }
    }

    /// What `tribune … --db` takes for the store `store` is.
    func argument(_ store: any Store) -> String {
        switch self {
        case .sqlite: store.location
        case .postgres: PostgresTestServer.url ?? ""
        }
    }
}

/// The built `tribune` executable, beside the test bundle; `nil` when only the tests were built.
enum TribuneExecutable {
    static let url: URL? = {
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("tribune")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()
}

/// The PostgreSQL server the tests may use: `TRIBUNE_TEST_POSTGRES=postgres://…` (`.ci/run`
/// starts one), and only when Tribune was built with the `Postgres` trait.
enum PostgresTestServer {
    static let url: String? = {
        guard PostgresBackend.isAvailable,
            let url = ProcessInfo.processInfo.environment["TRIBUNE_TEST_POSTGRES"], !url.isEmpty
        else { return nil }
        return url
    }()

    static let skipReason: Comment =
        PostgresBackend.isAvailable
        ? "TRIBUNE_TEST_POSTGRES is not set: set it to a postgres:// URL of a throwaway database (.ci/run does)"
        : "built without the Postgres trait (swift test --traits Postgres)"
}

/// Removes a temporary SQLite store and its WAL files.
func removeStore(_ store: any Store) {
    store.close()
    guard !PostgresBackend.isURL(store.location), store.location.hasSuffix(".sqlite") else { return }
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.location + suffix) }
}

/// Realistic documents with every annotation, built from the words of the sample article and
/// of real reports of the time, for the store's filters to find.
enum Corpus {
    struct EventSpec {
        var source: (name: String, code: String)?
        var target: (name: String, code: String)?
        var cameo: String
        var quad: Int
        var goldstein: Double
        var plover: String?
        var verb: String
        var place: Place?
        var date: String?
        var modality: Event.Modality = .asserted
    }

    static let peshawar = Place(
        entity: "", name: "Peshawar", geonameid: 1_168_197, lat: 34.008, lon: 71.578, country: "PK",
        admin1: "Khyber Pakhtunkhwa", featureClass: "P", confidence: 0.9)
    static let wana = Place(
        entity: "", name: "Wana", geonameid: 1_162_862, lat: 32.300, lon: 69.573, country: "PK",
        admin1: "Khyber Pakhtunkhwa", featureClass: "P", confidence: 0.8)
    static let tashkent = Place(
        entity: "", name: "Tashkent", geonameid: 1_512_569, lat: 41.264, lon: 69.217, country: "UZ",
        admin1: "Tashkent", featureClass: "P", confidence: 0.95)

    /// A document whose sentences each carry one event; a speaker quote is added for `quote`.
    static func document(
        id: String, published: String?, events: [EventSpec],
        quote: (speaker: String, speakerName: String, words: String)? = nil
    ) -> Document {
        var text = ""
        var sentences: [Span] = []
        var entities: [Entity] = []
        var places: [Place] = []
        var coded: [Event] = []
        var quotes: [Quote] = []
        var counts: [Count] = []
        func length() -> Int { text.unicodeScalars.count }
        func entity(_ name: String, code: String?, type: Entity.Kind, at span: Span) -> String {
            if let index = entities.firstIndex(where: { $0.name == name }) {
                entities[index].mentions.append(span)
                return entities[index].id
            }
            let id = "E\(entities.count + 1)"
            let actor = code.map { ActorCode(code: $0, country: String($0.prefix(3)), sector: String($0.dropFirst(3))) }
            entities.append(Entity(id: id, type: type, name: name, mentions: [span], actor: actor))
            return id
        }
        for (i, spec) in events.enumerated() {
            if !text.isEmpty { text += "\n\n" }
            let start = length()
            var sourceID: String?
            if let source = spec.source {
                let s = length()
                text += source.name
                sourceID = entity(source.name, code: source.code, type: .organization, at: Span(s, length()))
                text += " "
            }
            let t = length()
            text += spec.verb
            let trigger = Span(t, length())
            var targetID: String?
            if let target = spec.target {
                text += " "
                let s = length()
                text += target.name
                targetID = entity(target.name, code: target.code, type: .organization, at: Span(s, length()))
            }
            var placeID: String?
            if var place = spec.place {
                text += " near "
                let s = length()
                text += place.name
                placeID = entity(place.name, code: nil, type: .geopolitical, at: Span(s, length()))
                place.entity = placeID!
                if !places.contains(where: { $0.entity == placeID }) { places.append(place) }
            }
            text += "."
            let span = Span(start, length())
            sentences.append(span)
            let eventID = "V\(i + 1)"
            coded.append(
                Event(
                    id: eventID, sentence: i, source: sourceID, target: targetID, sourceCode: spec.source?.code,
                    targetCode: spec.target?.code, cameo: spec.cameo, root: String(spec.cameo.prefix(2)),
                    quad: spec.quad, goldstein: spec.goldstein, plover: spec.plover.map { PloverCoding(type: $0) },
                    trigger: trigger, span: span, date: spec.date, place: placeID, modality: spec.modality,
                    attribution: nil, confidence: 0.8))
            if spec.cameo.hasPrefix("19") {
                counts.append(Count(span: trigger, kind: "killed", value: 150, qualifier: "at least", event: eventID))
            }
        }
        if let quote {
            text += "\n\n"
            let s = length()
            text += quote.speaker
            let speaker = entity(quote.speakerName, code: "PAKGOV", type: .person, at: Span(s, length()))
            text += " said that \u{201C}"
            let q = length()
            text += quote.words
            let quoteSpan = Span(q, length())
            text += "\u{201D}"
            sentences.append(Span(s, length()))
            quotes.append(
                Quote(
                    id: "Q1", kind: .direct, text: quote.words, span: quoteSpan, speaker: speaker,
                    speakerText: quote.speaker, cue: "said", date: published))
        }
        return Document(
            id: id, source: DocumentSource(uri: "https://www.rferl.org/a/\(id)", format: .text),
            title: "Pakistan Blames IMU Militants For Afghan Border Unrest", published: published, site: "RFE/RL",
            language: "en", text: text, paragraphs: sentences, sentences: sentences, entities: entities,
            events: coded, quotes: quotes,
            times: published.map { [TimeExpression(span: Span(0, 0), text: "", type: .date, value: $0)] } ?? [],
            places: places, counts: counts)
    }

    static func source(for document: Document) -> SourceDocument {
        SourceDocument(
            uri: document.source.uri, format: .text, content: .text, bytes: Array(document.text.utf8),
            published: document.published)
    }

    static let pakistan = (name: "Pakistani troops", code: "PAKMIL")
    static let gilani = (name: "Yousaf Raza Gilani", code: "PAKGOV")
    static let imu = (name: "Islamic Movement of Uzbekistan", code: "UZBREB")
    static let karimov = (name: "Islam Karimov", code: "UZBGOV")
    static let taliban = (name: "the Taliban", code: "AFGINS")

    /// Three documents: clashes in South Waziristan in 2008, Gilani's accusation, and an
    /// Uzbek statement years later.
    static func documents() -> [Document] {
        [
            document(
                id: "a1b2c3d4e5f60000000000000000000000000000000000000000000000000001", published: "2008-06-30",
                events: [
                    EventSpec(
                        source: pakistan, target: imu, cameo: "190", quad: 4, goldstein: -10, plover: "ASSAULT",
                        verb: "clashed with", place: wana, date: "2008-06-24"),
                    EventSpec(
                        source: imu, target: pakistan, cameo: "1951", quad: 4, goldstein: -10, plover: "ASSAULT",
                        verb: "attacked", place: peshawar, date: "2008-06-25", modality: .claimed),
                ]),
            document(
                id: "a1b2c3d4e5f60000000000000000000000000000000000000000000000000002", published: "2008-06-30",
                events: [
                    EventSpec(
                        source: gilani, target: imu, cameo: "112", quad: 3, goldstein: -2, plover: "ACCUSE",
                        verb: "blamed", place: nil, date: "2008-06-28", modality: .reported),
                    EventSpec(
                        source: imu, target: gilani, cameo: "1231", quad: 3, goldstein: -4, plover: "REJECT",
                        verb: "denied the accusation of", place: nil, date: nil, modality: .denied),
                ],
                quote: (
                    "Gilani", "Yousaf Raza Gilani",
                    "foreign elements hailing from Central Asian republics are disturbing peace in the tribal areas."
                )),
            document(
                id: "b0000000000000000000000000000000000000000000000000000000000000003", published: "2010-03-02",
                events: [
                    EventSpec(
                        source: karimov, target: pakistan, cameo: "040", quad: 1, goldstein: 1, plover: "CONSULT",
                        verb: "met", place: tashkent, date: nil),
                    EventSpec(
                        source: taliban, target: nil, cameo: "190", quad: 4, goldstein: -10, plover: "ASSAULT",
                        verb: "fought", place: nil, date: "2010-02"),
                ]),
        ]
    }
}
