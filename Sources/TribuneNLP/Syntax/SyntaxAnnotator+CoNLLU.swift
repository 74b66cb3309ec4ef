extension SyntaxAnnotator {
    /// The sentences with their words' UPOS, XPOS, lemma, head and relation replaced by the
    /// annotator's (on the gold words); everything else — comments, multiword tokens, features,
    /// MISC — kept as it was.
    public func annotated(_ sentences: [CoNLLU.Sentence]) -> [CoNLLU.Sentence] {
        var output = Output()
        var scratch = Scratch()
        var result = sentences
        for index in result.indices where !result[index].words.isEmpty {
            var text: [UInt8] = []
            var tokens: [Token] = []
            for word in result[index].words {
                let start = text.count
                text.append(contentsOf: word.form.utf8)
                tokens.append(Token(start: Int32(start), end: Int32(text.count)))
                text.append(0x20)
            }
            output = Output()
            text.withUnsafeBufferPointer { text in
                tokens.withUnsafeBufferPointer { annotate(text, $0, into: &output, scratch: &scratch) }
            }
            for position in result[index].words.indices {
                let tag = Int(output.tags[position])
                result[index].words[position].upos = tagger.tagSet.upos[tag]
                result[index].words[position].xpos = tagger.tagSet.xpos[tag]
                if position < output.lemmas.count { result[index].words[position].lemma = output.lemmas[position] }
                if let parser, position < output.heads.count {
                    result[index].words[position].head = Int(output.heads[position]) + 1
                    result[index].words[position].deprel = parser.labels[Int(output.labels[position])]
                }
            }
        }
        return result
    }
}
