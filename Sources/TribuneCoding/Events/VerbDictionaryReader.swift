/// Reads PETRARCH's verb dictionary source format (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`).
///
/// - `&NAME` starts a synset; the `+WORD` lines after it are its members (`_` joins words; a
///   one-word member gets its plural unless it or the synset's name ends in `_`).
/// - `--- MEANING [CODE] ---` starts a verb block; `[---]` means a verb of the block alone codes
///   no event.
/// - A verb line lists a primary form, optionally its irregular forms in `{…}` (all of them:
///   none are generated then) and its own code in `[…]`; otherwise the regular `-S`, `-ED`,
///   `-ING` forms are generated as PETRARCH does. `+` marks the verb word of a phrasal verb
///   (`+CALL_OFF`, `RE_+ARREST`).
/// - `- BEFORE * AFTER [CODE]` is a pattern of the block (``PatternParser``); `[A:B]` gives the
///   code of the reciprocal event too.
/// - `~ a (b . ATTACK) SAY = a b 112` is a transformation.
/// - `#` starts a comment; `<!-- … -->` comments may span lines.
struct VerbDictionaryReader {
    let file: String
    var synsets: [String: [[String]]]
    var blocks: [VerbBlock] = []
    var forms: [VerbForm] = []
    var transformations: [VerbTransformation] = []
    var warnings: [String] = []

    private var currentSynset: String?

    init(file: String, synsets: [String: [[String]]] = [:]) {
        self.file = file
        self.synsets = synsets
    }

