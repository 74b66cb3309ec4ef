import Testing

@testable import TribuneCore

@Suite("Offsets, digests and dates")
struct TextTests {
    @Test("converts UTF-8 byte offsets to the scalar indexes Python slices with, and back")
    func scalarOffsets() {
        let text = "Antonín Dvořák said \u{201C}no\u{201D} — 😀 ok"
        let offsets = ScalarOffsets(text)
        let scalars = Array(text.unicodeScalars)
        var byte = 0
        for (index, scalar) in scalars.enumerated() {
            #expect(offsets.scalarIndex(ofByte: byte) == index)
            #expect(offsets.byteOffset(ofScalar: index) == byte)
            byte += String(scalar).utf8.count
        }
        #expect(offsets.scalarIndex(ofByte: byte) == scalars.count)
        #expect(offsets.byteOffset(ofScalar: scalars.count) == byte)
        #expect(offsets.scalarCount == scalars.count)
        let said = offsets.span(bytes: Array(text.utf8).firstRange(of: Array("said".utf8))!)
        #expect(text.slice(said) == "said")
        #expect(said == Span(15, 19))
    }

    @Test("is the identity on ASCII text")
    func asciiOffsets() {
        let offsets = ScalarOffsets("Pakistan Blames IMU Militants")
        #expect(offsets.isASCII)
        #expect(offsets.scalarIndex(ofByte: 9) == 9)
    }

    @Test(
        "computes SHA-256 as FIPS 180-4 specifies",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func sha256(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test("hashes a million bytes fed in uneven pieces the same as at once")
    func sha256Streaming() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var hasher = SHA256()
        var start = 0
        for size in [1, 63, 64, 65, 1000, 7] where start < million.count {
            hasher.update(million[start..<min(million.count, start + size)])
            start += size
        }
        hasher.update(million[start...])
        #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("accepts ISO 8601 dates and date-times and nothing else")
    func isoDates() {
        for good in ["2008", "2008-06", "2008-06-30", "2008-02-29T10:00:00Z", "2000-02-29"] {
            #expect(ISODate.isValid(good), "\(good)")
        }
        for bad in ["June 30", "2008-13-01", "2007-02-29", "1900-02-29", "08-06-30", "2008-6-3", "2008-06-30T", ""] {
            #expect(!ISODate.isValid(bad), "\(bad)")
        }
    }
}
