import Foundation
import Testing

@testable import TribuneNLP

@Suite("Lemmatizer")
struct LemmatizerTests {
    @Test("a rule is the least edit from form to lemma")
    func rules() {
        func rule(_ form: String, _ lemma: String) -> String {
            LemmaRule(form: Array(form.utf8), lemma: Array(lemma.utf8)).text
        }
        #expect(rule("studies", "study") == "L-3+y")
        #expect(rule("The", "the") == "L-0+")
        #expect(rule("went", "go") == "L-4+go")
        #expect(rule("Pakistan", "Pakistan") == "=-0+")
        #expect(LemmaRule(text: "L-3+y") == LemmaRule(lowercase: true, cut: 3, add: Array("y".utf8)))
        #expect(LemmaRule(text: "3+y") == nil)
    }

    @Test("exceptions first, then the rule of the longest known ending")
    func lookup() throws {
        let lemmatizer = try Lemmatizer(
            rules: "# comment\nNNS\t\t=-1+\nNNS\ties\t=-3+y\nVBD\t\t=-2+\nDT\t\tL-0+\n",
            exceptions: "went\tVBD\tgo\nmice\tNNS\tmouse\n")
        #expect(lemmatizer.lemma("militants", xpos: "NNS") == "militant")
        #expect(lemmatizer.lemma("casualties", xpos: "NNS") == "casualty")
        #expect(lemmatizer.lemma("mice", xpos: "NNS") == "mouse")
        #expect(lemmatizer.lemma("went", xpos: "VBD") == "go")
        #expect(lemmatizer.lemma("claimed", xpos: "VBD") == "claim")
        #expect(lemmatizer.lemma("The", xpos: "DT") == "the")
        #expect(lemmatizer.lemma("Gilani", xpos: "NNP") == "Gilani", "no rule: the form itself")
    }

    @Test("names the file and line it cannot read")
    func errors() {
        #expect {
            try Lemmatizer(rules: "NNS\ties\n", exceptions: "")
        } throws: { error in
            "\(error)" == "lemma-rules.txt line 1: expected XPOS, ending and rule"
        }
        #expect(throws: LemmaFileError.self) { try Lemmatizer(rules: "", exceptions: "went\tVBD\n") }
    }

    @Test("the shipped lists lemmatize news words")
    func shipped() throws {
        let lemmatizer = try Lemmatizer.load()
        #expect(lemmatizer.lemma("killed", xpos: "VBN") == "kill")
        #expect(lemmatizer.lemma("militants", xpos: "NNS") == "militant")
        #expect(lemmatizer.lemma("said", xpos: "VBD") == "say")
        #expect(lemmatizer.lemma("was", xpos: "VBD") == "be")
        #expect(lemmatizer.lemma("n't", xpos: "RB") == "not")
        #expect(lemmatizer.lemma("casualties", xpos: "NNS") == "casualty")
        #expect(lemmatizer.lemma("bombarded", xpos: "VBD") == "bombard")
        #expect(lemmatizer.lemma("Uzbeks", xpos: "NNPS") == "Uzbek")
        // (`troops` is left alone: EWT and GUM give it the lemma `troops`, and the lists follow them.)
        let words = try annotate("The army said its gunmen had killed 25 militants.")
        #expect(words.lemmas == ["the", "army", "say", "its", "gunman", "have", "kill", "25", "militant", "."])
    }

    @Test("derives lists that reproduce the treebank's lemmas", .enabled(if: sharedData != nil))
    func derive() throws {
        let url = try #require(sharedData).appendingPathComponent("ud/ewt/en_ewt-ud-dev.conllu")
        let sentences = try CoNLLU.read(contentsOf: url)
        let lists = LemmatizerTrainer.derive(sentences)
        let lemmatizer = try Lemmatizer(rules: lists.rules, exceptions: lists.exceptions)
        var right = 0
        var total = 0
        for sentence in sentences {
            for word in sentence.words where word.lemma != "_" {
                total += 1
                if lemmatizer.lemma(word.form, xpos: word.xpos) == word.lemma { right += 1 }
            }
        }
        #expect(Double(right) / Double(total) > 0.99, "the lists cover the words they came from")
    }
}
