/// The CoNLL-U format of Universal Dependencies treebanks.
///
/// A file is a sequence of sentences separated by blank lines. Each sentence has comment lines
/// (`# key = value`, or a bare `# key` such as `# newpar`), then one line per word, multiword
/// token or empty node, with ten tab-separated columns:
/// `ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC` (`_` for an empty field).
///
/// - Words have integer ids `1, 2, …`.
/// - A multiword token (`1-2  Google's  _ …`) is the surface form of the words it spans; its
///   words (`Google`, `'s`) follow it.
/// - An empty node (`8.1`) is a word of the enhanced graph only, with no surface form.
///
/// Every column is kept as written, MISC included (it carries `SpaceAfter=No`, and in GUM the
/// entity annotations), so that the tagger, parser and NER can be trained from the same sentences.
/// See <https://universaldependencies.org/format.html>.
public enum CoNLLU {}

extension CoNLLU {
    /// A syntactic word: one line with an integer id.
    public struct Word: Sendable, Hashable {
        /// 1-based index in the sentence.
        public var id: Int
        public var form: String
        public var lemma: String
        /// Universal part-of-speech tag.
        public var upos: String
        /// Treebank-specific part-of-speech tag (Penn Treebank tags in the English treebanks).
        public var xpos: String
        /// Morphological features, `Name=Value|…`, or `_`.
        public var feats: String
        /// Id of the head word, 0 for the root; `nil` when the column is `_`.
        public var head: Int?
        public var deprel: String
        /// Enhanced dependencies, `head:rel|…`, or `_`.
        public var deps: String
        /// Anything else, `Name=Value|…`, or `_`.
        public var misc: String

        public init(
            id: Int, form: String, lemma: String = "_", upos: String = "_", xpos: String = "_",
            feats: String = "_", head: Int? = nil, deprel: String = "_", deps: String = "_", misc: String = "_"
        ) {
            self.id = id
            self.form = form
            self.lemma = lemma
            self.upos = upos
            self.xpos = xpos
            self.feats = feats
            self.head = head
            self.deprel = deprel
            self.deps = deps
            self.misc = misc
        }

        /// False when MISC says `SpaceAfter=No`.
        public var spaceAfter: Bool { CoNLLU.spaceAfter(misc) }
    }

    /// A surface token made of several words (`1-2`, e.g. `don't` → `do` + `n't`).
    public struct MultiwordToken: Sendable, Hashable {
        /// The ids of the words it spans.
        public var words: ClosedRange<Int>
        public var form: String
        /// The FEATS column: only `Typo=Yes` is allowed here, usually `_`.
        public var feats: String
        /// The MISC column (`SpaceAfter=No` is written here, not on the words).
        public var misc: String

        public init(words: ClosedRange<Int>, form: String, feats: String = "_", misc: String = "_") {
            self.words = words
            self.form = form
            self.feats = feats
            self.misc = misc
        }

        public var spaceAfter: Bool { CoNLLU.spaceAfter(misc) }
    }

    /// A node of the enhanced graph that has no surface form (`8.1`).
    public struct EmptyNode: Sendable, Hashable {
        /// The word it follows (0 before the first word).
        public var after: Int
        /// The part after the dot.
        public var index: Int
        /// The ten columns as written; `fields[0]` is the id.
        public var fields: [String]

        public init(after: Int, index: Int, fields: [String]) {
            self.after = after
            self.index = index
            self.fields = fields
        }
    }

    /// One comment line: `# key = value`, or `# key` with an empty value.
    public struct Comment: Sendable, Hashable {
        public var key: String
        public var value: String
        /// The line as read (or as it will be written).
        public var line: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
            self.line = value.isEmpty ? "# \(key)" : "# \(key) = \(value)"
        }

        /// `# newpar` and `# newpar id = …` are both the marker `newpar`.
        func isMarker(_ name: String) -> Bool {
            key == name || (key.hasPrefix(name) && key.dropFirst(name.count).first == " ")
        }

        init(key: String, value: String, line: String) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// A sentence with its comments, words, multiword tokens and empty nodes.
    public struct Sentence: Sendable, Hashable {
        public var comments: [Comment] = []
        public var words: [Word] = []
        public var multiwordTokens: [MultiwordToken] = []
        public var emptyNodes: [EmptyNode] = []

        public init() {}

        /// The value of the first comment with this key.
        public func comment(_ key: String) -> String? {
            comments.first { $0.key == key }?.value
        }

        /// The `# text` comment: the sentence as written.
        public var text: String? { comment("text") }
        /// The `# sent_id` comment.
        public var id: String? { comment("sent_id") }
        /// Whether a `# newdoc` (or `# newdoc id = …`) comment starts a document here.
        public var startsDocument: Bool { comments.contains { $0.isMarker("newdoc") } }
        /// Whether a `# newpar` (or `# newpar id = …`, or `# newdoc`) comment starts a paragraph
        /// here. `# newpar_block` (GUM's layout notes) does not.
        public var startsParagraph: Bool { comments.contains { $0.isMarker("newpar") || $0.isMarker("newdoc") } }

        /// The surface tokens in order: a multiword token stands for the words it spans.
        public var tokens: [SurfaceToken] {
            var result: [SurfaceToken] = []
            result.reserveCapacity(words.count)
            var spans = multiwordTokens.makeIterator()
            var next = spans.next()
            var index = 0
            while index < words.count {
                let word = words[index]
                if let span = next, span.words.lowerBound == word.id {
                    let end = min(words.count, index + span.words.count)
                    result.append(
                        SurfaceToken(form: span.form, words: index..<end, spaceAfter: span.spaceAfter))
                    index = end
                    next = spans.next()
                } else {
                    result.append(SurfaceToken(form: word.form, words: index..<index + 1, spaceAfter: word.spaceAfter))
                    index += 1
                }
            }
            return result
        }
    }

    /// A token as written in the text: one word, or a multiword token.
    public struct SurfaceToken: Sendable, Hashable {
        public var form: String
        /// Indexes into ``Sentence/words``.
        public var words: Range<Int>
        public var spaceAfter: Bool
    }

    /// A line the reader could not make sense of.
    public struct ParseError: Error, CustomStringConvertible {
        /// 1-based line number.
        public var line: Int
        public var reason: String
        public var description: String { "CoNLL-U line \(line): \(reason)" }
    }

    /// `SpaceAfter=No` in a MISC column.
    static func spaceAfter(_ misc: String) -> Bool {
        guard misc != "_" else { return true }
        return !misc.split(separator: "|").contains("SpaceAfter=No")
    }
}
