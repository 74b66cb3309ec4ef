import Foundation

/// Paths of files the tests read: the repository's samples, and the shared data when present.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sample(_ name: String) -> URL { repository.appendingPathComponent("samples/\(name)") }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// The built `tribune` executable, beside the test bundle, or `TRIBUNE_EXECUTABLE` (a
    /// release build, for the long runs of the crash test).
    static var tribuneExecutable: URL? {
        if let path = ProcessInfo.processInfo.environment["TRIBUNE_EXECUTABLE"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("tribune")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}
