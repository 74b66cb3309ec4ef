extension CoNLLU {
    /// A paragraph of a treebank laid out as plain text, with its gold sentences and words as
    /// byte ranges of that text: what a segmenter is trained and scored against.
    ///
    /// The text is the `# text` of each sentence, joined by one space. (A sentence without
    /// `# text` is rebuilt from its tokens and their `SpaceAfter=No`.)
    public struct Paragraph: Sendable {
        public var sentences: [Sentence]
        /// The paragraph's text as UTF-8.
        public var text: [UInt8]
        /// Each sentence's bytes.
        public var sentenceRanges: [Range<Int>]
        /// The gold words: for a multiword token whose words spell it (`Google's` → `Google` `'s`)
        /// the words' own ranges, otherwise the whole token's range.
        public var words: [Range<Int>]
        /// Surface tokens whose form was not found in the text (a treebank inconsistency); they
        /// are left out of ``words``.
        public var unaligned: Int
    }

    /// Groups sentences into paragraphs at `# newpar` and `# newdoc` (not at `# newpar_block`)
    /// and lays each out as text.
    public static func paragraphs(_ sentences: [Sentence]) -> [Paragraph] {
        var groups: [[Sentence]] = []
        for sentence in sentences {
            if sentence.startsParagraph || groups.isEmpty {
                groups.append([sentence])
            } else {
                groups[groups.count - 1].append(sentence)
            }
        }
        return groups.map(Paragraph.init)
    }
}

extension CoNLLU.Paragraph {
    public init(_ sentences: [CoNLLU.Sentence]) {
        self.sentences = sentences
        text = []
        sentenceRanges = []
        words = []
        unaligned = 0
        for sentence in sentences {
            if !text.isEmpty { text.append(0x20) }
            let start = text.count
            let sentenceText = sentence.text ?? Self.rebuild(sentence)
            text.append(contentsOf: sentenceText.utf8)
            sentenceRanges.append(start..<text.count)
            align(sentence, in: start..<text.count)
        }
    }

    /// The text of a sentence from its tokens.
    static func rebuild(_ sentence: CoNLLU.Sentence) -> String {
        var text = ""
        for token in sentence.tokens {
            text += token.form
            if token.spaceAfter { text += " " }
        }
        return text.hasSuffix(" ") ? String(text.dropLast()) : text
    }

    /// Finds each surface token of `sentence` in `text[range]`, in order, and records its words.
    private mutating func align(_ sentence: CoNLLU.Sentence, in range: Range<Int>) {
        var position = range.lowerBound
        for token in sentence.tokens {
            let form = Array(token.form.utf8)
            guard let start = find(form, from: position, before: range.upperBound) else {
                unaligned += 1
                continue
            }
            let wordForms = sentence.words[token.words].map(\.form)
            if token.words.count > 1, wordForms.joined() == token.form {
                var wordStart = start
                for wordForm in wordForms {
                    let length = wordForm.utf8.count
                    words.append(wordStart..<wordStart + length)
                    wordStart += length
                }
            } else {
                words.append(start..<start + form.count)
            }
            position = start + form.count
        }
    }

    /// The first occurrence of `form` at or after `position`, skipping white space first; when
    /// the form is not next, it is looked for further on.
    private func find(_ form: [UInt8], from position: Int, before end: Int) -> Int? {
        guard !form.isEmpty else { return nil }
        var start = position
        while start < end, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
        if matches(form, at: start, before: end) { return start }
        var probe = start + 1
        while probe + form.count <= end {
            if matches(form, at: probe, before: end) { return probe }
            probe += 1
        }
        return nil
    }

    private func matches(_ form: [UInt8], at start: Int, before end: Int) -> Bool {
        guard start + form.count <= end else { return false }
        for offset in form.indices where text[start + offset] != form[offset] { return false }
        return true
    }
}
