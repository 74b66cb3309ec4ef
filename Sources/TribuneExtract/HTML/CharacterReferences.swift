/// Decodes the text of a page as HTML5 does: character references (`&amp;`, `&#8217;`,
/// `&#x2019;`, `&notin;`, legacy `&copy` without its semicolon), carriage returns folded into line
/// feeds, NUL bytes dropped.
///
/// The named references are the full WHATWG table (``NamedCharacterReferences``), looked up by a
/// hash of the name; the table is built once and shared.
struct CharacterReferences: Sendable {
    static let shared = CharacterReferences()

    struct Replacement: Sendable {
        var first: UInt32
        /// A second code point (a few references stand for two), or 0.
        var second: UInt32
    }

    /// Names, with their `;` when they have one, by case-sensitive FNV-1a hash.
    private let named: WordIndex<Replacement>
    /// The longest name without its semicolon that a legacy reference can have (`frac34`).
    private let longestLegacyName: Int

    init() {
        var named = WordIndex<Replacement>(minimumCapacity: 2300)
        var longestLegacy = 0
        let fields = NamedCharacterReferences.table.split(whereSeparator: { $0 == " " || $0 == "\n" })
        var i = 0
        while i + 1 < fields.count {
            let name = fields[i]
            let points = fields[i + 1].split(separator: "+").compactMap { UInt32($0, radix: 16) }
            named[Self.hash(name.utf8)] = Replacement(
                first: points.first ?? 0xFFFD, second: points.count > 1 ? points[1] : 0)
            if name.last != ";" { longestLegacy = max(longestLegacy, name.utf8.count) }
            i += 2
        }
        self.named = named
        self.longestLegacyName = longestLegacy
    }

