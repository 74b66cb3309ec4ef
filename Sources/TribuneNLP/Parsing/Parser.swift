import Foundation
import TribuneCore

/// The dependency parser: greedy arc-eager transitions (``ArcEager``) chosen by an averaged
/// perceptron over ``ParserFeatures``, trained with a dynamic oracle (``ParserTrainer``).
/// It reads the words and the tagger's tags, and gives each word a head and a Universal
/// Dependencies relation. At most two transitions per word: time is linear in the length of the
/// sentence, whatever it is.
///
/// Trained by `tribune train parser`; ships as `Resources/parser.bin`. Immutable: one instance
/// serves any number of threads, each with its own ``Parser/Scratch``.
public struct Parser: Sendable {
    /// The relation of each label id.
    public let labels: [String]
    let model: LinearModel
    let moves: ArcEager.Moves
    /// The label of words the parser left unattached, joined to the root's dependent at the end.
    let fallbackLabel: Int

    public static let file = "parser.bin"
    static let kind = "parser"
    static let version: UInt32 = 3

    init(labels: [String], model: LinearModel) {
        self.labels = labels
        self.model = model
        moves = ArcEager.Moves(labelCount: labels.count, rootLabel: labels.firstIndex(of: "root") ?? 0)
        fallbackLabel = labels.firstIndex(of: "parataxis") ?? labels.firstIndex(of: "dep") ?? 0
    }

    /// Loads the shipped model.
    public static func load() throws -> Parser {
        try Parser(contentsOf: ResourceLocator.url(for: file, module: "TribuneNLP", sourceFile: #filePath))
    }

    /// Reads a model file.
    public init(contentsOf url: URL) throws {
        var reader = try BinaryReader(contentsOf: url, kind: Self.kind, version: Self.version)
        let labels = try reader.readStrings()
        let model = try LinearModel(reading: &reader)
        try reader.finish()
        guard labels.contains("root"), model.classCount == 2 + 2 * labels.count else {
            throw ModelFileError(file: url.path, reason: "labels and model disagree")
        }
        self.init(labels: labels, model: model)
    }

    public func write(to url: URL) throws {
        var writer = BinaryWriter(kind: Self.kind, version: Self.version)
        writer.write(labels)
        model.write(to: &writer)
        try writer.save(to: url)
    }

    /// Per-thread working memory, reused from sentence to sentence.
    public struct Scratch {
        var state = ArcEager()
        var values = ParserFeatures.Values()
        var features = [UInt64](repeating: 0, count: ParserFeatures.count)
        var scores: [Int32] = []

        public init() {}
    }

    /// Parses the sentence whose attributes the tagger left in `attributes`, with its `tags`
    /// (and `universal`, the tag set's ``TagSet/universalIds``); appends for each word its head (0-based within the sentence, -1 for the root) and label.
    func parse(
        _ attributes: SentenceAttributes, tags: UnsafeBufferPointer<UInt16>, universal: [UInt8], heads: inout [Int32],
        labels: inout [UInt8], scratch: inout Scratch
    ) {
        let n = attributes.count
        guard n > 0 else { return }
        scratch.values.fill(attributes, tags: tags, universal: universal)
        if scratch.scores.count != moves.count { scratch.scores = [Int32](repeating: 0, count: moves.count) }
        scratch.state.reset(words: n)
        while !scratch.state.isTerminal {
            let move = scratch.features.withUnsafeMutableBufferPointer { features in
                ParserFeatures.extract(scratch.state, scratch.values, into: features.baseAddress!)
                return scratch.scores.withUnsafeMutableBufferPointer { scores in
                    scores.update(repeating: 0)
                    model.score(features.baseAddress!, count: ParserFeatures.count, into: scores.baseAddress!)
                    return best(scores, scratch.state)
                }
            }
            scratch.state.apply(move, moves)
        }
        scratch.state.finish(fallback: fallbackLabel, moves: moves)
        for word in 1...n {
            heads.append(Int32(scratch.state.heads[word] - 1))
            labels.append(UInt8(scratch.state.labels[word]))
        }
    }

    /// The legal move with the highest score (the first of equals, in move order).
    @inline(__always)
    private func best(_ scores: UnsafeMutableBufferPointer<Int32>, _ state: ArcEager) -> Int {
        // Legality depends on the kind of move only (and, for the root, on the label), so the
        // scores are scanned kind by kind instead of asking each move.
        let s = state.top
        let hasWord = s != 0 && s != state.none
        let root = moves.rootLabel
        var best = ArcEager.Moves.shift
        var bestScore = scores[best]
        @inline(__always) func consider(_ move: Int) {
            if scores[move] > bestScore {
                best = move
                bestScore = scores[move]
            }
        }
        if hasWord && state.heads[s] >= 0 { consider(ArcEager.Moves.reduce) }
        if hasWord && state.heads[s] < 0 {
            for label in 0..<moves.labelCount where label != root { consider(moves.left(label)) }
        }
        if s == 0 {
            if !state.rootHasChild { consider(moves.right(root)) }
        } else if s != state.none {
            for label in 0..<moves.labelCount where label != root { consider(moves.right(label)) }
        }
        return best
    }
}
