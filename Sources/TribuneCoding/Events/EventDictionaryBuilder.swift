import Foundation
import TribuneCore

/// Builds the event coder's shipped files from PETRARCH2's dictionaries
/// (`../shared/data/dictionaries/petrarch2`): the compiled verb dictionary
/// (`cameo-verbs.txt`) and the discard list (`event-discards.txt`).
public enum EventDictionaryBuilder {
    public struct Output: Sendable {
        /// File name → contents.
        public var files: [(name: String, contents: String)]
        /// A summary line per file, and what the reader skipped.
        public var notes: [String]
    }

    /// Reads `CAMEO.2.0.txt` and `Phoenix.discards.txt` from `folder`.
    public static func build(petrarchFolder folder: URL) throws -> Output {
        func read(_ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            do {
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw VerbDictionary.FormatError(origin: url.path, message: "cannot read: \(error)")
            }
        }
        let verbs = try VerbDictionary(source: read("CAMEO.2.0.txt"), file: "CAMEO.2.0.txt")
        let compiled = verbs.compiled()
        // Round trip: the compiled form must read back to the same dictionary.
        let reread = try VerbDictionary(compiled: compiled)
        guard reread.forms == verbs.forms, reread.blocks == verbs.blocks,
            reread.transformations == verbs.transformations
        else {
            throw VerbDictionary.FormatError(
                origin: VerbDictionary.file, message: "the compiled form does not read back")
        }
        var discards = """
            # Phrases that mark a sentence as not news to code (a leading + marks the whole story);
            # a last word without a final _ matches as a stem. From PETRARCH2's Phoenix.discards.txt
            # (Open Event Data Alliance, MIT). Rebuild: tribune train dictionaries

            """
        var discardCount = 0
        for entry in DataFile.entries(try read("Phoenix.discards.txt")) {
            discards += entry.uppercased() + "\n"
            discardCount += 1
        }
        let patterns = verbs.blocks.map(\.patterns.count).reduce(0, +)
        var notes = [
            "\(VerbDictionary.file): \(verbs.blocks.count) verb blocks, \(verbs.forms.count) verb forms, "
                + "\(patterns) patterns, \(verbs.synsets.count) synsets, \(verbs.transformations.count) transformations",
            "\(DiscardList.file): \(discardCount) phrases",
        ]
        notes += verbs.warnings
        return Output(
            files: [(VerbDictionary.file, compiled), (DiscardList.file, discards)], notes: notes)
    }
}
