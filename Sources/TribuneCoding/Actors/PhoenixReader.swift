/// Reads actor and agent dictionaries in the CAMEO/Phoenix (PETRARCH) format.
///
/// Actors:
/// ```
/// HAMID_KARZAI_  # CountryInfo.txt
/// +KARZAI_HAMID_
///     [AFGELI 700101-011222]
///     [AFGGOV >011222]
///     [AFGELI]
/// ISLAMIC_MOVEMENT_OF_UZBEKISTAN_ [KKLREB] #  kkl 21 Mar 13
/// ```
/// An entry is a line that starts with its name; `+` lines add other names; its codes sit in
/// brackets on the same line or on indented lines after it, each with an optional date
/// restriction (`<d`, `>d`, `a-b`, dates `yymmdd` or `yyyymmdd`); `[---]` is no code. Words are
/// joined by `_`; a final `_` (TABARI's "no stemming" mark) changes nothing here.
///
/// Agents: `POLICE {} [~COP]`, `CATTLE_THIEF {CATTLE_THIEVES} [~CRM]`, `SPOKES!PERSON! [~MED]`
/// with `!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON` substitution sets, `[IGO~]` for codes that
/// come first. Regular plurals are made, as PETRARCH does.
///
/// `#` starts a comment anywhere; `<!-- … -->` comments and blank lines are skipped. Lines the
/// reader cannot use are listed in ``Result/problems`` rather than guessed at.
public enum PhoenixReader {
    public struct Result: Sendable {
        public var actors: [ActorEntry] = []
        public var agents: [AgentEntry] = []
        /// `file:line: what is wrong`, for each line skipped in part or in whole.
        public var problems: [String] = []
    }

    /// Reads one dictionary file's text; `file` names it in origins and problems.
    public static func read(_ text: String, file: String) -> Result {
        var result = Result()
        var substitutions: [String: [String]] = [:]
        var current: ActorEntry?
        var inXMLComment = false
        func flush() {
            if let entry = current, !entry.roles.isEmpty || !entry.name.isEmpty { result.actors.append(entry) }
            current = nil
        }
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if inXMLComment {
                guard let end = line.range(of: "-->") else { continue }
                line = line[end.upperBound...]
                inXMLComment = false
            }
            if let start = line.range(of: "<!--") {
                if let end = line[start.upperBound...].range(of: "-->") {
                    line = line[..<start.lowerBound] + line[end.upperBound...]
                } else {
                    line = line[..<start.lowerBound]
                    inXMLComment = true
                }
            }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let content = Substring(line.trimmingCharacters(in: .whitespacesAndNewlines))
            guard !content.isEmpty else { continue }
            let origin = DictionaryLine(file: file, line: lineNumber)

            if content.hasPrefix("!"), let equals = content.firstIndex(of: "=") {
                let name = content[..<equals].trimmingCharacters(in: .whitespaces)
                substitutions[name] = content[content.index(after: equals)...].split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            let (words, brackets, braces) = split(content)
            if brackets.contains(where: { $0.contains("~") }) {
                flush()
                readAgent(
                    words, brackets: brackets, braces: braces, substitutions: substitutions, origin: origin,
                    into: &result)
                continue
            }
            if content.hasPrefix("+") {
                guard current != nil else {
                    result.problems.append("\(origin): a + line with no entry before it")
                    continue
                }
                let synonym = phrase(words.dropFirst())
                if !synonym.isEmpty { current!.synonyms.append(synonym) }
            } else if !words.trimmingCharacters(in: .whitespaces).isEmpty {
                flush()
                current = ActorEntry(name: phrase(words), roles: [], origin: origin)
            }
            guard current != nil else {
                result.problems.append("\(origin): codes with no entry before them")
                continue
            }
            for bracket in brackets {
                guard let role = role(bracket, origin: origin, problems: &result.problems) else { continue }
                current!.roles.append(role)
            }
        }
        flush()
        result.actors.removeAll { $0.name.isEmpty || $0.roles.isEmpty }
        return result
    }

    /// The words before the first bracket, the contents of each `[…]` and of each `{…}`.
    private static func split(_ content: Substring) -> (Substring, [Substring], [Substring]) {
        var brackets: [Substring] = []
        var braces: [Substring] = []
        var wordsEnd = content.endIndex
        var index = content.startIndex
        while index < content.endIndex {
            let character = content[index]
            if character == "[" || character == "{" {
                if wordsEnd == content.endIndex { wordsEnd = index }
                let close: Character = character == "[" ? "]" : "}"
                let start = content.index(after: index)
                let end = content[start...].firstIndex(of: close) ?? content.endIndex
                if character == "[" {
                    brackets.append(content[start..<end])
                } else {
                    braces.append(content[start..<end])
                }
                index = end < content.endIndex ? content.index(after: end) : end
                continue
            }
            index = content.index(after: index)
        }
        return (content[..<wordsEnd], brackets, braces)
    }

