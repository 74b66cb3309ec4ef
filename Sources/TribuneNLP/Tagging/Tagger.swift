import Foundation
import TribuneCore

/// The part-of-speech tagger: greedy left-to-right averaged perceptrons (Collins 2002, in the
/// manner of Honnibal's) over ``TaggerFeatures``, predicting for each word one ``TagSet`` pair
/// (XPOS and UPOS together). Frequent words that nearly always take one tag get it from the
/// ``TagLexicon`` without running the model.
///
/// Two passes: the first sees the tags of the words on the left only; the second also sees the
/// first pass's tags of the two words on the right (trained on first-pass tags of held-out
/// folds, so that they are as wrong as at run time). The second pass looks again only at the
/// words the first was unsure of (its best tag ahead of the next by less than
/// ``secondPassMargin``): it seldom overturns a clear decision, and skipping those saves most
/// of its time.
///
/// Trained by ``TaggerTrainer`` (`tribune train tagger`); ships as `Resources/tagger.bin`.
/// Immutable: one instance serves any number of threads, each with its own ``Tagger/Scratch``.
public struct Tagger: Sendable {
    public let tagSet: TagSet
    let model: LinearModel
    /// The second pass, if trained.
    let second: LinearModel?
    let lexicon: TagLexicon
    /// Words whose first-pass tag wins by at least this much (in trained weight units) keep it
    /// without the second pass; `.infinity` runs the second pass on every word.
    public var secondPassMargin: Float = Tagger.defaultSecondPassMargin

    /// The ``secondPassMargin`` of a loaded model, chosen on UD EWT dev (`tribune eval parser
    /// --tagger-margin`): accuracy within 0.02 points of the full second pass.
    public static let defaultSecondPassMargin: Float = 12

    /// The shipped model's file name.
    public static let file = "tagger.bin"
    static let kind = "tagger"
    static let version: UInt32 = 4

    init(tagSet: TagSet, model: LinearModel, second: LinearModel? = nil, lexicon: TagLexicon) {
        self.tagSet = tagSet
        self.model = model
        self.second = second
        self.lexicon = lexicon
    }

