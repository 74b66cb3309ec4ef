import Foundation

/// A trained linear model as it ships: for each feature hash, the classes it votes for and by
/// how much.
///
/// Weights are stored in 8 bits: a sign and one of 128 magnitudes spaced evenly on a log scale
/// between the smallest and the largest weight kept (each within 3% or so of the trained value),
/// looked up in a small codebook of integers that scores add up. An entry is a class and its
/// weight's code in 16 bits. A feature is known by a 32-bit key (the top half of its scrambled
/// hash): two features of a model share a key once in a few billion pairs, and the rarer of the
/// two is dropped. Lookups go through one open-addressing table of 64-bit slots, each holding
/// the key, the number of entries and where they start; scoring a feature costs one probe and
/// one short run of entries. The table is rebuilt from the keys when a model file is read.
struct LinearModel: Sendable {
    /// One feature's weights, as training produces them.
    struct Row {
        var hash: UInt64
        var entries: [(label: UInt16, weight: Float)]
    }

    let classCount: Int
    /// The weight of each code, in units of ``scale``.
    private let codebook: [Int32]
    /// The weight one unit stands for.
    let scale: Float
    /// Each feature's key, ascending.
    private let keys: [UInt32]
    private let lengths: [UInt8]
    private let entries: [UInt16]
    private let slots: [UInt64]
    private let mask: Int

    var featureCount: Int { keys.count }
    var entryCount: Int { entries.count }
    /// Bytes the model takes in a file.
    var byteCount: Int { keys.count * 5 + entries.count * 2 + codebook.count * 4 }

    /// The most entries a model holds: a slot keeps where a row starts in 24 bits.
    static let maximumEntries = 1 << 24

    /// A feature's key: the top half of its scrambled hash.
    @inline(__always)
    static func key(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: FeatureHash.finalize(hash) >> 32) }

    init(rows: [Row], classCount: Int) {
        precondition(classCount <= 256, "a class is stored in 8 bits")
        var smallest = Float.infinity
        var largest: Float = 0
        for row in rows {
            for entry in row.entries where entry.weight != 0 {
                smallest = min(smallest, abs(entry.weight))
                largest = max(largest, abs(entry.weight))
            }
        }
        if largest == 0 {
            smallest = 1
            largest = 1
        }
        // 128 magnitudes from `smallest` to `largest`, in units of smallest / 8.
        let scale = smallest / 8
        let ratio = largest > smallest ? pow(Double(largest / smallest), 1.0 / 127) : 1
        var codebook = [Int32](repeating: 0, count: 256)
        for code in 0..<128 {
            let magnitude = Int32((Double(smallest) * pow(ratio, Double(code)) / Double(scale)).rounded())
            codebook[code] = magnitude
            codebook[code | 0x80] = -magnitude
        }
        func encode(_ weight: Float) -> UInt16 {
            let code = ratio > 1 ? Int((log(Double(abs(weight) / smallest)) / log(ratio)).rounded()) : 0
            return UInt16(min(127, max(0, code)) | (weight < 0 ? 0x80 : 0))
        }
        var rowsByKey: [(key: UInt32, row: Row)] = rows.compactMap { row in
            let kept = row.entries.filter { $0.weight != 0 }
            return kept.isEmpty ? nil : (Self.key(row.hash), Row(hash: row.hash, entries: kept))
        }
        // By key; of rows sharing a key, the one with more entries first (then by hash, so the
        // order never depends on the input's).
        rowsByKey.sort {
            if $0.key != $1.key { return $0.key < $1.key }
            if $0.row.entries.count != $1.row.entries.count { return $0.row.entries.count > $1.row.entries.count }
            return $0.row.hash < $1.row.hash
        }
        var keys: [UInt32] = []
        var lengths: [UInt8] = []
        var entries: [UInt16] = []
        for (key, row) in rowsByKey where keys.last != key {
            guard entries.count + row.entries.count <= Self.maximumEntries else { break }
            keys.append(key)
            lengths.append(UInt8(row.entries.count))
            for entry in row.entries { entries.append(UInt16(entry.label) | encode(entry.weight) << 8) }
        }
        self.init(
            classCount: classCount, codebook: codebook, scale: scale, keys: keys, lengths: lengths, entries: entries)
    }

    private init(
        classCount: Int, codebook: [Int32], scale: Float, keys: [UInt32], lengths: [UInt8], entries: [UInt16]
    ) {
        self.classCount = classCount
        self.codebook = codebook
        self.scale = scale
        self.keys = keys
        self.lengths = lengths
        self.entries = entries
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var start = 0
        self.slots = [UInt64](unsafeUninitializedCapacity: capacity) { slots, initialized in
            slots.initialize(repeating: 0)
            for index in keys.indices {
                let key = keys[index]
                let length = lengths[index]
                var slot = Int(key) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                // Never 0: every row has at least one entry.
                slots[slot] = UInt64(key) << 32 | UInt64(length) << 24 | UInt64(start)
                start += Int(length)
            }
            initialized = capacity
        }
        self.mask = mask
    }

    /// Adds the weights of `count` features into `scores` (in units of ``scale``).
    @inline(__always)
    func score(_ features: UnsafePointer<UInt64>, count: Int, into scores: UnsafeMutablePointer<Int32>) {
        slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                codebook.withUnsafeBufferPointer { codebook in
                    for index in 0..<count {
                        let key = Self.key(features[index])
                        var slot = Int(key) & mask
                        while true {
                            let found = slots[slot]
                            if found == 0 { break }
                            if UInt32(truncatingIfNeeded: found >> 32) == key {
                                let start = Int(found & 0xFF_FFFF)
                                let end = start + Int((found >> 24) & 0xFF)
                                for entry in start..<end {
                                    let packed = entries[entry]
                                    scores[Int(packed & 0xFF)] &+= codebook[Int(packed >> 8)]
                                }
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
    }

    func write(to writer: inout BinaryWriter) {
        writer.write(UInt32(classCount))
        writer.write(scale)
        writer.write(codebook)
        writer.write(keys)
        writer.write(lengths)
        writer.write(entries)
    }

    init(reading reader: inout BinaryReader) throws {
        let classCount = Int(try reader.read() as UInt32)
        let scale = try reader.readFloat()
        let codebook: [Int32] = try reader.readArray()
        let keys: [UInt32] = try reader.readArray()
        let lengths: [UInt8] = try reader.readArray()
        let entries: [UInt16] = try reader.readArray()
        guard codebook.count == 256, classCount <= 256, keys.count == lengths.count,
            !lengths.contains(0), lengths.reduce(0, { $0 + Int($1) }) == entries.count,
            entries.count <= Self.maximumEntries, zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }),
            entries.allSatisfy({ Int($0 & 0xFF) < classCount })
        else {
            throw ModelFileError(file: reader.name, reason: "inconsistent weight tables")
        }
        self.init(
            classCount: classCount, codebook: codebook, scale: scale, keys: keys, lengths: lengths, entries: entries)
    }
}
