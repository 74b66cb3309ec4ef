import Foundation

/// Finds the data files (dictionaries, models, lists) a module ships.
///
/// SwiftPM copies a module's `Resources` folder next to the executable as
/// `Tribune_<Module>.resources`; its generated `Bundle.module` stops the process when that
/// folder is missing. Tribune looks in these places instead, in order, and reports every
/// place it looked when the file is nowhere:
/// 1. `$TRIBUNE_RESOURCES/<file>` and `$TRIBUNE_RESOURCES/<Module>/<file>`;
/// 2. `Tribune_<Module>.resources/Resources/<file>` beside the running executable;
/// 3. the module's `Resources` folder in the source tree it was built from.
public enum ResourceLocator {
    public struct NotFound: Error, CustomStringConvertible {
        public var file: String
        public var searched: [String]
        public var description: String {
            "resource \(file) not found; looked in: \(searched.joined(separator: ", ")). "
                + "Set TRIBUNE_RESOURCES to a folder that holds it."
        }
    }

    /// - Parameters:
    ///   - file: the file name inside the module's `Resources` folder.
    ///   - module: the module's name, e.g. `TribuneNLP`.
    ///   - sourceFile: pass `#filePath` from a file directly inside `Sources/<Module>/<folder>/`
    ///     or `Sources/<Module>/`.
    public static func url(for file: String, module: String, sourceFile: String) throws -> URL {
        var candidates: [URL] = []
        if let root = ProcessInfo.processInfo.environment["TRIBUNE_RESOURCES"], !root.isEmpty {
            let base = URL(fileURLWithPath: root)
            candidates.append(base.appendingPathComponent(file))
            candidates.append(base.appendingPathComponent(module).appendingPathComponent(file))
        }
        let bundleName = "Tribune_\(module).resources"
        for directory in executableDirectories() {
            // `.copy("Resources")` keeps the folder inside the bundle.
            let bundle = directory.appendingPathComponent(bundleName)
            candidates.append(bundle.appendingPathComponent("Resources").appendingPathComponent(file))
            candidates.append(bundle.appendingPathComponent(file))
        }
        var directory = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
        while directory.path.count > 1 {
            if directory.lastPathComponent == module {
                candidates.append(directory.appendingPathComponent("Resources").appendingPathComponent(file))
                break
            }
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.path) {
            return candidate
        }
        throw NotFound(file: file, searched: candidates.map(\.path))
    }

    /// Reads a shipped text file.
    public static func text(_ file: String, module: String, sourceFile: String) throws -> String {
        let url = try url(for: file, module: module, sourceFile: sourceFile)
        return try String(contentsOf: url, encoding: .utf8)
    }

    private static func executableDirectories() -> [URL] {
        var result = [Bundle.main.bundleURL]
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        result.append(exe.deletingLastPathComponent())
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            result.append(URL(fileURLWithPath: link).deletingLastPathComponent())
        }
        return result
    }
}

/// Reads the line-based data files Tribune ships: one entry per line, `#` starts a comment,
/// blank lines are skipped.
public enum DataFile {
    public static func entries(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let content = line.firstIndex(of: "#").map { line[..<$0] } ?? line[...]
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : Substring(trimmed)
        }
    }
}
