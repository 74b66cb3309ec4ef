import TribuneCore
import TribuneNLP

/// Codes events from parsed sentences: for each predicate with an entry in the verb dictionary,
/// the source is its subject's actors, the target its object's (or the object of the pattern's
/// preposition), the code the best-matching pattern's or the verb's own; nouns that carry an
/// event ("an attack on…") code too. Each event gets its modality (negated, future,
/// hypothetical, reported, claimed, denied) and who reports it.
///
/// Immutable and loaded once; any number of threads may share one.
public struct EventCoder: Sendable {
    public let verbs: VerbDictionary
    public let cues: EventCues
    public let nouns: NominalEvents
    public let discards: DiscardList
    /// CAMEO names, Goldstein scores and QuadClass; CAMEO→PLOVER.
    public let codebook: CAMEOCodebook?
    public let plover: PLOVERMapping?
    /// Whether to apply the dictionary's transformations as PETRARCH does ("A said B attacked
    /// C" becomes A accusing B). Off for documents, where the inner event keeps its code and is
    /// `reported` or `claimed` with its attribution; on to compare with PETRARCH's gold codings.
    public var appliesTransformations = false
    /// Patterns of each block, most specific first.
    private let orderedPatterns: [[VerbPattern]]

    /// One event read from a sentence, before it becomes a document ``Event``.
    public struct Coded: Hashable, Sendable {
        /// Index into the analysis's sentences.
        public var sentence: Int
        /// Token index of the verb or noun that carries it.
        public var trigger: Int
        public var source: ActorMention?
        public var target: ActorMention?
        /// The CAMEO event code.
        public var code: String
        public var modality: Event.Modality
        /// Who reports it, when the text names them.
        public var attribution: ActorMention?
        /// Token indexes of the clause it was read from.
        public var clause: Range<Int>
        public var confidence: Double
        /// The dictionary line that coded it (a pattern's `file:line`, or `verb`/`noun`).
        public var origin: String
    }

    /// Loads the shipped dictionaries and lists (and the user's verb files).
    public init() throws {
        try self.init(
            verbs: .load(), cues: EventCues(), nouns: NominalEvents(), discards: DiscardList(),
            codebook: CAMEOCodebook(), plover: PLOVERMapping())
    }

    public init(
        verbs: VerbDictionary, cues: EventCues, nouns: NominalEvents, discards: DiscardList,
        codebook: CAMEOCodebook? = nil, plover: PLOVERMapping? = nil
    ) {
        self.verbs = verbs
        self.codebook = codebook
        self.plover = plover
        self.cues = cues
        self.nouns = nouns
        self.discards = discards
        orderedPatterns = verbs.blocks.map { block in
            block.patterns.enumerated().sorted { ($0.1.specificity, -$0.0) > ($1.1.specificity, -$1.0) }.map(\.1)
        }
    }

    // MARK: A sentence

    /// The events of one sentence, given the actors named in it.
    public func code(
        sentence index: Int, analysis: AnalyzedText, text: UnsafeBufferPointer<UInt8>, mentions: [ActorMention]
    ) -> [Coded] {
        let sentence = analysis.sentences[index]
        guard !sentence.tokens.isEmpty else { return [] }
        let graph = SentenceGraph(analysis: analysis, sentence: sentence, text: text)
        if discards.discardsSentence(graph.words) { return [] }
        var mentionOf = Array(repeating: -1, count: graph.count)
        for (number, mention) in mentions.enumerated() {
            for token in mention.tokens where sentence.tokens.contains(token) {
                mentionOf[token - graph.first] = number
            }
        }
        var state = SentenceCoding(
            coder: self, graph: graph, mentions: mentions, mentionOf: mentionOf, sentence: index,
            quoted: Self.quotedWords(analysis: analysis, sentence: sentence, text: text))
        state.codeVerbs()
        state.codeNouns()
        if appliesTransformations { state.applyTransformations() }
        return state.deduplicated()
    }

