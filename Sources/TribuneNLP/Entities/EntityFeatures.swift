import TribuneCore

/// The recognizer's labels: `O`, then `B-`, `I-`, `L-`, `U-` (begin, inside, last, unit) for
/// each entity type it was trained on.
struct EntityLabels: Sendable, Hashable {
    let types: [Entity.Kind]

    init(types: [Entity.Kind]) { self.types = types }

    var count: Int { 1 + 4 * types.count }

    enum Place: Int {
        case begin = 0
        case inside
        case last
        case unit
    }

    static let outside = 0

    func label(_ type: Int, _ place: Place) -> Int { 1 + type * 4 + place.rawValue }
    func type(of label: Int) -> Int { (label - 1) / 4 }
    func place(of label: Int) -> Place { Place(rawValue: (label - 1) % 4)! }

    func name(_ label: Int) -> String {
        guard label != Self.outside else { return "O" }
        let prefix = ["B", "I", "L", "U"][place(of: label).rawValue]
        return "\(prefix)-\(types[type(of: label)].rawValue)"
    }

    /// Whether `label` begins or continues a span that a later label must close.
    @inline(__always)
    func opens(_ label: Int) -> Bool {
        label != Self.outside && (label - 1) % 4 <= Place.inside.rawValue
    }

    /// Whether `label` may follow `previous` (`O` before the first word).
    func allowed(_ label: Int, after previous: Int) -> Bool {
        let open = opens(previous)
        if label == Self.outside { return !open }
        let place = place(of: label)
        if open {
            return (place == .inside || place == .last) && type(of: label) == type(of: previous)
        }
        return place == .begin || place == .unit
    }

    /// Gold labels of a sentence of `count` words.
    func encode(_ spans: [EntitySpan], count: Int) -> [Int] {
        var labels = [Int](repeating: Self.outside, count: count)
        for span in spans {
            guard let type = types.firstIndex(of: span.type), !span.words.isEmpty else { continue }
            if span.words.count == 1 {
                labels[span.words.lowerBound] = label(type, .unit)
                continue
            }
            for index in span.words {
                let place: Place =
                    index == span.words.lowerBound ? .begin : index == span.words.upperBound - 1 ? .last : .inside
                labels[index] = label(type, place)
            }
        }
        return labels
    }

    /// The spans of a label sequence that ``allowed(_:after:)`` kept well formed.
    func decode(_ labels: ArraySlice<Int>) -> [EntitySpan] {
        var spans: [EntitySpan] = []
        var start = 0
        for (offset, label) in labels.enumerated() where label != Self.outside {
            switch place(of: label) {
            case .begin: start = offset
            case .inside: break
            case .last: spans.append(EntitySpan(words: start..<offset + 1, type: types[type(of: label)]))
            case .unit: spans.append(EntitySpan(words: offset..<offset + 1, type: types[type(of: label)]))
            }
        }
        return spans
    }
}

/// The recognizer's feature templates: the word (forms, affixes, shape), its neighbours two
/// either side, the labels given to the two words on the left, and the gazetteer's view of the
/// word and its neighbours.
enum EntityFeatures {
    static let count = 32

    private static let t = (0..<count).map { FeatureHash.template(300 + $0) }

    /// Writes the features of word `index` into `out`. `previous` and `beforePrevious` are the
    /// labels of the two words on the left plus one (0 before the start); `gazetteer` is
    /// ``EntityGazetteer/annotate(_:into:)``'s output.
    @inline(__always)
    static func extract(
        _ index: Int, _ sentence: SentenceAttributes, gazetteer: [UInt16], previous: UInt64, beforePrevious: UInt64,
        into out: UnsafeMutablePointer<UInt64>
    ) {
        sentence.words.withUnsafeBufferPointer { words in
            gazetteer.withUnsafeBufferPointer { gazetteer in
                t.withUnsafeBufferPointer { t in
                    let p = index + 2
                    let w = words[p]
                    let left = words[p - 1]
                    let right = words[p + 1]
                    let g = UInt64(gazetteer[p])
                    let mix = FeatureHash.mix as (UInt64, UInt64) -> UInt64
                    out[0] = t[0]
                    out[1] = mix(t[1], w.norm)
                    out[2] = mix(t[2], w.form)
                    out[3] = mix(t[3], w.shape)
                    out[4] = mix(t[4], w.prefix3)
                    out[5] = mix(t[5], w.suffix3)
                    out[6] = mix(t[6], w.suffix4)
                    out[7] = FeatureHash.mix(t[7], w.shape, w.flags)
                    out[8] = mix(t[8], previous)
                    out[9] = FeatureHash.mix(t[9], previous, beforePrevious)
                    out[10] = FeatureHash.mix(t[10], previous, w.norm)
                    out[11] = FeatureHash.mix(t[11], previous, w.shape)
                    out[12] = mix(t[12], left.norm)
                    out[13] = mix(t[13], left.form)
                    out[14] = mix(t[14], left.shape)
                    out[15] = mix(t[15], words[p - 2].norm)
                    out[16] = mix(t[16], right.norm)
                    out[17] = mix(t[17], right.shape)
                    out[18] = mix(t[18], words[p + 2].norm)
                    out[19] = FeatureHash.mix(t[19], left.shape, w.shape, right.shape)
                    out[20] = mix(t[20], g)
                    out[21] = FeatureHash.mix(t[21], g, w.shape)
                    out[22] = mix(t[22], UInt64(gazetteer[p - 1]))
                    out[23] = mix(t[23], UInt64(gazetteer[p + 1]))
                    out[24] = FeatureHash.mix(t[24], previous, g)
                    out[25] = FeatureHash.mix(t[25], left.norm, w.norm)
                    out[26] = FeatureHash.mix(t[26], w.norm, right.norm)
                    out[27] = mix(t[27], right.form)
                    out[28] = mix(t[28], w.flags)
                    out[29] = FeatureHash.mix(t[29], previous, right.shape)
                    out[30] = FeatureHash.mix(t[30], g, UInt64(gazetteer[p + 1]))
                    out[31] = FeatureHash.mix(t[31], left.norm, w.shape)
                }
            }
        }
    }
}
