import Foundation
import TribuneCore

/// The dashboard's files (HTML, CSS, JavaScript, the world outline), read once at start and
/// served from memory: a handful of small files, and no path from a request ever reaches the
/// file system.
struct Assets: Sendable {
    struct File: Sendable {
        var contentType: String
        var bytes: [UInt8]
    }

    static let names: [String: String] = [
        "index.html": "text/html; charset=utf-8",
        "app.js": "text/javascript; charset=utf-8",
        "style.css": "text/css; charset=utf-8",
        "world.geojson": "application/geo+json",
    ]

    private(set) var files: [String: File] = [:]
    /// The shipped OpenAPI components (schemas and shared responses).
    private(set) var openAPIComponents: JSONValue = .null

    static func load() throws -> Assets {
        var assets = Assets()
        for (name, type) in names {
            let url = try ResourceLocator.url(for: "dashboard/\(name)", module: "TribuneServer", sourceFile: #filePath)
            assets.files[name] = File(contentType: type, bytes: Array(try Data(contentsOf: url)))
        }
        let components = try ResourceLocator.url(
            for: "openapi-components.json", module: "TribuneServer", sourceFile: #filePath)
        assets.openAPIComponents = try JSONParser.parse(Array(try Data(contentsOf: components)))
        return assets
    }
}
