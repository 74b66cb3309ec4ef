import Foundation
import TribuneCore

/// The CAMEO verb-pattern dictionary: synsets, verb blocks with their forms and patterns, and
/// transformations, as PETRARCH2 reads `CAMEO.2.0.txt`.
///
/// Read from the source format (``init(source:file:)``, see ``VerbDictionaryReader``) or from the
/// compiled form Tribune ships (``init(compiled:)``, `cameo-verbs.txt`, written by
/// ``compiled()``); users add their own verb files in the source format (``load(userDirectory:)``).
public struct VerbDictionary: Sendable {
    public static let file = "cameo-verbs.txt"

    /// A dictionary line that does not read.
    public struct FormatError: Error, CustomStringConvertible {
        public var origin: String
        public var message: String
        public var description: String { "\(origin): \(message)" }
    }

    /// Synsets by name (`&CURRENCY`): each member a sequence of words, plurals included.
    public private(set) var synsets: [String: [[String]]] = [:]
    public private(set) var blocks: [VerbBlock] = []
    public private(set) var forms: [VerbForm] = []
    public private(set) var transformations: [VerbTransformation] = []
    /// What the reader skipped, with where (an undefined synset, say).
    public private(set) var warnings: [String] = []

    /// Which file each form came from: 0 for the first, then 1, 2….
    private var generations: [Int] = []
    private var formsByWord: [String: [Int]] = [:]
    private var formsByLemma: [String: [Int]] = [:]
    private var singleWordMembers: [String: Set<String>] = [:]

    public init() {}

    /// Reads a dictionary in PETRARCH's source format.
    public init(source text: String, file: String) throws {
        var reader = VerbDictionaryReader(file: file)
        try reader.read(text)
        self.init()
        merge(reader)
    }

    /// Adds the entries of a source-format file; its forms are found before earlier ones.
    public mutating func add(source text: String, file: String) throws {
        var reader = VerbDictionaryReader(file: file, synsets: synsets)
        try reader.read(text)
        merge(reader)
    }

    private mutating func merge(_ reader: VerbDictionaryReader) {
        let offset = blocks.count
        let generation = forms.isEmpty ? 0 : (generations.max() ?? 0) + 1
        for (name, members) in reader.synsets { synsets[name] = members }
        blocks += reader.blocks
        for var form in reader.forms {
            form.block += offset
            forms.append(form)
            generations.append(generation)
        }
        transformations += reader.transformations
        warnings += reader.warnings
        reindex()
    }

    private mutating func reindex() {
        while generations.count < forms.count { generations.append(0) }
        // A later file's forms first (a user's verb wins over the shipped one); within a file the
        // first entry wins, as in PETRARCH; phrasal forms before one-word ones ("CALL OFF" is
        // tried before "CALL").
        func order(_ a: Int, _ b: Int) -> Bool {
            let (x, y) = (forms[a], forms[b])
            return (generations[a], x.front.count + x.back.count, -a) > (
                generations[b], y.front.count + y.back.count, -b
            )
        }
        formsByWord = [:]
        formsByLemma = [:]
        for index in forms.indices {
            formsByWord[forms[index].word, default: []].append(index)
            formsByLemma[forms[index].lemma, default: []].append(index)
        }
        for key in formsByWord.keys { formsByWord[key]!.sort(by: order) }
        for key in formsByLemma.keys { formsByLemma[key]!.sort(by: order) }
        singleWordMembers = synsets.mapValues { Set($0.filter { $0.count == 1 }.map { $0[0] }) }
    }

    /// The forms whose verb word is `word` (upper case), phrasal forms first.
    public func forms(word: String) -> [VerbForm] {
        formsByWord[word, default: []].map { forms[$0] }
    }

    /// The forms listed under the primary form `lemma` (upper case).
    public func forms(lemma: String) -> [VerbForm] {
        formsByLemma[lemma, default: []].map { forms[$0] }
    }

    /// Whether a one-word member of the synset is `word`.
    public func synset(_ name: String, contains word: String) -> Bool {
        singleWordMembers[name]?.contains(word) ?? false
    }

    /// The code of a verb as the transformations name it (`SAY` → its block's code).
    public func code(ofVerb name: String) -> String? {
        guard let form = forms(word: name).first ?? forms(lemma: name).first else { return nil }
        return form.hasOwnCode ? form.code : blocks[form.block].code
    }

    /// The code a form carries on its own, without a pattern.
    public func code(of form: VerbForm) -> String? {
        form.hasOwnCode ? form.code : blocks[form.block].code
    }

    // MARK: Loading