    /// For each word of the sentence, whether it stands between quotation marks.
    static func quotedWords(analysis: AnalyzedText, sentence: Sentence, text: UnsafeBufferPointer<UInt8>) -> [Bool] {
        var inside = false
        var result: [Bool] = []
        result.reserveCapacity(sentence.tokens.count)
        for index in sentence.tokens {
            let range = analysis.tokens[index].range
            let bytes = text[range]
            let isQuote =
                bytes.elementsEqual([0x22]) || bytes.elementsEqual([0xE2, 0x80, 0x9C])
                || bytes.elementsEqual([0xE2, 0x80, 0x9D]) || bytes.elementsEqual([0x60, 0x60])
                || bytes.elementsEqual([0x27, 0x27])
            if isQuote {
                inside.toggle()
                result.append(false)
            } else {
                result.append(inside)
            }
        }
        return result
    }

    func patterns(ofBlock block: Int) -> [VerbPattern] { orderedPatterns[block] }
}

/// The work of coding one sentence.
struct SentenceCoding {
    let coder: EventCoder
    let graph: SentenceGraph
    let mentions: [ActorMention]
    let mentionOf: [Int]
    let sentence: Int
    let quoted: [Bool]
    var events: [EventCoder.Coded] = []
    /// Words a verb pattern used, which do not code again as nominal events.
    var used: Set<Int> = []
    /// The verb of each event (sentence index), for transformations.
    var verbOfEvent: [Int] = []

    static let clauseBoundaries: Set<Substring> = ["conj", "parataxis", "advcl", "acl", "cc", "punct", "mark", "ccomp"]
    static let subjectRelations: Set<String> = ["nsubj", "nsubj:pass", "csubj", "nsubj:outer"]
    static let relativePronouns: Set<String> = ["WHO", "WHICH", "THAT", "WHOM"]

    init(
        coder: EventCoder, graph: SentenceGraph, mentions: [ActorMention], mentionOf: [Int], sentence: Int,
        quoted: [Bool]
    ) {
        self.coder = coder
        self.graph = graph
        self.mentions = mentions
        self.mentionOf = mentionOf
        self.sentence = sentence
        self.quoted = quoted
    }

    // MARK: Verbs

    mutating func codeVerbs() {
        for word in 0..<graph.count where graph.upos[word] == .verb {
            guard let form = verbForm(word) else { continue }
            codeVerb(word, form: form)
        }
    }

    /// The dictionary form of a verb word: by its written form (phrasal forms first), else by
    /// its lemma.
    func verbForm(_ word: Int) -> VerbForm? {
        let candidates = coder.verbs.forms(word: graph.words[word]) + coder.verbs.forms(lemma: graph.lemmas[word])
        return candidates.first { form in
            for (offset, part) in form.back.enumerated() {
                let index = word + 1 + offset
                guard index < graph.count, graph.words[index] == part else { return false }
            }
            for (offset, part) in form.front.reversed().enumerated() {
                let index = word - 1 - offset
                guard index >= 0, graph.words[index] == part else { return false }
            }
            return true
        }
    }

    /// The subject of a verb: its own, else the one it shares (a controlled infinitive, a
    /// coordinated verb, the noun a relative or participial clause modifies). `passive` when
    /// the subject is the patient.
    func subject(of verb: Int) -> (word: Int, passive: Bool)? {
        var node = verb
        var steps = 0
        while node >= 0, steps < 6 {
            if let own = graph.children[node].first(where: {
                SentenceCoding.subjectRelations.contains(graph.relations[$0])
            }) {
                let passive = graph.relations[own].hasSuffix(":pass") && node == verb
                if SentenceCoding.relativePronouns.contains(graph.words[own]), graph.baseRelation(node) == "acl" {
                    return (graph.heads[node], passive)
                }
                return (own, passive)
            }
            let relation = graph.baseRelation(node)
            if relation == "acl" {
                // "militants based in…", "the forces that attacked…": the modified noun.
                let passive =
                    graph.words[node].hasSuffix("ED") && !graph.children[node].contains { graph.relations[$0] == "obj" }
                return (graph.heads[node], passive && node == verb)
            }
            guard relation == "xcomp" || relation == "conj" else { return nil }
            node = graph.heads[node]
            steps += 1
        }
        return nil
    }

