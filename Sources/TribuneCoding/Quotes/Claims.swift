import TribuneCore

extension Array where Element == Quote {
    /// The quote whose words hold `span` (an event's trigger, a count), the innermost when quotes
    /// nest: an event read there is that quote's claim, its `attribution` the quote's speaker.
    public func quote(containing span: Span) -> Quote? {
        filter { $0.span.contains(span) }.min { $0.span.length < $1.span.length }
    }
}
