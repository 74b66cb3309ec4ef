/// The parser's feature templates: those of Zhang and Nivre (2011, "Transition-based dependency
/// parsing with rich non-local features") for arc-eager parsing: words (`w`) and tags (`p`) of
/// the stack's top `S0`, the buffer's first three words `N0 N1 N2`, the head and grandparent of
/// `S0`, the leftmost and rightmost dependents of `S0` and `N0` and the next ones in, the
/// distance between `S0` and `N0`, valencies, relation labels (`l`) and label sets; plus a bias
/// and the word under the top, `S1`; and combinations of the buffer's first two words with the
/// top, of the top's head with the front, and of labels with the tags of the pair; and the
/// tag triples again with universal parts of speech (`c`), which generalize where the fine tags
/// are too sparse.
enum ParserFeatures {
    static let count = 96

    private static let t = (0..<count).map { FeatureHash.template(1000 + $0) }

    /// Per sentence: the word and tag values of each position, `0` the root, `n + 1` "none".
    struct Values {
        var words: [UInt64] = []
        var tags: [UInt64] = []
        var coarse: [UInt64] = []

        static let rootValue: UInt64 = 0x524F_4F54
        static let noneValue: UInt64 = 0x4E4F_4E45

        /// `universal[tag]` is the id of the tag's universal part of speech.
        mutating func fill(
            _ sentence: SentenceAttributes, tags sentenceTags: UnsafeBufferPointer<UInt16>, universal: [UInt8]
        ) {
            words.removeAll(keepingCapacity: true)
            tags.removeAll(keepingCapacity: true)
            coarse.removeAll(keepingCapacity: true)
            words.append(Self.rootValue)
            tags.append(Self.rootValue)
            coarse.append(Self.rootValue)
            for index in 0..<sentence.count {
                let tag = Int(sentenceTags[index])
                words.append(sentence.words[index + 2].norm)
                tags.append(UInt64(tag) + 1)
                coarse.append(UInt64(universal[tag]) + 1)
            }
            words.append(Self.noneValue)
            tags.append(Self.noneValue)
            coarse.append(Self.noneValue)
        }
    }

    /// Distance buckets: 1, 2, 3, 4, 5–6, 7–9, 10+.
    @inline(__always)
    private static func distance(_ d: Int) -> UInt64 {
        switch d {
        case ...4: return UInt64(max(0, d))
        case 5...6: return 5
        case 7...9: return 6
        default: return 7
        }
    }

