import Foundation
import Hummingbird
import Logging
import NIOCore
import TribuneCore
import TribuneStore

/// `tribune serve`: the JSON API under `/api`, its description at `/openapi.json`, and the
/// dashboard at `/`, over one store, read only.
public enum TribuneServer {
    /// The application, ready to run (`runService()`) or to test.
    ///
    /// - Parameters:
    ///   - store: the store to serve.
    ///   - reader: the same store opened read-only for the queries the store protocol lacks
    ///     (pages in any order, aggregates, places, documents, speakers); `nil` for PostgreSQL,
    ///     where those endpoints answer 501.
    ///   - analyzer: what `POST /api/analyze` runs; `nil` answers 501.
    ///   - onStart: called with the port once the server listens.
    public static func application(
        store: any Store, reader: SQLiteReader?, options: ServerOptions = ServerOptions(),
        analyzer: AnalyzerLoader?, onStart: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let assets = try Assets.load()
        let services = Services(
            store: store, reader: reader, analyzer: analyzer, options: options, cache: ResponseCache())
        let router = Router()
        for endpoint in endpoints(assets) {
            router.on(RouterPath(endpoint.routerPath), method: endpoint.method) { request, context in
                try await endpoint.respond(to: request, context: context, services: services)
            }
        }
        var logger = Logger(label: "tribune.serve")
        logger.logLevel = .warning
        let idle = TimeAmount.seconds(options.idleTimeout.components.seconds)
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: idle)),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "Tribune"),
            onServerRunning: { channel in onStart(channel.localAddress?.port ?? options.port) },
            logger: logger)
    }

    /// The API's endpoints and the dashboard's: every route the server has.
    static func endpoints(_ assets: Assets) -> [Endpoint] {
        let index = assets.files["index.html"]
        let openAPI = Endpoint(
            method: .get, path: "/openapi.json", operationID: "openAPI",
            summary: "This description of the API (OpenAPI 3).", responseSchema: "OpenAPI"
        ) { _, _, _ in
            Reply(
                contentType: "application/json; charset=utf-8",
                bytes: OpenAPI.document(endpoints(assets), components: assets.openAPIComponents))
        }
        let dashboard = Endpoint(
            method: .get, path: "/", operationID: "dashboard", summary: "The dashboard (HTML).",
            responseSchema: "Text", responseType: "text/html"
        ) { _, _, _ in
            Reply(contentType: index?.contentType ?? "text/html", bytes: index?.bytes ?? [])
        }
        let files = Endpoint(
            method: .get, path: "/static/{file}", operationID: "dashboardFile",
            summary: "The dashboard's scripts, styles and world outline.",
            pathParameters: [
                Parameter(
                    "file", .choice(assets.files.keys.filter { $0 != "index.html" }.sorted()), "The file's name.",
                    example: "app.js")
            ],
            responseSchema: "Text", responseType: "application/octet-stream"
        ) { _, arguments, _ in
            let name = arguments.path["file"] ?? ""
            guard let file = assets.files[name], name != "index.html" else {
                throw HTTPError(.notFound, message: "no dashboard file \"\(name.prefix(80))\"")
            }
            return Reply(contentType: file.contentType, bytes: file.bytes)
        }
        return [dashboard, files, openAPI] + API.endpoints
    }
}
