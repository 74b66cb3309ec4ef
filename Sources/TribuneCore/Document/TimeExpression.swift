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

    public init(span: Span, text: String, type: Kind, value: String, mod: String? = nil) {
        self.span = span
        self.text = text
        self.type = type
        self.value = value
        self.mod = mod
    }
}