    private static func role(_ bracket: Substring, origin: DictionaryLine, problems: inout [String]) -> ActorRole? {
        let trimmed = bracket.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != "---" else { return nil }
        let code = trimmed.prefix { !$0.isWhitespace && $0 != "<" && $0 != ">" }
        let rest = trimmed[code.endIndex...].trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            problems.append("\(origin): not a code: [\(bracket)]")
            return nil
        }
        guard !rest.isEmpty else { return ActorRole(code: String(code).uppercased(), origin: origin) }
        guard let dates = DateRestriction(parsing: rest[...]) else {
            problems.append("\(origin): bad date restriction in [\(bracket)]; role skipped")
            return nil
        }
        return ActorRole(code: String(code).uppercased(), dates: dates, origin: origin)
    }

    private static func readAgent(
        _ words: Substring, brackets: [Substring], braces: [Substring], substitutions: [String: [String]],
        origin: DictionaryLine, into result: inout Result
    ) {
        guard let bracket = brackets.first(where: { $0.contains("~") }) else { return }
        let raw = bracket.trimmingCharacters(in: .whitespaces)
        let placement: AgentEntry.Placement = raw.hasPrefix("~") ? .suffix : .prefix
        let code = raw.filter { $0 != "~" }.uppercased()
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            result.problems.append("\(origin): not an agent code: [\(bracket)]")
            return
        }
        let base = expand(String(words), substitutions)
        var forms: [String] = []
        for form in base {
            forms.append(phrase(form[...]))
            forms.append(plural(phrase(form[...])))
        }
        for brace in braces {
            for plural in brace.split(separator: ",") where !plural.trimmingCharacters(in: .whitespaces).isEmpty {
                forms.append(phrase(plural))
            }
        }
        var seen = Set<String>()
        forms = forms.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard let first = forms.first else {
            result.problems.append("\(origin): an agent with no words")
            return
        }
        result.agents.append(
            AgentEntry(phrase: first, forms: forms, code: code, placement: placement, origin: origin))
    }

    /// Expands `!SET!` references, every combination.
    static func expand(_ words: String, _ substitutions: [String: [String]]) -> [String] {
        guard let start = words.firstIndex(of: "!"),
            let end = words[words.index(after: start)...].firstIndex(of: "!")
        else { return [words] }
        let name = String(words[start...end])
        guard let values = substitutions[name] else {
            return [words.replacingOccurrences(of: name, with: "")]
        }
        return values.flatMap { value in
            expand(String(words[..<start]) + value + String(words[words.index(after: end)...]), substitutions)
        }
    }

    /// A dictionary phrase in the form lookups use: ``ActorPhrase/key(_:)`` of its words.
    static func phrase(_ words: Substring) -> String { ActorPhrase.key(words) }

    /// The regular plural of a phrase's last word, as PETRARCH makes it.
    static func plural(_ phrase: String) -> String {
        guard let last = phrase.split(separator: " ").last, last.count > 1 else { return phrase }
        let head = phrase.dropLast(last.count)
        let word = String(last)
        let vowels: Set<Character> = ["A", "E", "I", "O", "U"]
        if word.hasSuffix("MAN") { return head + word.dropLast(3) + "MEN" }
        if word.hasSuffix("Y"), let before = word.dropLast().last, !vowels.contains(before) {
            return head + word.dropLast() + "IES"
        }
        for ending in ["S", "X", "Z", "CH", "SH"] where word.hasSuffix(ending) { return head + word + "ES" }
        return head + word + "S"
    }
}

/// The form in which dictionary phrases and text are compared: upper case, words separated by
/// one space (`_`, `-` and white space all separate words), periods dropped (`U.S.` is `US`),
/// no space before an apostrophe (`People 's` is `PEOPLE'S`).
public enum ActorPhrase {
    public static func key<S: StringProtocol>(_ text: S) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "_", " ", "\t", "\n", "\r", "-", "\u{2010}", "\u{2011}", "\u{2013}", "\u{00A0}":
                pendingSpace = !out.isEmpty
            case ".":
                continue
            case "'", "\u{2019}":
                pendingSpace = false
                out.append("'")
            default:
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                if scalar.isASCII {
                    let value = scalar.value
                    out.unicodeScalars.append(
                        (0x61...0x7A).contains(value) ? Unicode.Scalar(value - 0x20)! : scalar)
                } else {
                    out += String(scalar).uppercased()
                }
            }
        }
        return out
    }
}
