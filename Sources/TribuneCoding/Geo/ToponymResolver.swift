/// A place mention resolved to a gazetteer entry, or left unresolved.
public struct ToponymResolution: Hashable, Sendable {
    public var mention: PlaceMention
    /// The chosen entry; `nil` when no candidate was good enough.
    public var place: GazetteerPlace?
    /// 0–1: how clearly the chosen entry beat the others and how much the text supports it.
    public var confidence: Double
}

/// Chooses, for each place mention, the gazetteer entry it refers to.
///
/// Every entry filed under the name is a candidate. A candidate scores for its population and
/// kind (countries first; a division loses to a big town of its name), for being in the countries the
/// text is about (country names and demonyms in it, and, in a second pass, the countries of the
/// places first resolved), for lying in the country or division named right after it ("Mosul,
/// Iraq"), for matching a cue ("the city of" → a populated place; "province" → a
/// division), and for lying near the other places of the text. The best candidate is taken when
/// its score clears a threshold: small places in countries the text never mentions stay
/// unresolved.
///
/// Takes mentions from anyone (the place finder today, named-entity recognition later) and
/// gives resolutions back; it creates no entities.
public struct ToponymResolver: Sendable {
    let gazetteer: Gazetteer

    /// Candidates considered per name, most populous first (countries and divisions always).
    static let candidateLimit = 40
    /// The score a candidate needs, in orders of magnitude of population: a town of 3,000 people
    /// in a country the text is about, or of 100,000 in another.
    static let threshold = 3.5
    /// How much the text's countries count against population (per order of magnitude of their
    /// smoothed share), and the smoothing.
    static let countryWeight = 1.5
    static let smoothing = 0.3

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
    }

    /// Resolves `mentions` of one text; `countries` are its demonyms, and `text` the UTF-8
    /// bytes the mentions point into.
    public func resolve(
        _ mentions: [PlaceMention], countries: [CountryReference], text: UnsafeBufferPointer<UInt8>
    ) -> [ToponymResolution] {
        let keys = mentions.map { PlaceName.key(text, [$0.bytes]) }
        var candidates: [[GazetteerPlace]] = []
        var cache: [[UInt8]: [GazetteerPlace]] = [:]
        for key in keys {
            if let known = cache[key] {
                candidates.append(known)
                continue
            }
            let all = gazetteer.places(forKey: key)
            let major = all.filter { $0.isCountry || $0.isFirstLevelDivision || $0.isContinent }
            var chosen = Array(all.prefix(Self.candidateLimit))
            for place in major where !chosen.contains(place) { chosen.append(place) }
            cache[key] = chosen
            candidates.append(chosen)
        }

        // What the text says about its countries before anything is resolved.
        var evidence: [String: Double] = [:]
        for country in countries { evidence[country.country, default: 0] += 1 }
        for options in candidates where options.count >= 1 && options.allSatisfy({ $0.isCountry }) {
            evidence[options[0].country, default: 0] += 2
        }
        for options in candidates {
            if let country = options.first(where: { $0.isCountry }), options[0] == country {
                evidence[country.country, default: 0] += 1
            }
        }

        // In a list of three or more ("Albany, Pennsylvania and California") a comma joins
        // members, not a place and its division.
        let lists = listMembers(mentions, text: text)
        let containers = zip(followingContainers(mentions, candidates: candidates, text: text), lists).map {
            $1.count >= 2 ? [] : $0
        }
        let contained = zip(precedingContained(mentions, candidates: candidates, text: text), lists).map {
            $1.count >= 2 ? [] : $0
        }
        var resolutions = zip(mentions, candidates).enumerated().map { index, pair in
            choose(
                pair.0, key: keys[index], pair.1, evidence: evidence, container: containers[index],
                contained: contained[index], neighbours: [], listKinds: [])
        }
        // Second pass: the countries of what was resolved, and distances to it.
        var secondEvidence = evidence
        for resolution in resolutions {
            if let place = resolution.place, !place.country.isEmpty, !place.isCountry {
                secondEvidence[place.country, default: 0] += 1
            }
        }
        let neighbours = resolutions.compactMap(\.place).filter { !$0.isCountry && !$0.isContinent }
        let firstKinds = resolutions.map { $0.place.map(PlaceKind.init) }
        resolutions = zip(mentions, candidates).enumerated().map { index, pair in
            choose(
                pair.0, key: keys[index], pair.1, evidence: secondEvidence, container: containers[index],
                contained: contained[index], neighbours: neighbours,
                listKinds: lists[index].compactMap { firstKinds[$0] })
        }
        return resolutions
    }

    /// The entry a mention's score leans on: a country or division named right after it, as in
    /// "Mosul, Iraq" (by index of the following mention).
    private func followingContainers(
        _ mentions: [PlaceMention], candidates: [[GazetteerPlace]], text: UnsafeBufferPointer<UInt8>
    ) -> [[GazetteerPlace]] {
        mentions.indices.map { index in
            guard index + 1 < mentions.count, mentions[index].bytes.upperBound <= mentions[index + 1].bytes.lowerBound
            else { return [] }
            let gap = mentions[index].bytes.upperBound..<mentions[index + 1].bytes.lowerBound
            guard gap.count <= 3, text[gap].contains(UInt8(ascii: ",")) else { return [] }
            return candidates[index + 1].filter { $0.isCountry || $0.isFirstLevelDivision }
        }
    }

    /// The places a mention may name when a division or country follows it after a comma, as
    /// in "Bakersfield, California": the division containing one of them is meant.
    private func precedingContained(
        _ mentions: [PlaceMention], candidates: [[GazetteerPlace]], text: UnsafeBufferPointer<UInt8>
    ) -> [[GazetteerPlace]] {
        mentions.indices.map { index in
            guard index > 0, mentions[index - 1].bytes.upperBound <= mentions[index].bytes.lowerBound else { return [] }
            let gap = mentions[index - 1].bytes.upperBound..<mentions[index].bytes.lowerBound
            guard gap.count <= 3, text[gap].contains(UInt8(ascii: ",")) else { return [] }
            return candidates[index - 1].filter { !$0.isCountry && !$0.isFirstLevelDivision && !$0.isContinent }
        }
    }

    /// The other members of the list each mention is in ("Arizona, Utah, New York and
    /// Wisconsin"; "Moscow and Beijing"): mentions joined by commas, "and" or "or", three or more
    /// or joined by a conjunction, so that "Mosul, Iraq" is no list. By index of mention.
    private func listMembers(_ mentions: [PlaceMention], text: UnsafeBufferPointer<UInt8>) -> [[Int]] {
        // Whether the gap before mention i joins it to the one before, and with a conjunction.
        var joins = [(joined: Bool, conjunction: Bool)](repeating: (false, false), count: mentions.count)
        for index in mentions.indices.dropFirst()
        where mentions[index - 1].sentence == mentions[index].sentence
            && mentions[index - 1].bytes.upperBound <= mentions[index].bytes.lowerBound
        {
            let gap = text[mentions[index - 1].bytes.upperBound..<mentions[index].bytes.lowerBound]
            guard gap.count <= 6 else { continue }
            let words = gap.split(whereSeparator: { $0 == 0x20 || $0 == 0x2C || $0 == 0x0A })
                .map { String(decoding: $0, as: UTF8.self).lowercased() }
            guard words.allSatisfy({ $0 == "and" || $0 == "or" }), words.count <= 1 else { continue }
            joins[index] = (true, !words.isEmpty)
        }
        var members = [[Int]](repeating: [], count: mentions.count)
        var start = 0
        while start < mentions.count {
            var end = start + 1
            var conjunction = false
            while end < mentions.count, joins[end].joined {
                conjunction = conjunction || joins[end].conjunction
                end += 1
            }
            if end - start >= 3 || (end - start == 2 && conjunction) {
                for index in start..<end { members[index] = (start..<end).filter { $0 != index } }
            }
            start = end
        }
        return members
    }

    /// A candidate's weight in orders of magnitude of population. GeoNames dumps give many
    /// districts and villages no population; their feature code stands in for it (a district
    /// counts as a town of 100,000, a village as one of 1,000), so that an imported entry can be
    /// chosen when the text supports it.
    static func magnitude(_ place: GazetteerPlace) -> Double {
        let counted = log10(Double(max(place.population, 0)) + 10)
        let floor: Double
        switch place.featureCode {
        case "PPLC": floor = 6
        case "ADM2", "PPLA": floor = 5
        case "ADM3", "PPLA2": floor = 4.5
        case "ADM4", "ADM5", "ADMD", "PPLA3", "PPLA4": floor = 3.5
        case "": floor = 0
        default: floor = 3
        }
        return max(counted, floor)
    }

    private func choose(
        _ mention: PlaceMention, key: [UInt8], _ candidates: [GazetteerPlace], evidence: [String: Double],
        container: [GazetteerPlace], contained: [GazetteerPlace], neighbours: [GazetteerPlace],
        listKinds: [PlaceKind]
    ) -> ToponymResolution {
        guard !candidates.isEmpty else { return ToponymResolution(mention: mention, place: nil, confidence: 0) }
        // How likely the text is to be about each country: its mentions, smoothed.
        let total = evidence.values.reduce(0, +)
        let countries = Double(evidence.count + 1)
        func countryLog(_ code: String) -> Double {
            log10((evidence[code, default: 0] + Self.smoothing) / (total + Self.smoothing * countries))
        }
        let topLog = evidence.keys.map(countryLog).max() ?? countryLog("")
        var scored: [(GazetteerPlace, Double)] = []
        for candidate in candidates {
            var score = Self.magnitude(candidate)
            if candidate.isCountry { score += 3 } else if candidate.isContinent { score += 2.5 }
            // Named so, not only known so among other names.
            if PlaceName.key(candidate.name).utf8.elementsEqual(key) { score += 0.7 }
            // A division named like a big town in it ("Sao Paulo") or like its country's capital
            // ("Buenos Aires"): news means the town.
            if candidate.isFirstLevelDivision, mention.cue != .placeWord,
                candidates.contains(where: {
                    $0.featureClass == "P" && $0.country == candidate.country
                        && (($0.admin1 == candidate.admin1 && $0.population >= 100_000) || $0.featureCode == "PPLC")
                })
            {
                score -= 1.5
            }
            // A capital, named bare, is the city or its government ("Moscow said", "talks in
            // Buenos Aires"), not a town or division of its name.
            if candidate.featureCode == "PPLC", mention.cue != .placeWord { score += 1 }
            // "Bakersfield, California": the division that holds the place before it.
            if candidate.isFirstLevelDivision || candidate.isCountry,
                contained.contains(where: {
                    $0.country == candidate.country && (candidate.isCountry || $0.admin1 == candidate.admin1)
                })
            {
                score += 3
            }
            // Places listed together are of one kind: states with states, cities with cities.
            let kind = PlaceKind(candidate)
            if !listKinds.isEmpty, listKinds.filter({ $0 == kind }).count * 2 > listKinds.count { score += 2 }
            if !candidate.country.isEmpty { score += Self.countryWeight * (countryLog(candidate.country) - topLog) }
            if container.contains(where: {
                $0.country == candidate.country && ($0.isCountry || $0.admin1 == candidate.admin1)
            }) {
                score += 3
            }
            if mention.cue == .placeWord, candidate.featureClass == "P" || candidate.featureClass == "A" {
                score += 0.3
            }
            if !candidate.isCountry, !candidate.isContinent,
                let nearest = neighbours.lazy
                    .filter({ $0.id != candidate.id }).map({ $0.distance(to: candidate) }).min()
            {
                if nearest < 100 { score += 1 } else if nearest < 400 { score += 0.5 }
            }
            scored.append((candidate, score))
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }
        let best = scored[0]
        guard best.1 >= Self.threshold else { return ToponymResolution(mention: mention, place: nil, confidence: 0) }
        let margin = scored.count > 1 ? best.1 - scored[1].1 : 2
        let confidence = min(0.99, 0.5 + 0.25 * min(margin, 2) / 2 + 0.25 * min(best.1 - Self.threshold, 3) / 3)
        return ToponymResolution(mention: mention, place: best.0, confidence: (confidence * 100).rounded() / 100)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What kind of place an entry is, for comparing places listed together.
enum PlaceKind: Hashable, Sendable {
    case country, division, town, other

    init(_ place: GazetteerPlace) {
        if place.isCountry {
            self = .country
        } else if place.isFirstLevelDivision {
            self = .division
        } else if place.featureClass == "P" {
            self = .town
        } else {
            self = .other
        }
    }
}