    mutating func read(_ text: String) throws {
        var inComment = false
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            let origin = "\(file):\(number + 1)"
            if inComment {
                guard let end = line.range(of: "-->") else { continue }
                line = line[end.upperBound...]
                inComment = false
            }
            while let start = line.range(of: "<!--") {
                if let end = line[start.upperBound...].range(of: "-->") {
                    line = line[..<start.lowerBound] + line[end.upperBound...]
                } else {
                    line = line[..<start.lowerBound]
                    inComment = true
                }
            }
            if line.hasPrefix("#") { continue }
            do {
                try readLine(line, origin: origin)
            } catch {
                // One bad line (the shipped dictionary has a few typos) costs that line only.
                warnings.append("\(error); line skipped")
            }
        }
    }

    private mutating func readLine(_ raw: Substring, origin: String) throws {
        var line = raw
        if line.hasPrefix("~") {
            try readTransformation(line.dropFirst(), origin: origin)
            return
        }
        if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
        let content = line.trimmingCharacters(in: .whitespaces)
        if content.isEmpty { return }
        if content.hasPrefix("---") {
            try readBlockHeader(content, origin: origin)
        } else if content.hasPrefix("-") {
            guard !blocks.isEmpty else { throw error(origin, "a pattern before any verb block") }
            try readPattern(String(content.dropFirst()), origin: origin)
        } else if content.hasPrefix("&") {
            let name = content.split(separator: " ")[0]
            currentSynset = String(name)
            synsets[String(name)] = synsets[String(name)] ?? []
        } else if content.hasPrefix("+"), let name = currentSynset {
            addMember(String(content.dropFirst()), to: name)
        } else {
            guard !blocks.isEmpty else { throw error(origin, "a verb before any verb block") }
            try readVerb(content, origin: origin)
        }
    }

    private func error(_ origin: String, _ message: String) -> VerbDictionary.FormatError {
        VerbDictionary.FormatError(origin: origin, message: message)
    }

    private mutating func addMember(_ text: String, to name: String) {
        let member = text.trimmingCharacters(in: .whitespaces)
        let bare = member.hasSuffix("_") ? String(member.dropLast()) : member
        let words = bare.split(whereSeparator: { $0 == "_" || $0 == " " }).map { $0.uppercased() }
        guard !words.isEmpty else { return }
        synsets[name, default: []].append(words)
        if words.count == 1, !member.hasSuffix("_"), !name.hasSuffix("_") {
            synsets[name, default: []].append([Self.plural(words[0])])
        }
    }

    static func plural(_ noun: String) -> String {
        if noun.hasSuffix("Y") { return noun.dropLast() + "IES" }
        if noun.hasSuffix("S") { return noun + "ES" }
        return noun + "S"
    }

    private mutating func readBlockHeader(_ content: String, origin: String) throws {
        currentSynset = nil
        let fields = content.split(separator: " ").filter { $0 != "---" }
        guard let meaning = fields.first else { throw error(origin, "a verb block without a name") }
        var codes: (code: String?, reverse: String?) = (nil, nil)
        if let bracket = fields.first(where: { $0.hasPrefix("[") }) {
            codes = try Self.codes(bracket, origin: origin)
        }
        blocks.append(VerbBlock(meaning: String(meaning), code: codes.code, reverseCode: codes.reverse, patterns: []))
    }

    private mutating func readVerb(_ content: String, origin: String) throws {
        var text = Substring(content)
        var ownCode: String?
        var hasOwnCode = false
        if let open = text.lastIndex(of: "["), text.hasSuffix("]") {
            ownCode = try Self.codes(text[open...], origin: origin).code
            hasOwnCode = true
            text = text[..<open]
        }
        var listed: [String]?
        if let open = text.firstIndex(of: "{") {
            guard let close = text.firstIndex(of: "}"), close > open else { throw error(origin, "an unclosed {") }
            listed = text[text.index(after: open)..<close].split(separator: " ").map { $0.uppercased() }
            text = text[..<open]
        }
        let words = text.split(separator: " ").map { $0.uppercased() }
        guard let primary = words.first else { throw error(origin, "a verb line without a verb") }
        let stem = Self.phrasal(primary)
        var written = [primary]
        if let listed {
            written += listed
        } else if words.count == 1 {
            written += Self.regularForms(stem.word).map { Self.render(front: stem.front, word: $0, back: stem.back) }
        }
        var seen: Set<String> = []
        for form in written where seen.insert(form).inserted {
            let parts = Self.phrasal(form)
            forms.append(
                VerbForm(
                    word: parts.word, front: parts.front, back: parts.back, lemma: stem.word, code: ownCode,
                    hasOwnCode: hasOwnCode, block: blocks.count - 1))
        }
    }

    /// `RE_+ARREST` → front [RE], word ARREST; `+CALL_OFF` → word CALL, back [OFF]; a word
    /// with `_` and no `+` is taken whole (`CLEAR_UP` → CLEAR, back [UP]).
    static func phrasal(_ text: String) -> (front: [String], word: String, back: [String]) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: true).map(String.init)
        guard parts.count > 1 else { return ([], text.replacingOccurrences(of: "+", with: ""), []) }
        let verbIndex = parts.firstIndex { $0.hasPrefix("+") } ?? 0
        return (
            Array(parts[..<verbIndex]), parts[verbIndex].replacingOccurrences(of: "+", with: ""),
            Array(parts[(verbIndex + 1)...])
        )
    }

    static func render(front: [String], word: String, back: [String]) -> String {
        guard !front.isEmpty || !back.isEmpty else { return word }
        return (front + ["+" + word] + back).joined(separator: "_")
    }

    /// PETRARCH's regular forms: `-S`/`-ES`/`-IES`, `-ED`/`-D`, `-ING` (dropping a final E after
    /// a consonant).
    static func regularForms(_ stem: String) -> [String] {
        var forms: [String] = []
        if stem.hasSuffix("S") || stem.hasSuffix("X") || stem.hasSuffix("Z") {
            forms.append(stem + "ES")
        } else if stem.hasSuffix("Y") {
            forms.append(stem.dropLast() + "IES")
        } else {
            forms.append(stem + "S")
        }
        forms.append(stem.hasSuffix("E") ? stem + "D" : stem + "ED")
        let chars = Array(stem)
        if stem.hasSuffix("E"), chars.count > 1, !"AEIOU".contains(chars[chars.count - 2]) {
            forms.append(stem.dropLast() + "ING")
        } else {
            forms.append(stem + "ING")
        }
        return forms
    }

    /// `[190]`, `[---]`, `[042:043]`, `[:190]`.
    static func codes(_ bracket: Substring, origin: String) throws -> (code: String?, reverse: String?) {
        let inner = bracket.drop { $0 == "[" }.prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
        let parts = inner.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        func code(_ text: String) throws -> String? {
            if text.isEmpty || text.allSatisfy({ $0 == "-" }) { return nil }
            guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else {
                throw VerbDictionary.FormatError(origin: origin, message: "cannot read the code [\(inner)]")
            }
            return text
        }
        return (try code(parts[0]), parts.count > 1 ? try code(parts[1]) : nil)
    }

    private mutating func readPattern(_ text: String, origin: String) throws {
        guard let open = text.lastIndex(of: "["), let star = text.firstIndex(of: "*"), star < open else {
            warnings.append("\(origin): a pattern without * or [code]; skipped")
            return
        }
        let codes = try Self.codes(text[open...], origin: origin)
        let parser = PatternParser(origin: origin)
        let before: [PatternElement]
        let after: [PatternElement]
        do {
            before = try parser.elements(String(text[..<star]))
            after = try parser.elements(String(text[text.index(after: star)..<open]))
        } catch {
            // The shipped dictionary has a few typos ("VISIT)[042:043]"); PETRARCH garbles those
            // patterns, Tribune skips them and says so.
            warnings.append("\(error); pattern skipped")
            return
        }
        for name in (before + after).flatMap(Self.synsetNames) where synsets[name] == nil {
            warnings.append("\(origin): undefined synset \(name); pattern skipped")
            return
        }
        blocks[blocks.count - 1].patterns.append(
            VerbPattern(before: before, after: after, code: codes.code, reverseCode: codes.reverse, origin: origin))
    }

    private static func synsetNames(_ element: PatternElement) -> [String] {
        func names(_ term: PatternTerm) -> [String] {
            switch term {
            case .synset(let name): [name]
            case .phrase(let words): words.filter { $0.hasPrefix("&") }
            default: []
            }
        }
        switch element {
        case .term(let term): return names(term)
        case .preposition(let preposition, let objects): return names(preposition) + objects.flatMap(names)
        }
    }

    private mutating func readTransformation(_ text: Substring, origin: String) throws {
        let body = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let sides = body.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(separator: "=").map { $0.split(separator: " ").map(String.init) }
        guard sides.count == 2, sides[0].count == 5, sides[1].count == 3 else {
            throw error(origin, "a transformation must read `~ a (b c VERB) VERB = a b CODE`")
        }
        let (left, right) = (sides[0], sides[1])
        transformations.append(
            VerbTransformation(
                outerSource: left[0], innerSource: left[1], innerTarget: left[2], innerVerb: left[3],
                outerVerb: left[4], resultSource: right[0], resultTarget: right[1], resultCode: right[2],
                origin: origin))
    }
}

