import ArgumentParser
import Foundation
import Tribune
import TribuneCoding
import TribuneCore
import TribuneExtract
import TribuneNLP

/// `tribune quotes FILE…`: who said what in news pages, and the counts of people they report,
/// read straight from the files (the store's `tribune quotes` lists what was ingested).
struct QuotesFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Print who said what in news pages: each quote, its speaker and cue, and the counts of people.",
        discussion: """
            Inputs are files, directories, glob patterns, or - for standard input, as for `tribune analyze`. \
            Direct quotes are printed between quotation marks, indirect speech after "that"; a quote whose \
            speaker the text does not make clear says so.
            """
    )

    @Argument(help: "Files, directories, glob patterns, or - for standard input.")
    var inputs: [String] = []

    @Option(help: "Publication date (YYYY-MM-DD) to assume when a page gives none; anchors relative dates.")
    var published: String?

    @Flag(help: "Leave out the counts of people killed, wounded, arrested…")
    var noCounts = false

    func validate() throws {
        if inputs.isEmpty {
            throw ValidationError("name at least one input (a file, a directory, or - for standard input)")
        }
        if let published, !ISODate.isValid(published) {
            throw ValidationError("--published must be an ISO 8601 date such as 2008-06-30, not \"\(published)\"")
        }
    }

    func run() throws {
        let pipeline = try Pipeline(options: .init(published: published))
        let reader = try QuoteReading()
        var failures = 0
        InputReader(paths: inputs).read { item in
            switch item {
            case .failure(let error):
                failures += 1
                FileHandle.standardError.write(Data("tribune: \(error)\n".utf8))
            case .source(let source):
                do {
                    let document = try pipeline.analyze(source)
                    print(QuoteListing(document: reader.complete(document), counts: !noCounts).text)
                } catch {
                    failures += 1
                    FileHandle.standardError.write(Data("tribune: \(source.uri): \(error)\n".utf8))
                }
            }
        }
        if failures > 0 {
            FileHandle.standardError.write(Data("tribune: \(failures) input\(failures == 1 ? "" : "s") failed\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Fills in a document's quotes and counts when the pipeline's coder does not (yet) find them.
struct QuoteReading {
    let analyzer: LinguisticAnalyzer
    let quotes: QuoteFinder
    let counts: CountReader

    init() throws {
        analyzer = try (try? LinguisticAnalyzer()) ?? LinguisticAnalyzer(segmenter: Segmenter(), syntax: nil)
        quotes = try QuoteFinder()
        counts = try CountReader()
    }

    func complete(_ document: Document) -> Document {
        guard document.quotes.isEmpty || document.counts.isEmpty else { return document }
        var document = document
        let utf8 = Array(document.text.utf8)
        let offsets = ScalarOffsets(utf8)
        let paragraphs = document.paragraphs.map { offsets.byteRange($0) }
        let analysis = utf8.withUnsafeBufferPointer { analyzer.analyze($0, paragraphs: paragraphs) }
        let context = CodingContext(utf8: utf8, offsets: offsets, analysis: analysis, published: document.published)
        if document.quotes.isEmpty {
            document.quotes = quotes.quotes(context, entities: document.entities, times: document.times)
        }
        if document.counts.isEmpty {
            document.counts = CountReader.link(counts.find(context), to: document.events)
        }
        return document
    }
}

/// A document's quotes and counts as lines for a terminal.
struct QuoteListing {
    let document: Document
    let counts: Bool

    var text: String {
        var lines = ["== \(document.source.uri) =="]
        if let title = document.title { lines.append(title) }
        let names = Dictionary(document.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        lines.append("")
        if document.quotes.isEmpty { lines.append("no quotes") }
        for quote in document.quotes {
            var who = quote.speaker.flatMap { names[$0] } ?? quote.speakerText ?? "(speaker unknown)"
            if let text = quote.speakerText, quote.speaker != nil, text != who { who += " (\"\(text)\")" }
            var head = "\(quote.id)  \(who)"
            if let cue = quote.cue { head += " — \(cue)" }
            if let date = quote.date { head += ", \(date)" }
            if quote.kind != .direct { head += "  [\(quote.kind.rawValue)]" }
            lines.append(head)
            let words = quote.kind == .direct ? "\u{201C}\(quote.text)\u{201D}" : quote.text
            lines += wrap(words, indent: "    ")
        }
        if counts {
            lines.append("")
            if document.counts.isEmpty { lines.append("no counts") }
            for count in document.counts {
                let amount = [count.qualifier, String(count.value)].compactMap { $0 }.joined(separator: " ")
                var line = "  \(count.kind.padding(toLength: 10, withPad: " ", startingAt: 0)) \(amount)"
                if let subject = count.subject { line += " \(subject)" }
                line += "   \u{2190} \"\(document.text.slice(count.span))\""
                if let event = count.event { line += " (\(event))" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func wrap(_ text: String, indent: String, width: Int = 100) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(whereSeparator: \.isWhitespace) {
            if line.count + word.count + 1 > width, line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        if line != indent { lines.append(line) }
        return lines
    }
}
