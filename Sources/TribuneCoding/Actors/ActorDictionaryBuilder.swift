import Foundation
import TribuneCore

/// Builds the compiled actor dictionaries that ship (``ActorDictionary/compiledFile``) from the
/// Phoenix dictionaries in `../shared/data/dictionaries/petrarch2` (`tribune train actors`).
public enum ActorDictionaryBuilder {
    /// The Phoenix files compiled, in the order they are read (a later name replaces an earlier).
    public static let sources = [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
    ]
    /// Tribune's hand-written additions, read at load time on top of the compiled form.
    public static let additionsFile = "actors-tribune.txt"

    /// What a build read and wrote.
    public struct Summary: CustomStringConvertible, Sendable {
        public var actors = 0
        public var names = 0
        public var roles = 0
        public var agents = 0
        public var problems: [String] = []
        public var bytes = 0

        public var description: String {
            var lines = [
                "actors: \(actors) entries, \(names) names, \(roles) coded roles; agents: \(agents); "
                    + "compiled \(bytes) bytes"
            ]
            if !problems.isEmpty {
                lines.append("\(problems.count) dictionary lines skipped in part or whole, e.g.:")
                lines += problems.prefix(8).map { "  \($0)" }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Reads the Phoenix files in `folder` and returns the compiled text and what it holds.
    public static func compile(folder: URL) throws -> (text: String, summary: Summary) {
        var dictionary = ActorDictionary()
        for name in sources {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw DictionaryError(file: url.path, reason: "not found")
            }
            try dictionary.add(contentsOf: url)
        }
        let text = dictionary.compiled(
            header: """
                Tribune's compiled CAMEO actor and agent dictionaries: built by `tribune train actors` from the
                Phoenix dictionaries of the Open Event Data Alliance (MIT licence, (c) 2014 Open Event Data Alliance),
                \(sources.joined(separator: ", ")).
                A lines: kind, source file number, line, names (| separated), roles (code, dates, line; ; separated).
                G lines: kind, source file number, line, forms, code (~XXX follows a country, XXX~ precedes it).
                """)
        var summary = Summary()
        summary.actors = dictionary.actors.count
        summary.names = dictionary.actors.reduce(0) { $0 + $1.names.count }
        summary.roles = dictionary.actors.reduce(0) { $0 + $1.roles.count }
        summary.agents = dictionary.agents.count
        summary.problems = dictionary.problems
        summary.bytes = text.utf8.count
        return (text, summary)
    }
}
