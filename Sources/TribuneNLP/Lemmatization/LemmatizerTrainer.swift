/// Derives the ``Lemmatizer``'s two lists from treebank words (form, XPOS, lemma).
///
/// Rules: for each XPOS and each ending of up to six bytes (of the lowercased form), the rule
/// most word types with that tag and ending follow; an ending is kept only where its rule
/// differs from that of the ending one byte shorter. Exceptions: the word types whose most
/// frequent lemma the rules get wrong. Deterministic.
public enum LemmatizerTrainer {
    static let longestEnding = 6

    /// The text of `lemma-rules.txt` and `lemma-exceptions.txt`.
    public static func derive(_ sentences: [CoNLLU.Sentence]) -> (rules: String, exceptions: String) {
        // The most frequent lemma of each (form, XPOS) type.
        var lemmaCounts: [String: [String: Int]] = [:]
        for sentence in sentences {
            for word in sentence.words where word.lemma != "_" && word.xpos != "_" && !word.form.contains("\t") {
                lemmaCounts[word.form + "\t" + word.xpos, default: [:]][word.lemma, default: 0] += 1
            }
        }
        var types: [(form: [UInt8], xpos: String, lemma: [UInt8])] = []
        for key in lemmaCounts.keys.sorted() {
            let lemmas = lemmaCounts[key]!
            let best = lemmas.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            let parts = key.split(separator: "\t", omittingEmptySubsequences: false)
            types.append((Array(parts[0].utf8), String(parts[1]), Array(best.utf8)))
        }

        // Rule counts per (XPOS, ending).
        var counts: [String: [String: [LemmaRule: Int]]] = [:]
        for type in types {
            let rule = LemmaRule(form: type.form, lemma: type.lemma)
            let lower = LemmaRule.lowercased(type.form)
            for length in 0...min(longestEnding, lower.count) {
                let ending = String(decoding: lower[(lower.count - length)...], as: UTF8.self)
                counts[type.xpos, default: [:]][ending, default: [:]][rule, default: 0] += 1
            }
        }
        func best(_ rules: [LemmaRule: Int]) -> LemmaRule {
            rules.max { $0.value != $1.value ? $0.value < $1.value : $0.key.text > $1.key.text }!.key
        }
        var ruleLines = [
            "# Lemma rules: XPOS, word ending (lowercase), rule. A rule is L (lowercase the word) or = (keep",
            "# its case), then -N (cut N bytes from the end) and +TEXT (add TEXT). The longest ending that",
            "# has a rule for the word's tag decides. Derived by `tribune train tagger` from the UD English",
            "# EWT and GUM train files (CC BY-SA 4.0, CC BY 4.0).",
        ]
        var chosen: [String: [String: LemmaRule]] = [:]
        for xpos in counts.keys.sorted() {
            let endings = counts[xpos]!
            for ending in endings.keys.sorted(by: {
                $0.utf8.count != $1.utf8.count ? $0.utf8.count < $1.utf8.count : $0 < $1
            }) {
                let rule = best(endings[ending]!)
                let bytes = Array(ending.utf8)
                var parentRule: LemmaRule?
                var cut = 1
                while parentRule == nil && cut <= bytes.count {
                    parentRule = chosen[xpos]?[String(decoding: bytes[cut...], as: UTF8.self)]
                    cut += 1
                }
                if ending.isEmpty || parentRule != rule {
                    chosen[xpos, default: [:]][ending] = rule
                    if !ending.contains("\t") && !ending.contains("\n") {
                        ruleLines.append("\(xpos)\t\(ending)\t\(rule.text)")
                    }
                }
            }
        }
        let text = ruleLines.joined(separator: "\n") + "\n"
        let lemmatizer = try? Lemmatizer(rules: text, exceptions: "")
        var exceptionLines = [
            "# Lemma exceptions: form, XPOS, lemma, for the words the rules get wrong. Derived by",
            "# `tribune train tagger` from the UD English EWT and GUM train files (CC BY-SA 4.0, CC BY 4.0).",
            "# Add a line to correct a lemma.",
        ]
        for type in types {
            let predicted = lemmatizer?.lemma(String(decoding: type.form, as: UTF8.self), xpos: type.xpos)
            let lemma = String(decoding: type.lemma, as: UTF8.self)
            if predicted != lemma && !lemma.contains("\n") {
                exceptionLines.append("\(String(decoding: type.form, as: UTF8.self))\t\(type.xpos)\t\(lemma)")
            }
        }
        return (text, exceptionLines.joined(separator: "\n") + "\n")
    }
}
