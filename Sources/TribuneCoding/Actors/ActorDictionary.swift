import Foundation
import TribuneCore

/// The actor and agent dictionaries, indexed for lookup by phrase.
///
/// Tribune ships them compiled (``compiledFile``, built by `tribune train actors` from the
/// Phoenix dictionaries and Tribune's own additions); users add files in the Phoenix format
/// with ``add(_:)`` (`--dict FILE`). A name or form added later replaces an earlier one, so a
/// user's file can correct a shipped entry.
public struct ActorDictionary: Sendable {
    public private(set) var actors: [ActorEntry] = []
    public private(set) var agents: [AgentEntry] = []
    /// Problems met while reading source files (see ``PhoenixReader/Result/problems``).
    public private(set) var problems: [String] = []
    private var actorIndex: [String: Int32] = [:]
    private var agentIndex: [String: Int32] = [:]
    /// For each first word, the most words a phrase starting with it has.
    private var longest: [String: Int] = [:]
    /// Codes that are countries or regions (`PAK`, `SAS`): the prefixes composition trusts.
    public private(set) var countryCodes: Set<String> = []

    /// The compiled dictionaries' file name among TribuneCoding's resources.
    public static let compiledFile = "actors-compiled.tsv"
    /// CAMEO's regional and transnational prefixes, one per line.
    public static let regionsFile = "cameo-regions.txt"

    public init() {}