    /// The shipped dictionary, then every `*.txt` verb file in the user's folder
    /// (`$TRIBUNE_VERBS`, else `~/.tribune/verbs`).
    public static func load(userDirectory: URL? = defaultUserDirectory) throws -> VerbDictionary {
        var dictionary = try VerbDictionary(
            compiled: ResourceLocator.text(file, module: "TribuneCoding", sourceFile: #filePath))
        if let userDirectory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: userDirectory.path)
        {
            for name in names.sorted() where name.hasSuffix(".txt") {
                let url = userDirectory.appendingPathComponent(name)
                let text: String
                do {
                    text = try String(contentsOf: url, encoding: .utf8)
                } catch {
                    throw FormatError(origin: url.path, message: "cannot read the verb file: \(error)")
                }
                try dictionary.add(source: text, file: url.path)
            }
        }
        return dictionary
    }

    /// `$TRIBUNE_VERBS`, else `~/.tribune/verbs`.
    public static var defaultUserDirectory: URL? {
        if let path = ProcessInfo.processInfo.environment["TRIBUNE_VERBS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".tribune/verbs")
    }

    // MARK: Compiled form

    /// The compiled form: one record a line, tab-separated, every inference of the source format
    /// (regular verb forms, plurals of synset members, phrasal verbs) already made.
    ///
    ///     S  &NAME   MEMBER|MEMBER WORDS|…
    ///     B  MEANING CODE[:REVERSE]             a block; the F and P lines after it are its own
    ///     F  WORD    LEMMA  CODE  FRONT  BACK   CODE `=` for the block's
    ///     P  CODE    REVERSE  BEFORE  AFTER  ORIGIN
    ///     T  outerSource innerSource innerTarget innerVerb outerVerb resultSource resultTarget code origin
    public func compiled() -> String {
        var out = "# Tribune verb dictionary, compiled (tribune train dictionaries). Source: PETRARCH2 CAMEO.2.0.txt\n"
        out +=
            "# (Open Event Data Alliance, MIT). Record types: S synset, B block, F verb form, P pattern, T transformation.\n"
        for name in synsets.keys.sorted() {
            out += "S\t\(name)\t" + synsets[name]!.map { $0.joined(separator: " ") }.joined(separator: "|") + "\n"
        }
        var formsByBlock: [Int: [VerbForm]] = [:]
        for form in forms { formsByBlock[form.block, default: []].append(form) }
        for (index, block) in blocks.enumerated() {
            out += "B\t\(block.meaning)\t\(block.code ?? "---")" + (block.reverseCode.map { ":" + $0 } ?? "") + "\n"
            for form in formsByBlock[index, default: []] {
                let code = form.hasOwnCode ? (form.code ?? "---") : "="
                out += "F\t\(form.word)\t\(form.lemma)\t\(code)\t"
                out += form.front.joined(separator: " ") + "\t" + form.back.joined(separator: " ") + "\n"
            }
            for pattern in block.patterns {
                out += "P\t\(pattern.code ?? "---")\t\(pattern.reverseCode ?? "")\t"
                out += pattern.before.map(\.notation).joined(separator: " ") + "\t"
                out += pattern.after.map(\.notation).joined(separator: " ") + "\t\(pattern.origin)\n"
            }
        }
        for t in transformations {
            let fields = [
                t.outerSource, t.innerSource, t.innerTarget, t.innerVerb, t.outerVerb, t.resultSource, t.resultTarget,
                t.resultCode, t.origin,
            ]
            out += "T\t" + fields.joined(separator: "\t") + "\n"
        }
        return out
    }

    /// Reads the compiled form.
    public init(compiled text: String) throws {
        self.init()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let origin = "\(Self.file) line \(number + 1)"
            func need(_ count: Int) throws {
                if fields.count < count { throw FormatError(origin: origin, message: "expected \(count) fields") }
            }
            switch fields[0] {
            case "S":
                try need(3)
                synsets[fields[1]] = fields[2].split(separator: "|").map { $0.split(separator: " ").map(String.init) }
            case "B":
                try need(3)
                let codes = try VerbDictionaryReader.codes(Substring(fields[2]), origin: origin)
                blocks.append(VerbBlock(meaning: fields[1], code: codes.code, reverseCode: codes.reverse, patterns: []))
            case "F":
                try need(6)
                guard !blocks.isEmpty else { throw FormatError(origin: origin, message: "a form before any block") }
                let own = fields[3] != "="
                forms.append(
                    VerbForm(
                        word: fields[1], front: Self.words(fields[4]), back: Self.words(fields[5]), lemma: fields[2],
                        code: own ? Self.code(fields[3]) : nil, hasOwnCode: own, block: blocks.count - 1))
            case "P":
                try need(6)
                guard !blocks.isEmpty else { throw FormatError(origin: origin, message: "a pattern before any block") }
                let parser = PatternParser(origin: origin)
                let pattern = VerbPattern(
                    before: try parser.elements(fields[3]), after: try parser.elements(fields[4]),
                    code: Self.code(fields[1]), reverseCode: fields[2].isEmpty ? nil : fields[2], origin: fields[5])
                blocks[blocks.count - 1].patterns.append(pattern)
            case "T":
                try need(10)
                transformations.append(
                    VerbTransformation(
                        outerSource: fields[1], innerSource: fields[2], innerTarget: fields[3], innerVerb: fields[4],
                        outerVerb: fields[5], resultSource: fields[6], resultTarget: fields[7], resultCode: fields[8],
                        origin: fields[9]))
            default:
                throw FormatError(origin: origin, message: "unknown record type \(fields[0])")
            }
        }
        reindex()
    }

    private static func code(_ text: String) -> String? { text == "---" || text.isEmpty ? nil : text }
    private static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
}
