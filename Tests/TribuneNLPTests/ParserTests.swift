import Foundation
import Testing

@testable import TribuneNLP

@Suite("Arc-eager transitions and the dynamic oracle")
struct ArcEagerTests {
    /// "Militants attacked the convoy ." — heads 1-based, 0 the root.
    static let heads = [2, 0, 4, 2, 2]
    static let relations = ["nsubj", "root", "det", "obj", "punct"]
    static let labels = ["root", "nsubj", "det", "obj", "punct", "amod"]

    static var moves: ArcEager.Moves { ArcEager.Moves(labelCount: labels.count, rootLabel: 0) }

    static var gold: ParserTrainer.Gold {
        ParserTrainer.Gold(
            heads: [-1] + heads + [-1], labels: [-1] + relations.map { labels.firstIndex(of: $0)! } + [-1])
    }

    /// Follows the cheapest legal move (zero-cost when the tree is projective) to the end.
    static func followOracle(_ gold: ParserTrainer.Gold, words n: Int, moves: ArcEager.Moves) -> (ArcEager, Int) {
        var state = ArcEager()
        state.reset(words: n)
        var costs = [Int](repeating: 0, count: moves.count)
        var steps = 0
        var worst = 0
        while !state.isTerminal {
            ParserTrainer.costs(state, gold, moves, into: &costs)
            let move = costs.indices.filter { costs[$0] >= 0 }.min { costs[$0] < costs[$1] }!
            worst = max(worst, costs[move])
            state.apply(move, moves)
            steps += 1
        }
        #expect(steps <= 2 * n, "arc-eager takes at most two transitions a word")
        return (state, worst)
    }

    @Test("zero-cost transitions rebuild the gold tree, labels included")
    func oracleRebuildsGold() {
        let (state, worst) = Self.followOracle(Self.gold, words: Self.heads.count, moves: Self.moves)
        #expect(worst == 0)
        #expect(Array(state.heads[1...Self.heads.count]) == Self.heads)
        #expect(Array(state.labels[1...Self.heads.count]) == Self.gold.labels[1...Self.heads.count].map { $0 })
    }

    @Test("counts the gold arcs a wrong move loses")
    func costsOfMistakes() {
        let moves = Self.moves
        var state = ArcEager()
        state.reset(words: Self.heads.count)
        var costs = [Int](repeating: 0, count: moves.count)
        state.apply(ArcEager.Moves.shift, moves)  // stack: 0 Militants; buffer: attacked …
        ParserTrainer.costs(state, Self.gold, moves, into: &costs)
        #expect(costs[moves.left(1)] == 0, "attacked ← Militants as nsubj")
        #expect(costs[moves.left(3)] == 1, "the right arc with the wrong label")
        #expect(costs[ArcEager.Moves.shift] == 2, "shifting loses Militants' head and the root's dependent")
        #expect(costs[moves.right(1)] >= 1)
        #expect(costs[ArcEager.Moves.reduce] == -1, "Militants has no head yet: it cannot be reduced")
    }

    @Test("the root takes one dependent, labelled root")
    func singleRoot() {
        let moves = Self.moves
        var state = ArcEager()
        state.reset(words: 3)
        #expect(state.isLegal(moves.right(0), moves))
        #expect(!state.isLegal(moves.right(1), moves), "a dependent of the root is labelled root")
        state.apply(moves.right(0), moves)
        state.apply(ArcEager.Moves.reduce, moves)
        #expect(!state.isLegal(moves.right(0), moves), "only one word hangs from the root")
        state.apply(ArcEager.Moves.shift, moves)
        state.apply(ArcEager.Moves.shift, moves)
        state.finish(fallback: 1, moves: moves)
        #expect(state.heads[1] == 0 && state.heads[2] == 1 && state.heads[3] == 1)
    }

    @Test("lifts crossing arcs until the tree is projective")
    func projectivize() {
        // "A hearing is scheduled on the issue today": hearing → issue crosses is/scheduled.
        var heads = [2, 4, 4, 0, 7, 7, 2, 4]
        #expect(!Projectivizer.isProjective(7, heads))
        let lifts = Projectivizer.projectivize(&heads)
        #expect(lifts == 1 && heads[6] == 4)
        #expect((1...heads.count).allSatisfy { Projectivizer.isProjective($0, heads) })
    }

    @Test("the oracle rebuilds every projective tree of UD EWT dev", .enabled(if: sharedData != nil))
    func oracleOnTreebank() throws {
        let url = try #require(sharedData).appendingPathComponent("ud/ewt/en_ewt-ud-dev.conllu")
        let sentences = try CoNLLU.read(contentsOf: url)
        let labels = ParserTrainer.relations(sentences)
        let moves = ArcEager.Moves(labelCount: labels.count, rootLabel: labels.firstIndex(of: "root")!)
        var checked = 0
        for sentence in sentences {
            var heads = sentence.words.map { $0.head ?? -1 }
            guard Projectivizer.isTree(heads) else { continue }
            Projectivizer.projectivize(&heads)
            let gold = ParserTrainer.Gold(
                heads: [-1] + heads + [-1],
                labels: [-1] + sentence.words.map { labels.firstIndex(of: $0.deprel)! } + [-1])
            let (state, worst) = Self.followOracle(gold, words: heads.count, moves: moves)
            #expect(worst == 0 && Array(state.heads[1...heads.count]) == heads, "\(sentence.id ?? "?")")
            checked += 1
        }
        #expect(checked > 1900)
    }
}

