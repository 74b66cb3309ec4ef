import Foundation
import TribuneCore

/// Tags, lemmatizes and parses sentences of tokens: the ``Tagger``, the ``Lemmatizer`` and the
/// ``Parser`` run one after the other over each sentence, sharing what they computed about its
/// words. Immutable and loaded once; each thread brings its own ``SyntaxAnnotator/Scratch``.
public struct SyntaxAnnotator: Sendable {
    public let tagger: Tagger
    public let lemmatizer: Lemmatizer?
    public let parser: Parser?
    /// The lemmatizer's id of each tag's XPOS.
    private let lemmaTags: [Int]
    /// Each tag's universal part of speech, for the parser.
    private let universal: [UInt8]

    /// Loads the shipped models. A missing or damaged file throws an error that names it.
    public init() throws {
        try self.init(tagger: .load(), lemmatizer: .load(), parser: .load())
    }

    /// Where the shipped model files are: tagger, parser and the two lemma lists.
    public static func shippedFiles() throws -> [URL] {
        try [Tagger.file, Parser.file, Lemmatizer.rulesFile, Lemmatizer.exceptionsFile].map {
            try ResourceLocator.url(for: $0, module: "TribuneNLP", sourceFile: #filePath)
        }
    }

    /// Loads the models from a folder laid out like `Resources` (`tagger.bin`, `parser.bin` and
    /// the two lemma lists), as `tribune train` writes them.
    public init(folder: URL) throws {
        func text(_ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            do {
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw ModelFileError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
            }
        }
        try self.init(
            tagger: Tagger(contentsOf: folder.appendingPathComponent(Tagger.file)),
            lemmatizer: Lemmatizer(rules: text(Lemmatizer.rulesFile), exceptions: text(Lemmatizer.exceptionsFile)),
            parser: Parser(contentsOf: folder.appendingPathComponent(Parser.file)))
    }

    public init(tagger: Tagger, lemmatizer: Lemmatizer?, parser: Parser?) {
        self.tagger = tagger
        self.lemmatizer = lemmatizer
        self.parser = parser
        lemmaTags = lemmatizer?.tagIds(for: tagger.tagSet) ?? []
        universal = tagger.tagSet.universalIds
    }

    /// The annotations of the words, in parallel arrays, appended sentence after sentence.
    public struct Output: Sendable {
        /// Tag ids of ``Tagger/tagSet``.
        public var tags: [UInt16] = []
        public var lemmas: [String] = []
        /// The head of each word as an index into its sentence, -1 for the sentence's root.
        public var heads: [Int32] = []
        /// Label ids of ``Parser/labels``.
        public var labels: [UInt8] = []

        public init() {}

        public mutating func reserve(_ count: Int) {
            tags.reserveCapacity(count)
            lemmas.reserveCapacity(count)
            heads.reserveCapacity(count)
            labels.reserveCapacity(count)
        }
    }

    public struct Scratch {
        var tagger = Tagger.Scratch()
        var parser = Parser.Scratch()
        public init() {}
    }

    /// Annotates one sentence: the words `tokens` of the UTF-8 `text`.
    public func annotate(
        _ text: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, into output: inout Output,
        scratch: inout Scratch
    ) {
        let first = output.tags.count
        tagger.tag(text, tokens, into: &output.tags, scratch: &scratch.tagger)
        if let lemmatizer {
            for (offset, token) in tokens.enumerated() {
                let tag = Int(output.tags[first + offset])
                output.lemmas.append(
                    lemmatizer.lemma(UnsafeBufferPointer(rebasing: text[token.range]), tag: lemmaTags[tag]))
            }
        }
        if let parser {
            output.tags.withUnsafeBufferPointer { tags in
                parser.parse(
                    scratch.tagger.attributes, tags: UnsafeBufferPointer(rebasing: tags[first...]),
                    universal: universal,
                    heads: &output.heads, labels: &output.labels, scratch: &scratch.parser)
            }
        }
    }
}
