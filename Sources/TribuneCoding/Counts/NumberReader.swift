/// A number read from the tokens: "150", "1,500", "three", "two hundred", "a dozen", "1.5 million",
/// "hundreds", "tens of thousands".
struct NumberMatch: Equatable {
    /// The tokens it spans.
    var tokens: Range<Int>
    var value: Int
    /// An imprecise plural ("hundreds"): the value is a lower bound.
    var vague: Bool
    /// Written as a four-digit number with no separator ("2001"): perhaps a year.
    var yearLike: Bool
}

/// Reads numbers from token words with the lexicon's number words.
struct NumberReader {
    let lexicon: CountLexicon
    let words: TokenWords

    /// The number that starts at token `index`, if one does.
    func number(at index: Int) -> NumberMatch? {
        let word = words.lower[index]
        var end = index + 1
        var value: Double
        var vague = false
        var yearLike = false
        if let digits = Self.digits(word) {
            value = digits
            yearLike = word.utf8.count == 4 && !word.contains(",") && !word.contains(".")
        } else if word == "a" || word == "an", index + 1 < words.count,
            let scale = lexicon.numbers[words.lower[index + 1]], scale.role == .scale
        {
            value = Double(scale.value)
            end = index + 2
        } else if index + 2 < words.count, words.isJoiner(index + 1),
            let compound = compoundWord(word + "-" + words.lower[index + 2])
        {
            value = Double(compound)
            end = index + 3
        } else if let number = lexicon.numbers[word] {
            value = Double(number.value)
            vague = number.role == .vague
        } else if let compound = compoundWord(word) {
            value = Double(compound)
        } else {
            return nil
        }
        if vague {
            // "tens of thousands", "hundreds of thousands"
            if end + 1 < words.count, words.lower[end] == "of", let next = lexicon.numbers[words.lower[end + 1]],
                next.role == .vague
            {
                value *= Double(next.value / 2)
                end += 2
            }
        } else {
            while end < words.count, let scale = lexicon.numbers[words.lower[end]], scale.role == .scale {
                value *= Double(scale.value)
                end += 1
                yearLike = false
            }
        }
        guard value >= 1, value < 1e12, value == value.rounded() else { return nil }
        return NumberMatch(tokens: index..<end, value: Int(value), vague: vague, yearLike: yearLike)
    }

    /// "150", "1,500", "2.5": digits with thousands separators or a decimal point.
    static func digits(_ word: String) -> Double? {
        guard let first = word.utf8.first, first >= 0x30, first <= 0x39 else { return nil }
        var cleaned = ""
        for scalar in word.unicodeScalars {
            switch scalar {
            case "0"..."9", ".": cleaned.unicodeScalars.append(scalar)
            case ",": continue
            default: return nil
            }
        }
        return Double(cleaned)
    }

    /// "twenty-five": tens and a unit joined by a hyphen.
    private func compoundWord(_ word: String) -> Int? {
        let parts = word.split(separator: "-")
        guard parts.count == 2, let tens = lexicon.numbers[String(parts[0])],
            let unit = lexicon.numbers[String(parts[1])],
            tens.role == .unit, unit.role == .unit, tens.value >= 20, tens.value % 10 == 0, unit.value < 10
        else { return nil }
        return tens.value + unit.value
    }
}
