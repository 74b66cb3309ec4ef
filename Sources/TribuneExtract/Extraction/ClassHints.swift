import TribuneCore

/// What an element's `class` and `id` say about it: evidence for or against its holding the
/// article, and the reason to give when its text is dropped.
///
/// The vocabulary is data (`Resources/html-hints.txt`): words such as `article` or `content`
/// for, `nav`, `comment`, `related`, `share` or `cookie` against, with prefix and suffix
/// patterns for the run-together names sites use (`sharebar`, `relatedposts`). Words are
/// compared by hash, with no string built: every element of every page goes through here.
struct ClassHints: Sendable {
    struct Hint: Sendable, Hashable {
        var weight: Float
        /// The reason of the strongest negative match, when the sum is negative.
        var reason: RemovedText.Reason?

        static let none = Hint(weight: 0, reason: nil)
    }

    private struct Entry: Sendable {
        var weight: Float
        var reason: RemovedText.Reason?
        /// Distinguishes entries, so that one pattern counts once per element.
        var id: Int
    }

    private var exact = WordIndex<Entry>()
    private var prefixes = WordIndex<Entry>()
    private var suffixes = WordIndex<Entry>()
    /// Bit `n` is set when some prefix pattern has `n` letters.
    private var prefixLengthBits: UInt64 = 0
    private var suffixLengths: [Int] = []

    /// Loads the shipped vocabulary.
    static func shipped() throws -> ClassHints {
        try ClassHints(ResourceLocator.text("html-hints.txt", module: "TribuneExtract", sourceFile: #filePath))
    }

    /// Reads entries `PATTERN WEIGHT [REASON]`, one per line.
    init(_ text: String) {
        var prefixLengths: Set<Int> = []
        var suffixLengths: Set<Int> = []
        for (id, line) in DataFile.entries(text).enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, let weight = Float(fields[1]) else { continue }
            let reason = fields.count > 2 ? RemovedText.Reason(rawValue: String(fields[2])) : nil
            let entry = Entry(weight: weight, reason: reason, id: id)
            var pattern = Array(fields[0].lowercased().utf8)
            if pattern.last == UInt8(ascii: "*") {
                pattern.removeLast()
                prefixes[Self.hash(pattern[...])] = entry
                prefixLengths.insert(pattern.count)
            } else if pattern.first == UInt8(ascii: "*") {
                pattern.removeFirst()
                suffixes[Self.hash(pattern[...])] = entry
                suffixLengths.insert(pattern.count)
            } else {
                exact[Self.hash(pattern[...])] = entry
            }
        }
        for length in prefixLengths where length < 64 { prefixLengthBits |= 1 << UInt64(length) }
        self.suffixLengths = suffixLengths.sorted(by: >)
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash = WordScanner.seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* WordScanner.prime }
        return hash
    }

    /// The hint of an element with these `class` and `id` values (either may be absent).
    func hint(class className: ArraySlice<UInt8>?, id: ArraySlice<UInt8>?) -> Hint {
        var tally = Tally()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * Matcher.capacity) { buffer in
            var word = Matcher(buffer: UnsafeMutableBufferPointer(rebasing: buffer[..<Matcher.capacity]))
            var joined = Matcher(buffer: UnsafeMutableBufferPointer(rebasing: buffer[Matcher.capacity...]))
            if let className { scan(className, &word, &joined, &tally) }
            if let id { scan(id, &word, &joined, &tally) }
        }
        return Hint(weight: tally.weight, reason: tally.weight < 0 ? tally.reason : nil)
    }

    /// What an element's words add up to; each entry counts once.
    private struct Tally {
        var weight: Float = 0
        var strongest: Float = 0
        var reason: RemovedText.Reason?
        var counted = SIMD8<UInt64>()

        mutating func add(_ entry: Entry) {
            let (slot, bit) = (entry.id / 64 % 8, UInt64(1) << UInt64(entry.id % 64))
            guard counted[slot] & bit == 0 else { return }
            counted[slot] |= bit
            weight += entry.weight
            if entry.weight < strongest, let r = entry.reason {
                strongest = entry.weight
                reason = r
            }
        }
    }

    /// A word being read, hashed as it grows: its prefix patterns are looked up at the lengths
    /// they have, its last bytes kept for the suffix patterns.
    private struct Matcher {
        static let capacity = 48
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var hash = WordScanner.seed
        var hashBeforeLast = WordScanner.seed
        var length = 0
        var prefixMatch: Entry?

        init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        mutating func append(_ byte: UInt8, _ hints: ClassHints) {
            hashBeforeLast = hash
            hash = (hash ^ UInt64(byte)) &* WordScanner.prime
            if length < Self.capacity { buffer[length] = byte }
            length += 1
            if length < 64, hints.prefixLengthBits & (1 << UInt64(length)) != 0, let entry = hints.prefixes[hash] {
                prefixMatch = entry
            }
        }

        /// The entry the word matches: itself, its singular, its longest prefix pattern, its
        /// longest suffix pattern.
        func match(_ hints: ClassHints) -> Entry? {
            guard length > 0 else { return nil }
            if let entry = hints.exact[hash] { return entry }
            if length > 2, length <= Self.capacity, buffer[length - 1] == UInt8(ascii: "s"),
                let entry = hints.exact[hashBeforeLast]
            {
                return entry
            }
            if let prefixMatch { return prefixMatch }
            guard length <= Self.capacity else { return nil }
            for suffix in hints.suffixLengths where suffix <= length {
                var h = WordScanner.seed
                for k in (length - suffix)..<length { h = (h ^ UInt64(buffer[k])) &* WordScanner.prime }
                if let entry = hints.suffixes[h] { return entry }
            }
            return nil
        }

        mutating func reset() {
            hash = WordScanner.seed
            hashBeforeLast = WordScanner.seed
            length = 0
            prefixMatch = nil
        }
    }

    /// Reads one attribute value: names separated by white space, each split into words; each
    /// word, and each name with its separators taken out, is matched.
    private func scan(_ value: ArraySlice<UInt8>, _ word: inout Matcher, _ joined: inout Matcher, _ tally: inout Tally)
    {
        var nameLength = 0
        var words = 0
        var previousLower = false
        func endWord() {
            if word.length > 0 {
                if let entry = word.match(self) { tally.add(entry) }
                words += 1
            }
            word.reset()
        }
        for index in value.startIndex...value.endIndex {
            // One more (space) byte at the end closes the last name.
            let byte = index < value.endIndex ? value[index] : 0x20
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                endWord()
                if words > 1 || joined.length < nameLength, words > 0, let entry = joined.match(self) {
                    tally.add(entry)
                }
                joined.reset()
                nameLength = 0
                words = 0
                previousLower = false
                continue
            }
            nameLength += 1
            if !(isUpper || isLower || isDigit) {
                endWord()
                previousLower = false
                continue
            }
            if isUpper && previousLower { endWord() }
            let lower = isUpper ? byte | 0x20 : byte
            word.append(lower, self)
            joined.append(lower, self)
            previousLower = isLower || isDigit
        }
    }
}