    /// The shipped dictionaries: the compiled Phoenix files, then Tribune's additions
    /// (``ActorDictionaryBuilder/additionsFile``).
    public static func shipped() throws -> ActorDictionary {
        var dictionary = ActorDictionary()
        try dictionary.readCompiled(
            ResourceLocator.text(compiledFile, module: "TribuneCoding", sourceFile: #filePath))
        for code in DataFile.entries(
            try ResourceLocator.text(regionsFile, module: "TribuneCoding", sourceFile: #filePath))
        {
            dictionary.countryCodes.insert(String(code.prefix { !$0.isWhitespace }))
        }
        let additions = ActorDictionaryBuilder.additionsFile
        dictionary.add(
            PhoenixReader.read(
                try ResourceLocator.text(additions, module: "TribuneCoding", sourceFile: #filePath), file: additions))
        return dictionary
    }

    /// The shipped dictionaries and the user's files (Phoenix format) on top.
    public static func shipped(adding files: [URL]) throws -> ActorDictionary {
        var dictionary = try shipped()
        for file in files { try dictionary.add(contentsOf: file) }
        return dictionary
    }

    /// Adds a dictionary file in the Phoenix format.
    public mutating func add(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DictionaryError(
                file: url.path, reason: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        let result = PhoenixReader.read(text, file: url.lastPathComponent)
        guard !result.actors.isEmpty || !result.agents.isEmpty else {
            throw DictionaryError(file: url.path, reason: "holds no actor or agent entries in the Phoenix format")
        }
        add(result)
    }

    /// Adds what ``PhoenixReader`` read.
    public mutating func add(_ result: PhoenixReader.Result) {
        for entry in result.actors { add(entry) }
        for agent in result.agents { add(agent) }
        problems += result.problems
    }

    public mutating func add(_ entry: ActorEntry) {
        let index = Int32(actors.count)
        actors.append(entry)
        for name in entry.names where !name.isEmpty {
            actorIndex[name] = index
            note(name)
        }
        for role in entry.roles where role.code.count == 3 && role.code.allSatisfy(\.isLetter) {
            countryCodes.insert(role.code)
        }
    }

    public mutating func add(_ agent: AgentEntry) {
        let index = Int32(agents.count)
        agents.append(agent)
        for form in agent.forms {
            agentIndex[form] = index
            note(form)
        }
    }

    private mutating func note(_ phrase: String) {
        let words = phrase.split(separator: " ")
        guard let first = words.first else { return }
        longest[String(first), default: 0] = max(longest[String(first), default: 0], words.count)
    }

    /// The actor with this name (in ``ActorPhrase/key(_:)`` form).
    public func actor(_ key: String) -> ActorEntry? { actorIndex[key].map { actors[Int($0)] } }

    /// The agent with this form (in ``ActorPhrase/key(_:)`` form).
    public func agent(_ key: String) -> AgentEntry? { agentIndex[key].map { agents[Int($0)] } }

    /// The most words of a phrase that starts with `word`; 0 when none does.
    public func longestPhrase(startingWith word: String) -> Int { longest[word] ?? 0 }

    /// Whether `code` starts with a country or regional code this dictionary knows.
    public func hasKnownCountry(_ code: String) -> Bool {
        code.count >= 3 && countryCodes.contains(String(code.prefix(3)))
    }
}

/// A dictionary file that cannot be used, and why.
public struct DictionaryError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "dictionary \(file): \(reason)" }
}

// MARK: - The compiled form

extension ActorDictionary {
    /// Writes the compiled form: one line per actor or agent, with the file and line it came
    /// from, dates as `yyyymmdd`. Plain text, so a user can read and grep what ships.
    ///
    /// ```
    /// @	1	Phoenix.Countries.actors.txt
    /// A	1	36122	HAMID KARZAI|…	AFGELI 19700101-20011222 36123;AFGGOV >20011222 36124;AFGELI - 36125
    /// G	4	2337	MILITANT|MILITANTS	~UAF
    /// ```
    public func compiled(header: String) -> String {
        var files: [String: Int] = [:]
        var out = header.split(separator: "\n").map { "# \($0)\n" }.joined()
        func fileNumber(_ name: String) -> Int {
            if let number = files[name] { return number }
            let number = files.count + 1
            files[name] = number
            out += "@\t\(number)\t\(name)\n"
            return number
        }
        for entry in actors {
            let file = fileNumber(entry.origin.file)
            let roles = entry.roles.map { role in
                "\(role.code) \(role.dates.isAlways ? "-" : role.dates.description) \(role.origin.line)"
            }
            out += "A\t\(file)\t\(entry.origin.line)\t\(entry.names.joined(separator: "|"))\t"
            out += roles.joined(separator: ";") + "\n"
        }
        for agent in agents {
            let file = fileNumber(agent.origin.file)
            let code = agent.placement == .suffix ? "~\(agent.code)" : "\(agent.code)~"
            out += "G\t\(file)\t\(agent.origin.line)\t\(agent.forms.joined(separator: "|"))\t\(code)\n"
        }
        return out
    }

    /// Reads what ``compiled(header:)`` wrote.
    mutating func readCompiled(_ text: String) throws {
        var files: [Int: String] = [:]
        var lineNumber = 0
        for line in text.split(separator: "\n") {
            lineNumber += 1
            if line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            func bad() -> DictionaryError {
                DictionaryError(file: Self.compiledFile, reason: "line \(lineNumber) is malformed; rebuild it")
            }
            guard fields.count >= 3 else { throw bad() }
            if fields[0] == "@" {
                guard let number = Int(fields[1]) else { throw bad() }
                files[number] = String(fields[2])
                continue
            }
            guard fields.count == 5, let number = Int(fields[1]), let file = files[number],
                let line = Int(fields[2])
            else { throw bad() }
            let origin = DictionaryLine(file: file, line: line)
            let names = fields[3].split(separator: "|").map(String.init)
            guard let name = names.first else { throw bad() }
            switch fields[0] {
            case "A":
                var roles: [ActorRole] = []
                for part in fields[4].split(separator: ";") {
                    let pieces = part.split(separator: " ")
                    guard pieces.count == 3, let roleLine = Int(pieces[2]) else { throw bad() }
                    var dates = DateRestriction()
                    if pieces[1] != "-" {
                        guard let parsed = DateRestriction(parsing: pieces[1]) else { throw bad() }
                        dates = parsed
                    }
                    roles.append(
                        ActorRole(
                            code: String(pieces[0]), dates: dates, origin: DictionaryLine(file: file, line: roleLine)))
                }
                add(ActorEntry(name: name, synonyms: Array(names.dropFirst()), roles: roles, origin: origin))
            case "G":
                let code = fields[4]
                add(
                    AgentEntry(
                        phrase: name, forms: names, code: code.filter { $0 != "~" },
                        placement: code.hasPrefix("~") ? .suffix : .prefix, origin: origin))
            default:
                throw bad()
            }
        }
    }
}