    /// Writes the features of configuration `c` into `out` (``count`` of them).
    @inline(__always)
    static func extract(_ c: ArcEager, _ values: Values, into out: UnsafeMutablePointer<UInt64>) {
        values.words.withUnsafeBufferPointer { w in
            values.tags.withUnsafeBufferPointer { p in
                values.coarse.withUnsafeBufferPointer { cp in
                    t.withUnsafeBufferPointer { t in
                        extract(c, w, p, cp, t, out)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func extract(
        _ c: ArcEager, _ w: UnsafeBufferPointer<UInt64>, _ p: UnsafeBufferPointer<UInt64>,
        _ cp: UnsafeBufferPointer<UInt64>, _ t: UnsafeBufferPointer<UInt64>, _ out: UnsafeMutablePointer<UInt64>
    ) {
        let none = c.none
        let s0 = c.top
        let n0 = c.buffer <= c.n ? c.buffer : none
        let n1 = c.buffer + 1 <= c.n ? c.buffer + 1 : none
        let n2 = c.buffer + 2 <= c.n ? c.buffer + 2 : none
        let s1 = c.second
        let s0h = c.heads[s0] >= 0 ? c.heads[s0] : none
        let s0h2 = c.heads[s0h] >= 0 ? c.heads[s0h] : none
        let s0l = c.leftmost[s0]
        let s0l2 = c.leftmost2[s0]
        let s0r = c.rightmost[s0]
        let s0r2 = c.rightmost2[s0]
        let n0l = c.leftmost[n0]
        let n0l2 = c.leftmost2[n0]
        @inline(__always) func l(_ word: Int) -> UInt64 { UInt64(bitPattern: Int64(c.labels[word])) }

        let s0w = w[s0]
        let s0p = p[s0]
        let n0w = w[n0]
        let n0p = p[n0]
        let n1w = w[n1]
        let n1p = p[n1]
        let n2w = w[n2]
        let n2p = p[n2]
        let d: UInt64 = s0 != none && n0 != none ? distance(n0 - s0) : 99
        let mix2 = FeatureHash.mix as (UInt64, UInt64) -> UInt64
        let mix3 = FeatureHash.mix as (UInt64, UInt64, UInt64) -> UInt64
        let mix4 = FeatureHash.mix as (UInt64, UInt64, UInt64, UInt64) -> UInt64

        out[0] = t[0]
        // Single words.
        out[1] = mix3(t[1], s0w, s0p)
        out[2] = mix2(t[2], s0w)
        out[3] = mix2(t[3], s0p)
        out[4] = mix3(t[4], n0w, n0p)
        out[5] = mix2(t[5], n0w)
        out[6] = mix2(t[6], n0p)
        out[7] = mix3(t[7], n1w, n1p)
        out[8] = mix2(t[8], n1w)
        out[9] = mix2(t[9], n1p)
        out[10] = mix3(t[10], n2w, n2p)
        out[11] = mix2(t[11], n2w)
        out[12] = mix2(t[12], n2p)
        // Word pairs.
        out[13] = FeatureHash.mix(mix3(t[13], s0w, s0p), n0w, n0p)
        out[14] = mix4(t[14], s0w, s0p, n0w)
        out[15] = mix4(t[15], s0w, n0w, n0p)
        out[16] = mix4(t[16], s0w, s0p, n0p)
        out[17] = mix4(t[17], s0p, n0w, n0p)
        out[18] = mix3(t[18], s0w, n0w)
        out[19] = mix3(t[19], s0p, n0p)
        out[20] = mix3(t[20], n0p, n1p)
        // Three words.
        out[21] = mix4(t[21], n0p, n1p, n2p)
        out[22] = mix4(t[22], s0p, n0p, n1p)
        out[23] = mix4(t[23], p[s0h], s0p, n0p)
        out[24] = mix4(t[24], s0p, p[s0l], n0p)
        out[25] = mix4(t[25], s0p, p[s0r], n0p)
        out[26] = mix4(t[26], s0p, n0p, p[n0l])
        // Distance.
        out[27] = mix3(t[27], s0w, d)
        out[28] = mix3(t[28], s0p, d)
        out[29] = mix3(t[29], n0w, d)
        out[30] = mix3(t[30], n0p, d)
        out[31] = mix4(t[31], s0w, n0w, d)
        out[32] = mix4(t[32], s0p, n0p, d)
        // Valency.
        let s0vr = UInt64(c.rightCount[s0])
        let s0vl = UInt64(c.leftCount[s0])
        let n0vl = UInt64(c.leftCount[n0])
        out[33] = mix3(t[33], s0w, s0vr)
        out[34] = mix3(t[34], s0p, s0vr)
        out[35] = mix3(t[35], s0w, s0vl)
        out[36] = mix3(t[36], s0p, s0vl)
        out[37] = mix3(t[37], n0w, n0vl)
        out[38] = mix3(t[38], n0p, n0vl)
        // Unigrams of heads and dependents.
        out[39] = mix2(t[39], w[s0h])
        out[40] = mix2(t[40], p[s0h])
        out[41] = mix2(t[41], l(s0))
        out[42] = mix2(t[42], w[s0l])
        out[43] = mix2(t[43], p[s0l])
        out[44] = mix2(t[44], l(s0l))
        out[45] = mix2(t[45], w[s0r])
        out[46] = mix2(t[46], p[s0r])
        out[47] = mix2(t[47], l(s0r))
        out[48] = mix2(t[48], w[n0l])
        out[49] = mix2(t[49], p[n0l])
        out[50] = mix2(t[50], l(n0l))
        // Third order.
        out[51] = mix2(t[51], w[s0h2])
        out[52] = mix2(t[52], p[s0h2])
        out[53] = mix2(t[53], l(s0h))
        out[54] = mix2(t[54], w[s0l2])
        out[55] = mix2(t[55], p[s0l2])
        out[56] = mix2(t[56], l(s0l2))
        out[57] = mix2(t[57], w[s0r2])
        out[58] = mix2(t[58], p[s0r2])
        out[59] = mix2(t[59], l(s0r2))
        out[60] = mix2(t[60], w[n0l2])
        out[61] = mix2(t[61], p[n0l2])
        out[62] = mix2(t[62], l(n0l2))
        out[63] = mix4(t[63], s0p, p[s0l], p[s0l2])
        out[64] = mix4(t[64], s0p, p[s0r], p[s0r2])
        out[65] = mix4(t[65], s0p, p[s0h], p[s0h2])
        out[66] = mix4(t[66], n0p, p[n0l], p[n0l2])
        // Label sets.
        let s0sr = c.rightLabels[s0]
        let s0sl = c.leftLabels[s0]
        let n0sl = c.leftLabels[n0]
        out[67] = mix3(t[67], s0w, s0sr)
        out[68] = mix3(t[68], s0p, s0sr)
        out[69] = mix3(t[69], s0w, s0sl)
        out[70] = mix3(t[70], s0p, s0sl)
        out[71] = mix3(t[71], n0w, n0sl)
        out[72] = mix3(t[72], n0p, n0sl)
        // The word under the top.
        out[73] = mix3(t[73], w[s1], p[s1])
        out[74] = mix2(t[74], p[s1])
        out[75] = mix4(t[75], p[s1], s0p, n0p)
        out[76] = mix4(t[76], w[s1], s0p, n0p)
        out[77] = mix4(t[77], s0p, l(s0), n0p)
        // Pairs and triples around the front.
        out[78] = mix3(t[78], n0w, n1w)
        out[79] = mix3(t[79], n0w, n1p)
        out[80] = mix3(t[80], n0p, n1w)
        out[81] = mix4(t[81], s0w, n0p, n1p)
        out[82] = mix3(t[82], w[s0h], n0w)
        out[83] = mix3(t[83], w[s0h], n0p)
        out[84] = mix4(t[84], l(s0l), s0p, n0p)
        out[85] = mix4(t[85], l(s0r), s0p, n0p)
        out[86] = mix4(t[86], l(n0l), n0p, s0p)
        out[87] = mix4(t[87], s0vr, s0p, n0p)
        // Universal parts of speech.
        out[88] = mix4(t[88], cp[s0], cp[n0], cp[n1])
        out[89] = mix4(t[89], cp[s0h], cp[s0], cp[n0])
        out[90] = mix4(t[90], cp[s0], cp[n0], d)
        out[91] = mix4(t[91], cp[s1], cp[s0], cp[n0])
        out[92] = mix4(t[92], cp[n0], cp[n1], cp[n2])
        out[93] = mix4(t[93], cp[s0], cp[s0r], cp[n0])
        out[94] = mix4(t[94], cp[s0], cp[n0], cp[n0l])
        out[95] = mix3(t[95], cp[s0], n0w)
    }
}
