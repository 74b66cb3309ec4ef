// libFuzzer target: the tokenizer and sentence splitter, on any UTF-8 text.
import TribuneNLP

let segmenter = try! Segmenter()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // The pipeline hands the segmenter valid UTF-8 (a Swift String's bytes).
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buffer in
        let paragraphs = Segmenter.paragraphs(of: buffer)
        let segmentation = segmenter.segment(buffer, paragraphs: paragraphs)
        // Tokens are in order, inside the text and non-empty; sentences cover tokens in order.
        var last = 0
        for token in segmentation.tokens {
            precondition(token.start >= last && token.end > token.start && Int(token.end) <= bytes.count)
            last = Int(token.end)
        }
        var next = 0
        for sentence in segmentation.sentences {
            precondition(sentence.tokens.lowerBound >= next && sentence.tokens.upperBound <= segmentation.tokens.count)
            next = sentence.tokens.upperBound
        }
    }
    return 0
}
