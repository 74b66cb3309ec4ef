import Foundation
import TribuneCoding
import TribuneCore
import TribuneNLP

/// The data the named-entity recognizer trains and is scored on, and the names of its gazetteer.
///
/// Split, declared once: the model trains on UD English GUM train (its `Entity=` annotation) and
/// is tuned on GUM dev. MEANTIME (120 Wikinews articles in four topic folders) is newswire: two
/// folders (``meantimeTrain``) may join the training data (`tribune train ner --meantime`), and
/// the other two (``meantimeHeldOut``) are never trained on: the held-out check.
public enum NERData {
    public static let gumTrain = "ud/gum/en_gum-ud-train.conllu"
    public static let gumDev = "ud/gum/en_gum-ud-dev.conllu"
    public static let gumTest = "ud/gum/en_gum-ud-test.conllu"
    public static let meantime = "meantime/intra-doc_annotation"
    /// MEANTIME folders the model may train on (their annotated sentences only).
    public static let meantimeTrain = ["corpus_airbus", "corpus_apple"]
    /// MEANTIME folders never trained on.
    public static let meantimeHeldOut = ["corpus_gm", "corpus_stock"]

    /// GUM sentences with their named entities.
    public static func gum(_ data: SharedData, _ file: String) throws -> [EntitySentence] {
        guard data.exists(file) else { throw EvaluationError(file: data.url(file).path, reason: "not found") }
        return EntityCorpus.gum(try CoNLLU.read(contentsOf: data.url(file)))
    }

