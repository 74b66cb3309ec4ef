import TribuneCore
import TribuneNLP

/// A name in the text that stands for a place: where it is and why it was taken for one.
public struct PlaceMention: Hashable, Sendable {
    /// What in the text says it is a place, besides the gazetteer.
    public enum Cue: Hashable, Sendable {
        case none
        /// After a locative preposition ("in", "near", "from").
        case preposition
        /// A word for a kind of place before or after it ("the city of X", "X province").
        case placeWord
    }

    /// UTF-8 byte range in the text.
    public var bytes: Range<Int>
    /// Index of the sentence it is in.
    public var sentence: Int
    public var cue: Cue
    /// Whether the gazetteer holds the name (unknown names are kept only with a strong cue).
    public var inGazetteer: Bool

    public init(bytes: Range<Int>, sentence: Int, cue: Cue = .none, inGazetteer: Bool = true) {
        self.bytes = bytes
        self.sentence = sentence
        self.cue = cue
        self.inGazetteer = inGazetteer
    }
}

/// A demonym or country adjective ("Kenyan", "Iraqis"): it says which country a text is
/// about, but names no place.
public struct CountryReference: Hashable, Sendable {
    public var bytes: Range<Int>
    /// ISO 3166-1 alpha-2.
    public var country: String
}

/// Finds place names until named-entity recognition gives them: runs of capitalized tokens that
/// the gazetteer holds, read with the words around them. A run is not taken when it is part of a
/// longer name ("Jordan Peterson"), follows a title ("President"), comes before a verb of saying,
/// is the surname of a person named in full elsewhere in the text, or is a common word ("Bath",
/// "Nice") without a cue. Unknown names are kept with a strong cue: a word for a kind of place
/// ("X province", "the town of X", lists before "regions"), or a compass word after a preposition
/// ("in North Kivu").
public struct PlaceMentionFinder: Sendable {
    let gazetteer: Gazetteer
    let words: PlaceWords
    /// Single words that are places somewhere but mostly common words (`place-common-words.txt`).
    let commonWords: Set<String>

    static let commonWordsFile = "place-common-words.txt"
    static let longestName = 6

