/// Who did what to whom: one coded event.
public struct Event: Hashable, Sendable, Identifiable {
    /// How the text presents the event.
    public enum Modality: String, Hashable, Sendable, CaseIterable {
        case asserted, reported, claimed, denied, negated, hypothetical, future
    }

    /// `V1`, `V2`…, stable within one document.
    public var id: String
    /// Index into the document's `sentences`.
    public var sentence: Int
    /// Entity ids of the source and target actors, or `nil` when absent.
    public var source: String?
    public var target: String?
    /// The CAMEO actor codes used for this event.
    public var sourceCode: String?
    public var targetCode: String?
    /// CAMEO event code (`112`), its root (`11`), QuadClass (1–4) and Goldstein score.
    public var cameo: String
    public var root: String
    public var quad: Int
    public var goldstein: Double
    public var plover: PloverCoding?
    /// The verb or noun that carries the event.
    public var trigger: Span
    /// The clause it was read from.
    public var span: Span
    /// When it happened, if the text says (a TIMEX3 value).
    public var date: String?
    /// Entity id of where it happened.
    public var place: String?
    public var modality: Modality
    /// Entity id of who says it happened.
    public var attribution: String?
    public var confidence: Double

    public init(
        id: String, sentence: Int, source: String? = nil, target: String? = nil,
        sourceCode: String? = nil, targetCode: String? = nil, cameo: String, root: String,
        quad: Int, goldstein: Double, plover: PloverCoding? = nil, trigger: Span, span: Span,
        date: String? = nil, place: String? = nil, modality: Modality = .asserted,
        attribution: String? = nil, confidence: Double
    ) {
        self.id = id
        self.sentence = sentence
        self.source = source
        self.target = target
        self.sourceCode = sourceCode
        self.targetCode = targetCode
        self.cameo = cameo
        self.root = root
        self.quad = quad
        self.goldstein = goldstein
        self.plover = plover
        self.trigger = trigger
        self.span = span
        self.date = date
        self.place = place
        self.modality = modality
        self.attribution = attribution
        self.confidence = confidence
    }
}

/// An event's PLOVER type, mode and context.
public struct PloverCoding: Hashable, Sendable {
    public var type: String
    public var mode: String?
    public var context: [String]

    public init(type: String, mode: String? = nil, context: [String] = []) {
        self.type = type
        self.mode = mode
        self.context = context
    }
}
