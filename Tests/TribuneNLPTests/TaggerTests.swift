import Foundation
import Testing

@testable import TribuneNLP

@Suite("Part-of-speech tagger")
struct TaggerTests {
    @Test("tags a news sentence: names, auxiliaries, participles, adverbs")
    func newsSentence() throws {
        let words = try annotate(
            "Now, Pakistan Prime Minister Yousaf Raza Gilani has not only confirmed those reports, but also "
                + "identified the militants as members of the Islamic Movement of Uzbekistan.")
        func tag(_ form: String) -> String? { words.index(form).map { words.upos[$0] + "/" + words.xpos[$0] } }
        #expect(tag("Pakistan") == "PROPN/NNP")
        #expect(tag("Gilani") == "PROPN/NNP")
        #expect(tag("has") == "AUX/VBZ")
        #expect(tag("not") == "PART/RB")
        #expect(tag("confirmed") == "VERB/VBN")
        #expect(tag("reports") == "NOUN/NNS")
        #expect(tag("members") == "NOUN/NNS")
        #expect(tag("of") == "ADP/IN")
        #expect(tag(".") == "PUNCT/.")
    }

    @Test("tells a word's uses apart by context")
    func ambiguousWords() throws {
        let noun = try annotate("The attack killed three soldiers near the border.")
        let verb = try annotate("Militants attack the convoy every week.")
        #expect(noun.xpos[noun.index("attack")!] == "NN")
        #expect(verb.xpos[verb.index("attack")!] == "VBP")
        let that = try annotate("He said that the talks failed.")
        #expect(that.upos[that.index("that")!] == "SCONJ")
    }

    @Test("tags words it never saw by their shape and endings")
    func unknownWords() throws {
        let words = try annotate("The Zorblaxian envoys were quarantinizing the rebels in Qzzyville.")
        #expect(words.upos[words.index("Zorblaxian")!] == "ADJ" || words.upos[words.index("Zorblaxian")!] == "PROPN")
        #expect(words.xpos[words.index("envoys")!] == "NNS")
        #expect(words.xpos[words.index("quarantinizing")!] == "VBG")
        #expect(words.upos[words.index("Qzzyville")!] == "PROPN")
    }

    @Test("writes and reads back a model file that tags the same")
    func roundTrip() throws {
        let sharedAnnotator = try shippedAnnotator()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-tagger-\(UUID()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try sharedAnnotator.tagger.write(to: url)
        let reloaded = try Tagger(contentsOf: url)
        #expect(reloaded.tagSet == sharedAnnotator.tagger.tagSet)
        let text = Array("Officials said the talks would resume on Monday.".utf8)
        let tokens = sharedSegmenter.segment(String(decoding: text, as: UTF8.self)).tokens
        var first: [UInt16] = []
        var second: [UInt16] = []
        var scratch = Tagger.Scratch()
        text.withUnsafeBufferPointer { text in
            tokens.withUnsafeBufferPointer { tokens in
                sharedAnnotator.tagger.tag(text, tokens, into: &first, scratch: &scratch)
                reloaded.tag(text, tokens, into: &second, scratch: &scratch)
            }
        }
        #expect(first == second && first.count == tokens.count)
    }

    @Test("names the file when a model file is not one")
    func badFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-bad-\(UUID()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("not a model".utf8).write(to: url)
        #expect {
            try Tagger(contentsOf: url)
        } throws: { error in
            "\(error)".contains(url.path) && error is ModelFileError
        }
        var bytes = try Data(contentsOf: try ResourceLocatorProbe.url(Tagger.file))
        bytes = bytes.prefix(bytes.count / 2)
        try bytes.write(to: url)
        #expect(throws: ModelFileError.self) { try Tagger(contentsOf: url) }
        #expect(throws: ModelFileError.self) { try Parser(contentsOf: url) }
    }

    @Test("names the missing file when a model folder lacks one, and loads the shipped folder whole")
    func missingFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-models-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            try SyntaxAnnotator(folder: folder)
        } throws: { error in
            error is ModelFileError && "\(error)".contains(folder.appendingPathComponent(Tagger.file).path)
        }
        let shipped = try ResourceLocatorProbe.url(Tagger.file).deletingLastPathComponent()
        try FileManager.default.copyItem(
            at: shipped.appendingPathComponent(Tagger.file), to: folder.appendingPathComponent(Tagger.file))
        for list in [Lemmatizer.rulesFile, Lemmatizer.exceptionsFile] {
            try FileManager.default.copyItem(
                at: shipped.appendingPathComponent(list), to: folder.appendingPathComponent(list))
        }
        #expect {
            try SyntaxAnnotator(folder: folder)
        } throws: { error in
            "\(error)".contains(folder.appendingPathComponent(Parser.file).path)
        }
        let whole = try SyntaxAnnotator(folder: shipped)
        #expect(whole.parser != nil && whole.tagger.tagSet.count > 40)
    }

    @Test(
        "the second pass looks again only at words the first was unsure of, at almost no cost on UD EWT dev",
        .enabled(if: sharedData != nil))
    func secondPassMargin() throws {
        let url = try #require(sharedData).appendingPathComponent("ud/ewt/en_ewt-ud-dev.conllu")
        let sentences = Array(try CoNLLU.read(contentsOf: url).prefix(600))
        var tagger = try shippedAnnotator().tagger
        #expect(tagger.secondPassMargin == Tagger.defaultSecondPassMargin)
        let corpus = TreebankCorpus(sentences)
        func tags(_ margin: Float) -> [UInt16] {
            tagger.secondPassMargin = margin
            return TaggerTrainer.tagCorpus(tagger, corpus)
        }
        func correct(_ tags: [UInt16]) -> Int {
            tags.indices.filter { tagger.tagSet.xpos[Int(tags[$0])] == corpus.xpos[$0] }.count
        }
        let everyWord = tags(.infinity)
        let gated = tags(Tagger.defaultSecondPassMargin)
        let firstPassOnly = tags(0)
        let changedBySecondPass = zip(everyWord, firstPassOnly).filter { $0 != $1 }.count
        let keptFromFirstPass = zip(everyWord, gated).filter { $0 != $1 }.count
        #expect(changedBySecondPass > 0, "the second pass corrects some first-pass tags")
        #expect(
            keptFromFirstPass * 4 < changedBySecondPass,
            "the gate keeps most of the second pass's corrections: \(keptFromFirstPass) of \(changedBySecondPass) lost")
        #expect(correct(gated) * 1000 >= correct(everyWord) * 999, "XPOS within 0.1 point of the full second pass")
    }

    @Test("training is deterministic and learns from a few sentences", .enabled(if: sharedData != nil))
    func training() throws {
        let url = try #require(sharedData).appendingPathComponent("ud/ewt/en_ewt-ud-dev.conllu")
        let sentences = Array(try CoNLLU.read(contentsOf: url).prefix(400))
        let options = TaggerTrainer.Options(epochs: 3, seed: 7)
        let first = TaggerTrainer.train(Array(sentences[..<300]), options: options)
        let second = TaggerTrainer.train(Array(sentences[..<300]), options: options)
        let a = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-a-\(UUID()).bin")
        let b = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-b-\(UUID()).bin")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        try first.write(to: a)
        try second.write(to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        let accuracy = TaggerTrainer.accuracy(first, Array(sentences[300...]))
        #expect(accuracy.upos > 0.75, "300 sentences already teach most tags: \(accuracy)")
    }
}

/// Finds shipped resources the way the models do.
enum ResourceLocatorProbe {
    static func url(_ file: String) throws -> URL {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/TribuneNLP/Resources")
        return sources.appendingPathComponent(file)
    }
}