    public init(gazetteer: Gazetteer) throws {
        self.gazetteer = gazetteer
        words = try PlaceWords()
        let common =
            (try? ResourceLocator.text(Self.commonWordsFile, module: "TribuneCoding", sourceFile: #filePath)) ?? ""
        commonWords = Set(DataFile.entries(common).map(String.init))
    }

    /// Place mentions and country references of a text, in text order. Tokens inside `skip`
    /// (time expressions, say) are never part of a place name.
    public func find(
        _ text: UnsafeBufferPointer<UInt8>, tokens: [Token], sentences: [Sentence], skip: [Range<Int>] = []
    ) -> (places: [PlaceMention], countries: [CountryReference]) {
        var places: [PlaceMention] = []
        var countries: [CountryReference] = []
        var surnames = Set<[UInt8]>()
        var skipIndex = 0
        // Pass over sentences; person names found on the way make surnames.
        var pending: [(PlaceMention, key: [UInt8], single: Bool)] = []
        for (sentenceIndex, sentence) in sentences.enumerated() {
            let range = sentence.tokens
            var keys: [[UInt8]] = []
            var capitalized: [Bool] = []
            var skipped: [Bool] = []
            for t in range {
                let token = tokens[t].range
                keys.append(PlaceName.key(text, [token]))
                let first = text[token.lowerBound]
                capitalized.append((first >= 0x41 && first <= 0x5A) || (first >= 0xC3 && first <= 0xC3))
                while skipIndex < skip.count, skip[skipIndex].upperBound <= token.lowerBound { skipIndex += 1 }
                skipped.append(skipIndex < skip.count && skip[skipIndex].overlaps(token))
            }
            func word(_ i: Int) -> String { i >= 0 && i < keys.count ? String(decoding: keys[i], as: UTF8.self) : "" }
            func isCap(_ i: Int) -> Bool {
                i >= 0 && i < keys.count && capitalized[i] && !skipped[i] && !words.function.contains(word(i))
            }
            var i = 0
            while i < keys.count {
                guard isCap(i), !keys[i].isEmpty else {
                    i += 1
                    continue
                }
                // The capitalized run around i.
                var runEnd = i + 1
                while runEnd < keys.count,
                    isCap(runEnd)
                        || (isHyphen(text, tokens[range.lowerBound + runEnd].range)
                            && isCap(runEnd + 1))
                {
                    runEnd += 1
                }
                // The longest gazetteer name that starts at i.
                var key: [UInt8] = []
                var matchEnd: Int?
                var j = i
                while j < keys.count, j - i < Self.longestName * 2 {
                    if !keys[j].isEmpty {
                        if !key.isEmpty { key.append(0x20) }
                        key.append(contentsOf: keys[j])
                    }
                    guard gazetteer.hasKey(startingWith: key) else { break }
                    if isCap(j), gazetteer.tables.contains(where: { !$0.ids(forKey: key).isEmpty }) {
                        matchEnd = j + 1
                    }
                    j += 1
                }
                let first = tokens[range.lowerBound + i].range.lowerBound
                let single = (matchEnd ?? i + 1) - i == 1
                if let demonym = words.demonyms[word(i)], single || matchEnd == nil {
                    countries.append(CountryReference(bytes: tokens[range.lowerBound + i].range, country: demonym))
                    i += 1
                    continue
                }
                let cue = self.cue(before: i, keys: keys)
                if let end = matchEnd {
                    let bytes = first..<tokens[range.lowerBound + end - 1].range.upperBound
                    let after = word(end)
                    var cueHere = cue
                    if words.after.contains(after) || listBeforePlaceWord(from: end, keys: keys, isCap: isCap) {
                        cueHere = .placeWord
                    }
                    let matchedKey = PlaceName.key(text, [bytes])
                    let candidates = gazetteer.places(forKey: matchedKey)
                    // Capitals stand for governments: "Tashkent said" names a place.
                    let major = candidates.contains {
                        $0.isCountry || $0.isFirstLevelDivision || $0.isContinent || $0.featureCode == "PPLC"
                    }
                    var accept = true
                    // Inside a longer name, or after a title: a person's or an organization's name.
                    if isCap(i - 1), !words.demonyms.keys.contains(word(i - 1)) { accept = false }
                    if isCap(end), !words.titles.contains(word(end)), !words.after.contains(after) { accept = false }
                    if !major {
                        if words.speech.contains(after) { accept = false }
                        // "University of", "Bank of": the start of an institution's name.
                        if after == "of", isCap(end + 1) { accept = false }
                        // An acronym ("HIV", "FAO") is a place only as a country's or division's name.
                        if single, isAllCapitals(text, tokens[range.lowerBound + i].range) { accept = false }
                        if single, commonWords.contains(String(decoding: matchedKey, as: UTF8.self)), cueHere == .none {
                            accept = false
                        }
                        if single, i == 0, cueHere == .none, commonWords.contains(word(i)) { accept = false }
                    }
                    if accept {
                        pending.append(
                            (
                                PlaceMention(bytes: bytes, sentence: sentenceIndex, cue: cueHere), matchedKey,
                                single && !major
                            ))
                        i = end
                        continue
                    }
                }
                // Not a known place: a person's name makes a surname; a strong cue an unknown place.
                if runEnd - i >= 2, !words.titles.contains(word(i)), !words.compass.contains(word(i)),
                    !words.titles.contains(word(runEnd - 1))
                {
                    surnames.insert(keys[runEnd - 1])
                }
                let unknownCue: Bool = {
                    if words.after.contains(word(runEnd)) && !words.titles.contains(word(i)) { return true }
                    if cue == .placeWord { return true }
                    if cue == .preposition, words.compass.contains(word(i)), runEnd - i >= 2 { return true }
                    return listBeforePlaceWord(from: runEnd, keys: keys, isCap: isCap)
                }()
                if unknownCue, !words.titles.contains(word(i)) {
                    let bytes = first..<tokens[range.lowerBound + runEnd - 1].range.upperBound
                    places.append(
                        PlaceMention(bytes: bytes, sentence: sentenceIndex, cue: .placeWord, inGazetteer: false))
                }
                i = max(runEnd, i + 1)
            }
        }
        for (mention, key, single) in pending where !(single && surnames.contains(key)) {
            places.append(mention)
        }
        places.sort { $0.bytes.lowerBound < $1.bytes.lowerBound }
        return (places, countries)
    }

    /// The cue before token `i`: "city of" and its kin, or a locative preposition (also before
    /// "the").
    private func cue(before i: Int, keys: [[UInt8]]) -> PlaceMention.Cue {
        func word(_ j: Int) -> String { j >= 0 && j < keys.count ? String(decoding: keys[j], as: UTF8.self) : "" }
        if words.before.contains(word(i - 2) + " " + word(i - 1)) { return .placeWord }
        if words.before.contains(word(i - 1)) { return .preposition }
        if word(i - 1) == "the", words.before.contains(word(i - 2)) { return .preposition }
        return .none
    }

    /// Whether the run ending at `end` is followed by more capitalized names separated by commas
    /// and "and" and then a word for a kind of place ("X, Y, and Z regions").
    private func listBeforePlaceWord(from end: Int, keys: [[UInt8]], isCap: (Int) -> Bool) -> Bool {
        func word(_ j: Int) -> String { j >= 0 && j < keys.count ? String(decoding: keys[j], as: UTF8.self) : "" }
        var j = end
        var sawSeparator = false
        while j < keys.count {
            if keys[j].isEmpty || word(j) == "and" || word(j) == "or" {  // "," and the like fold to nothing
                sawSeparator = true
                j += 1
                continue
            }
            guard isCap(j), sawSeparator else { return false }
            while isCap(j) { j += 1 }
            if words.after.contains(word(j)), word(j).hasSuffix("s") { return true }
            sawSeparator = false
        }
        return false
    }

    private func isAllCapitals(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count >= 2 && text[range].allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2E }
    }

    private func isHyphen(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count == 1 && text[range.lowerBound] == 0x2D
    }
}