@Suite("Dependency parser")
struct ParserTests {
    @Test("finds subject, object and clause structure in a news sentence")
    func newsSentence() throws {
        let words = try annotate(
            "Speaking on June 28, Gilani stated that foreign elements are disturbing peace in the tribal areas.")
        #expect(isTree(words.heads))
        let stated = words.index("stated")!
        #expect(words.heads[stated] == -1 && words.relations[stated] == "root")
        let gilani = words.index("Gilani")!
        #expect(words.heads[gilani] == stated && words.relations[gilani] == "nsubj")
        let disturbing = words.index("disturbing")!
        #expect(words.heads[disturbing] == stated && words.relations[disturbing] == "ccomp")
        let elements = words.index("elements")!
        #expect(words.heads[elements] == disturbing && words.relations[elements] == "nsubj")
        let peace = words.index("peace")!
        #expect(words.heads[peace] == disturbing && words.relations[peace] == "obj")
        #expect(words.relations[words.index("Speaking")!] == "advcl")
    }

    @Test("tells a passive subject from an active one")
    func passive() throws {
        let words = try annotate("Three soldiers were killed by the militants.")
        let killed = words.index("killed")!
        #expect(words.relations[words.index("soldiers")!] == "nsubj:pass")
        #expect(words.heads[words.index("soldiers")!] == killed)
        #expect(words.relations[words.index("were")!] == "aux:pass")
        #expect(
            words.relations[words.index("militants")!] == "obl:agent"
                || words.relations[words.index("militants")!] == "obl")
    }

    @Test("parses every sentence of the sample page into one tree each", .enabled(if: samplePage != nil))
    func samplePageTrees() throws {
        let sharedAnnotator = try shippedAnnotator()
        let text = try #require(samplePage)
        let bytes = Array(text.utf8)
        let segmentation = sharedSegmenter.segment(text)
        var output = SyntaxAnnotator.Output()
        var scratch = SyntaxAnnotator.Scratch()
        var trees = 0
        bytes.withUnsafeBufferPointer { text in
            segmentation.tokens.withUnsafeBufferPointer { tokens in
                for sentence in segmentation.sentences {
                    let first = output.heads.count
                    sharedAnnotator.annotate(
                        text, UnsafeBufferPointer(rebasing: tokens[sentence.tokens]), into: &output, scratch: &scratch)
                    if isTree(output.heads[first...].map(Int.init)) { trees += 1 }
                }
            }
        }
        #expect(trees == segmentation.sentences.count)
        #expect(output.heads.count == segmentation.tokens.count && output.lemmas.count == segmentation.tokens.count)
    }

    @Test("parses a 1,200-word sentence into one tree")
    func longSentence() throws {
        let clause = "the rebels who attacked the convoy near the border on Monday said that they would fight on , and "
        let words = try annotate(String(repeating: clause, count: 64) + "officials denied it .")
        #expect(words.forms.count > 1_200)
        #expect(isTree(words.heads))
    }

    @Test("writes and reads back a model file that parses the same")
    func roundTrip() throws {
        let sharedAnnotator = try shippedAnnotator()
        let parser = try #require(sharedAnnotator.parser)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-parser-\(UUID()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try parser.write(to: url)
        let reloaded = try Parser(contentsOf: url)
        #expect(reloaded.labels == parser.labels)
        let sentences = [
            "The Pakistani army said on Tuesday that it had killed 25 militants in the Swat valley.",
            "Officials denied the report, calling it baseless.",
        ]
        let again = SyntaxAnnotator(tagger: sharedAnnotator.tagger, lemmatizer: nil, parser: reloaded)
        for sentence in sentences {
            let bytes = Array(sentence.utf8)
            let tokens = sharedSegmenter.segment(sentence).tokens
            var first = SyntaxAnnotator.Output()
            var second = SyntaxAnnotator.Output()
            var scratch = SyntaxAnnotator.Scratch()
            bytes.withUnsafeBufferPointer { text in
                tokens.withUnsafeBufferPointer { tokens in
                    sharedAnnotator.annotate(text, tokens, into: &first, scratch: &scratch)
                    again.annotate(text, tokens, into: &second, scratch: &scratch)
                }
            }
            #expect(first.heads == second.heads && first.labels == second.labels)
        }
    }

    @Test("scores at least UAS 0.85 and LAS 0.82 on UD EWT dev with its own tags", .enabled(if: sharedData != nil))
    func treebankScores() throws {
        let sharedAnnotator = try shippedAnnotator()
        let url = try #require(sharedData).appendingPathComponent("ud/ewt/en_ewt-ud-dev.conllu")
        let scores = TreebankScorer(try CoNLLU.read(contentsOf: url)).score(sharedAnnotator)
        #expect(scores.upos >= 0.945)
        #expect(scores.xpos >= 0.94)
        #expect(scores.lemma >= 0.96)
        #expect(scores.uas >= 0.85)
        #expect(scores.las >= 0.82)
    }
}
