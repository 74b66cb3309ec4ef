import Foundation
import Testing

@testable import TribuneCore

/// Gzip and DEFLATE decoding: every block type, multi-member files, checksums, and bad data that
/// must throw rather than crash.
@Suite("Gzip")
struct GzipTests {
    /// Made by Python's zlib (`wbits=31`): level 0 (a stored block), `Z_FIXED` (fixed Huffman),
    /// the default on ``lines`` (dynamic Huffman), and two members one after the other.
    static let stored =
        "H4sIAAAAAAAEAwE3AMj/UGFraXN0YW4gQmxhbWVzIElNVSBNaWxpdGFudHMgRm9yIEFmZ2hhbiBCb3JkZXIgVW5yZXN0ChRiqpg3AAAA"
    static let fixed =
        "H4sIAAAAAAAEAwtIzM4sLknMU3DKScxNLVbw9A1V8M3MyQQKlRQruOUXKTimpWeA5POLUlKLFELzilKLS7gAFGKqmDcAAAA="
    static let multi = "H4sIAAAAAAAAA0vLLCouUchNzU1KLeICAKf0hQoNAAAAH4sIAAAAAAAAAytOTc7PS1HITc1NSi3iAgA2GEsODgAAAA=="
    static let dynamic =
        "H4sIAAAAAAAAA5WaS24UQRAF95yij9CV/ec4ICMMtvnZguMjFkgTuYjM2ZeQiBdTno6ep8eXh2l+P71+fph+vD1+/Dp9+Pnt98v06duf6cvb"
        + "8/df0zy9Pj4//Hr39O/ksJPH7cmwk+P25GInz9uTq52M25ObnbxuT+52crk9eej/CJhOO7renrz0HwWnoTNtOKo7DaAautSOozoVRdGtYMrQ"
        + "sYhA14IrQ+ciAZ0LtgzdC7qEzkVfQveCMOEfLOAK3QvGhO5FY0IHgzGhg5GBDsa7RQcjAh0Mxiw6GAgsuheMWXQvGLPoXDRm0b1gzOKfL97F"
        + "uheMWfw+JC8dDMYsOhgYrDoYjFn9QsRRHYx/j3QwEFh1Lxiz6l4wZtW5aMyqe8GY1T9fxKV7wZjNb0T+AdfBYMymg4HBpoPBmM0vRBzVwWDM"
        + "poORgO4FYzbdC8Zs/oUDtHbdC8bs/vkCrl33gjG734jgtetgMGbXwchAB4Mxu1+IOKqDwZhdBwOBQ/eCMYfuxa+9/oUDtA7dC8Yc/vkCrkP3"
        + "gjGH34jkpYPBmEMHIwMdDMacfiHiqA4GY04dDARO3QvGnLoXjDn9CweflHQvGHP654u4dC8Yc/qNCF6XDgZjLh0MDC4dDMZcfiHiqA4GYy4d"
        + "jAR0Lxhz6V4w5vIvHKSle8GYMfsHLD1e62J8vp79UuTj5ayj8Ql71tX4iD3rbHzGnv1e5Fkdjk/Zsy6XOOhyfM722LHwrH/5IDTPHdTHe0fS"
        + "x4tHyjN+QxKbRw/q49UjkdDpqI93D4Lw8EF9PHykTqXLUR8vH9SnSB+E5u2D+nj8SPp4/qA+Rf9I2HS61PfuKMHeQKiPRxCC8ApCfbyCkINn"
        + "EOrjGYT6FB0kQeuX4eElJOnjLYT6FDGE2DyHUB/vIakP3xGIvYgkEHckYk8iicMdkdibCPUpogiheRWhPp5Fkj4eRqhPUUaIzdsI9fE4kkj0"
        + "a/HwPJJA9Hvx8D5CDh5IqI8HEupTFBJC80RCfbyRJH28klCfIpMkbP1wPLyUkISnEurjrYQgPJakF1T9ejy8llAfryXUp8glCVq/IA8PJkkf"
        + "TybUp2gm6cVevyIPzyYk4d2E+ng4IQgvJ9THy0ni0G/Jw9MJ9SnaCaF5PKE+Xk+SPt5PqE8RUIjNEwr18YaSSPSj8vCKkkD0s/LwjML3vZ5R"
        + "Lp7tl+UoKgpfD3tF4TtyryjpJblnFL4lLzJKwtbvy+EdJZHoF+bwjkIQ3lFOnu1H5vCMQn28olCfoqKkX1j0Q3N4RUn6eEahPkVGITbvKNTH"
        + "OwpJeEehPt5RCMI7CvXxjJI49JNzeEWhPkVFSdD61Tm8ouSf6PSrcxQZhdi8o1Af7ygk4R2F+nhHSSD61Tk8oyQO/eocXlGoT1FRCM0rCvXx"
        + "ipL08YySfuJ1R3UO7yjUxztKItGvzuEdhSC8o1Afzyjpt2796hxeUahPUVEIzSsK9fGKkvTxjEJ9ioySsPWrc3hHIQnvKNTHOwpBeEehPp5R"
        + "yMEzCvXxikJ9ioqSoPWrc3hFSfp4RqE+RUYhNu8o1Mc7SvqNab86h3eUBKJfncMzSuLQr87hFYX6FBWF0LyiUB+vKEkfzyjUp8goxOYdhfp4"
        + "R0kk7vmN8h0/UvaOQn08o5CDZxTq4xWF+hQVhdC8olAfryhJH88o1KfIKAlbvzqHd5T/JP4CuQygwGczAAA="

