import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TribuneCore
import TribuneStore

@testable import TribuneServer

#if canImport(Glibc)
    import Glibc
#endif

/// The server under hostile requests: injection attempts in every parameter of every endpoint,
/// malformed query strings, oversized bodies with and without a length, garbage and slow clients
/// on a real socket. Each gets a 4xx (or, for a text parameter, an answer that treats the
/// attempt as words), never a 5xx, and the server keeps serving with the store unchanged.
@Suite("tribune serve under hostile requests")
struct ServerSafetyTests {
    let served: ServedStore

    init() throws { served = try ServedStore.get() }

    static let attacks = [
        "' OR 1=1--", "\"; DROP TABLE events; --", "1; DELETE FROM documents", "<script>alert(1)</script>",
        "../../../../etc/passwd", "${jndi:ldap://127.0.0.1/a}", "NEAR(a b) OR *", "%00", "\u{0}x",
        "-1", "99999999999999999999999", "1e9", "NaN", "0x10", "2008-06-31' OR '1", "34.0,71.5,1e308",
        String(repeating: "A", count: 3000), "\u{202E}gnp.exe", "🙂", "*",
    ]

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    @Test("injection attempts in every parameter of every endpoint: 4xx, or searched for as words; never 5xx")
    func injectionEverywhere() async throws {
        let before = try served.store.counts()
        try await served.application().test(.router) { client in
            var tried = 0
            for endpoint in API.endpoints where endpoint.method == .get {
                for parameter in endpoint.parameters {
                    for attack in Self.attacks {
                        var path = endpoint.path
                        for pathParameter in endpoint.pathParameters {
                            path = path.replacingOccurrences(
                                of: "{\(pathParameter.name)}", with: pathParameter.example ?? "x")
                        }
                        let uri = "\(path)?\(parameter.name)=\(Self.encode(attack))"
                        let response = try await client.get(uri)
                        tried += 1
                        let code = response.status.code
                        #expect(code < 500, "\(uri): \(response.status) \(response.body.prefix(200))")
                        if code == 200 {
                            // Only free text may take anything; every other kind checks its value.
                            guard case .text = parameter.kind else {
                                Issue.record("\(uri): a \(parameter.kind) parameter took \"\(attack.prefix(40))\"")
                                continue
                            }
                            #expect(response.json != .null, "\(uri): a JSON answer")
                        } else {
                            #expect((400..<500).contains(code), "\(uri): \(response.status)")
                        }
                    }
                }
                for pathParameter in endpoint.pathParameters {
                    for attack in Self.attacks {
                        let uri = endpoint.path.replacingOccurrences(
                            of: "{\(pathParameter.name)}", with: Self.encode(attack))
                        let response = try await client.get(uri)
                        tried += 1
                        #expect((400..<500).contains(response.status.code), "\(uri): \(response.status)")
                    }
                }
            }
            #expect(try await client.get("/api/stats").status == .ok, "still serving")
            #expect(tried > 500)
        }
        #expect(try served.store.counts() == before, "the store is unchanged")
    }

    @Test(
        "malformed query strings are answered with 400 and a message",
        arguments: [
            "/api/events?%", "/api/events?limit=%", "/api/events?%zz=1", "/api/events?q=%E0%A4%A",
            "/api/events?q=%FF%FE", "/api/events?=5", "/api/events?==", "/api/events?limit==5", "/api/events?limit=5=5",
            "/api/events?limit=%205", "/api/events?limit=5%00", "/api/events?q=a&q=b", "/api/events?LIMIT=5",
            "/api/events?limit[]=5", "/api/documents?offset=1.5", "/api/events?near=34,71",
            "/api/events?since=2008-02-30", "/api/events?quad=+4x",
        ])
    func malformedQueries(uri: String) async throws {
        try await served.application().test(.router) { client in
            let response = try await client.get(uri)
            #expect(response.status == .badRequest, "\(uri): \(response.status) \(response.body.prefix(200))")
            #expect(!response.message.isEmpty, "\(uri): the answer says what is wrong")
            #expect(try await client.get("/api/events?limit=1").status == .ok)
        }
    }

