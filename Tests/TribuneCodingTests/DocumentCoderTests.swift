import Testing
import TribuneCoding
import TribuneCore
import TribuneNLP

@Suite("The document coder")
struct DocumentCoderTests {
    @Test("codes an empty text to empty annotations")
    func emptyText() throws {
        let coder = try DocumentCoder()
        let context = CodingContext(
            utf8: [], offsets: ScalarOffsets([UInt8]()), analysis: AnalyzedText(segmentation: Segmentation()),
            published: nil)
        #expect(coder.code(context) == Annotations())
    }
}
