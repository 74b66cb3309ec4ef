import TribuneCore

/// The word lists the ``CountReader`` reads: number words, qualifiers, the words that say what a
/// number of people counts, and the nouns for people.
public struct CountLexicon: Sendable {
    /// A number word: its value and how it combines (see `number-words-en.txt`).
    struct NumberWord: Sendable {
        enum Role: String, Sendable { case unit, scale, vague }
        var value: Int
        var role: Role
    }

    let numbers: [String: NumberWord]
    /// Qualifiers as word sequences, longest first.
    let qualifiers: [[String]]
    /// Count word → kind (`killed`, `wounded`, … `members`).
    let kinds: [String: String]
    /// Count words that are nouns counted themselves ("deaths", "members").
    let countedNouns: Set<String>
    /// Nouns for people, singular.
    let people: Set<String>

    /// Loads the shipped lists from TribuneCoding's resources.
    public init() throws {
        func load(_ file: String) throws -> [Substring] {
            DataFile.entries(try ResourceLocator.text(file, module: "TribuneCoding", sourceFile: #filePath))
        }
        try self.init(
            numbers: load("number-words-en.txt"), qualifiers: load("count-qualifiers-en.txt"),
            kinds: load("count-words-en.txt"), people: load("count-nouns-en.txt"))
    }

    /// Builds the lexicon from the lines of the four lists.
    public init(numbers: [Substring], qualifiers: [Substring], kinds: [Substring], people: [Substring]) throws {
        var numberWords: [String: NumberWord] = [:]
        for line in numbers {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count == 3, let value = Int(fields[1]), let role = NumberWord.Role(rawValue: String(fields[2]))
            else { throw DataFileError(file: "number-words-en.txt", line: String(line)) }
            numberWords[String(fields[0])] = NumberWord(value: value, role: role)
        }
        self.numbers = numberWords
        self.qualifiers = qualifiers.map { $0.split(separator: " ").map(String.init) }.sorted { $0.count > $1.count }
        var kindWords: [String: String] = [:]
        var nouns: Set<String> = []
        for line in kinds {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2 else { throw DataFileError(file: "count-words-en.txt", line: String(line)) }
            var isNoun = false
            for word in fields.dropFirst() {
                if word == "|" {
                    isNoun = true
                    continue
                }
                kindWords[String(word)] = String(fields[0])
                if isNoun { nouns.insert(String(word)) }
            }
        }
        self.kinds = kindWords
        self.countedNouns = nouns
        self.people = Set(people.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) })
    }

    /// Whether `word` (lower-cased) names people: a listed noun or its regular plural.
    func isPeople(_ word: String) -> Bool {
        if people.contains(word) { return true }
        guard word.hasSuffix("s") else { return false }
        if people.contains(String(word.dropLast())) { return true }
        if word.hasSuffix("es"), people.contains(String(word.dropLast(2))) { return true }
        if word.hasSuffix("ies"), people.contains(String(word.dropLast(3)) + "y") { return true }
        return false
    }
}

/// A line of a shipped data file that cannot be read.
public struct DataFileError: Error, CustomStringConvertible {
    public var file: String
    public var line: String
    public var description: String { "\(file): cannot read the line \"\(line)\"" }
}