    /// `text` with its character references decoded: for values that pages escape twice (JSON-LD
    /// strings, `content="AT&amp;amp;T"`), which the parser has decoded once at most.
    func decode(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }
        var output: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { decode($0, 0..<$0.count, into: &output, attribute: false) }
        return String(decoding: output, as: UTF8.self)
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(HTMLName.seed) { ($0 ^ UInt64($1)) &* HTMLName.prime }
    }

    /// Appends the decoded text of `input[range]` to `output`. In attribute values (`attribute`),
    /// a legacy reference followed by `=` or a letter or digit stays as written, as HTML5 says
    /// (`?a=1&copy=2` is a query string, not a copyright sign).
    func decode(
        _ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into output: inout [UInt8], attribute: Bool = false
    ) {
        var i = range.lowerBound
        let end = range.upperBound
        var runStart = i
        guard let base = input.baseAddress else { return }
        while i < end {
            // Eight bytes at a time while none is '&', CR or NUL (the usual case).
            while i + 8 <= end {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if Self.hasByte(word, 0x26) || Self.hasByte(word, 0x0D) || Self.hasByte(word, 0) { break }
                i += 8
            }
            guard i < end else { break }
            let byte = input[i]
            // '&', CR and NUL are the only bytes that change; everything else is copied in runs.
            if byte > 0x26 || (byte != 0x26 && byte != 0x0D && byte != 0) {
                i += 1
                continue
            }
            if runStart < i { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<i])) }
            switch byte {
            case 0x0D:
                output.append(0x0A)
                i += 1
                if i < end && input[i] == 0x0A { i += 1 }
            case 0:
                i += 1
            default:
                i = reference(input, at: i, end: end, into: &output, attribute: attribute)
            }
            runStart = i
        }
        if runStart < end { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<end])) }
    }

    /// Whether any of the eight bytes of `word` is `byte` (the classic SWAR zero-byte test).
    @inline(__always)
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// Decodes the reference that starts with the `&` at `start`, or copies the `&` when there is
    /// none; returns where the text goes on.
    private func reference(
        _ input: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, into output: inout [UInt8], attribute: Bool
    ) -> Int {
        var i = start + 1
        guard i < end else {
            output.append(0x26)
            return i
        }
        if input[i] == UInt8(ascii: "#") {
            return numeric(input, at: start, end: end, into: &output)
        }
        // A named reference: the run of letters and digits, then perhaps `;`.
        let nameStart = i
        var hash = HTMLName.seed
        while i < end, i - nameStart < 32, isAlphanumeric(input[i]) {
            hash = (hash ^ UInt64(input[i])) &* HTMLName.prime
            i += 1
        }
        let nameEnd = i
        if nameEnd == nameStart {
            output.append(0x26)
            return start + 1
        }
        if nameEnd < end, input[nameEnd] == UInt8(ascii: ";"),
            let replacement = named[(hash ^ UInt64(UInt8(ascii: ";"))) &* HTMLName.prime]
        {
            append(replacement, to: &output)
            return nameEnd + 1
        }
        // The longest legacy name that starts the run ("&notit;" is "¬it;").
        var length = min(nameEnd - nameStart, longestLegacyName)
        while length >= 2 {
            let prefix = UnsafeBufferPointer(rebasing: input[nameStart..<nameStart + length])
            if let replacement = named[Self.hash(prefix)] {
                let next = nameStart + length
                if attribute, next < end, input[next] == UInt8(ascii: "=") || isAlphanumeric(input[next]) {
                    break
                }
                append(replacement, to: &output)
                return next
            }
            length -= 1
        }
        output.append(0x26)
        return start + 1
    }

    /// `&#1234;` or `&#x4D2;`, the semicolon optional; code points HTML forbids become U+FFFD,
    /// and C1 controls the windows-1252 characters that pages mean by them.
    private func numeric(_ input: UnsafeBufferPointer<UInt8>, at start: Int, end: Int, into output: inout [UInt8])
        -> Int
    {
        var i = start + 2
        var hex = false
        if i < end, input[i] | 0x20 == UInt8(ascii: "x") {
            hex = true
            i += 1
        }
        let digitsStart = i
        var value: UInt32 = 0
        while i < end {
            let byte = input[i]
            let digit: UInt32
            if byte >= 0x30 && byte <= 0x39 {
                digit = UInt32(byte - 0x30)
            } else if hex, byte | 0x20 >= 0x61, byte | 0x20 <= 0x66 {
                digit = UInt32(byte | 0x20 - 0x61 + 10)
            } else {
                break
            }
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
            i += 1
        }
        guard i > digitsStart else {
            output.append(0x26)
            return start + 1
        }
        if i < end && input[i] == UInt8(ascii: ";") { i += 1 }
        if value >= 0x80 && value <= 0x9F {
            value = Self.windows1252[Int(value - 0x80)]
        } else if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) {
            value = 0xFFFD
        }
        appendUTF8(value, to: &output)
        return i
    }

    /// What windows-1252 puts at 0x80–0x9F (C1 controls stay where it has nothing).
    static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private func append(_ replacement: Replacement, to output: inout [UInt8]) {
        appendUTF8(replacement.first, to: &output)
        if replacement.second != 0 { appendUTF8(replacement.second, to: &output) }
    }

    @inline(__always)
    private func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}

/// Appends the UTF-8 encoding of a code point (which must be a valid scalar value).
@inline(__always)
func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
    switch value {
    case 0..<0x80:
        output.append(UInt8(value))
    case 0x80..<0x800:
        output.append(UInt8(0xC0 | value >> 6))
        output.append(UInt8(0x80 | value & 0x3F))
    case 0x800..<0x10000:
        output.append(UInt8(0xE0 | value >> 12))
        output.append(UInt8(0x80 | value >> 6 & 0x3F))
        output.append(UInt8(0x80 | value & 0x3F))
    default:
        output.append(UInt8(0xF0 | value >> 18))
        output.append(UInt8(0x80 | value >> 12 & 0x3F))
        output.append(UInt8(0x80 | value >> 6 & 0x3F))
        output.append(UInt8(0x80 | value & 0x3F))
    }
}
