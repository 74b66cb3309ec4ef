import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Tribune
import TribuneCore
import TribuneServer
import TribuneStore

/// A store made once for the whole suite: the sample article analyzed as `tribune ingest
/// samples/rferl-pakistan-imu.txt --published 2008-07-01` does, the other bundled articles,
/// and synthetic documents from the store benchmark's generator so that every endpoint has
/// events to aggregate whatever the pipeline codes today.
final class ServedStore: Sendable {
    static let shared = Result { try ServedStore() }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let store: SQLiteStore
    let reader: SQLiteReader
    let pipeline: Pipeline
    /// The sample's document, as the pipeline made it.
    let sample: Document
    let syntheticDocuments = 40

    private init() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tribune-server-test-\(UUID().uuidString).sqlite").path
        store = try SQLiteStore(path: path)
        pipeline = try Pipeline()
        var batch = IngestBatch()
        var sample: Document?
        let samples = Self.repository.appendingPathComponent("samples")
        for name in ["rferl-pakistan-imu.txt"]
            + ((try? FileManager.default.contentsOfDirectory(atPath: samples.appendingPathComponent("wikinews").path))?
                .sorted().map { "wikinews/\($0)" } ?? [])
        {
            let url = samples.appendingPathComponent(name)
            var source = SourceDocument(
                uri: url.path, format: .text, content: .text, bytes: Array(try Data(contentsOf: url)))
            if name == "rferl-pakistan-imu.txt" { source.published = "2008-07-01" }
            let document = try pipeline.analyze(source)
            if sample == nil { sample = document }
            batch.documents.append(AnalyzedSource(document: document, source: source))
        }
        var corpus = SyntheticCorpus(seed: 7)
        for index in 0..<syntheticDocuments {
            let document = corpus.document(index)
            let source = SourceDocument(
                uri: document.source.uri, format: .text, content: .text, bytes: Array(document.text.utf8))
            batch.documents.append(AnalyzedSource(document: document, source: source))
        }
        _ = try store.write(batch)
        self.sample = sample!
        reader = try SQLiteReader(path: path)
    }

    func application(_ options: ServerOptions = ServerOptions()) throws -> some ApplicationProtocol {
        let pipeline = self.pipeline
        return try TribuneServer.application(
            store: store, reader: reader, options: options, analyzer: AnalyzerLoader { pipeline })
    }

    static func get() throws -> ServedStore { try shared.get() }
}

/// A parsed JSON answer.
struct JSONResponse {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var json: JSONValue
    var body: String

    subscript(_ key: String) -> JSONValue? { json[key] }
    var items: [JSONValue] { json["items"]?.array ?? [] }
    var message: String { json["error"]?["message"]?.string ?? "" }
}

extension TestClientProtocol {
    func get(_ uri: String) async throws -> JSONResponse {
        try await send(uri, method: .get)
    }

    func send(_ uri: String, method: HTTPRequest.Method, body: String? = nil, headers: HTTPFields = [:])
        async throws -> JSONResponse
    {
        try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            let bytes = Array(response.body.readableBytesView)
            let json = (try? JSONParser.parse(bytes)) ?? .null
            return JSONResponse(
                status: response.status, headers: response.headers, json: json,
                body: String(decoding: bytes, as: UTF8.self))
        }
    }
}

extension [JSONValue] {
    /// The integers of a list of objects' `key`.
    func ints(_ key: String) -> [Int] { compactMap { $0[key]?.int } }
}
