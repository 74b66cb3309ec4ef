import TribuneCore

/// Names the recognizer knows before reading a sentence: actors of the CAMEO/Phoenix
/// dictionaries, GeoNames places, nationalities. Each phrase is stored as the hash of its
/// words' normalized forms (as ``WordAttributes/norm`` computes them) with the entity types it
/// may have, so matching a sentence costs a few probes per word and builds no string.
///
/// The recognizer reads the longest match covering each word as a feature (its types and the
/// word's place in it), so a name it never saw in training but that a dictionary lists still
/// looks like a name.
struct EntityGazetteer: Sendable {
    /// Phrase hash → type bits.
    private var phrases = HashIndex(capacity: 1024)
    /// First word's norm → the most words of a phrase starting with it.
    private var longest = HashIndex(capacity: 1024)
    private var storedHashes: [UInt64] = []
    private var storedBits: [UInt8] = []
    private var storedFirst: [UInt64] = []
    private var storedLengths: [UInt8] = []

    static let maximumWords = 8

    /// One bit per type.
    static func bit(_ kind: Entity.Kind) -> UInt8 {
        switch kind {
        case .person: 1
        case .organization: 2
        case .geopolitical: 4
        case .location: 8
        case .nationality: 16
        case .facility: 32
        case .event: 64
        case .miscellaneous: 128
        }
    }

    init() {}

    var count: Int { storedHashes.count }

    /// Adds a phrase (words separated by spaces) of type `kind`.
    mutating func add(_ phrase: String, _ kind: Entity.Kind) {
        let words = phrase.split(separator: " ")
        guard !words.isEmpty, words.count <= Self.maximumWords else { return }
        let norms = words.map { WordAttributes.norm(String($0)) }
        let hash = Self.phraseHash(norms[...])
        if let at = phrases.find(hash) {
            storedBits[Int(at)] |= Self.bit(kind)
        } else {
            let at = Int32(storedHashes.count)
            storedHashes.append(hash)
            storedBits.append(Self.bit(kind))
            _ = phrases.findOrInsert(hash) { at }
        }
        let first = norms[0]
        if let at = longest.find(first) {
            storedLengths[Int(at)] = max(storedLengths[Int(at)], UInt8(words.count))
        } else {
            let at = Int32(storedFirst.count)
            storedFirst.append(first)
            storedLengths.append(UInt8(words.count))
            _ = longest.findOrInsert(first) { at }
        }
    }

    @inline(__always)
    static func phraseHash(_ norms: ArraySlice<UInt64>) -> UInt64 {
        var hash = FeatureHash.template(999)
        for norm in norms { hash = FeatureHash.mix(hash, norm) }
        return hash
    }

    /// The types of the exact phrase made of these words' norms, or 0.
    func bits(_ norms: ArraySlice<UInt64>) -> UInt8 {
        phrases.find(Self.phraseHash(norms)).map { storedBits[Int($0)] } ?? 0
    }

    /// For each word of a sentence (``SentenceAttributes``, padded by two), the longest phrase
    /// that covers it: its type bits in the low 8 bits and the word's place in it (1 begin,
    /// 2 inside, 3 last, 4 unit) above; 0 when none.
    func annotate(_ sentence: SentenceAttributes, into out: inout [UInt16]) {
        let count = sentence.count
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: count + 4))
        sentence.words.withUnsafeBufferPointer { words in
            var position = 0
            while position < count {
                let p = position + 2
                guard let at = longest.find(words[p].norm) else {
                    position += 1
                    continue
                }
                let most = min(Int(storedLengths[Int(at)]), count - position)
                var hash = FeatureHash.template(999)
                var found = 0
                var foundBits: UInt8 = 0
                for length in 1...most {
                    hash = FeatureHash.mix(hash, words[p + length - 1].norm)
                    if let entry = phrases.find(hash) {
                        found = length
                        foundBits = storedBits[Int(entry)]
                    }
                }
                guard found > 0 else {
                    position += 1
                    continue
                }
                for offset in 0..<found {
                    let place: UInt16 = found == 1 ? 4 : offset == 0 ? 1 : offset == found - 1 ? 3 : 2
                    out[p + offset] = UInt16(foundBits) | place << 8
                }
                position += found
            }
        }
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(storedHashes)
        writer.write(storedBits)
        writer.write(storedFirst)
        writer.write(storedLengths)
    }

    init(reading reader: inout BinaryReader) throws {
        let hashes: [UInt64] = try reader.readArray()
        let bits: [UInt8] = try reader.readArray()
        let first: [UInt64] = try reader.readArray()
        let lengths: [UInt8] = try reader.readArray()
        guard hashes.count == bits.count, first.count == lengths.count else {
            throw ModelFileError(file: reader.name, reason: "inconsistent gazetteer tables")
        }
        storedHashes = hashes
        storedBits = bits
        storedFirst = first
        storedLengths = lengths
        phrases = HashIndex(capacity: hashes.count)
        for (index, hash) in hashes.enumerated() { _ = phrases.findOrInsert(hash) { Int32(index) } }
        longest = HashIndex(capacity: first.count)
        for (index, hash) in first.enumerated() { _ = longest.findOrInsert(hash) { Int32(index) } }
    }
}
