import TribuneCore

/// Tells which entity the words naming a speaker refer to.
///
/// The coreference of the entity stage does the work: an entity's mentions include its
/// pronouns, so "he said" resolves to the person "he" refers to. Another resolver (a store of
/// known speakers, a test double) can stand in.
public protocol SpeakerResolver: Sendable {
    /// The id of the entity that the words at `span` (reading `text`) name, or `nil`.
    func entity(naming span: Span, text: String) -> String?
}

/// Resolves speakers against a document's entities: the entity with a mention over the words,
/// else (for a name the recognizer missed) the person or organization whose name ends with the
/// same word ("Moreno" → "Ana Lucia Moreno") when only one does.
public struct EntityMentionResolver: SpeakerResolver {
    private let entities: [Entity]

    public init(entities: [Entity]) {
        self.entities = entities
    }

    public func entity(naming span: Span, text: String) -> String? {
        var best: (id: String, overlap: Int, rank: Int)?
        for entity in entities {
            let rank = Self.rank(entity.type)
            for mention in entity.mentions where mention.overlaps(span) {
                let overlap = min(mention.end, span.end) - max(mention.start, span.start)
                if best == nil || (rank, overlap) > (best!.rank, best!.overlap) {
                    best = (entity.id, overlap, rank)
                }
            }
        }
        if let best { return best.id }
        guard let last = text.split(separator: " ").last, last.first?.isUppercase == true else { return nil }
        let named = entities.filter { entity in
            (entity.type == .person || entity.type == .organization)
                && entity.name.split(separator: " ").last == last
        }
        return named.count == 1 ? named[0].id : nil
    }

    /// People speak more often than organizations, organizations more than places.
    private static func rank(_ kind: Entity.Kind) -> Int {
        switch kind {
        case .person: 3
        case .organization: 2
        case .nationality, .geopolitical: 1
        default: 0
        }
    }
}
