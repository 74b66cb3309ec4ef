/// One token as the document JSON shows it with `--tokens`.
///
/// Fields other than `span` are filled by later stages (tagger, parser, named entities)
/// and stay `nil` until a stage provides them.
public struct DocumentToken: Hashable, Sendable {
    public var span: Span
    /// Universal part-of-speech tag (UPOS).
    public var pos: String?
    public var lemma: String?
    /// Index into the document's `tokens` of this token's syntactic head; `nil` for a root.
    public var head: Int?
    /// Universal Dependencies relation to the head.
    public var dep: String?
    /// Named-entity tag in BILOU form (`B-PERSON`, `O`…).
    public var ner: String?

    public init(
        span: Span, pos: String? = nil, lemma: String? = nil, head: Int? = nil, dep: String? = nil,
        ner: String? = nil
    ) {
        self.span = span
        self.pos = pos
        self.lemma = lemma
        self.head = head
        self.dep = dep
        self.ner = ner
    }
}
