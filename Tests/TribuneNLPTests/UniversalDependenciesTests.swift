import Foundation
import Testing

@testable import TribuneNLP

/// The bars the segmenter must keep on the UD English test files (skipped without the shared data).
@Suite("Segmentation on UD English", .enabled(if: sharedData != nil))
struct UniversalDependenciesTests {
    /// Sentence-end F1 and token F1 of the segmenter on a treebank file.
    static func scores(_ file: String) throws -> (sentences: Double, tokens: Double) {
        let url = try #require(sharedData).appendingPathComponent(file)
        let paragraphs = CoNLLU.paragraphs(try CoNLLU.read(contentsOf: url))
        var sentenceHits = 0
        var sentenceTotal = 0
        var tokenHits = 0
        var tokenTotal = 0
        for paragraph in paragraphs {
            let segmentation = paragraph.text.withUnsafeBufferPointer {
                sharedSegmenter.segment($0, paragraphs: [0..<paragraph.text.count])
            }
            let predicted = Set(segmentation.sentences.map(\.bytes.upperBound))
            let gold = Set(paragraph.sentenceRanges.map(\.upperBound))
            sentenceHits += 2 * predicted.intersection(gold).count
            sentenceTotal += predicted.count + gold.count
            let predictedTokens = Set(segmentation.tokens.map { [$0.range.lowerBound, $0.range.upperBound] })
            let goldTokens = Set(paragraph.words.map { [$0.lowerBound, $0.upperBound] })
            tokenHits += 2 * predictedTokens.intersection(goldTokens).count
            tokenTotal += predictedTokens.count + goldTokens.count
        }
        return (Double(sentenceHits) / Double(sentenceTotal), Double(tokenHits) / Double(tokenTotal))
    }

    @Test("GUM test: sentence-end F1 at least 0.985, token F1 at least 0.99")
    func gum() throws {
        let scores = try Self.scores("ud/gum/en_gum-ud-test.conllu")
        #expect(scores.sentences >= 0.985)
        #expect(scores.tokens >= 0.99)
    }

    @Test("EWT test: sentence-end F1 at least 0.95, token F1 at least 0.98")
    func ewt() throws {
        let scores = try Self.scores("ud/ewt/en_ewt-ud-test.conllu")
        #expect(scores.sentences >= 0.95)
        #expect(scores.tokens >= 0.98)
    }
}
