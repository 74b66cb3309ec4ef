import Foundation
import Testing
import Tribune
import TribuneCore

@Suite("The pipeline on text")
struct PipelineTests {
    let pipeline: Pipeline

    /// Loaded once for the suite, as a batch run loads it once for every document.
    static let shared = Result { try Pipeline() }

    init() throws { pipeline = try Self.shared.get() }

    func analyzeSample() throws -> Document {
        let url = Fixtures.sample("rferl-pakistan-imu.txt")
        return try pipeline.analyze(
            SourceDocument(uri: url.absoluteString, format: .text, content: .text, bytes: Fixtures.bytes(url)))
    }

    @Test("finds the sample page's headline and keeps its article from first paragraph to last")
    func samplePage() throws {
        let document = try analyzeSample()
        #expect(document.title == "Pakistan Blames IMU Militants For Afghan Border Unrest")
        #expect(document.text.hasPrefix("For months, media reports in the region have claimed"))
        #expect(document.text.hasSuffix("take aim at the government of Pakistan and its supporters."))
        #expect(document.paragraphs.map { document.text.slice($0) }.contains("History Of Violence"))
        for boilerplate in [
            "Accessibility links", "Breaking News", "Uzbek authorities have waged", "The Briefing",
            "undesirable organization", "Russia-controlled", "click here",
        ] {
            #expect(!document.text.contains(boilerplate), "\(boilerplate) must not stay in the text")
        }
        #expect(document.removed.contains { $0.text == "Accessibility links" && $0.reason == .navigation })
        #expect(document.removed.filter { $0.text.hasPrefix("Uzbek authorities have waged") }.count == 2)
        #expect(document.language == "en")
    }

    @Test("lays paragraphs out with a blank line between them and keeps every sentence inside one")
    func layout() throws {
        let document = try analyzeSample()
        let scalars = Array(document.text.unicodeScalars)
        for (previous, next) in zip(document.paragraphs, document.paragraphs.dropFirst()) {
            #expect(next.start == previous.end + 2)
            #expect(String(String.UnicodeScalarView(scalars[previous.end..<next.start])) == "\n\n")
        }
        for sentence in document.sentences {
            #expect(document.paragraphs.contains { $0.contains(sentence) }, "sentence \(sentence) crosses a paragraph")
        }
        #expect(document.sentences.count > document.paragraphs.count)
        #expect(document.sentences.first?.start == 0)
        #expect(document.sentences.last?.end == scalars.count)
    }

    @Test("keys a document by the SHA-256 of its source bytes")
    func contentKey() throws {
        let document = try analyzeSample()
        let bytes = try Fixtures.bytes(Fixtures.sample("rferl-pakistan-imu.txt"))
        #expect(document.id == SHA256.hex(bytes))
        #expect(document.id.count == 64)
    }

    @Test("writes JSON that reads back as the same document, tokens included")
    func jsonRoundTrip() throws {
        var options = Pipeline.Options()
        options.includeTokens = true
        let pipeline = try Pipeline(options: options)
        let url = Fixtures.sample("rferl-pakistan-imu.txt")
        let document = try pipeline.analyze(
            SourceDocument(uri: url.absoluteString, format: .text, content: .text, bytes: Fixtures.bytes(url)))
        let tokens = try #require(document.tokens)
        #expect(tokens.count > 900)
        #expect(try Document(jsonBytes: document.jsonBytes(pretty: false)) == document)
    }

    @Test("gives every token a part of speech, a lemma, and a head and relation that make each sentence a tree")
    func syntax() throws {
        var options = Pipeline.Options()
        options.includeTokens = true
        let text = "Pakistani officials said on Tuesday that militants had attacked a convoy near the border."
        let document = try Pipeline(options: options).analyze(
            SourceDocument(uri: "test:", format: .text, content: .text, bytes: Array(text.utf8)))
        let tokens = try #require(document.tokens)
        let words = tokens.map { String(document.text.slice($0.span)) }
        #expect(tokens.allSatisfy { $0.pos != nil && $0.lemma != nil && $0.dep != nil })
        #expect(tokens.filter { $0.head == nil }.count == document.sentences.count)
        #expect(tokens.allSatisfy { token in token.head.map { tokens.indices.contains($0) } ?? (token.dep == "root") })
        func token(_ word: String) throws -> DocumentToken { tokens[try #require(words.firstIndex(of: word))] }
        let said = try #require(words.firstIndex(of: "said"))
        #expect(try token("said").dep == "root" && token("said").pos == "VERB")
        #expect(try token("officials").head == said && token("officials").dep == "nsubj")
        #expect(try token("officials").lemma == "official" && token("attacked").lemma == "attack")
        let attacked = try #require(words.firstIndex(of: "attacked"))
        #expect(try token("attacked").head == said && token("attacked").dep == "ccomp")
        #expect(try token("militants").head == attacked && token("convoy").head == attacked)
        #expect(try token("convoy").dep == "obj")
    }

    @Test("counts offsets in Unicode scalars, as Python slices")
    func scalarOffsets() throws {
        let text = "Dvořák’s “New World” symphony premiered in New York.\n\nCritics praised it — loudly."
        let document = try pipeline.analyze(
            SourceDocument(uri: "test:", format: .text, content: .text, bytes: Array(text.utf8)))
        let paragraphs = document.paragraphs.map { String(document.text.slice($0)) }
        #expect(paragraphs == ["Dvořák’s “New World” symphony premiered in New York.", "Critics praised it — loudly."])
        #expect(document.paragraphs[1].start == 54)
    }

    @Test("takes the publication date from the record, then from --published, and never invents one")
    func publicationDate() throws {
        let bytes = Array("Officials said the talks would resume on Monday.".utf8)
        var source = SourceDocument(uri: "test:", format: .jsonl, content: .text, bytes: bytes, published: "2009-07-30")
        #expect(try pipeline.analyze(source).published == "2009-07-30")
        let anchored = try Pipeline(options: .init(published: "2008-06-30"))
        #expect(try anchored.analyze(source).published == "2009-07-30")
        source.published = nil
        #expect(try anchored.analyze(source).published == "2008-06-30")
        #expect(try pipeline.analyze(source).published == nil)
    }

    @Test(
        "refuses what is not text with a reason that names the input",
        arguments: [
            ([UInt8](), "empty input"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "binary data (PNG image), not text"),
            (Array("%PDF-1.4\n%âãÏÓ".utf8), "binary data (PDF document), not text"),
            (Array(" \n\t \n".utf8), "input holds only white space"),
        ])
    func badInput(bytes: [UInt8], reason: String) {
        let source = SourceDocument(uri: "file:///tmp/page.html", format: .text, content: .text, bytes: bytes)
        #expect {
            try pipeline.analyze(source)
        } throws: { error in
            (error as? AnalysisError)?.description == "file:///tmp/page.html: \(reason)"
        }
    }

    @Test("reads windows-1252 text that is not valid UTF-8")
    func windows1252() throws {
        let bytes: [UInt8] = Array("The minister said ".utf8) + [0x93] + Array("no".utf8) + [0x94, 0x2E]
        let document = try pipeline.analyze(SourceDocument(uri: "test:", format: .text, content: .text, bytes: bytes))
        #expect(document.text == "The minister said \u{201C}no\u{201D}.")
    }

    @Test("reads an HTML page's text, not its markup")
    func html() throws {
        let source = SourceDocument(
            uri: "file:///tmp/a.html", format: .html, content: .html,
            bytes: Array("<html><body><p>Officials said the talks would resume.</p></body></html>".utf8))
        #expect(try pipeline.analyze(source).text == "Officials said the talks would resume.")
    }
}
