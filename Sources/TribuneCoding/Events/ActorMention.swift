import TribuneNLP

/// A stretch of a sentence that names an actor, with its CAMEO actor code.
public struct ActorMention: Hashable, Sendable {
    /// Token indexes (into the analysis's tokens) of the words that name it.
    public var tokens: Range<Int>
    /// The CAMEO actor code (`PAKGOV`).
    public var code: String
    /// The document entity it refers to, when known.
    public var entity: String?

    public init(tokens: Range<Int>, code: String, entity: String? = nil) {
        self.tokens = tokens
        self.code = code
        self.entity = entity
    }
}

/// What the event coder needs from actor coding: the actors named in a sentence.
///
/// The actor dictionaries (issue 5) satisfy it; ``EventCoder/events(_:entities:)`` reads the
/// mentions off the document's entities instead.
public protocol ActorCoding: Sendable {
    /// The actor mentions in the sentence `sentence` (an index into `analysis.sentences`) of the
    /// UTF-8 text, in text order.
    func mentions(in analysis: AnalyzedText, sentence: Int, text: UnsafeBufferPointer<UInt8>) -> [ActorMention]
}
