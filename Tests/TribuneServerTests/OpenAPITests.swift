import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TribuneCore
import TribuneServer

@Suite("/openapi.json describes the server as it is")
struct OpenAPITests {
    let served: ServedStore

    init() throws { served = try ServedStore.get() }

    func description() async throws -> JSONValue {
        try await served.application().test(.router) { client in
            let response = try await client.get("/openapi.json")
            #expect(response.status == .ok)
            return response.json
        }
    }

    @Test("it is an OpenAPI 3 document whose references all resolve and whose operations are unique")
    func valid() async throws {
        let spec = try await description()
        #expect(spec["openapi"]?.string?.hasPrefix("3.") == true)
        #expect(spec["info"]?["title"]?.string != nil)
        #expect(spec["info"]?["version"]?.string != nil)
        let paths = try #require(spec["paths"]?.object)
        var operationIDs: [String] = []
        for member in paths.members {
            #expect(member.key.hasPrefix("/"))
            for operation in member.value.object?.members ?? [] {
                #expect(["get", "post"].contains(operation.key))
                let id = try #require(operation.value["operationId"]?.string)
                operationIDs.append(id)
                #expect(operation.value["responses"]?["200"]?["description"]?.string != nil)
                // Every {name} in the path is a required path parameter, and nothing else is.
                let declared = (operation.value["parameters"]?.array ?? []).filter { $0["in"]?.string == "path" }
                let named = member.key.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                    String($0.dropFirst().dropLast())
                }
                #expect(Set(declared.compactMap { $0["name"]?.string }) == Set(named), "\(member.key)")
                #expect(declared.allSatisfy { $0["required"]?.bool == true })
                for parameter in operation.value["parameters"]?.array ?? [] {
                    #expect(["path", "query"].contains(parameter["in"]?.string ?? ""))
                    #expect(parameter["schema"]?["type"]?.string != nil)
                }
            }
        }
        #expect(Set(operationIDs).count == operationIDs.count)
        var references: [String] = []
        func collect(_ value: JSONValue) {
            if let object = value.object {
                for member in object.members {
                    if member.key == "$ref", let ref = member.value.string {
                        references.append(ref)
                    } else {
                        collect(member.value)
                    }
                }
            } else if let array = value.array {
                array.forEach(collect)
            }
        }
        collect(spec)
        #expect(!references.isEmpty)
        for reference in references {
            var node: JSONValue? = spec
            for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
            #expect(node != nil && node != .null, "\(reference) does not resolve")
        }
    }

    @Test("each documented operation answers with its documented example values")
    func everyPathAnswers() async throws {
        let spec = try await description()
        let paths = try #require(spec["paths"]?.object)
        #expect(paths.keys.contains("/api/events"))
        #expect(paths.keys.contains("/api/aggregates/timeline"))
        let sampleID = served.sample.id
        try await served.application().test(.router) { client in
            for member in paths.members {
                for operation in member.value.object?.members ?? [] {
                    var uri = member.key
                    var query: [String] = []
                    for parameter in operation.value["parameters"]?.array ?? [] {
                        let name = parameter["name"]?.string ?? ""
                        let example = parameter["example"]?.string
                        if parameter["in"]?.string == "path" {
                            uri = uri.replacingOccurrences(of: "{\(name)}", with: example ?? sampleID)
                        } else if let example {
                            query.append("\(name)=\(example)")
                        }
                    }
                    if !query.isEmpty { uri += "?" + query.joined(separator: "&") }
                    let method: HTTPRequest.Method = operation.key == "post" ? .post : .get
                    let body = method == .post ? "Officials said militants attacked a checkpoint on Monday." : nil
                    let response = try await client.send(uri, method: method, body: body)
                    #expect(
                        response.status == .ok, "\(operation.key.uppercased()) \(uri): \(response.body.prefix(200))")
                    let declared = operation.value["responses"]?["200"]?["content"]?.object?.keys.first ?? ""
                    let answered = response.headers[.contentType] ?? ""
                    if declared == "application/json" { #expect(answered.hasPrefix("application/json"), "\(uri)") }
                }
            }
            // And a path it does not document does not exist.
            let unknown = try await client.get("/api/everything")
            #expect(unknown.status == .notFound)
        }
    }

    @Test("/ serves the dashboard, whose scripts and world outline come from this server")
    func dashboard() async throws {
        try await served.application().test(.router) { client in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.body.contains("/static/app.js"))
            #expect(!page.body.contains("http://") && !page.body.contains("https://"), "no CDN")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            let world = try await client.get("/static/world.geojson")
            #expect(world.json["features"]?.array?.count ?? 0 > 100)
            let missing = try await client.get("/static/..%2FPackage.swift")
            #expect(missing.status == .badRequest || missing.status == .notFound)
        }
    }
}
