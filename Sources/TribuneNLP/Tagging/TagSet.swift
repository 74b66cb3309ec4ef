/// The tags the tagger predicts: each is a pair of a Penn Treebank tag (XPOS) and a universal
/// part of speech (UPOS), as the English treebanks write them (`VBZ`/`AUX`, `VBZ`/`VERB`,
/// `IN`/`ADP`, `IN`/`SCONJ`), so that one decision gives both and they always agree.
///
/// The pairs come from the training data and are stored in the model file.
public struct TagSet: Sendable, Hashable {
    /// The XPOS of each tag id.
    public let xpos: [String]
    /// The UPOS of each tag id.
    public let upos: [String]
    /// The ``UniversalPOS`` of each tag id.
    let universal: [UniversalPOS]

    init(xpos: [String], upos: [String]) {
        precondition(xpos.count == upos.count)
        self.xpos = xpos
        self.upos = upos
        universal = upos.map { UniversalPOS(rawValue: $0) ?? .x }
    }

    public var count: Int { xpos.count }

    /// The index in ``UniversalPOS/allCases`` of each tag's UPOS.
    var universalIds: [UInt8] {
        universal.map { UInt8(UniversalPOS.allCases.firstIndex(of: $0)!) }
    }

    /// The id of a pair, if the tag set has it.
    public func id(xpos: String, upos: String) -> Int? {
        self.xpos.indices.first { self.xpos[$0] == xpos && self.upos[$0] == upos }
    }

    /// The tag set of the pairs found in `sentences`, most frequent first (ties by name).
    static func collect(_ sentences: [CoNLLU.Sentence]) -> TagSet {
        var counts: [String: Int] = [:]
        for sentence in sentences {
            for word in sentence.words where word.xpos != "_" || word.upos != "_" {
                counts[word.xpos + "\t" + word.upos, default: 0] += 1
            }
        }
        let pairs = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
            $0.key.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        return TagSet(xpos: pairs.map { $0[0] }, upos: pairs.map { $0[1] })
    }
}

/// The seventeen universal parts of speech of Universal Dependencies.
public enum UniversalPOS: String, Sendable, CaseIterable {
    case adj = "ADJ"
    case adp = "ADP"
    case adv = "ADV"
    case aux = "AUX"
    case cconj = "CCONJ"
    case det = "DET"
    case intj = "INTJ"
    case noun = "NOUN"
    case num = "NUM"
    case part = "PART"
    case pron = "PRON"
    case propn = "PROPN"
    case punct = "PUNCT"
    case sconj = "SCONJ"
    case sym = "SYM"
    case verb = "VERB"
    case x = "X"
}
