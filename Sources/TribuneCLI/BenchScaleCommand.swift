import ArgumentParser
import Foundation
import Tribune
import TribuneCore

extension BenchCommand {
    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scale",
            abstract: "Analysis time per MB of one document from 10 KB to 50 MB: flat when the pipeline is linear.",
            discussion: """
                Pages of each size are made of one real article's paragraphs, numbered so that no two repeat, \
                and analyzed whole by the pipeline on one thread (the smaller ones several times, until \
                --seconds of CPU). The table gives CPU milliseconds per MB and their ratio to the smallest \
                size's; a ratio that grows with size means some stage is worse than linear. --write keeps \
                the pages, so that `/usr/bin/time -v tribune analyze PAGE` can measure one's peak memory alone.
                """)

        @Option(help: "Page sizes, comma-separated (bytes, or with k, M or G).")
        var sizes = "10k,100k,1M,10M,50M"

        @Option(help: "The article the pages are made of: a text file, its paragraphs repeated.")
        var article = "samples/rferl-pakistan-imu.txt"

        @Option(help: "html (paragraphs in one <article>) or text.")
        var format = "html"

        @Option(help: "Analyze each size until this much CPU time is spent (at least once).")
        var seconds = 2.0

        @Option(help: "Also write each page into this folder.")
        var write: String?

        func validate() throws {
            guard ["html", "text"].contains(format) else { throw ValidationError("--format is html or text") }
            guard parsedSizes() != nil else { throw ValidationError("--sizes: expected sizes such as 10k,1M,50M") }
        }

        func parsedSizes() -> [Int]? {
            let sizes = self.sizes.split(separator: ",").map { ByteLimit(argument: String($0))?.bytes }
            return sizes.contains(nil) || sizes.isEmpty ? nil : sizes.compactMap { $0 }
        }

        func run() throws {
            guard let text = try? String(contentsOfFile: article, encoding: .utf8) else {
                throw ValidationError(
                    "--article \(article): cannot read it (run from the repository, or name a text file)")
            }
            let paragraphs = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.count > 60 }
            guard !paragraphs.isEmpty else { throw ValidationError("--article \(article): no paragraphs") }
            let pipeline = try Pipeline(options: .init(published: "2008-07-01", maximumBytes: Int.max))
            print("size         runs  CPU s/run   ms/MB   ratio  sentences  events  max RSS so far")
            var first: Double?
            for size in parsedSizes() ?? [] {
                let bytes = Self.page(size: size, paragraphs: paragraphs, html: format == "html")
                if let write {
                    let name = "page-\(ByteLimit(bytes: size)).\(format == "html" ? "html" : "txt")"
                    try Data(bytes).write(to: URL(fileURLWithPath: write).appendingPathComponent(name))
                }
                let source = SourceDocument(
                    uri: "bench:\(size)", format: format == "html" ? .html : .text,
                    content: format == "html" ? .html : .text, bytes: bytes)
                var runs = 0
                var spent = 0.0
                var document: Document?
                repeat {
                    let start = ResourceUsage.processCPUSeconds()
                    document = try pipeline.analyze(source)
                    spent += ResourceUsage.processCPUSeconds() - start
                    runs += 1
                } while spent < seconds
                let perRun = spent / Double(runs)
                let perMB = perRun * 1000 / (Double(bytes.count) / 1_048_576)
                first = first ?? perMB
                print(
                    String(
                        format: "%-10@ %6d %10.3f %7.0f %7.2f %10d %7d  %@",
                        ByteLimit(bytes: size).description as NSString, runs, perRun, perMB, perMB / (first ?? perMB),
                        document?.sentences.count ?? 0, document?.events.count ?? 0,
                        "\(ResourceUsage.peakResidentMB()) MB" as NSString))
            }
        }

        /// A page of `size` bytes: the paragraphs in turn, each numbered.
        static func page(size: Int, paragraphs: [String], html: Bool) -> [UInt8] {
            let open = Array(
                (html ? "<!doctype html><html><head><title>A long page</title></head><body><article>\n" : "").utf8)
            let close = Array((html ? "</article></body></html>\n" : "").utf8)
            var out = open
            out.reserveCapacity(size)
            var i = 0
            while out.count + close.count < size {
                let line = "\(i + 1). \(paragraphs[i % paragraphs.count])"
                let paragraph = Array((html ? "<p>\(line)</p>\n" : "\(line)\n\n").utf8)
                // The last paragraph is cut at a space, so the page ends on a whole word.
                let room = size - close.count - out.count
                if paragraph.count > room {
                    let cut = paragraph.prefix(room).lastIndex(of: 0x20) ?? 0
                    out += paragraph.prefix(cut) + Array((html ? "</p>\n" : "\n").utf8)
                    break
                }
                out += paragraph
                i += 1
            }
            return out + close
        }
    }
}
