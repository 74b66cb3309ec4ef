import TribuneCore
import TribuneNLP

/// The entities of one document as the Resolve stage assembles them from three readers, each
/// stretch of text belonging to at most one entity:
///
/// 1. the recognizer and coreference (``EntityStage``): people, organizations, places, with
///    titles, pronouns and actor codes;
/// 2. the gazetteer's place finder (``PlaceMentionFinder``): a place name the recognizer missed
///    becomes a place entity, one it typed otherwise becomes a place when the names coincide; a
///    place name inside a longer name ("Islamic Movement of *Uzbekistan*") is no place;
/// 3. the actor dictionaries (``ActorCoder``): an actor they name that no entity covers
///    ("Pakistani forces", "Uzbek militants") becomes an entity with that code, and a longer
///    dictionary phrase takes over the shorter mentions inside it ("Pakistani" in "Pakistani
///    forces").
struct DocumentEntities {
    struct Item {
        var type: Entity.Kind
        var titles: [String] = []
        var actor: ActorCode?
        /// UTF-8 byte ranges, with whether each is a name (not a pronoun or role noun).
        var mentions: [Range<Int>] = []
        var isName: [Bool] = []
        var sentences: [Int] = []
        var place: GazetteerPlace?
        var placeConfidence = 0.0

        var isPlace: Bool { [.geopolitical, .location, .facility].contains(type) }

        mutating func add(_ bytes: Range<Int>, sentence: Int, isName: Bool = true) {
            mentions.append(bytes)
            self.isName.append(isName)
            sentences.append(sentence)
        }

        mutating func remove(at index: Int) {
            mentions.remove(at: index)
            isName.remove(at: index)
            sentences.remove(at: index)
        }
    }

    var items: [Item] = []

    init(recognized: [FoundEntity]) {
        items = recognized.map { found in
            Item(
                type: found.entity.type, titles: found.entity.titles, actor: found.entity.actor,
                mentions: found.mentionBytes, isName: found.isName, sentences: found.mentionSentences)
        }
    }

    /// The first mention overlapping `bytes`: its item and index.
    func owner(of bytes: Range<Int>) -> (item: Int, mention: Int)? {
        for (item, entry) in items.enumerated() {
            if let mention = entry.mentions.firstIndex(where: { $0.overlaps(bytes) }) { return (item, mention) }
        }
        return nil
    }

    /// Removes every mention lying inside `bytes`.
    mutating func removeMentions(inside bytes: Range<Int>) {
        for item in items.indices {
            for mention in items[item].mentions.indices.reversed()
            where bytes.contains(items[item].mentions[mention].lowerBound)
                && items[item].mentions[mention].upperBound <= bytes.upperBound
            {
                items[item].remove(at: mention)
            }
        }
    }

    // MARK: Places

    /// Which place mentions to resolve, and the item each belongs to (`nil`: a new place).
    mutating func placeMentions(found: [PlaceMention]) -> [(mention: PlaceMention, item: Int?)] {
        var result: [(mention: PlaceMention, item: Int?)] = []
        var covered: [Range<Int>] = []
        for mention in found {
            guard let (item, index) = owner(of: mention.bytes) else {
                result.append((mention, nil))
                covered.append(mention.bytes)
                continue
            }
            let existing = items[item].mentions[index]
            if existing == mention.bytes {
                // The same words: the gazetteer decides, once resolved, whether it is a place.
                result.append((mention, item))
            } else if items[item].isPlace {
                // The recognizer's extent is kept; the finder's cue helps resolve it.
                var widened = mention
                widened.bytes = existing
                result.append((widened, item))
            } else if mention.bytes.lowerBound <= existing.lowerBound && mention.bytes.upperBound >= existing.upperBound
            {
                // A place name around a shorter name ("Kivu" tagged alone in "Kivu region").
                removeMentions(inside: mention.bytes)
                result.append((mention, nil))
            } else {
                // Inside a longer name of something else.
                continue
            }
            covered.append(mention.bytes)
        }
        // Places the recognizer found and the finder did not.
        for (item, entry) in items.enumerated() where entry.isPlace {
            for (index, bytes) in entry.mentions.enumerated() where entry.isName[index] {
                guard !covered.contains(where: { $0.overlaps(bytes) }) else { continue }
                result.append((PlaceMention(bytes: bytes, sentence: entry.sentences[index]), item))
            }
        }
        return result
    }

