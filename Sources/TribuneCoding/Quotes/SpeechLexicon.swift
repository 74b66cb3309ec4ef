import TribuneCore

/// The verbs that introduce what someone said or believes (`speech-verbs-en.txt`).
public struct SpeechLexicon: Sendable {
    /// Saying or believing: the event coder reads a belief's content as less than a claim.
    public enum Mode: String, Sendable, Hashable {
        case speech, belief
    }

    /// A verb of saying or believing, under each of its forms.
    public struct Verb: Sendable, Hashable {
        public var lemma: String
        public var mode: Mode
        /// Its complement may follow without "that" ("he said the group…").
        public var takesBareClause: Bool
        /// Its complement may be an infinitive ("claimed to have killed…").
        public var takesInfinitive: Bool
    }

    let verbs: [String: Verb]

    /// Loads the shipped list from TribuneCoding's resources.
    public init() throws {
        try self.init(
            lines: DataFile.entries(
                ResourceLocator.text("speech-verbs-en.txt", module: "TribuneCoding", sourceFile: #filePath)))
    }

    /// Reads lines `class<TAB>forms…`, the class `speech` or `belief` with `+plain` and `+to` marks.
    public init(lines: [Substring]) throws {
        var verbs: [String: Verb] = [:]
        for line in lines {
            let fields = line.split(whereSeparator: \.isWhitespace)
            let marks = fields.first?.split(separator: "+") ?? []
            guard fields.count >= 2, let first = marks.first, let mode = Mode(rawValue: String(first)) else {
                throw DataFileError(file: "speech-verbs-en.txt", line: String(line))
            }
            let verb = Verb(
                lemma: String(fields[1]), mode: mode, takesBareClause: marks.contains("plain"),
                takesInfinitive: marks.contains("to"))
            for form in fields.dropFirst() { verbs[String(form)] = verb }
        }
        self.verbs = verbs
    }

    /// The verb of which `word` (lower-cased) is a form.
    public func verb(_ word: String) -> Verb? { verbs[word] }
}
