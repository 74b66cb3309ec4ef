import TribuneCore

/// The OpenAPI 3 description of the server, written from the endpoint list itself.
enum OpenAPI {
    static let version = "3.0.3"

    /// `/openapi.json`: paths and parameters from `endpoints`, schemas from the shipped
    /// `openapi-components.json`.
    static func document(_ endpoints: [Endpoint], components: JSONValue) -> [UInt8] {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.member("openapi", version)
        w.key("info")
        w.beginObject()
        w.member("title", "Tribune")
        w.member("version", "0.1.0")
        w.member(
            "description",
            "Events, quotes, actors and places read from news, each tied to the characters it came from. "
                + "Read only: no endpoint changes the store. Errors answer {\"error\": {\"message\": …}}.")
        w.endObject()
        w.key("paths")
        w.beginObject()
        var paths: [String] = []
        for endpoint in endpoints where !paths.contains(endpoint.path) { paths.append(endpoint.path) }
        for path in paths {
            w.key(path)
            w.beginObject()
            for endpoint in endpoints where endpoint.path == path { operation(endpoint, to: &w) }
            w.endObject()
        }
        w.endObject()
        w.key("components")
        w.value(components)
        w.endObject()
        return w.bytes + [0x0A]
    }

    private static func operation(_ endpoint: Endpoint, to w: inout JSONWriter) {
        w.key(endpoint.method.rawValue.lowercased())
        w.beginObject()
        w.member("operationId", endpoint.operationID)
        w.member("summary", endpoint.summary)
        if !endpoint.description.isEmpty { w.member("description", endpoint.description) }
        w.key("parameters")
        w.beginArray()
        for parameter in endpoint.pathParameters { write(parameter, in: "path", to: &w) }
        for parameter in endpoint.parameters { write(parameter, in: "query", to: &w) }
        w.endArray()
        if let body = endpoint.requestBody {
            w.key("requestBody")
            w.beginObject()
            w.member("description", body)
            w.key("required")
            w.value(true)
            w.key("content")
            w.beginObject()
            for type in ["text/html", "text/plain"] {
                w.key(type)
                w.beginObject()
                w.key("schema")
                w.beginObject()
                w.member("type", "string")
                w.endObject()
                w.endObject()
            }
            w.endObject()
            w.endObject()
        }
        w.key("responses")
        w.beginObject()
        w.key("200")
        w.beginObject()
        w.member("description", "OK")
        w.key("content")
        w.beginObject()
        w.key(endpoint.responseType)
        w.beginObject()
        w.key("schema")
        w.beginObject()
        w.member("$ref", "#/components/schemas/\(endpoint.responseSchema)")
        w.endObject()
        w.endObject()
        w.endObject()
        w.endObject()
        var errors = ["400", "503"]
        if !endpoint.pathParameters.isEmpty { errors.append("404") }
        if endpoint.requestBody != nil { errors += ["413", "422"] }
        if endpoint.path.hasPrefix("/api/") { errors.append("501") }
        for status in errors.sorted() {
            w.key(status)
            w.beginObject()
            w.member("$ref", "#/components/responses/Error")
            w.endObject()
        }
        w.endObject()
        w.endObject()
    }

    private static func write(_ parameter: Parameter, in location: String, to w: inout JSONWriter) {
        w.beginObject()
        w.member("name", parameter.name)
        w.member("in", location)
        w.key("required")
        w.value(location == "path")
        w.member("description", parameter.summary)
        w.key("schema")
        w.beginObject()
        switch parameter.kind {
        case .text:
            w.member("type", "string")
            w.member("minLength", 1)
        case .integer(let range):
            w.member("type", "integer")
            w.member("minimum", range.lowerBound)
            w.member("maximum", range.upperBound)
        case .day:
            w.member("type", "string")
            w.member("format", "date")
        case .cameo:
            w.member("type", "string")
            w.member("pattern", "^[0-9]{1,4}$")
        case .country:
            w.member("type", "string")
            w.member("pattern", "^[A-Za-z]{2}$")
        case .circle:
            w.member("type", "string")
            w.member("pattern", "^-?[0-9.]+,-?[0-9.]+,[0-9.]+$")
        case .boolean:
            w.member("type", "boolean")
        case .choice(let values):
            w.member("type", "string")
            w.member("enum", values)
        }
        w.endObject()
        if let example = parameter.example { w.member("example", example) }
        w.endObject()
    }
}
