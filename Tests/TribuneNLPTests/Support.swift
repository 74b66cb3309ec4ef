import Foundation

@testable import TribuneNLP

/// One segmenter for every test: loading the lists and the model once, as the pipeline does.
let sharedSegmenter: Segmenter = {
    do {
        return try Segmenter()
    } catch {
        fatalError("the segmenter's resources did not load: \(error)")
    }
}()

/// The tokens of `text` as strings.
func tokens(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return sharedSegmenter.segment(text).tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
}

/// The sentences of `text` as strings (paragraphs separated by blank lines).
func sentences(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return sharedSegmenter.segment(text).sentences.map { String(decoding: bytes[$0.bytes], as: UTF8.self) }
}

/// The shared data folder (`../shared/data` beside the repository), or nil when it is absent.
let sharedData: URL? = {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let data = repository.deletingLastPathComponent().appendingPathComponent("shared/data")
    return FileManager.default.fileExists(atPath: data.appendingPathComponent("ud").path) ? data : nil
}()
