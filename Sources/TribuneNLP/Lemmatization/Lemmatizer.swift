import Foundation
import TribuneCore

/// Gives each word its lemma from its form and its XPOS tag: first from a list of exceptions
/// (`went`/`VBD` → `go`), else by the rule learned for the longest known ending of the word with
/// that tag (`-ies`/`NNS` → cut 3, add `y`).
///
/// Both lists are text files in `Resources` that people can read and correct:
/// `lemma-rules.txt` (`XPOS ending rule` per line) and `lemma-exceptions.txt`
/// (`form XPOS lemma`), derived from the treebanks by ``LemmatizerTrainer`` (run by
/// `tribune train tagger`). Fields are separated by tabs; lines starting with `#` are comments.
public struct Lemmatizer: Sendable {
    /// The XPOS tags the files name.
    private let tags: [String]
    private let exceptionIndex: HashIndex
    private let exceptionLemmas: [String]
    private let ruleIndex: HashIndex
    private let rules: [LemmaRule]
    /// The longest ending with a rule.
    private let longestEnding: Int

    public static let rulesFile = "lemma-rules.txt"
    public static let exceptionsFile = "lemma-exceptions.txt"

    /// Loads the shipped lists.
    public static func load() throws -> Lemmatizer {
        try Lemmatizer(
            rules: ResourceLocator.text(rulesFile, module: "TribuneNLP", sourceFile: #filePath),
            exceptions: ResourceLocator.text(exceptionsFile, module: "TribuneNLP", sourceFile: #filePath))
    }

    /// Reads the two lists from their text.
    public init(rules rulesText: String, exceptions exceptionsText: String) throws {
        var tags: [String] = []
        var tagIds: [String: Int] = [:]
        func tagId(_ name: Substring) -> Int {
            let key = String(name)
            if let id = tagIds[key] { return id }
            tags.append(key)
            tagIds[key] = tags.count - 1
            return tags.count - 1
        }
        var ruleIndex = HashIndex(capacity: 4096)
        var rules: [LemmaRule] = []
        var longest = 0
        for (number, line) in Self.lines(rulesText) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, let rule = LemmaRule(text: fields[2]) else {
                throw LemmaFileError(file: Self.rulesFile, line: number, reason: "expected XPOS, ending and rule")
            }
            let ending = Array(fields[1].utf8)
            longest = max(longest, ending.count)
            let key = ending.withUnsafeBufferPointer { Self.ruleKey(tagId(fields[0]), $0) }
            _ = ruleIndex.findOrInsert(key) {
                rules.append(rule)
                return Int32(rules.count - 1)
            }
        }
        var exceptionIndex = HashIndex(capacity: 4096)
        var lemmas: [String] = []
        for (number, line) in Self.lines(exceptionsText) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, !fields[0].isEmpty else {
                throw LemmaFileError(file: Self.exceptionsFile, line: number, reason: "expected form, XPOS and lemma")
            }
            let form = Array(fields[0].utf8)
            let key = form.withUnsafeBufferPointer { Self.exceptionKey(tagId(fields[1]), $0) }
            _ = exceptionIndex.findOrInsert(key) {
                lemmas.append(String(fields[2]))
                return Int32(lemmas.count - 1)
            }
        }
        self.tags = tags
        self.ruleIndex = ruleIndex
        self.rules = rules
        self.exceptionIndex = exceptionIndex
        self.exceptionLemmas = lemmas
        self.longestEnding = longest
    }

    /// For each tag of `tagSet`, the id the lemmatizer knows its XPOS by (-1 if it does not).
    public func tagIds(for tagSet: TagSet) -> [Int] {
        tagSet.xpos.map { tags.firstIndex(of: $0) ?? -1 }
    }

    /// The lemma of `form` (UTF-8) with the XPOS tag the lemmatizer knows by `tag` (from
    /// ``tagIds(for:)``).
    public func lemma(_ form: UnsafeBufferPointer<UInt8>, tag: Int) -> String {
        if let found = exceptionIndex.find(Self.exceptionKey(tag, form)) { return exceptionLemmas[Int(found)] }
        let lower = LemmaRule.lowercased(form)
        let rule = lower.withUnsafeBufferPointer { lower -> LemmaRule? in
            var length = min(longestEnding, lower.count)
            while length >= 0 {
                let ending = UnsafeBufferPointer(rebasing: lower[(lower.count - length)...])
                if let found = ruleIndex.find(Self.ruleKey(tag, ending)) {
                    let rule = rules[Int(found)]
                    if rule.applies(toLength: form.count) { return rule }
                }
                length -= 1
            }
            return nil
        }
        return rule?.apply(form: form, lower: lower) ?? String(decoding: form, as: UTF8.self)
    }

    /// The lemma of a word given as a string (for tools and tests).
    public func lemma(_ form: String, xpos: String) -> String {
        let tag = tags.firstIndex(of: xpos) ?? -1
        return Array(form.utf8).withUnsafeBufferPointer { lemma($0, tag: tag) }
    }

    static func ruleKey(_ tag: Int, _ ending: UnsafeBufferPointer<UInt8>) -> UInt64 {
        FeatureHash.mix(
            FeatureHash.bytes(ending.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: ending.count, seed: 7),
            UInt64(bitPattern: Int64(tag)))
    }

    static func exceptionKey(_ tag: Int, _ form: UnsafeBufferPointer<UInt8>) -> UInt64 {
        FeatureHash.mix(
            FeatureHash.bytes(form.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: form.count, seed: 8),
            UInt64(bitPattern: Int64(tag)))
    }

    /// The numbered lines that are not blank or comments.
    private static func lines(_ text: String) -> [(Int, Substring)] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let line = line.last == "\r" ? line.dropLast() : line
            return line.isEmpty || line.first == "#" ? nil : (index + 1, line)
        }
    }
}

/// A line of a lemma file that cannot be read.
public struct LemmaFileError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file) line \(line): \(reason)" }
}
