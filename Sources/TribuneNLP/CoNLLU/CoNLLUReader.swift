import Foundation

extension CoNLLU {
    /// Reads the sentences of a CoNLL-U file.
    public static func read(contentsOf url: URL) throws -> [Sentence] {
        try parse(String(contentsOf: url, encoding: .utf8))
    }

    /// Parses CoNLL-U text. Blank lines end sentences (a missing final blank line is fine);
    /// `\r\n` line ends are accepted; a malformed line throws a ``ParseError`` naming it.
    public static func parse(_ text: String) throws -> [Sentence] {
        var sentences: [Sentence] = []
        var current = Sentence()
        var hasContent = false
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if hasContent { sentences.append(current) }
                current = Sentence()
                hasContent = false
                continue
            }
            hasContent = true
            if line.first == "#" {
                current.comments.append(comment(line))
                continue
            }
            try addLine(line, to: &current, lineNumber: lineNumber)
        }
        if hasContent { sentences.append(current) }
        return sentences
    }

    /// `# key = value` → (key, value); `# newpar` → ("newpar", "").
    static func comment(_ line: Substring) -> Comment {
        let body = line.dropFirst().drop { $0 == " " }
        if let equals = body.range(of: " = ") {
            return Comment(
                key: String(body[..<equals.lowerBound]), value: String(body[equals.upperBound...]), line: String(line))
        }
        if let equals = body.firstIndex(of: "=") {
            let key = body[..<equals].trimmingCharacters(in: .whitespaces)
            let value = body[body.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            return Comment(key: key, value: value, line: String(line))
        }
        return Comment(key: body.trimmingCharacters(in: .whitespaces), value: "", line: String(line))
    }

    private static func addLine(_ line: Substring, to sentence: inout Sentence, lineNumber: Int) throws {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard columns.count == 10 else {
            throw ParseError(line: lineNumber, reason: "expected 10 tab-separated columns, found \(columns.count)")
        }
        let id = columns[0]
        if let dash = id.firstIndex(of: "-") {
            guard let first = Int(id[..<dash]), let last = Int(id[id.index(after: dash)...]), first <= last else {
                throw ParseError(line: lineNumber, reason: "bad multiword token id \(id)")
            }
            sentence.multiwordTokens.append(
                MultiwordToken(
                    words: first...last, form: String(columns[1]), feats: String(columns[5]), misc: String(columns[9])))
        } else if let dot = id.firstIndex(of: ".") {
            guard let after = Int(id[..<dot]), let index = Int(id[id.index(after: dot)...]) else {
                throw ParseError(line: lineNumber, reason: "bad empty node id \(id)")
            }
            sentence.emptyNodes.append(EmptyNode(after: after, index: index, fields: columns.map(String.init)))
        } else {
            guard let number = Int(id), number == sentence.words.count + 1 else {
                throw ParseError(line: lineNumber, reason: "expected word id \(sentence.words.count + 1), found \(id)")
            }
            let head: Int?
            if columns[6] == "_" {
                head = nil
            } else if let value = Int(columns[6]) {
                head = value
            } else {
                throw ParseError(line: lineNumber, reason: "bad head \(columns[6])")
            }
            sentence.words.append(
                Word(
                    id: number, form: String(columns[1]), lemma: String(columns[2]), upos: String(columns[3]),
                    xpos: String(columns[4]), feats: String(columns[5]), head: head, deprel: String(columns[7]),
                    deps: String(columns[8]), misc: String(columns[9])))
        }
    }

    /// Writes sentences back as CoNLL-U: comments, then multiword tokens, words and empty nodes
    /// in id order, each sentence followed by a blank line.
    public static func format(_ sentences: [Sentence]) -> String {
        var out = ""
        for sentence in sentences {
            for comment in sentence.comments { out += comment.line + "\n" }
            var spans = sentence.multiwordTokens[...]
            var empties = sentence.emptyNodes[...]
            func emptyNodes(after id: Int) {
                while let node = empties.first, node.after == id {
                    out += node.fields.joined(separator: "\t") + "\n"
                    empties = empties.dropFirst()
                }
            }
            emptyNodes(after: 0)
            for word in sentence.words {
                while let span = spans.first, span.words.lowerBound == word.id {
                    let id = "\(span.words.lowerBound)-\(span.words.upperBound)"
                    out += [id, span.form, "_", "_", "_", span.feats, "_", "_", "_", span.misc].joined(separator: "\t")
                    out += "\n"
                    spans = spans.dropFirst()
                }
                let head = word.head.map(String.init) ?? "_"
                let columns = [
                    String(word.id), word.form, word.lemma, word.upos, word.xpos, word.feats, head, word.deprel,
                    word.deps, word.misc,
                ]
                out += columns.joined(separator: "\t") + "\n"
                emptyNodes(after: word.id)
            }
            for node in empties { out += node.fields.joined(separator: "\t") + "\n" }
            out += "\n"
        }
        return out
    }
}
