import TribuneCore

/// The learned part of sentence splitting: an averaged perceptron that scores the gaps where a
/// sentence may end, from the ``BoundaryFeatures`` of each gap.
///
/// The rules of ``SentenceSplitter`` are among its features, so on edited text it agrees with
/// them; it learned the rest from the UD English train files (see ``BoundaryTrainer``): web text
/// that starts sentences in lowercase, signatures and e-mail headers without punctuation, and
/// which abbreviations tend to end sentences. It ships as `Resources/sentence-boundaries.txt`:
/// one feature hash (hex) and its weight per line.
struct BoundaryModel: Sendable {
    /// Open addressing over feature hashes: the slot comes from the hash's low bits, the key is
    /// 16 of its high bits (0 marks an empty slot), the weight a 16-bit multiple of `scale`. Four
    /// bytes a slot keep the table small enough to stay in the processor's cache; a feature the
    /// model never saw matches a stored key by chance once in tens of thousands of lookups.
    private var slots: [(key: UInt16, weight: Int16)]
    /// The weight one unit of a stored weight stands for.
    private let scale: Float
    /// ``settled`` in units.
    private let settledUnits: Int32
    private let mask: Int
    /// How many features have a weight.
    let count: Int

    /// The shipped model's file name.
    static let file = "sentence-boundaries.txt"

    init(weights: [UInt64: Float]) {
        var capacity = 16
        while capacity * 2 < weights.count * 3 { capacity <<= 1 }  // at most two thirds full
        slots = Array(repeating: (0, 0), count: capacity)
        mask = capacity - 1
        count = weights.count
        let largest = weights.values.reduce(Float(0)) { max($0, abs($1)) }
        scale = largest > 0 ? largest / Float(Int16.max) : 1
        settledUnits = Int32(min(Float(Int32.max / 2), Self.settled / scale))
        for (hash, value) in weights.sorted(by: { $0.key < $1.key }) {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].key != 0 { slot = (slot + 1) & mask }
            slots[slot] = (Self.key(hash), Int16((value / scale).rounded()))
        }
    }

    /// Loads the shipped model.
    static func load() throws -> BoundaryModel {
        try parse(ResourceLocator.text(file, module: "TribuneNLP", sourceFile: #filePath))
    }

    /// Reads the `hash weight` lines of a model file.
    static func parse(_ text: String) throws -> BoundaryModel {
        var weights: [UInt64: Float] = [:]
        for line in DataFile.entries(text) {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let key = UInt64(fields[0], radix: 16), let value = Float(fields[1]) else {
                throw SegmenterLexicon.DataError(
                    file: file, line: String(line), reason: "expected a hex hash and a weight")
            }
            weights[key] = value
        }
        return BoundaryModel(weights: weights)
    }

    @inline(__always)
    static func key(_ hash: UInt64) -> UInt16 {
        let key = UInt16(truncatingIfNeeded: hash >> 48)
        return key == 0 ? 1 : key
    }

    /// The stored weight of a feature, in units of `scale`.
    @inline(__always)
    private func units(_ hash: UInt64) -> Int32 {
        let key = Self.key(hash)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let found = slots[slot]
            if found.key == key { return Int32(found.weight) }
            if found.key == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }

    /// The weight of a feature.
    func weight(_ hash: UInt64) -> Float { Float(units(hash)) * scale }

    /// The score of a gap: above zero, a sentence ends there.
    func score(_ features: BoundaryFeatures) -> Float {
        var total: Int32 = 0
        for index in 0..<features.count { total &+= units(features.hashes[index]) }
        return Float(total) * scale
    }

    /// Whether a sentence ends at the gap: `score(features) > 0`, except that when the features
    /// of shape alone already score beyond ``settled``, the words are not looked up (most gaps
    /// between words are settled that way, which saves a third of the model's time).
    @inline(__always)
    func ends(_ features: BoundaryFeatures) -> Bool {
        var total: Int32 = 0
        for index in 0..<features.shapeCount { total &+= units(features.hashes[index]) }
        if abs(total) > settledUnits { return total > 0 }
        for index in features.shapeCount..<features.count { total &+= units(features.hashes[index]) }
        return total > 0
    }

    /// The score of the shape features beyond which the word features are not consulted. At 16
    /// no sentence end of the UD dev files changes; at 8 a few do.
    static let settled: Float = 16
}
