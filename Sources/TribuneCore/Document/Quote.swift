/// Who said what: a direct, indirect or mixed quotation and its speaker.
public struct Quote: Hashable, Sendable, Identifiable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case direct, indirect, mixed
    }

    /// `Q1`, `Q2`…, stable within one document.
    public var id: String
    public var kind: Kind
    /// The quoted words, without the quote marks.
    public var text: String
    public var span: Span
    /// Entity id of the speaker, or `nil` when the text does not make it clear.
    public var speaker: String?
    /// The words that name the speaker here ("Karzai", "he").
    public var speakerText: String?
    /// The verb or phrase that introduces the quote ("stated", "according to").
    public var cue: String?
    public var cueSpan: Span?
    /// When it was said, if the text says (a TIMEX3 value).
    public var date: String?

    public init(
        id: String, kind: Kind, text: String, span: Span, speaker: String? = nil,
        speakerText: String? = nil, cue: String? = nil, cueSpan: Span? = nil, date: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.span = span
        self.speaker = speaker
        self.speakerText = speakerText
        self.cue = cue
        self.cueSpan = cueSpan
        self.date = date
    }
}
