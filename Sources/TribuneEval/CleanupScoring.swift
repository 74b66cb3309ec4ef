/// The WCXB metric: lower-cased `\w+` words as a multiset, precision, recall and F1 per page,
/// macro-averaged over pages.
struct BagOfWords: Sendable {
    /// Word counts by a hash of the word (FNV-1a of its lower-cased UTF-8).
    private(set) var counts: [UInt64: Int] = [:]
    private(set) var total = 0

    /// The words of `text`: runs of letters, digits, marks and `_`, as Python's `\w+` finds them
    /// (an approximation of Python's Unicode classes), lower-cased.
    init(_ text: String) {
        var hash = Self.seed
        var inWord = false
        for scalar in text.unicodeScalars {
            if Self.isWordScalar(scalar) {
                inWord = true
                if scalar.isASCII {
                    let value = UInt8(scalar.value)
                    hash = (hash ^ UInt64(value >= 0x41 && value <= 0x5A ? value | 0x20 : value)) &* Self.prime
                } else {
                    let properties = scalar.properties
                    let lower = properties.changesWhenLowercased ? properties.lowercaseMapping : String(scalar)
                    for byte in lower.utf8 { hash = (hash ^ UInt64(byte)) &* Self.prime }
                }
            } else if inWord {
                add(hash)
                hash = Self.seed
                inWord = false
            }
        }
        if inWord { add(hash) }
    }

    private static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    private mutating func add(_ word: UInt64) {
        counts[word, default: 0] += 1
        total += 1
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
                || (value >= 0x30 && value <= 0x39) || value == 0x5F
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber, .nonspacingMark, .spacingMark:
            return true
        default:
            return false
        }
    }

    /// Precision, recall and F1 of `self` (the extraction) against `gold`. An empty extraction
    /// scores 0.
    func score(against gold: BagOfWords) -> PageScore {
        var overlap = 0
        let (small, large) = counts.count <= gold.counts.count ? (counts, gold.counts) : (gold.counts, counts)
        for (word, count) in small { overlap += min(count, large[word] ?? 0) }
        let precision = total == 0 ? 0 : Double(overlap) / Double(total)
        let recall = gold.total == 0 ? 0 : Double(overlap) / Double(gold.total)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return PageScore(precision: precision, recall: recall, f1: f1)
    }
}

struct PageScore: Sendable {
    var precision: Double
    var recall: Double
    var f1: Double
}

/// Macro averages of page scores.
struct ScoreAverage: Sendable {
    private(set) var pages = 0
    private var precision = 0.0
    private var recall = 0.0
    private var f1 = 0.0

    mutating func add(_ score: PageScore) {
        pages += 1
        precision += score.precision
        recall += score.recall
        f1 += score.f1
    }

    var mean: PageScore {
        let n = Double(max(pages, 1))
        return PageScore(precision: precision / n, recall: recall / n, f1: f1 / n)
    }
}
