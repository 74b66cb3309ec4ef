/// Hashing for sparse features: a feature is a 64-bit hash of its template and its values, so
/// the models never build a `String` or a dictionary key per token.
///
/// Values are themselves hashes (of a word's bytes) or small integers (tag and label ids);
/// ``mix(_:_:)`` folds one into the running hash. The same bytes give the same hash on every
/// machine and in every run, which the model files rely on.
enum FeatureHash {
    /// The starting hash of template number `id`.
    @inline(__always)
    static func template(_ id: Int) -> UInt64 {
        finalize(UInt64(truncatingIfNeeded: id) &+ 0x5851_F42D_4C95_7F2D)
    }

    /// Folds `value` into `hash`.
    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        var x = (hash ^ value) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return x &+ (value &* 0xBF58_476D_1CE4_E5B9)
    }

    @inline(__always)
    static func mix(_ hash: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 { mix(mix(hash, a), b) }

    @inline(__always)
    static func mix(_ hash: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 { mix(mix(mix(hash, a), b), c) }

    /// A strong final scramble (MurmurHash3's), so that low bits index tables well.
    @inline(__always)
    static func finalize(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// FNV-1a over bytes, finalized.
    @inline(__always)
    static func bytes(_ start: UnsafePointer<UInt8>, count: Int, seed: UInt64 = 0) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for index in 0..<count { value = (value ^ UInt64(start[index])) &* 0x100_0000_01B3 }
        return finalize(value ^ UInt64(count))
    }

    /// The hash of a string's UTF-8 bytes, as ``bytes(_:count:seed:)`` gives it (for training
    /// and tools, not hot paths).
    static func string(_ text: String, seed: UInt64 = 0) -> UInt64 {
        var copy = text
        return copy.withUTF8 { utf8 in
            bytes(utf8.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: utf8.count, seed: seed)
        }
    }
}

/// Maps 64-bit keys to 32-bit values by open addressing, growing as needed. Key 0 is reserved.
struct HashIndex {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    @inline(__always)
    func find(_ hash: UInt64) -> Int32? {
        let key = Self.key(hash)
        var slot = Int(truncatingIfNeeded: FeatureHash.finalize(key)) & mask
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// The value of `hash`, inserting `make()` when absent.
    @inline(__always)
    mutating func findOrInsert(_ hash: UInt64, _ make: () -> Int32) -> Int32 {
        let key = Self.key(hash)
        var slot = Int(truncatingIfNeeded: FeatureHash.finalize(key)) & mask
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { break }
            slot = (slot + 1) & mask
        }
        let value = make()
        keys[slot] = key
        values[slot] = value
        count += 1
        if count * 3 > keys.count * 2 { grow() }
        return value
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldValues) where key != 0 {
            var slot = Int(truncatingIfNeeded: FeatureHash.finalize(key)) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }
}

/// A small deterministic random generator (SplitMix64): training shuffles and explores with it,
/// so the same seed gives the same model.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in `[0, 1)`.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Shuffles in place (Fisher–Yates), the same way on every platform.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(index, below(index + 1)) }
    }
}
