import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TribuneCore

/// What a handler answers: a status, a media type and the bytes. Handlers build replies; the
/// endpoint turns them into responses with the headers every answer carries.
struct Reply: Sendable {
    var status: HTTPResponse.Status = .ok
    var contentType: String
    var bytes: [UInt8]

    /// A JSON reply written with Tribune's own writer (no `Codable` round trip for large lists).
    static func json(_ status: HTTPResponse.Status = .ok, _ write: (inout JSONWriter) -> Void) -> Reply {
        var writer = JSONWriter(pretty: false)
        write(&writer)
        return Reply(status: status, contentType: "application/json; charset=utf-8", bytes: writer.bytes)
    }

    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        SecurityHeaders.add(to: &headers)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Headers that keep the dashboard to its own files: no scripts, styles or images from
/// elsewhere, no framing, no content sniffing.
enum SecurityHeaders {
    static func add(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    }
}

/// Runs blocking work (SQLite queries, analysis) on a dispatch queue, so that it never holds
/// one of the few threads Swift's cooperative pool has.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try body() })
        }
    }
}
