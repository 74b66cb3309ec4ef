import Foundation
import TribuneCoding
import TribuneCore
import TribuneNLP

/// Shared fixtures for the coding tests: the repository's sample files and the loaded resources.
enum CodingFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sample(_ path: String) throws -> String {
        try String(
            contentsOf: repository.appendingPathComponent("samples").appendingPathComponent(path), encoding: .utf8)
    }

    /// The RFE/RL page as the scraper left it.
    static func samplePage() throws -> String { try sample("rferl-pakistan-imu.txt") }

    /// A Wikinews article of `samples/wikinews.jsonl` by its id: its text and publication date.
    static func wikinews(_ id: String) throws -> (text: String, published: String) {
        for line in try sample("wikinews.jsonl").split(separator: "\n") {
            let record = try JSONParser.parse(String(line))
            if record["id"]?.string == id, let text = record["text"]?.string,
                let published = record["published"]?.string
            {
                return (text, published)
            }
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    // Loaded once; a missing resource fails the tests that need it, not the whole run.
    private static let loaded = Result {
        let gazetteer = try Gazetteer(userDirectory: nil)
        return (
            segmenter: try Segmenter(), gazetteer: gazetteer, coder: try DocumentCoder(gazetteer: gazetteer),
            tagger: try TemporalTagger()
        )
    }

    static func segmenter() throws -> Segmenter { try loaded.get().segmenter }
    static func gazetteer() throws -> Gazetteer { try loaded.get().gazetteer }
    static func coder() throws -> DocumentCoder { try loaded.get().coder }
    static func tagger() throws -> TemporalTagger { try loaded.get().tagger }

    /// Paragraphs: the text between blank lines.
    static func context(_ text: String, published: String?) throws -> CodingContext {
        let utf8 = Array(text.utf8)
        var paragraphs: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < utf8.count {
            if utf8[index] == 0x0A, index + 1 < utf8.count, utf8[index + 1] == 0x0A {
                if index > start { paragraphs.append(start..<index) }
                start = index + 2
                index += 2
                continue
            }
            index += 1
        }
        if start < utf8.count { paragraphs.append(start..<utf8.count) }
        let segmenter = try segmenter()
        let segmentation = utf8.withUnsafeBufferPointer { segmenter.segment($0, paragraphs: paragraphs) }
        return CodingContext(
            utf8: utf8, offsets: ScalarOffsets(utf8), analysis: AnalyzedText(segmentation: segmentation),
            published: published)
    }

    /// Time expressions as (text, value, mod, type).
    static func times(_ text: String, anchor: String?) throws -> [(text: String, match: TimexMatch)] {
        try tagger().tag(text, anchor: anchor.flatMap(CalendarDate.init(iso:)), segmenter: segmenter()).map {
            ($0.0, $0.1)
        }
    }
}
