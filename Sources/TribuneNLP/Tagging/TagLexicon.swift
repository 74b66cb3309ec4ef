/// What the training data says about each frequent word, for the tagger: its *ambiguity class*
/// (the set of tags it was seen with, a feature that lets the tagger look at the words to the
/// right as if it knew their tags), and, for words that nearly always take one tag, that tag
/// (the tag dictionary: such words are tagged without running the model).
struct TagLexicon: Sendable {
    private let index: HashIndex
    private let ambiguity: [UInt64]
    private let fixedTags: [Int16]

    /// The ambiguity class of words the lexicon does not know.
    static let unknownClass: UInt64 = 0x554E_4B4E_4F57_4E00

    init(words: [UInt64], ambiguity: [UInt64], fixedTags: [Int16]) {
        var index = HashIndex(capacity: words.count)
        for (position, word) in words.enumerated() { _ = index.findOrInsert(word) { Int32(position) } }
        self.index = index
        self.ambiguity = ambiguity
        self.fixedTags = fixedTags
        self.words = words
    }

    private let words: [UInt64]

    var count: Int { words.count }

    /// The ambiguity class and fixed tag (or -1) of a word's normalized form.
    @inline(__always)
    func lookup(_ norm: UInt64) -> (ambiguity: UInt64, fixedTag: Int) {
        guard let position = index.find(norm) else { return (Self.unknownClass, -1) }
        return (ambiguity[Int(position)], Int(fixedTags[Int(position)]))
    }

    /// Builds the lexicon from tagged words (normalized-form hash, tag id): a word seen at least
    /// `minimumCount` times gets the class of the tags that make up at least 5% of its
    /// occurrences; one seen at least `fixedCount` times with one tag in at least `fixedShare`
    /// of them gets that tag fixed.
    static func build(
        _ tagged: [(word: UInt64, tag: Int)], minimumCount: Int = 3, fixedCount: Int = 20, fixedShare: Double = 0.97
    ) -> TagLexicon {
        var counts: [UInt64: [Int: Int]] = [:]
        for (word, tag) in tagged { counts[word, default: [:]][tag, default: 0] += 1 }
        var words: [UInt64] = []
        var classes: [UInt64] = []
        var fixed: [Int16] = []
        for word in counts.keys.sorted() {
            let tags = counts[word]!
            let total = tags.values.reduce(0, +)
            guard total >= minimumCount else { continue }
            let kept = tags.filter { Double($0.value) >= 0.05 * Double(total) }.keys.sorted()
            var hash: UInt64 = 0x414D_4249_0000_0000
            for tag in kept { hash = FeatureHash.mix(hash, UInt64(tag)) }
            let best = tags.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!
            words.append(word)
            classes.append(hash)
            fixed.append(
                total >= fixedCount && Double(best.value) >= fixedShare * Double(total) ? Int16(best.key) : -1)
        }
        return TagLexicon(words: words, ambiguity: classes, fixedTags: fixed)
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(words)
        writer.write(ambiguity)
        writer.write(fixedTags)
    }

    init(reading reader: inout BinaryReader, tagCount: Int) throws {
        let words: [UInt64] = try reader.readArray()
        let ambiguity: [UInt64] = try reader.readArray()
        let fixed: [Int16] = try reader.readArray()
        guard words.count == ambiguity.count, words.count == fixed.count, fixed.allSatisfy({ Int($0) < tagCount })
        else {
            throw ModelFileError(file: reader.name, reason: "inconsistent tag lexicon")
        }
        self.init(words: words, ambiguity: ambiguity, fixedTags: fixed)
    }
}
