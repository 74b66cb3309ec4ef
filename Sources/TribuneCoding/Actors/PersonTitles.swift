import TribuneCore

/// Titles and roles that stand before a person's name or for a person already named
/// (`person-titles-en.txt`), in ``ActorPhrase/key(_:)`` form.
public struct PersonTitles: Sendable {
    public static let file = "person-titles-en.txt"
    private let titles: Set<String>
    let longest: Int

    /// Loads the shipped list.
    public init() throws {
        try self.init(DataFile.entries(ResourceLocator.text(Self.file, module: "TribuneCoding", sourceFile: #filePath)))
    }

    public init<S: Sequence>(_ entries: S) where S.Element: StringProtocol {
        let keys = entries.map { ActorPhrase.key($0) }.filter { !$0.isEmpty }
        titles = Set(keys)
        longest = keys.map { $0.split(separator: " ").count }.max() ?? 0
    }

    public func contains(_ key: String) -> Bool { titles.contains(key) }

    /// The most words of a title that ends at `end` in `words` (keys), or 0.
    func titleLength(endingAt end: Int, in words: [String], from start: Int = 0) -> Int {
        var best = 0
        var length = 1
        while length <= longest, end - length >= start {
            if titles.contains(words[end - length..<end].joined(separator: " ")) { best = length }
            length += 1
        }
        return best
    }

    /// The most words of a title that starts at `start` in `words`, within `end`, or 0.
    func titleLength(startingAt start: Int, in words: [String], end: Int) -> Int {
        var best = 0
        var length = 1
        while length <= longest, start + length <= end {
            if titles.contains(words[start..<start + length].joined(separator: " ")) { best = length }
            length += 1
        }
        return best
    }
}
