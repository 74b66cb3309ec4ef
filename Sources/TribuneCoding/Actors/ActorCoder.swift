import Foundation
import TribuneCore
import TribuneNLP

/// A CAMEO actor code given to a phrase, and why.
public struct CodedActor: Hashable, Sendable {
    /// What the code rests on.
    public enum Basis: String, Hashable, Sendable {
        /// A named actor of the dictionaries ("Hamid Karzai", "Taliban").
        case named
        /// A country and an agent ("Pakistani forces").
        case composed
        /// A country alone ("Pakistan", "Uzbek").
        case country
        /// An agent alone, with no country ("militants").
        case agent
    }

    public var actor: ActorCode
    public var basis: Basis
    /// The steps that gave the code, one sentence each, for people to read
    /// (`tribune actors lookup`).
    public var reasons: [String]
    /// The dictionary lines the code rests on.
    public var lines: [DictionaryLine]

    public init(actor: ActorCode, basis: Basis, reasons: [String], lines: [DictionaryLine]) {
        self.actor = actor
        self.basis = basis
        self.reasons = reasons
        self.lines = lines
    }
}

/// Gives phrases their CAMEO actor codes from an ``ActorDictionary``, on a given day.
///
/// A phrase is read left to right, longest dictionary phrase first, into named actors
/// ("Hamid Karzai", "Islamic Movement of Uzbekistan"), countries ("Pakistani", "Uzbek",
/// which the country blocks of the dictionary list with their cities and adjectives) and agents
/// ("forces", "prime minister"). A named actor gives its own code, the role valid on the day; a
/// code whose country part is no known country (the Phoenix files use placeholders such as
/// `KKL`) takes the country its own name contains. Otherwise the country and the agent compose:
/// "Pakistani forces" is `PAK` + `MIL`.
///
/// Immutable: one coder serves any number of threads. The event coder uses the same instance.
public struct ActorCoder: Sendable {
    public let dictionary: ActorDictionary

    public init(dictionary: ActorDictionary) {
        self.dictionary = dictionary
    }

    /// The shipped dictionaries, and the user's files in the Phoenix format on top.
    public init(adding files: [URL] = []) throws {
        self.init(dictionary: try ActorDictionary.shipped(adding: files))
    }

    /// The code of `phrase` on `day` (`nil` when undated: the undated or most recent role), or
    /// `nil` when nothing in it is in the dictionaries.
    public func code(_ phrase: String, on day: ActorDay? = nil) -> CodedActor? {
        let words = ActorPhrase.key(phrase).split(separator: " ").map(String.init)
        return code(words: words, on: day)
    }

    /// The code of a phrase already split into ``ActorPhrase/key(_:)`` words.
    public func code(words: [String], on day: ActorDay?) -> CodedActor? {
        let parts = segment(words, on: day)
        let named = parts.filter { $0.kind == .named }
        if let actor = named.max(by: { $0.length < $1.length }) {
            return codeNamed(actor, on: day)
        }
        let country = parts.first { $0.kind == .country }
        if let agent = parts.last(where: { $0.kind == .agent }), let entry = agent.agent {
            var reasons: [String] = []
            var lines: [DictionaryLine] = []
            if let country, let role = country.role {
                reasons.append(
                    "\"\(country.text)\" is the country \(role.code) (\(role.origin)\(dated(role, day)))")
                lines.append(role.origin)
            }
            reasons.append(
                "\"\(agent.text)\" is the agent \(entry.placement == .suffix ? "~" : "")\(entry.code)"
                    + "\(entry.placement == .prefix ? "~" : "") (\(entry.origin))")
            lines.append(entry.origin)
            let countryCode = country?.role?.code
            let code: String
            switch (entry.placement, countryCode) {
            case (.suffix, let country?): code = country + entry.code
            case (.prefix, let country?): code = entry.code + country
            case (_, nil): code = entry.code
            }
            reasons.append(countryCode == nil ? "no country: the agent's code alone" : "composed: \(code)")
            return CodedActor(
                actor: actorCode(code), basis: countryCode == nil ? .agent : .composed, reasons: reasons, lines: lines)
        }
        if let country, let role = country.role {
            return CodedActor(
                actor: actorCode(role.code), basis: .country,
                reasons: ["\"\(country.text)\" is the country \(role.code) (\(role.origin)\(dated(role, day)))"],
                lines: [role.origin])
        }
        return nil
    }

