import TribuneCore

/// The words the place finder reads from `place-words-en.txt`: demonyms and their countries, the
/// words that announce or follow a place, titles, compass words, verbs of saying and grammar words.
struct PlaceWords: Sendable {
    static let fileName = "place-words-en.txt"

    /// Folded word → ISO 3166-1 alpha-2 code.
    private(set) var demonyms: [String: String] = [:]
    /// Prepositions and phrases ("city of") that announce a place, folded.
    private(set) var before: Set<String> = []
    private(set) var after: Set<String> = []
    private(set) var titles: Set<String> = []
    private(set) var compass: Set<String> = []
    private(set) var speech: Set<String> = []
    private(set) var function: Set<String> = []

    init() throws {
        try self.init(text: ResourceLocator.text(Self.fileName, module: "TribuneCoding", sourceFile: #filePath))
    }

    init(text: String) throws {
        for entry in DataFile.entries(text) {
            let fields = entry.split(separator: "\t")
            guard fields.count == 3 else {
                throw GazetteerError(path: Self.fileName, reason: "expected kind<TAB>word<TAB>value: \(entry)")
            }
            let word = PlaceName.key(fields[1])
            switch fields[0] {
            case "demonym": demonyms[word] = String(fields[2])
            case "before": before.insert(word)
            case "after": after.insert(word)
            case "title": titles.insert(word)
            case "compass": compass.insert(word)
            case "speech": speech.insert(word)
            case "function": function.insert(word)
            default: throw GazetteerError(path: Self.fileName, reason: "unknown kind \(fields[0])")
            }
        }
    }
}
