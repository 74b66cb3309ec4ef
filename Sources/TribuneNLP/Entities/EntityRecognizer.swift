import Foundation
import TribuneCore

/// The named-entity recognizer: a greedy left-to-right averaged perceptron over
/// ``EntityFeatures`` predicting BILOU labels (begin, inside, last, unit, outside), each label
/// allowed only where it keeps the spans well formed.
///
/// The model learns PERSON, ORG, LOC, EVENT and MISC; the ``EntityGazetteer`` then refines: a
/// LOC that the gazetteer lists as a country, division or town is a GPE, and a capitalized
/// nationality word outside any name ("Uzbek", "Pakistani") is a NORP.
///
/// Trained by ``EntityTrainer`` (`tribune train ner`); ships as `Resources/entities.bin`.
/// Immutable: one instance serves any number of threads, each with its own ``Scratch``.
public struct EntityRecognizer: Sendable {
    let labels: EntityLabels
    let model: LinearModel
    let gazetteer: EntityGazetteer

    /// The shipped model's file name.
    public static let file = "entities.bin"
    static let kind = "entities"
    static let version: UInt32 = 1

    init(labels: EntityLabels, model: LinearModel, gazetteer: EntityGazetteer) {
        self.labels = labels
        self.model = model
        self.gazetteer = gazetteer
    }