    /// Splits a code into the parts researchers filter on: a known country prefix and the
    /// sector after it; for transnational prefixes (`IGO`, `IMG`, `NGO`…) the prefix is the sector.
    public func actorCode(_ code: String) -> ActorCode {
        guard code.count >= 3 else { return ActorCode(code: code, sector: code.isEmpty ? nil : code) }
        let prefix = String(code.prefix(3))
        let rest = code.dropFirst(3)
        if dictionary.countryCodes.contains(prefix), !Self.transnational.contains(prefix) {
            return ActorCode(code: code, country: prefix, sector: rest.isEmpty ? nil : String(rest.prefix(3)))
        }
        return ActorCode(code: code, sector: Self.transnational.contains(prefix) ? prefix : String(code.prefix(3)))
    }

    /// CAMEO prefixes of actors that belong to no one country.
    static let transnational: Set<String> = ["IGO", "IMG", "NGO", "MNC", "NGM", "UIS"]

    // MARK: - Reading a phrase

    struct Part {
        enum Kind { case named, country, agent }
        var kind: Kind
        var text: String
        var length: Int
        var entry: ActorEntry?
        var role: ActorRole?
        var agent: AgentEntry?
    }

    /// The phrase as named actors, countries and agents, longest match first.
    func segment(_ words: [String], on day: ActorDay?) -> [Part] {
        var parts: [Part] = []
        var index = 0
        while index < words.count {
            let most = min(dictionary.longestPhrase(startingWith: words[index]), words.count - index)
            var matched = false
            var length = most
            while length >= 1 {
                let key = words[index..<index + length].joined(separator: " ")
                if let entry = dictionary.actor(key), let role = entry.role(on: day) {
                    let isCountry = role.code.count == 3 && dictionary.countryCodes.contains(role.code)
                    parts.append(
                        Part(kind: isCountry ? .country : .named, text: key, length: length, entry: entry, role: role))
                    matched = true
                    break
                }
                if let agent = dictionary.agent(key) {
                    parts.append(Part(kind: .agent, text: key, length: length, agent: agent))
                    matched = true
                    break
                }
                length -= 1
            }
            index += matched ? length : 1
        }
        return parts
    }

    func codeNamed(_ part: Part, on day: ActorDay?) -> CodedActor? {
        guard let entry = part.entry, let role = part.role else { return nil }
        var reasons = ["\"\(part.text)\" is the actor \(entry.name) (\(entry.origin))"]
        var lines = [entry.origin]
        reasons.append(
            "the role \(role.code)\(role.dates.isAlways ? "" : " \(role.dates)") (\(role.origin))"
                + dated(role, day))
        if role.origin != entry.origin { lines.append(role.origin) }
        var code = role.code
        if !dictionary.hasKnownCountry(code), !Self.transnational.contains(String(code.prefix(3))) {
            let nameWords = entry.name.split(separator: " ").map(String.init)
            if let country = country(in: nameWords, on: day), let countryRole = country.role {
                code = countryRole.code + code.dropFirst(3)
                reasons.append(
                    "\(role.code.prefix(3)) is no country code; the name holds \"\(country.text)\", "
                        + "the country \(countryRole.code) (\(countryRole.origin)): \(code)")
                lines.append(countryRole.origin)
            }
        }
        return CodedActor(actor: actorCode(code), basis: .named, reasons: reasons, lines: lines)
    }

    /// The first country named inside a phrase (the phrase's own entry set aside).
    func country(in words: [String], on day: ActorDay?) -> Part? {
        for start in words.indices {
            var length = min(dictionary.longestPhrase(startingWith: words[start]), words.count - start)
            while length >= 1 {
                let key = words[start..<start + length].joined(separator: " ")
                if length < words.count, let entry = dictionary.actor(key), let role = entry.role(on: day),
                    role.code.count == 3, dictionary.countryCodes.contains(role.code)
                {
                    return Part(kind: .country, text: key, length: length, entry: entry, role: role)
                }
                length -= 1
            }
        }
        return nil
    }