    /// Attaches resolved places to their items and makes items for new places: one per
    /// gazetteer entry, or per name when unresolved but clearly a place ("the town of X").
    mutating func addPlaces(
        _ resolutions: [ToponymResolution], owners: [Int?], text: UnsafeBufferPointer<UInt8>
    ) {
        var newItems: [String: Int] = [:]
        for (resolution, owner) in zip(resolutions, owners) {
            if let owner {
                guard let place = resolution.place else { continue }
                if !items[owner].isPlace {
                    // Only when every name of the entity is this place's name.
                    guard items[owner].isName.allSatisfy({ $0 }) else { continue }
                    items[owner].type = DocumentCoder.entityType(place)
                }
                if items[owner].place == nil || resolution.confidence > items[owner].placeConfidence {
                    items[owner].place = place
                    items[owner].placeConfidence = resolution.confidence
                }
                continue
            }
            guard resolution.place != nil || resolution.mention.cue == .placeWord else { continue }
            let key =
                resolution.place.map { "#\($0.id)" }
                ?? String(decoding: PlaceName.key(text, [resolution.mention.bytes]), as: UTF8.self)
            let index: Int
            if let known = newItems[key] {
                index = known
            } else {
                index = items.count
                newItems[key] = index
                items.append(
                    Item(
                        type: DocumentCoder.entityType(resolution.place), place: resolution.place,
                        placeConfidence: resolution.confidence))
            }
            items[index].add(resolution.mention.bytes, sentence: resolution.mention.sentence)
            items[index].placeConfidence = max(items[index].placeConfidence, resolution.confidence)
        }
    }

    // MARK: Actors the dictionaries name

    /// Adds the actors of `mentions` (token ranges) that no entity covers, grouped by code and
    /// words; a mention longer than the entity mentions inside it replaces them.
    mutating func addActors(
        _ mentions: [ActorMention], analysis: AnalyzedText, sentence: Int, coder: ActorCoder,
        text: UnsafeBufferPointer<UInt8>, demonyms: Set<Range<Int>>, groups: inout [String: Int]
    ) {
        let tokens = analysis.tokens
        for mention in mentions {
            let bytes =
                tokens[mention.tokens.lowerBound].range
                .lowerBound..<tokens[mention.tokens.upperBound - 1]
                .range.upperBound
            if let (item, index) = owner(of: bytes) {
                let existing = items[item].mentions[index]
                if existing == bytes {
                    if items[item].actor == nil { items[item].actor = coder.actorCode(mention.code) }
                    continue
                }
                let contains = bytes.lowerBound <= existing.lowerBound && bytes.upperBound >= existing.upperBound
                // Only a phrase that composes more than the name it holds ("Pakistani" → "Pakistani forces").
                guard contains, coder.actorCode(mention.code).code != items[item].actor?.code else { continue }
                let outside = items.indices.contains { other in
                    items[other].mentions.contains {
                        $0.overlaps(bytes) && !(bytes.contains($0.lowerBound) && $0.upperBound <= bytes.upperBound)
                    }
                }
                guard !outside else { continue }
                removeMentions(inside: bytes)
            }
            let words = String(decoding: text[bytes], as: UTF8.self)
            let key = mention.code + "|" + ActorPhrase.key(words)
            let index: Int
            if let known = groups[key] {
                index = known
            } else {
                index = items.count
                groups[key] = index
                let type =
                    demonyms.contains(bytes) ? .nationality : Self.actorType(mention, words: words, coder: coder)
                items.append(Item(type: type, actor: coder.actorCode(mention.code)))
            }
            items[index].add(bytes, sentence: sentence)
        }
    }

