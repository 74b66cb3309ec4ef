import Foundation

/// Finds a page's character encoding and converts it to UTF-8, as a browser would decide it:
/// 1. a byte-order mark (UTF-8, UTF-16 LE or BE) wins;
/// 2. then the encoding the server declared, then `<meta charset>` or
///    `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 4 KB;
/// 3. with no declaration, bytes that are valid UTF-8 are UTF-8, others windows-1252.
///
/// Pages often mislabel themselves: bytes declared as windows-1252 or ISO-8859-1 that are valid
/// UTF-8 with multi-byte characters are read as UTF-8, and bytes declared UTF-8 that are not are
/// repaired (each invalid byte becomes U+FFFD). UTF-16 without a mark is recognised by its zero
/// bytes. Encodings other than these go through Foundation, and fall back to windows-1252.
/// No input makes it fail.
public enum HTMLCharset {
    /// The encoding names of a declaration, lower case, as one of the encodings Tribune reads.
    public enum Encoding: Sendable, Equatable {
        case utf8, utf16LE, utf16BE, windows1252
        /// Another encoding, by its declared name.
        case other(String)
    }

    /// The page's bytes as UTF-8.
    public static func utf8(_ bytes: [UInt8], declared: String? = nil) -> [UInt8] {
        var body = bytes[...]
        let encoding: Encoding
        if let mark = byteOrderMark(bytes) {
            encoding = mark.encoding
            body = bytes.dropFirst(mark.length)
        } else if let declared = declared.flatMap(encoding(named:)) ?? sniffMeta(bytes).flatMap(encoding(named:)) {
            encoding = declared
        } else if let utf16 = guessUTF16(bytes) {
            encoding = utf16
        } else {
            encoding = isValidUTF8(bytes[...]) ? .utf8 : .windows1252
        }
        return convert(body, from: encoding)
    }

    static func byteOrderMark(_ bytes: [UInt8]) -> (encoding: Encoding, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    /// What a declared name means (WHATWG's labels for the encodings read here).
    public static func encoding(named name: String) -> Encoding? {
        func isPadding(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x22 || byte == 0x27 }
        var bytes = Array(name.utf8)
        while let last = bytes.last, isPadding(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !isPadding($0) } ?? bytes.endIndex
        let label = String(decoding: bytes[start...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        switch label {
        case "": return nil
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return .utf8
        case "utf-16", "utf-16le", "unicode", "ucs-2": return .utf16LE
        case "utf-16be": return .utf16BE
        case "windows-1252", "cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii",
            "iso_8859-1", "x-cp1252", "cp819", "ibm819", "iso-ir-100":
            return .windows1252
        default: return .other(label)
        }
    }

    /// The charset a `<meta>` element declares in the first 4 KB.
    static func sniffMeta(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096)
        var i = head.startIndex
        while let open = find(Array("<meta".utf8), in: head, from: i) {
            let close = head[open...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            let tag = head[open..<close]
            if let at = find(Array("charset".utf8), in: tag, from: tag.startIndex) {
                var k = at + 7
                while k < tag.endIndex, tag[k] == 0x20 { k += 1 }
                if k < tag.endIndex, tag[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < tag.endIndex, tag[k] == 0x20 || tag[k] == 0x22 || tag[k] == 0x27 { k += 1 }
                    let start = k
                    while k < tag.endIndex, tag[k] > 0x20, tag[k] != 0x22, tag[k] != 0x27, tag[k] != 0x3B,
                        tag[k] != 0x2F || k == start
                    {
                        k += 1
                    }
                    if k > start { return String(decoding: tag[start..<k], as: UTF8.self) }
                }
            }
            i = close
        }
        return nil
    }

    /// Finds `needle` in `haystack` from `start`, ASCII case aside.
    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.endIndex {
            var k = 0
            while k < needle.count, haystack[i + k] | 0x20 == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }

    /// UTF-16 without a byte-order mark: markup's ASCII leaves every other byte zero.
    static func guessUTF16(_ bytes: [UInt8]) -> Encoding? {
        let sample = bytes.prefix(512)
        guard sample.count >= 8 else { return nil }
        var evenZero = 0
        var oddZero = 0
        for (k, byte) in sample.enumerated() where byte == 0 {
            if k % 2 == 0 { evenZero += 1 } else { oddZero += 1 }
        }
        let half = sample.count / 2
        if oddZero * 10 >= half * 7 && evenZero * 10 < half { return .utf16LE }
        if evenZero * 10 >= half * 7 && oddZero * 10 < half { return .utf16BE }
        return nil
    }

    /// Whether the bytes are valid UTF-8, eight ASCII bytes at a time where it can.
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            guard let base = buffer.baseAddress else { return true }
            var i = 0
            while i < count {
                if i + 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let byte = base[i]
                if byte < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                let minimum: UInt32
                var value: UInt32
                switch byte {
                case 0xC2...0xDF: (length, minimum, value) = (2, 0x80, UInt32(byte & 0x1F))
                case 0xE0...0xEF: (length, minimum, value) = (3, 0x800, UInt32(byte & 0x0F))
                case 0xF0...0xF4: (length, minimum, value) = (4, 0x10000, UInt32(byte & 0x07))
                default: return false
                }
                guard i + length <= count else { return false }
                for k in 1..<length {
                    let next = base[i + k]
                    guard next & 0xC0 == 0x80 else { return false }
                    value = value << 6 | UInt32(next & 0x3F)
                }
                if value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return false }
                i += length
            }
            return true
        }
    }

    /// Whether valid UTF-8 holds any multi-byte character (and so is not plain ASCII).
    private static func hasMultibyte(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.contains { $0 >= 0x80 } }

    static func convert(_ body: ArraySlice<UInt8>, from encoding: Encoding) -> [UInt8] {
        switch encoding {
        case .utf8:
            if isValidUTF8(body) { return Array(body) }
            return Array(String(decoding: body, as: UTF8.self).utf8)
        case .windows1252:
            // Mislabelled UTF-8 is far more common than real windows-1252 that happens to be valid UTF-8.
            if hasMultibyte(body) && isValidUTF8(body) { return Array(body) }
            return Array(TextDecoding.decodeWindows1252(body).utf8)
        case .utf16LE, .utf16BE:
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var i = body.startIndex
            while i + 1 < body.endIndex {
                let (a, b) = (UInt16(body[i]), UInt16(body[i + 1]))
                units.append(encoding == .utf16BE ? a << 8 | b : b << 8 | a)
                i += 2
            }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        case .other(let name):
            if !hasMultibyte(body) { return Array(body) }
            if let foundation = foundationEncoding(name), let text = String(data: Data(body), encoding: foundation) {
                return Array(text.utf8)
            }
            return convert(body, from: isValidUTF8(body) ? .utf8 : .windows1252)
        }
    }

    private static func foundationEncoding(_ label: String) -> String.Encoding? {
        switch label {
        case "windows-1250", "cp1250", "x-cp1250": .windowsCP1250
        case "windows-1251", "cp1251", "x-cp1251": .windowsCP1251
        case "windows-1253", "cp1253": .windowsCP1253
        case "windows-1254", "cp1254", "iso-8859-9", "latin5": .windowsCP1254
        case "iso-8859-2", "latin2", "iso8859-2": .isoLatin2
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j": .shiftJIS
        case "euc-jp", "x-euc-jp": .japaneseEUC
        case "iso-2022-jp": .iso2022JP
        case "macintosh", "mac", "x-mac-roman": .macOSRoman
        default: nil
        }
    }
}