    static func bytes(_ base64: String) -> [UInt8] { Array(Data(base64Encoded: base64)!) }

    /// What the dynamic vector holds: 300 numbered lines.
    static let lines = (0..<300).map { "line \($0): the quick brown fox jumps \($0 * 7 % 13) times\n" }.joined()

    @Test("decodes stored, fixed-Huffman and dynamic-Huffman blocks")
    func blockTypes() throws {
        let headline = Array("Pakistan Blames IMU Militants For Afghan Border Unrest\n".utf8)
        #expect(try Gzip.decompress(Self.bytes(Self.stored)) == headline)
        #expect(try Gzip.decompress(Self.bytes(Self.fixed)) == headline)
        #expect(try Gzip.decompress(Self.bytes(Self.dynamic)) == Array(Self.lines.utf8))
    }

    @Test("joins the members of a multi-member file, and walks them one by one")
    func members() throws {
        let data = Self.bytes(Self.multi)
        #expect(try Gzip.decompress(data) == Array("first member\nsecond member\n".utf8))
        var first: [UInt8] = []
        let next = try Gzip.decompressMember(data, at: 0, into: &first)
        #expect(first == Array("first member\n".utf8))
        var second: [UInt8] = []
        #expect(try Gzip.decompressMember(data, at: next, into: &second) == data.count)
        #expect(second == Array("second member\n".utf8))
    }

    @Test("ignores zero padding after the last member, but not other trailing bytes")
    func trailing() throws {
        let data = Self.bytes(Self.fixed)
        #expect(try Gzip.decompress(data + [0, 0, 0, 0]).count == 55)
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(data + Array("junk".utf8)) }
    }

    @Test("throws .truncated for every prefix of a file")
    func truncated() {
        let data = Self.bytes(Self.dynamic)
        for length in 0..<data.count {
            #expect {
                try Gzip.decompress(Array(data.prefix(length)))
            } throws: { error in
                (error as? Gzip.Failure)?.kind == .truncated
            }
        }
    }

    @Test("throws, and never crashes, on every single corrupted byte of the body or trailer")
    func corrupted() {
        let data = Self.bytes(Self.dynamic)
        // The first ten bytes hold the modification time and OS, which may change freely.
        for index in 10..<data.count {
            var damaged = data
            damaged[index] ^= 0x5A
            #expect(throws: Gzip.Failure.self) { try Gzip.decompress(damaged) }
        }
    }

    @Test("throws .checksum when the CRC-32 does not match, and names the problem")
    func checksum() {
        var data = Self.bytes(Self.fixed)
        data[data.count - 8] ^= 1
        #expect {
            try Gzip.decompress(data)
        } throws: { error in
            let failure = error as? Gzip.Failure
            return failure?.kind == .checksum && failure!.description.contains("CRC-32")
        }
    }

    @Test("stops at the output limit with .tooLarge")
    func limit() throws {
        let data = Self.bytes(Self.dynamic)
        #expect(try Gzip.decompress(data, limit: Self.lines.utf8.count).count == Self.lines.utf8.count)
        #expect {
            try Gzip.decompress(data, limit: 1_000)
        } throws: { error in
            (error as? Gzip.Failure)?.kind == .tooLarge
        }
    }

    @Test("rejects data that is not gzip")
    func notGzip() {
        #expect(!Gzip.isGzip(Array("<html>".utf8)))
        #expect(Gzip.isGzip(Self.bytes(Self.fixed)))
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array("<html><body>hello</body></html>".utf8)) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress([]) }
    }

    @Test("computes the standard CRC-32 check value")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([]) == 0)
    }

    @Test("decodes the WCXB pages", .enabled(if: wcxbFolder != nil, "needs ../shared/data"))
    func wcxbPages() throws {
        let folder = wcxbFolder!
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().prefix(25)
        for name in names {
            let html = try Gzip.decompress(Array(try Data(contentsOf: folder.appendingPathComponent(name))))
            let head = String(decoding: html.prefix(512), as: UTF8.self).lowercased()
            #expect(head.contains("<html") || head.contains("<!doctype"), "\(name)")
        }
    }
}

/// WCXB's gzipped pages in `../shared/data`, or `nil` when this checkout has none.
private let wcxbFolder: URL? = {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = repository.deletingLastPathComponent().appendingPathComponent("shared/data/dev/extraction/wcxb-dev/html")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()