    /// Adds the generic actors of a sentence that nothing else covers ("militants", "tribal
    /// leaders", "the government"): an agent of the dictionaries with no country before it
    /// takes the agent's own code (`REB`, `GOV`), as PETRARCH codes them. An agent right before
    /// a person's name is that person's title, not another actor.
    mutating func addAgents(
        analysis: AnalyzedText, sentence: Int, coder: ActorCoder, text: UnsafeBufferPointer<UInt8>,
        groups: inout [String: Int]
    ) {
        let tokens = analysis.tokens
        let range = analysis.sentences[sentence].tokens
        let keys = range.map { ActorPhrase.key(String(decoding: text[tokens[$0].range], as: UTF8.self)) }
        var offset = 0
        while offset < keys.count {
            let first = keys[offset].split(separator: " ").first.map(String.init) ?? ""
            var length = min(coder.dictionary.longestPhrase(startingWith: first), keys.count - offset)
            var agent: AgentEntry?
            while length >= 1, agent == nil {
                agent = coder.dictionary.agent(keys[offset..<offset + length].joined(separator: " "))
                if agent == nil { length -= 1 }
            }
            guard let agent, length >= 1 else {
                offset += 1
                continue
            }
            let start = range.lowerBound + offset
            let bytes = tokens[start].range.lowerBound..<tokens[start + length - 1].range.upperBound
            let next = start + length < range.upperBound ? tokens[start + length].range : nil
            let beforeName =
                next.map { next in
                    items.contains { $0.type == .person && $0.mentions.contains { $0.lowerBound == next.lowerBound } }
                }
                ?? false
            if owner(of: bytes) == nil, !beforeName {
                let key = agent.code + "|" + keys[offset..<offset + length].joined(separator: " ")
                let index: Int
                if let known = groups[key] {
                    index = known
                } else {
                    index = items.count
                    groups[key] = index
                    items.append(Item(type: .organization, actor: coder.actorCode(agent.code)))
                }
                items[index].add(bytes, sentence: sentence, isName: false)
            }
            offset += length
        }
    }

    /// A country's name is a place; a person of the dictionaries holds dated roles (offices
    /// come and go); the rest act as organizations.
    static func actorType(_ mention: ActorMention, words: String, coder: ActorCoder) -> Entity.Kind {
        let code = coder.actorCode(mention.code)
        if code.code.count == 3, code.country == code.code { return .geopolitical }
        if let entry = coder.dictionary.actor(ActorPhrase.key(words)),
            entry.roles.contains(where: { !$0.dates.isAlways })
        {
            return .person
        }
        return .organization
    }

    /// Gives the places that name a country or a known actor their code ("Pakistan" is `PAK`).
    mutating func codePlaces(coder: ActorCoder, day: ActorDay?, text: UnsafeBufferPointer<UInt8>) {
        for index in items.indices where items[index].isPlace && items[index].actor == nil {
            let item = items[index]
            guard let first = item.isName.firstIndex(of: true) else { continue }
            let words = ActorPhrase.key(String(decoding: text[item.mentions[first]], as: UTF8.self))
            guard let coding = coder.code(words: words.split(separator: " ").map(String.init), on: day),
                coding.basis == .country || coding.basis == .named
            else { continue }
            items[index].actor = coding.actor
        }
    }

    // MARK: Output

    /// The entities numbered `E1`, `E2`… in order of first mention, and a ``Place`` for each
    /// resolved in the gazetteer.
    func finish(
        text: UnsafeBufferPointer<UInt8>, offsets: ScalarOffsets, gazetteer: Gazetteer
    ) -> (entities: [Entity], places: [Place]) {
        let live = items.indices.filter { !items[$0].mentions.isEmpty }
        let order = live.sorted {
            items[$0].mentions.map(\.lowerBound).min()! < items[$1].mentions.map(\.lowerBound).min()!
        }
        var entities: [Entity] = []
        var places: [Place] = []
        for (number, index) in order.enumerated() {
            let item = items[index]
            let id = "E\(number + 1)"
            let sorted = item.mentions.indices.sorted { item.mentions[$0].lowerBound < item.mentions[$1].lowerBound }
            let names = sorted.filter { item.isName[$0] }.map {
                String(decoding: text[item.mentions[$0]], as: UTF8.self)
            }
            // Generic actors ("militants") have no name: their fullest words stand for one.
            let words = names.isEmpty ? sorted.map { String(decoding: text[item.mentions[$0]], as: UTF8.self) } : names
            let name = words.max { $0.count < $1.count } ?? ""
            var entity = Entity(
                id: id, type: item.type, name: name, mentions: sorted.map { offsets.span(bytes: item.mentions[$0]) },
                titles: item.titles, actor: item.actor)
            if let place = item.place {
                // Divisions the shipped sources name without a GeoNames id keep their
                // coordinates but no id.
                entity.place = place.isGeoNames ? place.id : nil
                places.append(
                    Place(
                        entity: id, name: place.name, geonameid: place.isGeoNames ? place.id : nil,
                        lat: place.latitude, lon: place.longitude, country: place.country.isEmpty ? nil : place.country,
                        admin1: gazetteer.admin1Name(of: place), featureClass: place.featureClass,
                        confidence: item.placeConfidence))
            }
            entities.append(entity)
        }
        return (entities, places)
    }
}
