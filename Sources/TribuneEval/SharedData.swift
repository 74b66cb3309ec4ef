import Foundation

/// The training and evaluation data folder (`../shared/data` beside the repository).
///
/// It is not part of the repository; everything that reads it says clearly when it is
/// missing, and tests skip.
public struct SharedData: Sendable {
    public let root: URL

    public struct Missing: Error, CustomStringConvertible {
        public var searched: [String]
        public var description: String {
            "the shared data folder was not found (looked in \(searched.joined(separator: ", "))); "
                + "pass --data DIR or set TRIBUNE_DATA"
        }
    }

    /// Finds the folder: `explicit`, then `$TRIBUNE_DATA`, then `../shared/data` from the working
    /// directory, then `../shared/data` beside the source tree this was built from.
    public init(explicit: String? = nil, sourceFile: String = #filePath) throws {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let env = ProcessInfo.processInfo.environment["TRIBUNE_DATA"], !env.isEmpty { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/../shared/data")
        let repo = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(repo.deletingLastPathComponent().appendingPathComponent("shared/data").path)
        for path in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                root = URL(fileURLWithPath: path).standardizedFileURL
                return
            }
            if path == explicit { break }
        }
        throw Missing(searched: explicit.map { [$0] } ?? candidates)
    }

    public func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relativePath).path)
    }
}

/// Figures an evaluation or benchmark measured, printable as a small report.
public struct EvaluationReport: Sendable, CustomStringConvertible {
    public var title: String
    /// Preformatted lines: tables, notes, the command to reproduce.
    public var lines: [String]
    /// The headline figures by name, for scripts (`tribune eval … --json`).
    public var figures: [(name: String, value: Double)]

    public init(title: String, lines: [String] = [], figures: [(name: String, value: Double)] = []) {
        self.title = title
        self.lines = lines
        self.figures = figures
    }

    public var description: String {
        ([title, String(repeating: "=", count: title.count)] + lines).joined(separator: "\n")
    }
}
