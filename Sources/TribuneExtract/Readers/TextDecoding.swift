import TribuneCore

/// Turns the bytes of a text input into a `String`, or says clearly why it is not text.
///
/// UTF-8 (with or without a byte-order mark) is read as is; UTF-16 with a byte-order mark, or
/// without one when its zero bytes give it away (as ``HTMLCharset`` tells pages), is
/// converted; anything else that is not valid UTF-8 is read as windows-1252, the usual
/// mislabelled Western page. Line ends become `\n`.
public enum TextDecoding {
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public static func decode(_ bytes: [UInt8]) throws(Failure) -> String {
        if bytes.allSatisfy({ $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }) {
            throw Failure(reason: bytes.isEmpty ? "empty input" : "input holds only white space")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return normalizeLineEnds(decodeUTF16(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE))
        }
        // Before the binary check, which would take UTF-16's zero bytes for a binary file's.
        if let utf16 = HTMLCharset.guessUTF16(bytes), signature(bytes) == nil {
            return normalizeLineEnds(decodeUTF16(bytes[...], bigEndian: utf16 == .utf16BE))
        }
        if let kind = binaryKind(bytes) {
            throw Failure(reason: "binary data (\(kind)), not text")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let text: String
        if let utf8 = String(validating: body, as: UTF8.self) {
            text = utf8
        } else {
            text = decodeWindows1252(body)
        }
        return normalizeLineEnds(text)
    }

    /// Names the kind of binary file `bytes` look like, or `nil` for text.
    public static func binaryKind(_ bytes: [UInt8]) -> String? {
        if let name = signature(bytes) { return name }
        let sample = bytes.prefix(8192)
        var control = 0
        for byte in sample {
            if byte == 0 { return "NUL bytes" }
            if byte < 0x09 || (byte > 0x0D && byte < 0x20) { control += 1 }
        }
        return control * 10 > sample.count ? "control characters" : nil
    }

    /// The kind of file whose signature `bytes` start with, if any.
    static func signature(_ bytes: [UInt8]) -> String? {
        let signatures: [(prefix: [UInt8], name: String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "PNG image"), ([0xFF, 0xD8, 0xFF], "JPEG image"),
            (Array("GIF8".utf8), "GIF image"), (Array("%PDF".utf8), "PDF document"),
            ([0x1F, 0x8B], "gzip data"), ([0x50, 0x4B, 0x03, 0x04], "ZIP archive"),
            ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"), (Array("RIFF".utf8), "RIFF media"),
        ]
        return signatures.first { bytes.starts(with: $0.prefix) }?.name
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i])
            let b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// windows-1252's 0x80–0x9F; the rest of the high half is Latin-1.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    public static func decodeWindows1252(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    private static func normalizeLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if byte == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if byte == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