    /// Loads the shipped model.
    public static func load() throws -> EntityRecognizer {
        try EntityRecognizer(contentsOf: ResourceLocator.url(for: file, module: "TribuneNLP", sourceFile: #filePath))
    }

    /// Reads a model file.
    public init(contentsOf url: URL) throws {
        var reader = try BinaryReader(contentsOf: url, kind: Self.kind, version: Self.version)
        let names = try reader.readStrings()
        let types = names.compactMap(Entity.Kind.init(rawValue:))
        guard types.count == names.count, !types.isEmpty else {
            throw ModelFileError(file: url.path, reason: "unknown entity types \(names)")
        }
        let gazetteer = try EntityGazetteer(reading: &reader)
        let model = try LinearModel(reading: &reader)
        let labels = EntityLabels(types: types)
        guard model.classCount == labels.count else {
            throw ModelFileError(file: url.path, reason: "model and labels disagree")
        }
        try reader.finish()
        self.init(labels: labels, model: model, gazetteer: gazetteer)
    }

    /// Writes the model file.
    public func write(to url: URL) throws {
        var writer = BinaryWriter(kind: Self.kind, version: Self.version)
        writer.write(labels.types.map(\.rawValue))
        gazetteer.write(to: &writer)
        model.write(to: &writer)
        try writer.save(to: url)
    }

    /// The entity types the model predicts.
    public var types: [Entity.Kind] { labels.types }
    /// Phrases in the gazetteer.
    public var gazetteerCount: Int { gazetteer.count }
    /// Bytes of the weights.
    public var modelBytes: Int { model.byteCount }

    /// Per-thread working memory, reused from sentence to sentence.
    public struct Scratch {
        var attributes = SentenceAttributes()
        var gazetteer: [UInt16] = []
        var features = [UInt64](repeating: 0, count: EntityFeatures.count)
        var scores: [Int32] = []
        var labels: [Int] = []

        public init() {}
    }

    /// The entities of one sentence, `tokens` of `text`; spans index into `tokens`.
    public func recognize(
        _ text: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, scratch: inout Scratch
    ) -> [EntitySpan] {
        scratch.attributes.fill(text, tokens)
        label(scratch: &scratch)
        var spans = labels.decode(scratch.labels[...])
        refine(&spans, text: text, tokens: tokens, scratch: scratch)
        return spans
    }

    /// The entities of every sentence of a segmented text; spans index into its tokens.
    public func recognize(_ text: UnsafeBufferPointer<UInt8>, _ segmentation: Segmentation) -> [EntitySpan] {
        var scratch = Scratch()
        var all: [EntitySpan] = []
        segmentation.tokens.withUnsafeBufferPointer { tokens in
            for sentence in segmentation.sentences where !sentence.tokens.isEmpty {
                let slice = UnsafeBufferPointer(rebasing: tokens[sentence.tokens])
                for span in recognize(text, slice, scratch: &scratch) {
                    let base = sentence.tokens.lowerBound
                    all.append(
                        EntitySpan(words: base + span.words.lowerBound..<base + span.words.upperBound, type: span.type))
                }
            }
        }
        return all
    }

    /// Labels the sentence in `scratch.attributes` into `scratch.labels`.
    func label(scratch: inout Scratch) {
        gazetteer.annotate(scratch.attributes, into: &scratch.gazetteer)
        if scratch.scores.count != labels.count { scratch.scores = [Int32](repeating: 0, count: labels.count) }
        scratch.labels.removeAll(keepingCapacity: true)
        var previous = EntityLabels.outside
        var beforePrevious = EntityLabels.outside
        let words = scratch.attributes.count
        for index in 0..<words {
            let best = scratch.features.withUnsafeMutableBufferPointer { features in
                EntityFeatures.extract(
                    index, scratch.attributes, gazetteer: scratch.gazetteer, previous: UInt64(previous + 1),
                    beforePrevious: UInt64(beforePrevious + 1), into: features.baseAddress!)
                return scratch.scores.withUnsafeMutableBufferPointer { scores in
                    scores.update(repeating: 0)
                    model.score(features.baseAddress!, count: EntityFeatures.count, into: scores.baseAddress!)
                    return bestAllowed(scores, after: previous, last: index == words - 1)
                }
            }
            scratch.labels.append(best)
            beforePrevious = previous
            previous = best
        }
    }

    /// The best-scoring label that may follow `previous`; at the sentence's end, one that
    /// closes any open span.
    @inline(__always)
    func bestAllowed(_ scores: UnsafeMutableBufferPointer<Int32>, after previous: Int, last: Bool) -> Int {
        var best = -1
        for candidate in 0..<scores.count where labels.allowed(candidate, after: previous) {
            if last, candidate != EntityLabels.outside, labels.opens(candidate) { continue }
            if best < 0 || scores[candidate] > scores[best] { best = candidate }
        }
        return max(best, 0)
    }

    /// Tidies the model's spans by rules that hold for names in general, then types them from
    /// the gazetteer: GPE for listed places; NORP for nationality words outside names.
    ///
    /// - A name never ends in a lower-case word ("Jane Okafor as"): such words are trimmed.
    /// - A leading nationality word before a name the gazetteer lists ("Uzbek | Islamic
    ///   Movement of Uzbekistan") is a NORP of its own, unless the gazetteer lists the whole span;
    ///   the name takes the gazetteer's type when the model's is not among them.
    private func refine(
        _ spans: inout [EntitySpan], text: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<Token>,
        scratch: Scratch
    ) {
        let norms = scratch.attributes.words.map(\.norm)
        func isLowercaseWord(_ token: Int) -> Bool {
            let bytes = text[tokens[token].range]
            return !bytes.isEmpty && bytes.allSatisfy { (0x61...0x7A).contains($0) }
        }
        func bits(_ words: Range<Int>) -> UInt8 { gazetteer.bits(norms[words.lowerBound + 2..<words.upperBound + 2]) }
        var split: [EntitySpan] = []
        for index in spans.indices {
            while spans[index].words.count > 1, isLowercaseWord(spans[index].words.upperBound - 1) {
                spans[index].words = spans[index].words.lowerBound..<spans[index].words.upperBound - 1
            }
            let words = spans[index].words
            let nationality = EntityGazetteer.bit(.nationality)
            guard words.count > 1, bits(words.lowerBound..<words.lowerBound + 1) & nationality != 0, bits(words) == 0
            else { continue }
            let rest = words.lowerBound + 1..<words.upperBound
            let restBits = bits(rest)
            guard restBits != 0 else { continue }
            split.append(EntitySpan(words: words.lowerBound..<words.lowerBound + 1, type: .nationality))
            spans[index].words = rest
            if restBits & EntityGazetteer.bit(spans[index].type) == 0,
                let type = [Entity.Kind.organization, .person, .geopolitical, .location].first(where: {
                    restBits & EntityGazetteer.bit($0) != 0
                })
            {
                spans[index].type = type
            }
        }
        spans += split
        for index in spans.indices where spans[index].type == .location {
            let words = spans[index].words
            let bits = gazetteer.bits(norms[words.lowerBound + 2..<words.upperBound + 2])
            if bits & EntityGazetteer.bit(.geopolitical) != 0 { spans[index].type = .geopolitical }
        }
        // A lone nationality word the model called MISC is a NORP.
        for index in spans.indices where spans[index].type == .miscellaneous && spans[index].words.count == 1 {
            let entry = scratch.gazetteer[spans[index].words.lowerBound + 2]
            if entry >> 8 == 4, UInt8(entry & 0xFF) & EntityGazetteer.bit(.nationality) != 0 {
                spans[index].type = .nationality
            }
        }
        var covered = [Bool](repeating: false, count: tokens.count)
        for span in spans { for word in span.words { covered[word] = true } }
        for index in 0..<tokens.count where !covered[index] {
            let entry = scratch.gazetteer[index + 2]
            guard entry >> 8 == 4, UInt8(entry & 0xFF) & EntityGazetteer.bit(.nationality) != 0,
                let first = text[tokens[index].range].first, (0x41...0x5A).contains(first)
            else { continue }
            spans.append(EntitySpan(words: index..<index + 1, type: .nationality))
        }
        spans.sort { $0.words.lowerBound < $1.words.lowerBound }
    }
}

extension EntityRecognizer {
    /// The gazetteer alone, as a baseline: each longest listed name is an entity of its first
    /// listed type (person, organization, place), with no model.
    public func gazetteerMatches(words: [String]) -> [EntitySpan] {
        let laid = EntityTrainer.Laid([EntitySentence(words: words, spans: [])])
        var sentence = SentenceAttributes()
        var codes: [UInt16] = []
        laid.text.withUnsafeBufferPointer { text in
            laid.tokens.withUnsafeBufferPointer { sentence.fill(text, $0) }
        }
        gazetteer.annotate(sentence, into: &codes)
        var spans: [EntitySpan] = []
        var start = 0
        for index in 0..<words.count {
            let code = codes[index + 2]
            let place = code >> 8
            guard place != 0 else { continue }
            if place == 1 || place == 4 { start = index }
            guard place == 3 || place == 4 else { continue }
            let bits = UInt8(code & 0xFF)
            let order: [Entity.Kind] = [.person, .organization, .geopolitical, .location, .facility]
            guard let type = order.first(where: { bits & EntityGazetteer.bit($0) != 0 }) else { continue }
            spans.append(EntitySpan(words: start..<index + 1, type: type))
        }
        return spans
    }
}
