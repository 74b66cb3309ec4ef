import Hummingbird

/// One route of the API, with everything `/openapi.json` says about it: the router and the
/// description are built from the same list, so every route is documented and every
/// documented route exists.
struct Endpoint: Sendable {
    typealias Handler = @Sendable (Request, Arguments, Services) async throws -> Reply

    var method: HTTPRequest.Method
    /// In OpenAPI's form: `/api/documents/{id}`.
    var path: String
    var operationID: String
    var summary: String
    var description: String = ""
    var parameters: [Parameter] = []
    /// Path parameters, in order, with their descriptions and examples.
    var pathParameters: [Parameter] = []
    /// For POST: what the body is.
    var requestBody: String?
    /// What the 200 answer holds, as a JSON schema reference name in `components/schemas`.
    var responseSchema: String
    var responseType = "application/json"
    /// Whether the answer may be reused while the store is unchanged (aggregates).
    var cached = false
    var handler: Handler

    /// The path in Hummingbird's form: `/api/documents/:id`.
    var routerPath: String {
        var path = self.path
        for parameter in pathParameters {
            path = path.replacingOccurrences(of: "{\(parameter.name)}", with: ":\(parameter.name)")
        }
        return path
    }

    func respond(to request: Request, context: some RequestContext, services: Services) async throws -> Response {
        let query = request.uri.query
        if let query, query.utf8.count > services.options.maxQueryBytes {
            throw HTTPError(
                .uriTooLong, message: "the query is longer than \(services.options.maxQueryBytes) bytes")
        }
        var pathValues: [String: String] = [:]
        for parameter in pathParameters {
            guard let value = context.parameters.get(parameter.name) else {
                throw HTTPError(.badRequest, message: "\(parameter.name) is missing")
            }
            pathValues[parameter.name] = try parameter.check(value.removingPercentEncoding ?? value)
        }
        let arguments = try Arguments(query: query, accepted: parameters, path: pathValues)
        let handler = self.handler
        if cached, let reader = services.reader {
            let key = path + "?" + (query ?? "")
            let version = try await blocking { try reader.version() }
            if let reply = services.cache.reply(for: key, version: version) { return reply.response() }
            let reply = try await withDeadline(services.options.requestTimeout) {
                try await handler(request, arguments, services)
            }
            if reply.status == .ok { services.cache.store(reply, for: key, version: version) }
            return reply.response()
        }
        return try await withDeadline(services.options.requestTimeout) {
            try await handler(request, arguments, services)
        }.response()
    }
}
