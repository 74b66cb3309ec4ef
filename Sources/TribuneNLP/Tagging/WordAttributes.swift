/// What the tagger and parser know about a word before looking at its neighbours, as hashes of
/// its bytes: the form, a normalized form, prefixes, suffixes and shape. Computed once per token
/// from the UTF-8 text, straight from the bytes.
struct WordAttributes {
    /// The exact bytes.
    var form: UInt64
    /// ``WordAttributes/normalize(_:into:)``'s form: lowercase, digits as `0`, curly quotes
    /// straight. Most word features use it, so `The` and `the`, `1998` and `2004` share weights.
    var norm: UInt64
    var prefix1: UInt64
    var prefix2: UInt64
    var prefix3: UInt64
    var suffix1: UInt64
    var suffix2: UInt64
    var suffix3: UInt64
    var suffix4: UInt64
    /// Letters as `X`/`x`, digits as `d`, runs of more than three cut to three (`Xxxx`, `dd.d`).
    var shape: UInt64
    /// ``Flag`` bits.
    var flags: UInt64

    enum Flag {
        static let initial: UInt64 = 1
        static let digit: UInt64 = 2
        static let hyphen: UInt64 = 4
        static let capitalized: UInt64 = 8
        static let allCaps: UInt64 = 16
        static let period: UInt64 = 32
        static let nonASCII: UInt64 = 64
    }

    /// The attributes of the positions before a sentence's first word and after its last.
    static let start = WordAttributes(boundary: 0x5354_4152_5400_0001)
    static let end = WordAttributes(boundary: 0x454E_4400_0000_0002)

    private init(boundary value: UInt64) {
        form = value
        norm = value
        prefix1 = value
        prefix2 = value
        prefix3 = value
        suffix1 = value
        suffix2 = value
        suffix3 = value
        suffix4 = value
        shape = value
        flags = value
    }

    /// The attributes of `text[range]`; `scratch` is reused between calls.
    init(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, initial: Bool, scratch: inout [UInt8]) {
        let base = text.baseAddress! + range.lowerBound
        let count = range.count
        form = FeatureHash.bytes(base, count: count)
        var flags: UInt64 = initial ? Flag.initial : 0
        Self.normalize(UnsafeBufferPointer(start: base, count: count), into: &scratch)
        norm = scratch.withUnsafeBufferPointer { FeatureHash.bytes($0.baseAddress!, count: $0.count, seed: 1) }
        (prefix1, prefix2, prefix3, suffix1, suffix2, suffix3, suffix4) = scratch.withUnsafeBufferPointer { norm in
            let start = norm.baseAddress!
            let length = norm.count
            func prefix(_ k: Int) -> UInt64 { FeatureHash.bytes(start, count: min(k, length), seed: 16 + UInt64(k)) }
            func suffix(_ k: Int) -> UInt64 {
                let take = min(k, length)
                return FeatureHash.bytes(start + (length - take), count: take, seed: 32 + UInt64(k))
            }
            return (prefix(1), prefix(2), prefix(3), suffix(1), suffix(2), suffix(3), suffix(4))
        }
        // Shape and flags.
        scratch.removeAll(keepingCapacity: true)
        var upper = 0
        var letters = 0
        var last: UInt8 = 0
        var run = 0
        for index in 0..<count {
            let byte = base[index]
            var symbol: UInt8
            switch byte {
            case 0x41...0x5A:
                symbol = 0x58  // X
                upper += 1
                letters += 1
                if index == 0 { flags |= Flag.capitalized }
            case 0x61...0x7A:
                symbol = 0x78  // x
                letters += 1
            case 0x30...0x39:
                symbol = 0x64  // d
                flags |= Flag.digit
            case 0x80...0xBF:
                continue  // continuation byte
            case 0xC0...0xFF:
                symbol = 0x75  // u: a non-ASCII character
                flags |= Flag.nonASCII
            default:
                symbol = byte
                if byte == 0x2D { flags |= Flag.hyphen }
                if byte == 0x2E { flags |= Flag.period }
            }
            if symbol == last {
                run += 1
                if run > 3 { continue }
            } else {
                last = symbol
                run = 1
            }
            scratch.append(symbol)
        }
        if letters > 1 && upper == letters { flags |= Flag.allCaps }
        shape = scratch.withUnsafeBufferPointer { FeatureHash.bytes($0.baseAddress!, count: $0.count, seed: 2) }
        self.flags = flags
    }

    /// Lowercases ASCII letters, writes digits as `0`, curly single and double quotes as
    /// straight ones, and en and em dashes as `--`.
    static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 {
                switch bytes[index + 2] {
                case 0x98, 0x99:
                    out.append(0x27)
                    index += 3
                    continue
                case 0x9C, 0x9D:
                    out.append(0x22)
                    index += 3
                    continue
                case 0x93, 0x94:
                    out.append(contentsOf: [0x2D, 0x2D])
                    index += 3
                    continue
                default: break
                }
            }
            switch byte {
            case 0x41...0x5A: out.append(byte | 0x20)
            case 0x30...0x39: out.append(0x30)
            default: out.append(byte)
            }
            index += 1
        }
    }

    /// The normalized hash of a string, as ``norm`` (for building lexicons from treebanks).
    static func norm(_ word: String) -> UInt64 {
        var scratch: [UInt8] = []
        let bytes = Array(word.utf8)
        bytes.withUnsafeBufferPointer { normalize($0, into: &scratch) }
        return scratch.withUnsafeBufferPointer {
            FeatureHash.bytes($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: $0.count, seed: 1)
        }
    }
}

/// The words of a sentence, looked at once: their attributes, padded with two boundary
/// positions on each side so that features can look two words away without checks.
struct SentenceAttributes {
    /// `words[i + 2]` is word `i`.
    var words: [WordAttributes] = []
    private var scratch: [UInt8] = []

    init() { scratch.reserveCapacity(64) }

    var count: Int { max(0, words.count - 4) }

    mutating func fill(_ text: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>) {
        words.removeAll(keepingCapacity: true)
        words.append(.start)
        words.append(.start)
        for (index, token) in tokens.enumerated() {
            words.append(WordAttributes(text, token.range, initial: index == 0, scratch: &scratch))
        }
        words.append(.end)
        words.append(.end)
    }
}
