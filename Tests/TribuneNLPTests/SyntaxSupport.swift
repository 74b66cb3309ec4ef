import Foundation
import Testing

@testable import TribuneNLP

/// The shipped tagger, lemmatizer and parser, loaded once for every test (a missing or broken
/// model fails the tests that need it, naming the file, and no others).
private let loadedAnnotator = Result { try SyntaxAnnotator() }

/// The shipped annotator, or the error that kept it from loading.
func shippedAnnotator() throws -> SyntaxAnnotator { try loadedAnnotator.get() }

/// One analyzed sentence, its words as strings with their annotations.
struct AnalyzedWords {
    var forms: [String]
    var upos: [String]
    var xpos: [String]
    var lemmas: [String]
    /// 0-based head within the sentence, -1 for the root.
    var heads: [Int]
    var relations: [String]

    func index(_ form: String) -> Int? { forms.firstIndex(of: form) }
}

/// Tokenizes `sentence` with the shipped segmenter and annotates its tokens as one sentence.
func annotate(_ sentence: String) throws -> AnalyzedWords {
    let sharedAnnotator = try shippedAnnotator()
    let parser = try #require(sharedAnnotator.parser)
    let bytes = Array(sentence.utf8)
    let tokens = sharedSegmenter.segment(sentence).tokens
    var output = SyntaxAnnotator.Output()
    var scratch = SyntaxAnnotator.Scratch()
    bytes.withUnsafeBufferPointer { text in
        tokens.withUnsafeBufferPointer { sharedAnnotator.annotate(text, $0, into: &output, scratch: &scratch) }
    }
    let tagSet = sharedAnnotator.tagger.tagSet
    return AnalyzedWords(
        forms: tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) },
        upos: output.tags.map { tagSet.upos[Int($0)] },
        xpos: output.tags.map { tagSet.xpos[Int($0)] },
        lemmas: output.lemmas,
        heads: output.heads.map(Int.init),
        relations: output.labels.map { parser.labels[Int($0)] })
}

/// The repository's sample page.
let samplePage: String? = {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try? String(
        contentsOf: repository.appendingPathComponent("samples/rferl-pakistan-imu.txt"), encoding: .utf8)
}()

/// Whether 0-based `heads` (-1 for the root) form one tree: one root, no cycle.
func isTree(_ heads: [Int]) -> Bool {
    Projectivizer.isTree(heads.map { $0 + 1 })
}
