/// The tagger's feature templates: the word itself (form, normalized form, prefixes, suffixes,
/// shape), the two words on each side, the tags already given to the two words on the left,
/// and the ambiguity classes (from ``TagLexicon``) of the word and of the two on its right.
/// The second pass adds the tags the first pass gave the two words on the right.
enum TaggerFeatures {
    static let count = 34
    /// Features of the second pass: the first pass's, then ``extractRight``'s.
    static let secondPassCount = 40

    /// Per sentence: the lexicon's view of each position, padded like ``SentenceAttributes``.
    struct Context {
        var ambiguity: [UInt64] = []
        var fixedTags: [Int] = []

        mutating func fill(_ sentence: SentenceAttributes, lexicon: TagLexicon) {
            ambiguity.removeAll(keepingCapacity: true)
            fixedTags.removeAll(keepingCapacity: true)
            for (position, word) in sentence.words.enumerated() {
                if position < 2 || position >= sentence.words.count - 2 {
                    ambiguity.append(word.norm)
                    fixedTags.append(-1)
                } else {
                    let entry = lexicon.lookup(word.norm)
                    ambiguity.append(entry.ambiguity)
                    fixedTags.append(entry.fixedTag)
                }
            }
        }
    }

    private static let t = (0..<secondPassCount).map { FeatureHash.template(100 + $0) }

    /// Writes the second pass's extra features of word `index` into `out` (after the
    /// ``count`` of ``extract``): `next` and `afterNext` are the first pass's tags of the two
    /// words on the right, plus one (0 past the end).
    @inline(__always)
    static func extractRight(
        _ index: Int, _ sentence: SentenceAttributes, previous: UInt64, next: UInt64, afterNext: UInt64,
        into out: UnsafeMutablePointer<UInt64>
    ) {
        sentence.words.withUnsafeBufferPointer { words in
            t.withUnsafeBufferPointer { t in
                let w = words[index + 2]
                out[34] = FeatureHash.mix(t[34], next)
                out[35] = FeatureHash.mix(t[35], next, afterNext)
                out[36] = FeatureHash.mix(t[36], previous, next)
                out[37] = FeatureHash.mix(t[37], next, w.norm)
                out[38] = FeatureHash.mix(t[38], next, w.suffix3)
                out[39] = FeatureHash.mix(t[39], next, words[index + 3].norm)
            }
        }
    }

    /// Writes the features of word `index` into `out` (``count`` of them). `previous` and
    /// `beforePrevious` are the tags of the two words on the left, plus one (0 before the start).
    @inline(__always)
    static func extract(
        _ index: Int, _ sentence: SentenceAttributes, _ context: Context, previous: UInt64, beforePrevious: UInt64,
        into out: UnsafeMutablePointer<UInt64>
    ) {
        sentence.words.withUnsafeBufferPointer { words in
            context.ambiguity.withUnsafeBufferPointer { ambiguity in
                t.withUnsafeBufferPointer { t in
                    let p = index + 2
                    let w = words[p]
                    let left = words[p - 1]
                    let right = words[p + 1]
                    let mix = FeatureHash.mix as (UInt64, UInt64) -> UInt64
                    out[0] = t[0]
                    out[1] = mix(t[1], w.norm)
                    out[2] = mix(t[2], w.form)
                    out[3] = mix(t[3], w.suffix1)
                    out[4] = mix(t[4], w.suffix2)
                    out[5] = mix(t[5], w.suffix3)
                    out[6] = mix(t[6], w.suffix4)
                    out[7] = mix(t[7], w.prefix1)
                    out[8] = mix(t[8], w.prefix2)
                    out[9] = mix(t[9], w.prefix3)
                    out[10] = mix(t[10], w.shape)
                    out[11] = FeatureHash.mix(t[11], w.shape, w.flags)
                    out[12] = mix(t[12], previous)
                    out[13] = FeatureHash.mix(t[13], previous, beforePrevious)
                    out[14] = FeatureHash.mix(t[14], previous, w.norm)
                    out[15] = mix(t[15], left.norm)
                    out[16] = mix(t[16], left.suffix3)
                    out[17] = mix(t[17], words[p - 2].norm)
                    out[18] = mix(t[18], right.norm)
                    out[19] = mix(t[19], right.suffix3)
                    out[20] = mix(t[20], words[p + 2].norm)
                    out[21] = mix(t[21], ambiguity[p])
                    out[22] = mix(t[22], ambiguity[p + 1])
                    out[23] = mix(t[23], ambiguity[p + 2])
                    out[24] = FeatureHash.mix(t[24], previous, ambiguity[p + 1])
                    out[25] = FeatureHash.mix(t[25], w.norm, right.norm)
                    out[26] = FeatureHash.mix(t[26], left.norm, w.norm)
                    out[27] = FeatureHash.mix(t[27], previous, w.suffix3)
                    out[28] = mix(t[28], right.shape)
                    out[29] = FeatureHash.mix(t[29], ambiguity[p], ambiguity[p + 1])
                    out[30] = mix(t[30], beforePrevious)
                    out[31] = FeatureHash.mix(t[31], previous, ambiguity[p])
                    out[32] = FeatureHash.mix(t[32], w.norm, ambiguity[p + 1])
                    out[33] = FeatureHash.mix(t[33], left.shape, w.shape)
                }
            }
        }
    }
}
