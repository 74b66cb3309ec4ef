import ArgumentParser
import Foundation
import TribuneExtract

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why each line of a text page was kept or dropped by cleanup.",
        discussion: """
            One line per line of the page: '|' when it lies in the chosen content region, the verdict \
            (TITLE, keep, or the reason it was dropped), the classifier's first judgement, the share of \
            function words, the word count, and the line itself.
            """
    )

    @Argument(help: "A text file, or - for standard input.")
    var input: String

    func run() throws {
        let bytes: [UInt8]
        if input == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: input) else {
                throw ValidationError("\(input): cannot read")
            }
            bytes = Array(data)
        }
        let text: String
        do {
            text = try TextDecoding.decode(bytes)
        } catch {
            throw ValidationError("\(input): \(error)")
        }
        for line in try TextCleaner().explain(text) { print(line) }
    }
}
