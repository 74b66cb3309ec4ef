/// The ScrapingHub article-extraction-benchmark metric: `\w+` tokens (case kept) joined in
/// 4-gram shingles, counted as a multiset; per page, true positives, false positives and false
/// negatives; precision and recall averaged over the pages where they are defined, and F1 of the
/// two means (as its `evaluate.py` computes them).
struct ShingleScore: Sendable {
    var truePositives = 0.0
    var falsePositives = 0.0
    var falseNegatives = 0.0

    init(extracted: String, gold: String, n: Int = 4) {
        let predicted = Self.shingles(extracted, n: n)
        let expected = Self.shingles(gold, n: n)
        for (shingle, count) in predicted {
            let other = expected[shingle] ?? 0
            truePositives += Double(min(count, other))
            falsePositives += Double(max(0, count - other))
        }
        for (shingle, count) in expected {
            falseNegatives += Double(max(0, count - (predicted[shingle] ?? 0)))
        }
    }

    /// `nil` where the page gives no basis for it (nothing extracted, and nothing expected).
    var precision: Double? {
        if falsePositives == 0 && falseNegatives == 0 { return 1 }
        if truePositives + falsePositives == 0 { return nil }
        return truePositives / (truePositives + falsePositives)
    }

    var recall: Double? {
        if falsePositives == 0 && falseNegatives == 0 { return 1 }
        if truePositives + falseNegatives == 0 { return nil }
        return truePositives / (truePositives + falseNegatives)
    }

    /// Shingles of `n` consecutive tokens; a text with fewer tokens is one shorter shingle.
    static func shingles(_ text: String, n: Int) -> [[String]: Int] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if BagOfWords.isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        var result: [[String]: Int] = [:]
        guard !tokens.isEmpty else { return result }
        for start in 0..<max(1, tokens.count - n + 1) {
            result[Array(tokens[start..<min(tokens.count, start + n)]), default: 0] += 1
        }
        return result
    }
}

/// Means of shingle precision and recall over pages, and F1 of the means.
struct ShingleAverage: Sendable {
    private(set) var pages = 0
    private var precisionSum = 0.0
    private var precisionPages = 0
    private var recallSum = 0.0
    private var recallPages = 0

    mutating func add(_ score: ShingleScore) {
        pages += 1
        if let p = score.precision {
            precisionSum += p
            precisionPages += 1
        }
        if let r = score.recall {
            recallSum += r
            recallPages += 1
        }
    }

    var precision: Double { precisionPages == 0 ? 0 : precisionSum / Double(precisionPages) }
    var recall: Double { recallPages == 0 ? 0 : recallSum / Double(recallPages) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// How extracted metadata is compared with gold metadata.
enum MetadataMatch {
    /// Titles: equal after lower-casing, collapsing white space and making typographic quotes
    /// and dashes plain (`’` as `'`, `–` as `-`).
    static func title(_ extracted: String?, _ gold: String) -> Bool {
        normalized(extracted ?? "") == normalized(gold)
    }

    /// Dates: the same calendar day (`YYYY-MM-DD`, whatever time follows).
    static func date(_ extracted: String?, _ gold: String) -> Bool {
        guard let extracted else { return false }
        return extracted.prefix(10) == gold.prefix(10)
    }

    /// Authors: the same set of names. Both sides are split at commas, semicolons, "and" and
    /// "&"; credentials standing alone ("MD", "RD"), case and punctuation are ignored.
    static func authors(_ extracted: [String], _ gold: String) -> Bool {
        let expected = names(gold)
        return !expected.isEmpty && names(extracted.joined(separator: ", ")) == expected
    }

    /// The gold's first author is among the extracted ones.
    static func firstAuthor(_ extracted: [String], _ gold: String) -> Bool {
        guard let first = orderedNames(gold).first else { return false }
        return names(extracted.joined(separator: ", ")).contains(first)
    }

    static func names(_ text: String) -> Set<String> { Set(orderedNames(text)) }

    /// The names of an author field in the order written.
    static func orderedNames(_ text: String) -> [String] {
        var names: [String] = []
        let separated = text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " AND ", with: ",")
            .replacingOccurrences(of: "&", with: ",").replacingOccurrences(of: ";", with: ",")
        for part in separated.split(separator: ",") {
            let letters = part.filter(\.isLetter)
            if letters.isEmpty || (letters.count <= 5 && letters.allSatisfy(\.isUppercase)) { continue }
            let words = normalized(String(part)).split(whereSeparator: {
                !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-"
            })
            let name = words.joined(separator: " ")
            if !words.isEmpty && !names.contains(name) { names.append(name) }
        }
        return names
    }

    static func normalized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in text.lowercased().unicodeScalars {
            var c = scalar
            switch scalar.value {
            case 0x2018, 0x2019, 0x201B, 0x2032: c = "'"
            case 0x201C, 0x201D, 0x201F, 0x2033: c = "\""
            case 0x2010...0x2015, 0x2212: c = "-"
            default: break
            }
            if c.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if space { out.append(" ") }
            space = false
            out.append(c)
        }
        return String(out)
    }
}
