import Foundation
import TribuneCore

/// Paths of files the tests read: the repository's samples, and the shared data when present.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func sample(_ name: String) -> URL { repository.appendingPathComponent("samples/\(name)") }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// `bytes` as a gzip member of stored DEFLATE blocks (what `gzip -0` writes).
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var start = 0
        repeat {
            let end = min(bytes.count, start + 65_535)
            let length = UInt16(end - start)
            out.append(end == bytes.count ? 1 : 0)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += bytes[start..<end]
            start = end
        } while start < bytes.count
        func word(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return out + word(CRC32.checksum(bytes)) + word(UInt32(truncatingIfNeeded: bytes.count))
    }

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

/// How a command ran: its exit status, whether it exited or was killed, and what it printed.
struct CommandRun {
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: [UInt8]
    var stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
}

extension Fixtures {
    struct NoExecutable: Error, CustomStringConvertible {
        var description: String { "the tribune executable is not built" }
    }

    /// Runs the built `tribune` with `arguments` and waits for it.
    static func runTribune(_ arguments: [String]) throws -> CommandRun {
        guard let executable = tribuneExecutable else { throw NoExecutable() }
        return try run(executable, arguments)
    }

    /// Runs `executable` with `arguments` and waits for it. Both pipes drain at once, so a chatty
    /// stderr cannot block the child.
    static func run(_ executable: URL, _ arguments: [String]) throws -> CommandRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var stderr = Data()
        DispatchQueue.global().async(group: group) { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandRun(
            status: process.terminationStatus, reason: process.terminationReason, stdout: Array(stdout),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