    /// The actors of the nominal headed by `word`: its own mention, or those inside it (not in
    /// its clauses), each conjunct separately.
    func actors(of word: Int) -> [Int] {
        var result: [Int] = []
        if mentionOf[word] >= 0 {
            result.append(mentionOf[word])
        } else {
            let inside = graph.subtree(word, excluding: ["acl", "conj", "cc", "advcl", "parataxis", "punct", "appos"])
                .filter { !viaLocative($0, under: word) }
            // Direct modifiers first ("Iraqi forces"), then prepositional ones ("forces of Iraq").
            let direct = inside.filter { mentionOf[$0] >= 0 && !viaPreposition($0, under: word) }
            let any = direct.isEmpty ? inside.filter { mentionOf[$0] >= 0 } : direct
            if let first = any.first { result.append(mentionOf[first]) }
        }
        for conjunct in graph.children(of: word, "conj") where graph.upos[conjunct] != .verb {
            result += actors(of: conjunct)
        }
        var seen: Set<Int> = []
        return result.filter { seen.insert($0).inserted }
    }

    /// Whether `word` hangs under `top` through a phrase of place or time ("an attack on
    /// militia *near the city of Mosul*"): a setting, not a participant.
    private func viaLocative(_ word: Int, under top: Int) -> Bool {
        var node = word
        while node >= 0, node != top {
            if let preposition = graph.preposition(of: node), coder.cues.locative.contains(preposition) { return true }
            node = graph.heads[node]
        }
        return false
    }

    private func viaPreposition(_ word: Int, under top: Int) -> Bool {
        var node = word
        while node >= 0, node != top {
            if graph.preposition(of: node) != nil { return true }
            node = graph.heads[node]
        }
        return false
    }

    mutating func codeVerb(_ verb: Int, form: VerbForm) {
        let subject = subject(of: verb)
        let inherited = subject.map { !graph.dominates(verb, $0.word) } ?? false
        var before = graph.subtree(verb, excluding: SentenceCoding.clauseBoundaries).filter { $0 < verb }
        if let subject, inherited {
            before = graph.subtree(subject.word, excluding: ["acl", "punct"]) + before
        }
        let after = graph.subtree(verb, excluding: ["conj", "parataxis", "advcl", "cc", "punct"]).filter { $0 > verb }
        let matcher = PatternMatcher(dictionary: coder.verbs, graph: graph, mentionOf: mentionOf)
        var chosen: (pattern: VerbPattern, match: PatternMatcher.Match)?
        for pattern in coder.patterns(ofBlock: form.block) {
            guard var match = matcher.match(pattern.before, in: before) else { continue }
            guard let later = matcher.match(pattern.after, in: after) else { continue }
            match.source = match.source ?? later.source
            match.target = match.target ?? later.target
            match.used += later.used
            chosen = (pattern, match)
            break
        }
        let code: String?
        let reverseCode: String?
        let origin: String
        if let chosen {
            code = chosen.pattern.code
            reverseCode = chosen.pattern.reverseCode
            origin = chosen.pattern.origin
            used.formUnion(chosen.match.used)
        } else {
            code = coder.verbs.code(of: form)
            reverseCode = form.hasOwnCode ? nil : coder.verbs.blocks[form.block].reverseCode
            origin = "verb \(form.lemma)"
        }
        guard let code else { return }

        var sources: [Int] = []
        var targets: [Int] = []
        if let bound = chosen?.match.source { sources = [bound] }
        if let bound = chosen?.match.target { targets = [bound] }
        if let subject {
            if subject.passive {
                if targets.isEmpty { targets = actors(of: subject.word) }
                if sources.isEmpty, let agent = agent(of: verb) { sources = actors(of: agent) }
            } else if sources.isEmpty {
                sources = actors(of: subject.word)
            }
        }
        // A verb of saying codes an event of its own only with a pattern or an addressee: what
        // it reports is coded from its complement.
        let reports =
            chosen == nil && coder.cues.reporting(graph.lemmas[verb].isEmpty ? form.lemma : graph.lemmas[verb]) != nil
        if targets.isEmpty {
            targets = objectActors(of: verb, pattern: chosen?.pattern, excluding: Set(sources), complements: !reports)
        }
        if reports && targets.isEmpty { return }
        guard !sources.isEmpty || !targets.isEmpty else { return }
        let (modality, attribution) = modality(of: verb)
        let clause = clauseRange(verb)
        let confidence = (chosen != nil ? 0.8 : 0.65) - (sources.isEmpty || targets.isEmpty ? 0.15 : 0)
        let pairs = Self.pairs(sources, targets)
        for (source, target) in pairs {
            append(
                trigger: verb, source: source, target: target, code: code, modality: modality,
                attribution: attribution, clause: clause, confidence: confidence, origin: origin)
            if let reverse = reverseCode, source != nil, target != nil {
                append(
                    trigger: verb, source: target, target: source, code: reverse, modality: modality,
                    attribution: attribution, clause: clause, confidence: confidence, origin: origin)
            }
        }
    }