    /// Loads the shipped model.
    public static func load() throws -> Tagger {
        try Tagger(contentsOf: ResourceLocator.url(for: file, module: "TribuneNLP", sourceFile: #filePath))
    }

    /// Reads a model file.
    public init(contentsOf url: URL) throws {
        var reader = try BinaryReader(contentsOf: url, kind: Self.kind, version: Self.version)
        let xpos = try reader.readStrings()
        let upos = try reader.readStrings()
        guard xpos.count == upos.count, !xpos.isEmpty else {
            throw ModelFileError(file: url.path, reason: "bad tag set")
        }
        let tagSet = TagSet(xpos: xpos, upos: upos)
        let lexicon = try TagLexicon(reading: &reader, tagCount: tagSet.count)
        let model = try LinearModel(reading: &reader)
        let passes: UInt8 = try reader.read()
        let second = passes == 2 ? try LinearModel(reading: &reader) : nil
        guard model.classCount == tagSet.count, second?.classCount ?? tagSet.count == tagSet.count else {
            throw ModelFileError(file: url.path, reason: "model and tag set disagree")
        }
        try reader.finish()
        self.init(tagSet: tagSet, model: model, second: second, lexicon: lexicon)
    }

    /// Writes the model file.
    public func write(to url: URL) throws {
        var writer = BinaryWriter(kind: Self.kind, version: Self.version)
        writer.write(tagSet.xpos)
        writer.write(tagSet.upos)
        lexicon.write(to: &writer)
        model.write(to: &writer)
        writer.write(UInt8(second == nil ? 1 : 2))
        second?.write(to: &writer)
        try writer.save(to: url)
    }

    /// Per-thread working memory, reused from sentence to sentence.
    public struct Scratch {
        var attributes = SentenceAttributes()
        var context = TaggerFeatures.Context()
        var features = [UInt64](repeating: 0, count: TaggerFeatures.secondPassCount)
        var scores: [Int32] = []
        var firstPass: [UInt16] = []
        /// Whether the first pass was sure of each word's tag.
        var sure: [Bool] = []

        public init() {}
    }

    /// Tags the words `tokens` of `text`, appending one tag id per word to `tags`. The sentence's
    /// attributes stay in `scratch.attributes` for the parser.
    public func tag(
        _ text: UnsafeBufferPointer<UInt8>, _ tokens: UnsafeBufferPointer<Token>, into tags: inout [UInt16],
        scratch: inout Scratch
    ) {
        scratch.attributes.fill(text, tokens)
        tag(into: &tags, scratch: &scratch)
    }

    /// Tags the sentence already in `scratch.attributes`.
    func tag(into tags: inout [UInt16], scratch: inout Scratch) {
        scratch.context.fill(scratch.attributes, lexicon: lexicon)
        if scratch.scores.count != tagSet.count { scratch.scores = [Int32](repeating: 0, count: tagSet.count) }
        scratch.sure.removeAll(keepingCapacity: true)
        guard let second else {
            run(model, right: nil, margin: nil, into: &tags, scratch: &scratch)
            return
        }
        var firstPass: [UInt16] = []
        swap(&firstPass, &scratch.firstPass)  // reuse its storage without copying
        firstPass.removeAll(keepingCapacity: true)
        let margin = secondPassMargin / model.scale
        let threshold = margin < Float(Int32.max) ? Int32(margin) : Int32.max
        run(model, right: nil, margin: threshold, into: &firstPass, scratch: &scratch)
        run(second, right: firstPass, margin: nil, into: &tags, scratch: &scratch)
        swap(&firstPass, &scratch.firstPass)
    }

    /// One greedy pass; with `right`, the first pass's tags, for the second, which keeps the
    /// first pass's tag where it was sure. With `margin`, the first pass notes in
    /// `scratch.sure` where its best score led the next by at least that much.
    private func run(
        _ model: LinearModel, right: [UInt16]?, margin: Int32?, into tags: inout [UInt16], scratch: inout Scratch
    ) {
        let count = right == nil ? TaggerFeatures.count : TaggerFeatures.secondPassCount
        let words = scratch.attributes.count
        var previous: UInt64 = 0
        var beforePrevious: UInt64 = 0
        for index in 0..<words {
            var tag = scratch.context.fixedTags[index + 2]
            if let right, tag < 0, scratch.sure[index] { tag = Int(right[index]) }
            if tag < 0 {
                let (best, lead) = scratch.features.withUnsafeMutableBufferPointer { features in
                    TaggerFeatures.extract(
                        index, scratch.attributes, scratch.context, previous: previous,
                        beforePrevious: beforePrevious, into: features.baseAddress!)
                    if let right {
                        TaggerFeatures.extractRight(
                            index, scratch.attributes, previous: previous,
                            next: index + 1 < words ? UInt64(right[index + 1]) + 1 : 0,
                            afterNext: index + 2 < words ? UInt64(right[index + 2]) + 1 : 0,
                            into: features.baseAddress!)
                    }
                    return scratch.scores.withUnsafeMutableBufferPointer { scores in
                        scores.update(repeating: 0)
                        model.score(features.baseAddress!, count: count, into: scores.baseAddress!)
                        var best = 0
                        var runnerUp = Int32.min
                        for candidate in 1..<scores.count {
                            let score = scores[candidate]
                            if score > scores[best] {
                                runnerUp = scores[best]
                                best = candidate
                            } else if score > runnerUp {
                                runnerUp = score
                            }
                        }
                        return (best, Int64(scores[best]) - Int64(runnerUp))
                    }
                }
                tag = best
                if let margin { scratch.sure.append(lead >= Int64(margin)) }
            } else if margin != nil {
                scratch.sure.append(true)
            }
            tags.append(UInt16(tag))
            beforePrevious = previous
            previous = UInt64(tag + 1)
        }
    }
}
