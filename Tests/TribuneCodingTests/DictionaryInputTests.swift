import Foundation
import Testing
import TribuneCore

@testable import TribuneCoding

/// Dictionary files as users write them, broken: each bad line is named with its file and line
/// and the rest is read; a file that is not text, or holds nothing, is refused naming it.
@Suite("Broken dictionary files")
struct DictionaryInputTests {
    static let phoenix = [
        "+ORPHAN_ALIAS", "\t[PAKGOV]", "GOOD_GROUP_ [PAKMIL]", "+GOOD_ALIAS_", "BROKEN_CODE_ [PAK-GOV]",
        "DATED_ [PAKGOV >soon]", "FIGHTER [~MIL!]", "", "# a comment [XXX!]",
    ].joined(separator: "\n")

    @Test("a Phoenix file's malformed lines are each named with file and line; its good entries are read")
    func malformedPhoenixLines() {
        let result = PhoenixReader.read(Self.phoenix, file: "bad.txt")
        #expect(result.actors.map(\.name) == ["GOOD GROUP"])
        #expect(result.actors.first?.synonyms == ["GOOD ALIAS"])
        #expect(result.actors.first?.roles.map(\.code) == ["PAKMIL"])
        let lines = result.problems.map { $0.split(separator: ":").prefix(2).joined(separator: ":") }
        #expect(lines == ["bad.txt:1", "bad.txt:2", "bad.txt:5", "bad.txt:6", "bad.txt:7"], "\(result.problems)")
        #expect(result.problems[0].contains("a + line with no entry before it"))
        #expect(result.problems[2].contains("not a code: [PAK-GOV]"))
        #expect(result.problems[3].contains("bad date restriction"))
        #expect(result.problems[4].contains("not an agent code"))
    }

    @Test("a dictionary file that is binary, not UTF-8 or empty is refused with its path and the reason")
    func unreadableFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-dict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, [UInt8], String)] = [
            (
                "image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE, 0x00],
                "cannot be read as UTF-8"
            ),
            ("latin1.txt", Array("CAF".utf8) + [0xC9, 0x5F, 0x20] + Array("[FRA]".utf8), "cannot be read as UTF-8"),
            ("empty.txt", [], "holds no actor or agent entries"),
            ("comments.txt", Array("# nothing here\n\n<!-- nor here -->\n".utf8), "holds no actor or agent entries"),
        ]
        for (name, bytes, reason) in cases {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            var dictionary = ActorDictionary()
            #expect {
                try dictionary.add(contentsOf: url)
            } throws: { error in
                "\(error)".contains(url.path) && "\(error)".contains(reason)
            }
        }
    }

    @Test("a user's verb file that is not UTF-8 text is refused naming it; a bad line names its line")
    func verbFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tribune-verbs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("binary.txt")
        try Data([0xFF, 0xFE, 0x00, 0x41, 0xC3]).write(to: binary)
        #expect {
            _ = try VerbDictionary.load(userDirectory: folder)
        } throws: { error in
            "\(error)".contains(binary.path) && "\(error)".contains("cannot read the verb file")
        }
        try FileManager.default.removeItem(at: binary)
        let broken = folder.appendingPathComponent("mine.txt")
        try Data("--- KILL [190] ---\nKILL\n- * CIVILIANS [19?]\n\u{1}\u{2}\n- * SOLDIERS [193]\n".utf8).write(
            to: broken)
        let dictionary = try VerbDictionary.load(userDirectory: folder)
        #expect(dictionary.warnings.contains { $0.hasPrefix("\(broken.path):3") }, "\(dictionary.warnings)")
    }
}
