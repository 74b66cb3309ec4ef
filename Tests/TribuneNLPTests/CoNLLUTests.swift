import Testing

@testable import TribuneNLP

@Suite("CoNLL-U reader")
struct CoNLLUTests {
    static let sample = """
        # newdoc id = weblog-example
        # newpar id = weblog-example-p0001
        # sent_id = example-1
        # text = Google's office didn't open.
        1-2\tGoogle's\t_\t_\t_\t_\t_\t_\t_\t_
        1\tGoogle\tGoogle\tPROPN\tNNP\tNumber=Sing\t3\tnmod:poss\t3:nmod:poss\t_
        2\t's\t's\tPART\tPOS\t_\t1\tcase\t1:case\t_
        3\toffice\toffice\tNOUN\tNN\tNumber=Sing\t6\tnsubj\t6:nsubj\t_
        4-5\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
        4\tdid\tdo\tAUX\tVBD\tMood=Ind\t6\taux\t6:aux\t_
        5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t6:advmod\t_
        6\topen\topen\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\tSpaceAfter=No
        6.1\tshut\tshut\tVERB\tVB\t_\t_\t_\t6:conj\tCopyOf=6
        7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t6:punct\t_

        # newpar_block = p (1 s)
        # sent_id = example-2
        # text = Vámonos ya
        1-2\tVámonos\t_\t_\t_\t_\t_\t_\t_\t_
        1\tVamos\tir\tVERB\t_\t_\t0\troot\t0:root\t_
        2\tnos\tnosotros\tPRON\t_\t_\t1\tobj\t1:obj\t_
        3\tya\tya\tADV\t_\t_\t1\tadvmod\t1:advmod\tEntity=(1-abstract)

        # newpar
        # sent_id = example-3
        # text = Next paragraph.
        1\tNext\tnext\tADJ\tJJ\tDegree=Pos\t2\tamod\t2:amod\t_
        2\tparagraph\tparagraph\tNOUN\tNN\tNumber=Sing\t0\troot\t0:root\tSpaceAfter=No
        3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t2:punct\t_

        """

    @Test("reads comments, words, multiword tokens and empty nodes, keeping every column")
    func reads() throws {
        let sentences = try CoNLLU.parse(Self.sample)
        #expect(sentences.count == 3)
        let first = sentences[0]
        #expect(first.id == "example-1")
        #expect(first.text == "Google's office didn't open.")
        #expect(first.startsDocument && first.startsParagraph)
        #expect(first.comment("newdoc id") == "weblog-example")
        #expect(first.words.count == 7)
        #expect(first.words[0].xpos == "NNP" && first.words[0].feats == "Number=Sing" && first.words[0].head == 3)
        #expect(first.words[5].misc == "SpaceAfter=No" && !first.words[5].spaceAfter)
        #expect(first.multiwordTokens.map(\.form) == ["Google's", "didn't"])
        #expect(first.multiwordTokens[1].words == 4...5)
        #expect(
            first.emptyNodes.count == 1 && first.emptyNodes[0].after == 6 && first.emptyNodes[0].fields[1] == "shut")
        #expect(first.tokens.map(\.form) == ["Google's", "office", "didn't", "open", "."])
        #expect(sentences[1].words[2].misc == "Entity=(1-abstract)")
        #expect(!sentences[1].startsParagraph, "# newpar_block is not # newpar")
        #expect(sentences[2].startsParagraph && !sentences[2].startsDocument)
    }

    @Test("writes back what it read")
    func roundTrip() throws {
        #expect(CoNLLU.format(try CoNLLU.parse(Self.sample)) == Self.sample + "\n")
    }

    @Test("names the line it cannot read")
    func errors() {
        #expect(throws: CoNLLU.ParseError.self) { try CoNLLU.parse("1\tonly\tthree\n") }
        #expect(throws: CoNLLU.ParseError.self) { try CoNLLU.parse("2\tx\t_\t_\t_\t_\t0\troot\t_\t_\n") }
        do {
            _ = try CoNLLU.parse("# text = a\n1\ta\t_\t_\t_\t_\tX\troot\t_\t_\n")
        } catch let error as CoNLLU.ParseError {
            #expect(error.line == 2)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("lays paragraphs out as text with gold sentences and words as byte ranges")
    func paragraphs() throws {
        let paragraphs = CoNLLU.paragraphs(try CoNLLU.parse(Self.sample))
        #expect(paragraphs.count == 2)
        let first = paragraphs[0]
        let text = String(decoding: first.text, as: UTF8.self)
        #expect(text == "Google's office didn't open. Vámonos ya")
        #expect(
            first.sentenceRanges.map { String(decoding: first.text[$0], as: UTF8.self) } == [
                "Google's office didn't open.", "Vámonos ya",
            ])
        let words = first.words.map { String(decoding: first.text[$0], as: UTF8.self) }
        #expect(words == ["Google", "'s", "office", "did", "n't", "open", ".", "Vámonos", "ya"])
        #expect(first.unaligned == 0)
    }
}