    static func pairs(_ sources: [Int], _ targets: [Int]) -> [(Int?, Int?)] {
        let s: [Int?] = sources.isEmpty ? [nil] : sources.map { $0 }
        let t: [Int?] = targets.isEmpty ? [nil] : targets.map { $0 }
        return s.flatMap { source in
            t.compactMap { target in source == target && source != nil ? nil : (source, target) }
        }
    }

    /// The agent of a passive verb: `obl:agent`, or an oblique introduced by "by".
    func agent(of verb: Int) -> Int? {
        graph.children[verb].first { graph.relations[$0] == "obl:agent" }
            ?? graph.children[verb].first { graph.baseRelation($0) == "obl" && graph.preposition(of: $0) == "BY" }
    }

    /// The target of a verb without a bound one: its object's actors, else those of an oblique
    /// whose preposition the pattern names, else of any oblique, else of an object inside its
    /// infinitive complement ("agreed to restore ties with Gondor").
    func objectActors(of verb: Int, pattern: VerbPattern?, excluding: Set<Int>, complements: Bool = true) -> [Int] {
        func usable(_ list: [Int]) -> [Int] { list.filter { !excluding.contains($0) } }
        for object in graph.children[verb] where ["obj", "iobj"].contains(graph.relations[object]) {
            let found = usable(actors(of: object))
            if !found.isEmpty { return found }
            // "restore ties with Gondor": the object's own prepositional modifier.
            for modifier in graph.children[object] where graph.baseRelation(modifier) == "nmod" {
                let inner = usable(actors(of: modifier))
                if !inner.isEmpty { return inner }
            }
        }
        let named = Set(
            (pattern.map { $0.after + $0.before } ?? []).compactMap { element -> String? in
                if case .preposition(.word(let word), _) = element { return word }
                return nil
            })
        let obliques = graph.children[verb].filter {
            graph.baseRelation($0) == "obl" && graph.relations[$0] != "obl:agent"
        }
        let ordered =
            obliques.filter { graph.preposition(of: $0).map(named.contains) ?? false }
            + obliques.filter { !(graph.preposition(of: $0).map(named.contains) ?? false) }
        for oblique in ordered where graph.preposition(of: oblique) != "BY" {

            let found = usable(actors(of: oblique))
            if !found.isEmpty { return found }
        }
        for complement in graph.children(of: verb, "xcomp") where complements {
            let found = objectActors(of: complement, pattern: nil, excluding: excluding)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// The words of the clause a predicate heads, as token indexes of the analysis.
    func clauseRange(_ word: Int) -> Range<Int> {
        let words = graph.subtree(word, excluding: ["conj", "parataxis", "punct"])
        let low = words.first ?? word
        let high = words.last ?? word
        return (graph.first + low)..<(graph.first + high + 1)
    }

    mutating func append(
        trigger: Int, source: Int?, target: Int?, code: String, modality: Event.Modality, attribution: Int?,
        clause: Range<Int>, confidence: Double, origin: String
    ) {
        events.append(
            EventCoder.Coded(
                sentence: sentence, trigger: graph.first + trigger, source: source.map { mentions[$0] },
                target: target.map { mentions[$0] }, code: code, modality: modality,
                attribution: attribution.map { mentions[$0] }, clause: clause, confidence: confidence, origin: origin))
        verbOfEvent.append(trigger)
    }

    // MARK: Modality

    /// How the text presents the event of the predicate `word`, and who reports it.
    func modality(of word: Int) -> (Event.Modality, Int?) {
        let cues = coder.cues
        // Negation on the predicate, or "no" on its subject ("no operations are imminent").
        for child in graph.children[word] {
            let relation = graph.baseRelation(child)
            if (relation == "advmod" || relation == "neg" || relation == "det")
                && cues.negation.contains(graph.words[child])
            {
                return (.negated, nil)
            }
        }
        if let subject = graph.children[word].first(where: {
            SentenceCoding.subjectRelations.contains(graph.relations[$0])
        }),
            graph.children[subject].contains(where: {
                cues.negation.contains(graph.words[$0]) && graph.baseRelation($0) == "det"
            })
        {
            return (.negated, nil)
        }
        // Walk up the clauses that embed the event: reporting verbs, intent, conditions.
        var node = word
        var modality: Event.Modality = .asserted
        var attribution: Int?
        var steps = 0
        while node >= 0, steps < 8 {
            for child in graph.children[node] {
                let relation = graph.baseRelation(child)
                let lemma = graph.lemmas[child]
                if relation == "aux" {
                    if cues.future.contains(lemma) || cues.future.contains(graph.words[child]) {
                        if modality == .asserted { modality = .future }
                    } else if cues.hypothetical.contains(lemma) || cues.hypothetical.contains(graph.words[child]) {
                        if modality == .asserted { modality = .hypothetical }
                    }
                }
                if relation == "mark", cues.hypothetical.contains(graph.words[child]), node == word || steps == 0 {
                    modality = .hypothetical
                }
                if relation == "advmod", cues.adverbs.contains(graph.words[child]), modality == .asserted {
                    modality = .reported
                }
                if relation == "obl",
                    let preposition = graph.children[child].first(where: { graph.relations[$0] == "case" }),
                    cues.according.contains(graph.words[preposition])
                {
                    modality = modality == .asserted ? .reported : modality
                    attribution = attribution ?? actors(of: child).first
                }
                // "…, its spokesman said": a reporting verb beside the clause.
                if relation == "parataxis", let reporting = cues.reporting(graph.lemmas[child]) {
                    return (reporting, attribution ?? speaker(of: child))
                }
            }
            let relation = graph.baseRelation(node)
            let head = graph.heads[node]
            guard head >= 0 else { break }
            if relation == "ccomp" || relation == "xcomp" || (relation == "advcl" && graph.upos[head] == .verb) {
                if let reporting = coder.cues.reporting(graph.lemmas[head]), relation != "advcl" {
                    return (reporting, attribution ?? speaker(of: head))
                }
                if relation == "xcomp", cues.intent.contains(graph.lemmas[head]), modality == .asserted {
                    modality = .future
                }
                if relation == "advcl" { break }
            } else if relation != "conj" {
                break
            }
            node = head
            steps += 1
        }
        if quoted[word] {
            // Inside quotation marks: said by whoever the sentence's verb of saying names.
            if let reporting = (0..<graph.count).first(where: {
                !quoted[$0] && coder.cues.reporting(graph.lemmas[$0]) != nil
            }) {
                return (modality == .asserted ? .reported : modality, attribution ?? speaker(of: reporting))
            }
            return (modality == .asserted ? .reported : modality, attribution)
        }
        return (modality, attribution)
    }

    /// The actor who speaks through a verb of saying: its subject's first actor.
    func speaker(of verb: Int) -> Int? {
        subject(of: verb).flatMap { actors(of: $0.word).first }
    }

    // MARK: Nominal events

    mutating func codeNouns() {
        for word in 0..<graph.count where graph.upos[word] == .noun && !used.contains(word) {
            guard let entry = coder.nouns.entries[graph.lemmas[word]] ?? coder.nouns.entries[graph.words[word]] else {
                continue
            }
            var targets: [Int] = []
            var sources: [Int] = []
            for modifier in graph.children[word] {
                let relation = graph.relations[modifier]
                if relation == "nmod:poss" || (graph.baseRelation(modifier) == "amod" && mentionOf[modifier] >= 0)
                    || relation == "compound" && mentionOf[modifier] >= 0
                {
                    sources += actors(of: modifier)
                } else if graph.baseRelation(modifier) == "nmod", let preposition = graph.preposition(of: modifier) {
                    if preposition == "BY" {
                        sources += actors(of: modifier)
                    } else if preposition == "BETWEEN" || preposition == "AMONG" {
                        let parties = actors(of: modifier)
                        if sources.isEmpty, parties.count > 1 {
                            sources.append(parties[0])
                            targets += parties.dropFirst()
                        } else {
                            targets += parties
                        }
                    } else if entry.targetPrepositions.contains(preposition) {
                        targets += actors(of: modifier)
                    }
                }
            }
            // "launched an attack on…": the governing verb's subject.
            let head = graph.heads[word]
            if sources.isEmpty, head >= 0, graph.upos[head] == .verb,
                ["obj", "nsubj:pass"].contains(graph.relations[word]), let subject = subject(of: head), !subject.passive
            {
                sources = actors(of: subject.word)
            }
            targets = targets.filter { !sources.contains($0) }
            guard !sources.isEmpty || !targets.isEmpty else { continue }
            let predicate = head >= 0 && graph.upos[head] == .verb ? head : word
            let (modality, attribution) = modality(of: predicate)
            for (source, target) in Self.pairs(sources, targets) {
                append(
                    trigger: word, source: source, target: target, code: entry.code, modality: modality,
                    attribution: attribution, clause: clauseRange(predicate), confidence: 0.5, origin: "noun")
            }
        }
    }

    // MARK: Transformations and duplicates

    /// PETRARCH's transformations: "A said that B attacked C" is A accusing B.
    mutating func applyTransformations() {
        guard !coder.verbs.transformations.isEmpty, events.count > 0 else { return }
        for transformation in coder.verbs.transformations {
            guard let outerCode = coder.verbs.code(ofVerb: transformation.outerVerb) else { continue }
            let innerCode = transformation.innerVerb == "Q" ? nil : coder.verbs.code(ofVerb: transformation.innerVerb)
            if transformation.innerVerb != "Q" && innerCode == nil { continue }
            for (index, event) in events.enumerated() {
                let verb = verbOfEvent[index]
                guard graph.baseRelation(verb) == "ccomp" || graph.baseRelation(verb) == "xcomp" else { continue }
                let outer = graph.heads[verb]
                guard outer >= 0, let outerForm = verbForm(outer), coder.verbs.code(of: outerForm) == outerCode else {
                    continue
                }
                if let innerCode, event.code != innerCode { continue }
                guard let speakerIndex = speaker(of: outer) else { continue }
                let speaker = mentions[speakerIndex]
                let bindings: [String: ActorMention?] = [
                    transformation.outerSource: speaker
                ]
                // The inner source is the speaker ("a") or another actor ("b", "."), or none ("_").
                switch transformation.innerSource {
                case "_": if event.source != nil { continue }
                case transformation.outerSource: if event.source?.code != speaker.code { continue }
                default: if event.source == nil || event.source?.code == speaker.code { continue }
                }
                var all = bindings
                if transformation.innerSource != "_" {
                    all[transformation.innerSource] = all[transformation.innerSource] ?? event.source
                }
                if transformation.innerTarget != "_" && transformation.innerTarget != "." {
                    all[transformation.innerTarget] = all[transformation.innerTarget] ?? event.target
                }
                var result = event
                result.source = all[transformation.resultSource] ?? nil
                result.target = all[transformation.resultTarget] ?? nil
                result.code = transformation.resultCode == "Q" ? event.code : transformation.resultCode
                result.modality = .asserted
                result.attribution = nil
                result.origin = transformation.origin
                if result.source != nil || result.target != nil { events[index] = result }
            }
        }
    }

    /// One event per (source, target, code, modality) in the sentence, the most confident.
    func deduplicated() -> [EventCoder.Coded] {
        var seen: [String: Int] = [:]
        var result: [EventCoder.Coded] = []
        for event in events {
            let key = [
                event.source?.code ?? "", event.target?.code ?? "", event.code, event.modality.rawValue,
            ].joined(separator: "|")
            if let existing = seen[key] {
                if event.confidence > result[existing].confidence { result[existing] = event }
            } else {
                seen[key] = result.count
                result.append(event)
            }
        }
        return result
    }
}
