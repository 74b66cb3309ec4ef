import TribuneCore

/// The word lists the tokenizer and sentence splitter consult, loaded once from the data files in
/// `Sources/TribuneNLP/Resources` (one entry per line, `#` comments).
///
/// A class, so that each paragraph's tokenizer pass shares it instead of copying its tables.
final class SegmenterLexicon: Sendable {
    /// How an abbreviation that keeps its period behaves.
    enum AbbreviationKind: Int32 {
        /// May end a sentence ("Inc.", "etc.", "Jan.").
        case ordinary = 1
        /// Comes before a name and never ends a sentence ("Dr.", "Gen.").
        case title = 2
        /// Keeps its period only before a number ("No. 5", "Vol. 2").
        case numeric = 3
    }

    /// `abbreviations.txt`, `titles.txt` and `numeric-abbreviations.txt`, with their kind.
    let abbreviations: WordTable
    /// `hyphen-prefixes.txt`: the parts before a hyphen that stay joined ("non-", "al-").
    let hyphenPrefixes: WordTable
    /// `contractions.txt`: words split without an apostrophe, valued by index into `splits`.
    let contractions: WordTable
    /// For each contraction, the byte lengths of its parts.
    let splits: [[Int]]
    /// `emoticons.txt`.
    let emoticons: [[UInt8]]
    /// `sentence-starters.txt`: capitalized words that mostly begin sentences ("The", "However").
    let sentenceStarters: WordTable

    /// The files the segmenter ships with.
    static let files = [
        "abbreviations.txt", "titles.txt", "numeric-abbreviations.txt", "hyphen-prefixes.txt",
        "contractions.txt", "emoticons.txt", "sentence-starters.txt",
    ]

    /// Loads the shipped lists.
    convenience init() throws {
        func entries(_ file: String) throws -> [Substring] {
            DataFile.entries(try ResourceLocator.text(file, module: "TribuneNLP", sourceFile: #filePath))
        }
        try self.init(load: entries)
    }

    /// Builds the lexicon from lists given by file name (for tests and tools).
    init(load entries: (String) throws -> [Substring]) throws {
        var abbreviations: [(String, Int32)] = []
        for (file, kind) in [
            ("titles.txt", AbbreviationKind.title), ("abbreviations.txt", .ordinary),
            ("numeric-abbreviations.txt", .numeric),
        ] {
            abbreviations += try entries(file).map { (String($0), kind.rawValue) }
        }
        self.abbreviations = WordTable(abbreviations, foldCase: false)
        hyphenPrefixes = WordTable(words: try entries("hyphen-prefixes.txt"), foldCase: true)

        var contractionWords: [(String, Int32)] = []
        var splits: [[Int]] = []
        for line in try entries("contractions.txt") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, fields.dropFirst().joined().lowercased() == fields[0].lowercased() else {
                throw DataError(file: "contractions.txt", line: String(line), reason: "the parts must spell the word")
            }
            contractionWords.append((String(fields[0]), Int32(splits.count)))
            splits.append(fields.dropFirst().map(\.utf8.count))
        }
        contractions = WordTable(contractionWords, foldCase: true)
        self.splits = splits
        emoticons = try entries("emoticons.txt").map { Array($0.utf8) }
        sentenceStarters = WordTable(words: try entries("sentence-starters.txt"), foldCase: false)
    }

    /// A line of a data file that does not say what it should.
    struct DataError: Error, CustomStringConvertible {
        var file: String
        var line: String
        var reason: String
        var description: String { "\(file): \(reason): \(line)" }
    }

    @inline(__always)
    func abbreviation(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> AbbreviationKind? {
        abbreviations.value(text, range).flatMap(AbbreviationKind.init(rawValue:))
    }
}
