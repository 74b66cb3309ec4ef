import TribuneCore

/// A time expression found in a text: where it is, its TIMEX3 type and normalized value.
public struct TimexMatch: Hashable, Sendable {
    /// UTF-8 byte range in the text.
    public var bytes: Range<Int>
    public var type: TimeExpression.Kind
    /// The TIMEX3 value: `2008-06-28`, `2008-01`, `2001`, `P1W`, `PAST_REF`, `XXXX-06-28`…
    public var value: String
    /// `START`, `MID`, `END`, `APPROX`, `MORE_THAN`…
    public var mod: String?
    /// Whether the value was fixed against the anchor date. `false` only for expressions that
    /// need an anchor ("yesterday", "June 28", "last year") when none was known: their values
    /// keep `X` where the anchor would have filled them in (`XXXX-06-28`).
    public var anchored: Bool

    public init(bytes: Range<Int>, type: TimeExpression.Kind, value: String, mod: String? = nil, anchored: Bool = true)
    {
        self.bytes = bytes
        self.type = type
        self.value = value
        self.mod = mod
        self.anchored = anchored
    }

    /// A date or time whose value names a calendar point (not a duration, set or reference).
    public var isCalendarDate: Bool {
        (type == .date || type == .time) && value.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } == true
    }
}
