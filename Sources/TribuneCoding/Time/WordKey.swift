/// The first 16 bytes of a word, ASCII letters lowercased, packed into two integers: a
/// dictionary key made from a token's bytes without allocating a `String`.
///
/// Words longer than 16 bytes, and words with bytes outside ASCII, have no key: no entry of the
/// time lexicon is either.
struct WordKey: Hashable, Sendable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    static let maximumLength = 16

    init?(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty, range.count <= Self.maximumLength else { return nil }
        var index = 0
        for offset in range {
            var byte = text[offset]
            guard byte < 0x80 else { return nil }
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            // Typographic apostrophes never reach here (non-ASCII); "'ll" keeps its ASCII quote.
            if index < 8 {
                low |= UInt64(byte) << (8 * UInt64(index))
            } else {
                high |= UInt64(byte) << (8 * UInt64(index - 8))
            }
            index += 1
        }
    }

    init?(_ word: some StringProtocol) {
        var bytes = Array(word.utf8)
        // Accept the typographic apostrophe in data files as the ASCII one.
        if bytes.starts(with: [0xE2, 0x80, 0x99]) { bytes.replaceSubrange(0..<3, with: [0x27]) }
        guard let key = bytes.withUnsafeBufferPointer({ Self($0, 0..<bytes.count) }) else { return nil }
        self = key
    }
}