/// Reads the two sides of a verb pattern: words, `{phrases}`, `&SYNSETS`, `(PREP objects)` and
/// the markers `$ + % ^`.
struct PatternParser {
    let origin: String

    func elements(_ text: String) throws -> [PatternElement] {
        var tokens: [String] = []
        var word = ""
        for character in text {
            if "(){}".contains(character) || character == " " || character == "\t" {
                if !word.isEmpty { tokens.append(word.uppercased()) }
                word = ""
                if character != " " && character != "\t" { tokens.append(String(character)) }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word.uppercased()) }
        var index = 0
        var elements: [PatternElement] = []
        func fail(_ message: String) -> VerbDictionary.FormatError {
            VerbDictionary.FormatError(origin: origin, message: message)
        }
        func term() throws -> PatternTerm {
            let token = tokens[index]
            index += 1
            if token == "{" {
                var words: [String] = []
                while index < tokens.count, tokens[index] != "}" {
                    words += tokens[index].split(separator: "_").map(String.init)
                    index += 1
                }
                guard index < tokens.count else { throw fail("an unclosed {") }
                index += 1
                return words.count == 1 ? .word(words[0]) : .phrase(words)
            }
            switch token {
            case "$": return .source
            case "+": return .target
            case "%": return .compound
            case "^": return .skip
            default:
                if token.hasPrefix("&") { return .synset(token) }
                let words = token.split(separator: "_").map(String.init)
                return words.count > 1 ? .phrase(words) : .word(words.first ?? token)
            }
        }
        while index < tokens.count {
            if tokens[index] == "(" {
                index += 1
                guard index < tokens.count, tokens[index] != ")" else { throw fail("an empty (…)") }
                let preposition = try term()
                var objects: [PatternTerm] = []
                while index < tokens.count, tokens[index] != ")" { objects.append(try term()) }
                guard index < tokens.count else { throw fail("an unclosed (") }
                index += 1
                elements.append(.preposition(preposition, objects: objects))
            } else if tokens[index] == ")" || tokens[index] == "}" {
                throw fail("an unopened \(tokens[index])")
            } else {
                elements.append(.term(try term()))
            }
        }
        return elements
    }
}
