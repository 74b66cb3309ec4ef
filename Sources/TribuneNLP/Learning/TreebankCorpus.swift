/// Treebank sentences laid out for training and scoring: the words' forms in one UTF-8 text,
/// each word a ``Token`` of it, with the gold annotations in parallel arrays. Tagger and parser
/// read it exactly as they read a tokenized document at run time.
struct TreebankCorpus {
    var text: [UInt8] = []
    var tokens: [Token] = []
    /// Each sentence's range of ``tokens``.
    var sentences: [Range<Int>] = []
    var forms: [String] = []
    var xpos: [String] = []
    var upos: [String] = []
    var lemmas: [String] = []
    /// Head of each word as an index into its sentence, 1-based; 0 for the root, -1 when unknown.
    var heads: [Int32] = []
    var relations: [String] = []

    init(_ source: [CoNLLU.Sentence]) {
        for sentence in source where !sentence.words.isEmpty {
            let first = tokens.count
            for word in sentence.words {
                let start = text.count
                text.append(contentsOf: word.form.utf8)
                tokens.append(Token(start: Int32(start), end: Int32(text.count)))
                text.append(0x20)
                forms.append(word.form)
                xpos.append(word.xpos)
                upos.append(word.upos)
                lemmas.append(word.lemma)
                heads.append(Int32(word.head ?? -1))
                relations.append(word.deprel)
            }
            sentences.append(first..<tokens.count)
        }
    }

    var wordCount: Int { tokens.count }
}
