import Testing
import TribuneCoding
import TribuneCore
import TribuneNLP

@Suite("The document coder")
struct DocumentCoderTests {
    @Test("codes an empty text to empty annotations")
    func emptyText() throws {
        let coder = try DocumentCoder(gazetteer: Gazetteer(userDirectory: nil))
        let context = CodingContext(
            utf8: [], offsets: ScalarOffsets([UInt8]()), analysis: AnalyzedText(segmentation: Segmentation()),
            published: nil)
        #expect(coder.code(context) == Annotations())
    }

    @Test("relative dates without a publication date keep their X and say they are unanchored")
    func unanchoredTimes() throws {
        let page = try CodingFixtures.samplePage()
        let coder = try CodingFixtures.coder()
        let unknown = coder.code(try CodingFixtures.context(page, published: nil)).times
        let june = try #require(unknown.first { $0.text == "June 28" })
        #expect(june.value == "XXXX-06-28" && june.anchored == false)
        #expect(unknown.first { $0.text == "late 2001" }?.anchored == nil, "an absolute date needs no anchor")

        let known = coder.code(try CodingFixtures.context(page, published: "2008-07-01")).times
        #expect(known.first { $0.text == "June 28" }?.value == "2008-06-28")
        #expect(known.allSatisfy { $0.anchored == nil })
    }
}