    @Test("on a real socket: oversized bodies, garbage, huge headers and slow clients get 4xx or are cut off")
    func liveSocket() async throws {
        var options = ServerOptions()
        options.maxAnalyzeBytes = 2000
        options.idleTimeout = .seconds(1)
        let before = try served.store.counts()
        try await served.application(options).test(.live) { client in
            let port = try #require(client.port)
            func exchange(_ request: [UInt8]) -> (status: Int?, closed: Bool) {
                let connection = RawConnection(port: port)
                _ = connection.send(request)
                return connection.response()
            }
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 50_000)
            // A declared length over the limit.
            let declared =
                Array(
                    "POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: \(body.count)\r\n\r\n"
                        .utf8) + body
            #expect(exchange(declared).status == 413)
            // No length: chunks that add up past the limit.
            var chunked = Array(
                "POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .utf8)
            for _ in 0..<10 { chunked += Array("3e8\r\n".utf8) + body.prefix(1000) + Array("\r\n".utf8) }
            chunked += Array("0\r\n\r\n".utf8)
            #expect(exchange(chunked).status == 413)
            // A Content-Length that lies low: the rest is a garbage request on the same connection.
            let lying = Array(
                "POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nzzzz garbage\r\n\r\n".utf8)
            let lied = exchange(lying)
            #expect(lied.status.map { $0 < 500 } ?? lied.closed, "\(lied)")
            // Garbage, a request line without a version, a 100 KB header.
            for request in [
                "HELLO\r\n\r\n", "GET /api/stats\r\n\r\n", "\u{0}\u{1}\u{2}\r\n\r\n",
                "GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 100_000))\r\n\r\n",
                "GET /api/events?limit=1 HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            ] {
                let answer = exchange(Array(request.utf8))
                let ok = answer.status.map { (400..<500).contains($0) } ?? answer.closed
                #expect(ok, "\(request.prefix(40).debugDescription): \(answer)")
            }
            // A slow client that stops halfway through its headers is cut off after the idle
            // timeout, and others are served meanwhile.
            let slow = RawConnection(port: port)
            _ = slow.send(Array("GET /api/stats HTTP/1.1\r\nHost: x\r\n".utf8))
            let meanwhile = exchange(Array("GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
            #expect(meanwhile.status == 200)
            let start = ContinuousClock.now
            let cut = slow.response()
            #expect(cut.closed && cut.status == nil, "\(cut)")
            #expect(ContinuousClock.now - start < .seconds(8), "closed by the server's idle timeout")
            // And the server still answers a well-formed request (on a new connection: the test
            // client's own was idle longer than the timeout).
            let after = exchange(Array("GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
            #expect(after.status == 200)
        }
        #expect(try served.store.counts() == before)
    }
}

/// A raw TCP connection to the loopback server, for requests no HTTP client would send.
final class RawConnection {
    private let descriptor: Int32

    init(port: Int) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // No test waits forever on a server that neither answers nor hangs up.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends all of `bytes`; false when the server hung up first.
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    /// The status code of the first response, if any, and whether the server closed the
    /// connection (rather than the read timing out).
    func response() -> (status: Int?, closed: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var closed = false
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if n == 0 || (n < 0 && errno == ECONNRESET) {
                closed = true
                break
            }
            if n < 0 { break }
            received += buffer[..<n]
            // One response's head is enough.
            if received.count > 12, received.starts(with: Array("HTTP/1.1 ".utf8)) { break }
        }
        guard received.count >= 12, received.starts(with: Array("HTTP/1.".utf8)) else { return (nil, closed) }
        return (Int(String(decoding: received[9..<12], as: UTF8.self)), closed)
    }
}