    private func dated(_ role: ActorRole, _ day: ActorDay?) -> String {
        guard let day else { return role.dates.isAlways ? "" : ", the most recent role" }
        if role.dates.isAlways { return "" }
        return ", holds on \(Self.iso(day))"
    }

    static func iso(_ day: ActorDay) -> String {
        let year = day / 10_000
        let month = day / 100 % 100
        let dayOfMonth = day % 100
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)"
    }
}

// MARK: - Actors named in a sentence, for the event coder

extension ActorCoder: ActorCoding {
    /// The actors named in a sentence: dictionary names (starting with a capital, so that "us"
    /// is not the United States), countries, and a country followed by an agent ("Pakistani
    /// forces", "Uzbek militants") as one composed actor. Codes hold on no particular day; use
    /// ``mentions(in:sentence:text:on:)`` for the document's date.
    public func mentions(in analysis: AnalyzedText, sentence: Int, text: UnsafeBufferPointer<UInt8>) -> [ActorMention] {
        mentions(in: analysis, sentence: sentence, text: text, on: nil)
    }

    /// The actors named in a sentence, with the codes valid on `day`.
    public func mentions(
        in analysis: AnalyzedText, sentence: Int, text: UnsafeBufferPointer<UInt8>, on day: ActorDay?
    ) -> [ActorMention] {
        let range = analysis.sentences[sentence].tokens
        let tokens = analysis.tokens
        let keys = range.map { ActorPhrase.key(String(decoding: text[tokens[$0].range], as: UTF8.self)) }
        func capitalized(_ offset: Int) -> Bool {
            guard let first = text[tokens[range.lowerBound + offset].range].first else { return false }
            return (0x41...0x5A).contains(first) || first >= 0xC0
        }
        var found: [(tokens: Range<Int>, part: Part)] = []
        var offset = 0
        while offset < keys.count {
            guard !keys[offset].isEmpty else {
                offset += 1
                continue
            }
            let words = keys[offset].split(separator: " ").map(String.init)
            let most = min(dictionary.longestPhrase(startingWith: words[0]), keys.count - offset)
            var matched = 0
            var length = most
            while length >= 1, matched == 0 {
                let key = keys[offset..<offset + length].joined(separator: " ")
                if capitalized(offset), let entry = dictionary.actor(key), let role = entry.role(on: day) {
                    let isCountry = role.code.count == 3 && dictionary.countryCodes.contains(role.code)
                    found.append(
                        (
                            offset..<offset + length,
                            Part(
                                kind: isCountry ? .country : .named, text: key, length: length, entry: entry, role: role
                            )
                        ))
                    matched = length
                } else if let agent = dictionary.agent(key) {
                    found.append(
                        (offset..<offset + length, Part(kind: .agent, text: key, length: length, agent: agent)))
                    matched = length
                }
                length -= 1
            }
            offset += max(1, matched)
        }
        var result: [ActorMention] = []
        var index = 0
        while index < found.count {
            let item = found[index]
            let base = range.lowerBound
            switch item.part.kind {
            case .named:
                if let coding = codeNamed(item.part, on: day) {
                    result.append(
                        ActorMention(
                            tokens: base + item.tokens.lowerBound..<base + item.tokens.upperBound,
                            code: coding.actor.code))
                }
            case .country:
                // A country with an agent right after it composes.
                if index + 1 < found.count, found[index + 1].part.kind == .agent,
                    found[index + 1].tokens.lowerBound == item.tokens.upperBound,
                    let country = item.part.role?.code, let agent = found[index + 1].part.agent
                {
                    let code = agent.placement == .suffix ? country + agent.code : agent.code + country
                    result.append(
                        ActorMention(
                            tokens: base + item.tokens.lowerBound..<base + found[index + 1].tokens.upperBound,
                            code: code))
                    index += 1
                } else if let role = item.part.role {
                    result.append(
                        ActorMention(
                            tokens: base + item.tokens.lowerBound..<base + item.tokens.upperBound, code: role.code))
                }
            case .agent:
                break
            }
            index += 1
        }
        return result
    }
}