    /// MEANTIME sentences, from the given topic folders (`corpus_airbus`…; all four when empty).
    public static func meantime(_ data: SharedData, corpora: [String] = []) throws -> [EntitySentence] {
        let root = data.url(meantime)
        let folders =
            corpora.isEmpty
            ? ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter {
                $0.hasPrefix("corpus_")
            }
            .sorted()
            : corpora
        guard !folders.isEmpty else { throw EvaluationError(file: root.path, reason: "no MEANTIME corpus folders") }
        let leading = try personNameLeaders()
        let adjectives = try nationalityWords()
        var sentences: [EntitySentence] = []
        for folder in folders {
            let directory = root.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasSuffix(".xml")
            }
            .sorted()
            for file in files {
                let url = directory.appendingPathComponent(file)
                sentences += try EntityCorpus.meantime(
                    String(contentsOf: url, encoding: .utf8), file: "\(folder)/\(file)", leading: leading,
                    adjectives: adjectives)
            }
        }
        return sentences
    }

    /// Words that may stand before a person's name in a MEANTIME mention but are no part of the
    /// name in CoNLL-style annotation: the words of the titles list and the one-word country
    /// names and adjectives of the actor dictionaries, in lower case.
    public static func personNameLeaders() throws -> Set<String> {
        var words = Set<String>()
        let titles = try ResourceLocator.text(PersonTitles.file, module: "TribuneCoding", sourceFile: #filePath)
        for entry in DataFile.entries(titles) {
            for word in entry.split(separator: " ") { words.insert(word.lowercased()) }
        }
        let dictionary = try ActorDictionary.shipped()
        for entry in dictionary.actors {
            guard let role = entry.role(on: nil), role.code.count == 3, dictionary.countryCodes.contains(role.code)
            else { continue }
            for name in entry.names where !name.contains(" ") { words.insert(name.lowercased()) }
        }
        return words
    }

    /// Nationality adjectives ("german", "u.s." is not one), lower case: the one-word names of
    /// the dictionaries' country blocks that read as adjectives (``isNationality(_:country:)``).
    public static func nationalityWords() throws -> Set<String> {
        var words = Set<String>()
        let dictionary = try ActorDictionary.shipped()
        for entry in dictionary.actors {
            guard let role = entry.role(on: nil), role.code.count == 3, dictionary.countryCodes.contains(role.code)
            else { continue }
            for name in entry.names where !name.contains(" ") && isNationality(name, country: entry.name) {
                words.insert(name.lowercased())
            }
        }
        return words
    }

    /// The gazetteer's names: the actors of the compiled CAMEO/Phoenix dictionaries (countries
    /// with their towns and adjectives, people, organizations and armed groups); GeoNames
    /// countries, capitals, ISO 3166-2 divisions, towns of 1,000 people or more and continents from
    /// the data folder; nationality words from the country blocks of the dictionaries.
    public static func gazetteerNames(_ data: SharedData, log: (String) -> Void = { _ in }) throws -> [(
        phrase: String, type: Entity.Kind
    )] {
        var names: [(phrase: String, type: Entity.Kind)] = []
        let dictionary = try ActorDictionary.shipped()
        let organizationWords = Set(
            DataFile.entries(
                try ResourceLocator.text("organization-words-en.txt", module: "TribuneCoding", sourceFile: #filePath)
            ).map { $0.uppercased() })
        var counts: [Entity.Kind: Int] = [:]
        func add(_ phrase: String, _ type: Entity.Kind) {
            names.append((phrase, type))
            counts[type, default: 0] += 1
        }
        for entry in dictionary.actors {
            guard let role = entry.role(on: nil) else { continue }
            let isCountry = role.code.count == 3 && dictionary.countryCodes.contains(role.code)
            for name in entry.names {
                let words = name.split(separator: " ")
                guard !words.isEmpty, words.count <= 6, name.unicodeScalars.contains(where: \.properties.isAlphabetic)
                else { continue }
                let types: [Entity.Kind]
                if isCountry {
                    types = [
                        words.count == 1 && isNationality(name, country: entry.name) ? .nationality : .geopolitical
                    ]
                } else if words.contains(where: { organizationWords.contains(String($0)) }) || words.count == 1 {
                    types = [.organization]
                } else if entry.origin.file.contains("Countries") {
                    types = [.person]
                } else {
                    types = [.person, .organization]
                }
                for type in types {
                    add(name, type)
                    // Phoenix writes hyphenated names with `_` or `-` alike; the tokenizer may keep
                    // "al-Qaeda" one token, so the joined form is listed too.
                    if words.count == 2 { add(words.joined(separator: "-"), type) }
                }
            }
        }
        // GeoNames, as packaged in the data folder: countries and their capitals, ISO 3166-2
        // divisions, and towns of 1,000 people or more.
        let gazetteer = data.url("gazetteer")
        if let countries = try? JSONParser.parse(
            String(contentsOf: gazetteer.appendingPathComponent("countries.json"), encoding: .utf8)
        ).object {
            for member in countries.members {
                if let name = member.value["name"]?.string { add(name, .geopolitical) }
                if let capital = member.value["capital"]?.string, !capital.isEmpty { add(capital, .geopolitical) }
            }
        }
        if let divisions = try? JSONParser.parse(
            String(contentsOf: gazetteer.appendingPathComponent("iso3166-2.json"), encoding: .utf8)
        )["3166-2"]?.array {
            for division in divisions {
                if let name = division["name"]?.string { add(name, .geopolitical) }
            }
        }
        if let towns = try? String(contentsOf: gazetteer.appendingPathComponent("rg_cities1000.csv"), encoding: .utf8) {
            for line in towns.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count >= 6, !fields[2].isEmpty, fields[2].split(separator: " ").count <= 4 else {
                    continue
                }
                add(String(fields[2]), .geopolitical)
            }
        }
        if let continents = try? JSONParser.parse(
            String(contentsOf: gazetteer.appendingPathComponent("continents.json"), encoding: .utf8)
        ).object {
            for member in continents.members {
                if let name = member.value["name"]?.string ?? member.value["toponymName"]?.string {
                    add(name, .location)
                }
            }
        }
        log(
            "ner gazetteer: "
                + Entity.Kind.allCases.compactMap { kind in counts[kind].map { "\(kind.rawValue) \($0)" } }.joined(
                    separator: ", "))
        return names
    }

    /// Whether a one-word name of a country block is a nationality word rather than a place
    /// ("PAKISTANI", "UZBEK", "FRENCH", "CHINESE" but not "IRAN" or "TEHRAN"): not the country's
    /// own name, opening with the country name's first two letters, with an English ending of
    /// such adjectives and none of the endings of country names.
    static func isNationality(_ word: String, country: String) -> Bool {
        let endings = ["AN", "I", "ESE", "ISH", "CH", "EK", "IC", "OT", "SH"]
        let placeEndings = ["STAN", "LAND", "IA", "ANA"]
        return word != country && word.prefix(2) == country.prefix(2) && endings.contains(where: word.hasSuffix)
            && !placeEndings.contains(where: word.hasSuffix)
    }
}
