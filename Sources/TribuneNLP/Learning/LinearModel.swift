import Foundation

/// A trained linear model as it ships: for each feature hash, the classes it votes for and by
/// how much.
///
/// Weights are stored in 8 bits: a sign and one of 128 magnitudes spaced evenly on a log scale
/// between the smallest and the largest weight kept (each within 3% or so of the trained value),
/// looked up in a small codebook of integers that scores add up. An entry is a class and its
/// weight's code in 16 bits. A feature is known by a 32-bit key (the top half of its scrambled
/// hash): two features of a model share a key once in a few billion pairs, and the rarer of the
/// two is dropped.
///
/// Lookups go through one open-addressing table of 64-bit slots built when the model is read:
/// each slot holds a key and, for the most common rows of one or two entries, the entries
/// themselves; a longer row's slot says where its entries start in a separate pool. The longest
/// rows (features such as a pair of tags, which vote for most classes and fire on nearly every
/// word) are decoded into dense vectors of 32-bit weights, added eight classes at a time: they
/// are few, but they make most of the additions. All sit in ``LookupMemory`` (huge pages). Lookups are memory-bound, so ``score(_:count:into:)`` works in
/// three sweeps over its features, each made of loads that do not wait on one another, so that
/// the processor overlaps their cache misses: the first slot of every feature; then the probes
/// of those not found there, and the first line of every long row; then the sums.
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
    /// `key << 32 | payload`, 0 when empty. The payload is the row's one or two entries (a
    /// missing second one is ``Self/noEntry``), or, for a longer row, ``Self/longRow`` in the low
    /// byte and above it where the row starts in ``pool``.
    private let slots: LookupMemory<UInt64>
    /// Rows of three or more entries, up to ``denseLength``: the number of entries, then the entries.
    private let pool: LookupMemory<UInt16>
    /// Rows of ``denseLength`` entries or more: ``lanes`` vectors each, the weight of every class
    /// in units of ``scale`` (0 for the classes the row does not name).
    private let dense: LookupMemory<SIMD8<Int32>>
    /// Vectors of eight classes a dense row takes.
    private let lanes: Int
    /// The number of slots; a key's first slot is `key × capacity >> 32`.
    private let capacity: Int

    var featureCount: Int { keys.count }
    var entryCount: Int { entries.count }
    /// Bytes the model takes in a file.
    var byteCount: Int { keys.count * 5 + entries.count * 2 + codebook.count * 4 }

    /// The most entries a model holds: a slot keeps where a long row starts in 24 bits.
    static let maximumEntries = (1 << 24) - (1 << 22)
    /// The most classes a model has: classes 254 and 255 mark a slot's dense, long or missing entries.
    static let maximumClasses = 254
    private static let noEntry: UInt64 = 0xFFFF
    private static let longRow: UInt64 = 0xFF
    private static let denseRow: UInt64 = 0xFE

    /// Rows of at least this many entries are kept dense: adding a dense row that is in cache
    /// costs about as much as adding a sixth of its classes one by one, but a dense row takes
    /// several times the memory of a sparse one, so only rows of a quarter of the classes or
    /// more (the features that fire on nearly every word) are worth it.
    private static func denseLength(classCount: Int) -> Int { max(3, classCount / 4) }
    /// The most memory dense rows may take; past it, only the longest rows are dense.
    private static let denseBytes = 2 << 20

    /// A feature's key: the top half of its scrambled hash.
    @inline(__always)
    static func key(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: FeatureHash.finalize(hash) >> 32) }

    init(rows: [Row], classCount: Int) {
        precondition(classCount <= Self.maximumClasses, "a class is stored in 8 bits")
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
        // At most one key in two slots: linear probing then finds a key in about 1.5 probes and
        // learns that a feature is unknown in about 2.5, most within one cache line.
        let capacity = max(16, keys.count * 2)
        let slots = LookupMemory<UInt64>(count: capacity)
        let lanes = (classCount + 7) / 8
        var denseLength = Self.denseLength(classCount: classCount)
        var histogram = [Int](repeating: 0, count: 256)
        for length in lengths { histogram[Int(length)] += 1 }
        var denseCount = histogram[denseLength...].reduce(0, +)
        while denseCount * lanes * 32 > Self.denseBytes, denseLength < 255 {
            denseCount -= histogram[denseLength]
            denseLength += 1
        }
        let longEntries = lengths.reduce(0) { $0 + ($1 > 2 && Int($1) < denseLength ? Int($1) + 1 : 0) }
        let pool = LookupMemory<UInt16>(count: longEntries)
        let dense = LookupMemory<SIMD8<Int32>>(count: denseCount * lanes)
        var starts = [Int](repeating: 0, count: keys.count + 1)
        for index in keys.indices { starts[index + 1] = starts[index] + Int(lengths[index]) }
        // Long rows are laid out longest first: the longest belong to the features seen most in
        // training, which are also the ones looked up most, so the rows read most share cache lines.
        let longestFirst = keys.indices.filter { lengths[$0] > 2 }.sorted {
            lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1
        }
        var payloads = [UInt64](repeating: 0, count: keys.count)
        var poolCount = 0
        var denseRows = 0
        for index in longestFirst {
            let start = starts[index]
            let length = Int(lengths[index])
            if length >= denseLength {
                payloads[index] = Self.denseRow | UInt64(denseRows) << 8
                for entry in entries[start..<start + length] {
                    let label = Int(entry & 0xFF)
                    dense[denseRows * lanes + label / 8][label % 8] = codebook[Int(entry >> 8)]
                }
                denseRows += 1
            } else {
                payloads[index] = Self.longRow | UInt64(poolCount) << 8
                pool[poolCount] = UInt16(length)
                for offset in 0..<length { pool[poolCount + 1 + offset] = entries[start + offset] }
                poolCount += 1 + length
            }
        }
        for index in keys.indices {
            let key = keys[index]
            let start = starts[index]
            let payload: UInt64
            switch lengths[index] {
            case 1: payload = UInt64(entries[start]) | Self.noEntry << 16
            case 2: payload = UInt64(entries[start]) | UInt64(entries[start + 1]) << 16
            default: payload = payloads[index]
            }
            var slot = Self.home(key, capacity)
            while slots[slot] != 0 { slot = slot + 1 == capacity ? 0 : slot + 1 }
            // Never 0: a row's entries have distinct classes, and a lone one is paired with `noEntry`.
            slots[slot] = UInt64(key) << 32 | payload
        }
        self.slots = slots
        self.pool = pool
        self.dense = dense
        self.lanes = lanes
        self.capacity = capacity
    }

    /// The first slot to look for `key` in.
    @inline(__always)
    private static func home(_ key: UInt32, _ capacity: Int) -> Int { Int((UInt64(key) &* UInt64(capacity)) >> 32) }

    /// Adds the weights of `count` features into `scores` (in units of ``scale``).
    @inline(__always)
    func score(_ features: UnsafePointer<UInt64>, count: Int, into scores: UnsafeMutablePointer<Int32>) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * count) { buffer in
            let slots = slots.base
            let pool = pool.base
            let capacity = capacity
            // Each feature's key and first slot, `key << 32 | slot`, computed apart from the loads
            // so that the loop of loads is short enough for many of them to be in flight at once.
            let keyed = buffer.baseAddress!
            let found = buffer.baseAddress! + count
            for index in 0..<count {
                let key = Self.key(features[index])
                keyed[index] = UInt64(key) << 32 | UInt64(Self.home(key, capacity))
            }
            for index in 0..<count { found[index] = slots[Int(truncatingIfNeeded: keyed[index] & 0xFFFF_FFFF)] }
            // The slot that holds each feature's key (0 if none), and the first line of each long
            // row: `touched` only keeps those loads from being optimized away (a row is shorter
            // than 256 entries, so it never reaches 0xFFFF).
            var touched: UInt16 = 0
            for index in 0..<count {
                let key = keyed[index] >> 32
                var slot = found[index]
                if slot >> 32 != key, slot != 0 {
                    var position = Int(truncatingIfNeeded: keyed[index] & 0xFFFF_FFFF)
                    repeat {
                        position = position + 1 == capacity ? 0 : position + 1
                        slot = slots[position]
                    } while slot != 0 && slot >> 32 != key
                    found[index] = slot
                } else if slot >> 32 != key {
                    continue
                }
                if slot & 0xFF == Self.longRow { touched |= pool[Int((slot >> 8) & 0xFF_FFFF)] }
            }
            if touched == 0xFFFF { scores[0] &+= 1 }
            let lanes = lanes
            let dense = dense.base
            withUnsafeTemporaryAllocation(of: SIMD8<Int32>.self, capacity: lanes) { sums in
                sums.initialize(repeating: .zero)
                codebook.withUnsafeBufferPointer { codebook in
                    for index in 0..<count {
                        let slot = found[index]
                        guard slot != 0 else { continue }
                        if slot & 0xFF == Self.denseRow {
                            let row = dense + Int((slot >> 8) & 0xFF_FFFF) * lanes
                            for lane in 0..<lanes { sums[lane] &+= row[lane] }
                        } else if slot & 0xFF != Self.longRow {
                            let entry = slot & 0xFFFF
                            scores[Int(entry & 0xFF)] &+= codebook[Int(entry >> 8)]
                            let second = (slot >> 16) & 0xFFFF
                            if second != Self.noEntry {
                                scores[Int(second & 0xFF)] &+= codebook[Int(second >> 8)]
                            }
                        } else {
                            let start = Int((slot >> 8) & 0xFF_FFFF)
                            let end = start + 1 + Int(pool[start])
                            for entry in start + 1..<end {
                                let packed = pool[entry]
                                scores[Int(packed & 0xFF)] &+= codebook[Int(packed >> 8)]
                            }
                        }
                    }
                }
                for label in 0..<classCount { scores[label] &+= sums[label / 8][label % 8] }
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
        guard codebook.count == 256, classCount <= Self.maximumClasses, keys.count == lengths.count,
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
