/// A time expression and its TIMEX3 normalization.
public struct TimeExpression: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case date = "DATE"
        case time = "TIME"
        case duration = "DURATION"
        case set = "SET"
    }

    public var span: Span
    public var text: String
    public var type: Kind
    /// The TIMEX3 value: `2008-06-28`, `2008-01`, `2001`, `P1W`, `PAST_REF`…
    public var value: String
    /// A TIMEX3 modifier such as `START`, `MID`, `END`, `APPROX`; omitted from JSON when `nil`.
    public var mod: String?
    /// `false` for a relative expression ("last year", "on Monday") that could not be anchored
    /// because the publication date is unknown: its value keeps `X`s (`XXXX-06-28`) or is a
    /// reference (`PAST_REF`). `nil` (omitted from JSON) otherwise.
    public var anchored: Bool?

    public init(span: Span, text: String, type: Kind, value: String, mod: String? = nil, anchored: Bool? = nil) {
        self.span = span
        self.text = text
        self.type = type
        self.value = value
        self.mod = mod
        self.anchored = anchored
    }
}
