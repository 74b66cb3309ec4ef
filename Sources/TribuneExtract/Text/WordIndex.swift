/// A map from ``WordScanner`` hashes to values, with open addressing and linear probing.
///
/// The keys are FNV-1a hashes, already well mixed, so their low bits index the table directly:
/// no second hash (Swift's `Hasher` is SipHash, several times the cost), which matters on the
/// path every word of every input takes.
struct WordIndex<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 8) {
        var capacity = 8
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Value?](repeating: nil, count: capacity)
        mask = capacity - 1
    }

    /// 0 marks an empty slot; a key that is 0 is stored as 1.
    @inline(__always) private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    subscript(key: UInt64) -> Value? {
        get {
            let key = Self.stored(key)
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let found = keys[slot]
                if found == key { return values[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
        set {
            guard let newValue else { return }  // removal is not needed here
            if (count + 1) * 2 > keys.count { grow() }
            let key = Self.stored(key)
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            if keys[slot] == 0 { count += 1 }
            keys[slot] = key
            values[slot] = newValue
        }
    }

    func contains(_ key: UInt64) -> Bool { self[key] != nil }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 { self[key] = value }
    }
}

extension WordIndex where Value == Bool {
    /// A set of words.
    init(_ words: some Sequence<UInt64>) {
        self.init()
        for word in words { self[word] = true }
    }
}
