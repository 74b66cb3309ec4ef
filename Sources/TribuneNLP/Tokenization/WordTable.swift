/// A read-only set of words, each with an integer value, looked up straight from UTF-8 bytes.
///
/// The tokenizer asks it about every candidate abbreviation, prefix and sentence starter, so a
/// lookup hashes the bytes in place (FNV-1a) and compares them against one contiguous buffer:
/// no `String` is made per token. With `foldCase`, ASCII letters match regardless of case.
struct WordTable: Sendable {
    private var keys: [UInt8] = []
    /// Per entry: where its key starts in `keys`, its length and its value.
    private var entries: [(start: Int32, length: Int32, value: Int32)] = []
    /// Open addressing: entry index + 1, or 0 for an empty slot.
    private var slots: [Int32]
    private let mask: Int
    let foldCase: Bool
    /// A quick no before hashing: the shortest and longest key, and a bit per (first byte, last
    /// byte, length) signature of the keys. Most words fail it, so most lookups cost a few
    /// comparisons.
    private var shortest = Int.max
    private var longest = 0
    private var signatures = [UInt64](repeating: 0, count: 1 << 8)

    /// Builds the table; a later duplicate key keeps the first value.
    init<S: Sequence>(_ words: S, foldCase: Bool) where S.Element == (String, Int32) {
        let list = Array(words)
        var capacity = 16
        while capacity < list.count * 2 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        self.foldCase = foldCase
        for (word, value) in list where !word.isEmpty {
            let bytes = Array(word.utf8)
            let found = bytes.withUnsafeBufferPointer { lookup($0, 0..<bytes.count) }
            guard found == nil else { continue }
            var slot = Int(truncatingIfNeeded: hash(bytes, 0..<bytes.count)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            entries.append((Int32(keys.count), Int32(bytes.count), value))
            keys.append(contentsOf: bytes)
            slots[slot] = Int32(entries.count)
            shortest = min(shortest, bytes.count)
            longest = max(longest, bytes.count)
            let signature = Self.signature(bytes, 0..<bytes.count)
            signatures[signature >> 6] |= 1 << UInt64(signature & 63)
        }
    }

    /// A set: every word has the value 1.
    init<S: Sequence>(words: S, foldCase: Bool) where S.Element: StringProtocol {
        self.init(words.map { (String($0), Int32(1)) }, foldCase: foldCase)
    }

    var count: Int { entries.count }

    /// The value of the word spelled by `text[range]`, or nil.
    @inline(__always)
    func value(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
        lookup(text, range)
    }

    func contains(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        lookup(text, range) != nil
    }

    /// Looks up a `String` (for tests and tools, not for hot paths).
    func value(_ word: String) -> Int32? {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { lookup($0, 0..<bytes.count) }
    }

    /// 14 bits from the first and last bytes (ASCII letters folded) and the length.
    @inline(__always)
    private static func signature<C: Collection>(_ text: C, _ range: Range<Int>) -> Int
    where C.Element == UInt8, C.Index == Int {
        let first = Int(text[range.lowerBound] | 0x20) & 31
        let last = Int(text[range.upperBound - 1] | 0x20) & 31
        return first | last << 5 | min(range.count, 15) << 10
    }

    @inline(__always)
    private func lookup<C: Collection>(_ text: C, _ range: Range<Int>) -> Int32?
    where C.Element == UInt8, C.Index == Int {
        guard range.count >= shortest, range.count <= longest else { return nil }
        let signature = Self.signature(text, range)
        guard signatures[signature >> 6] & (1 << UInt64(signature & 63)) != 0 else { return nil }
        var slot = Int(truncatingIfNeeded: hash(text, range)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let candidate = entries[entry - 1]
            if Int(candidate.length) == range.count, equal(text, range, Int(candidate.start)) {
                return candidate.value
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func fold(_ byte: UInt8) -> UInt8 {
        foldCase && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    private func hash<C: Collection>(_ text: C, _ range: Range<Int>) -> UInt64
    where C.Element == UInt8, C.Index == Int {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range {
            value = (value ^ UInt64(fold(text[index]))) &* 0x100_0000_01b3
        }
        return value ^ (value >> 29)
    }

    private func equal<C: Collection>(_ text: C, _ range: Range<Int>, _ start: Int) -> Bool
    where C.Element == UInt8, C.Index == Int {
        var offset = start
        for index in range {
            if fold(text[index]) != fold(keys[offset]) { return false }
            offset += 1
        }
        return true
    }
}
