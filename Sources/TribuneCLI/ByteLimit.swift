import ArgumentParser
import Tribune

/// A size in bytes given on the command line: `1000000`, `500k`, `64M`, `1G` (powers of 1024).
struct ByteLimit: ExpressibleByArgument, CustomStringConvertible {
    var bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let units: [Character: Int] = ["k": 1 << 10, "m": 1 << 20, "g": 1 << 30]
        var digits = Substring(argument.lowercased())
        if digits.hasSuffix("b") { digits = digits.dropLast() }
        var unit = 1
        if let last = digits.last, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        }
        guard let value = Int(digits), value > 0, value <= Int.max / unit else { return nil }
        bytes = value * unit
    }

    var description: String {
        for (suffix, scale) in [("G", 1 << 30), ("M", 1 << 20), ("k", 1 << 10)] where bytes % scale == 0 {
            return "\(bytes / scale)\(suffix)"
        }
        return String(bytes)
    }

    var defaultValueDescription: String { description }

    /// `--max-bytes`: the pipeline's default bound on one source.
    static let pipelineDefault = ByteLimit(bytes: Pipeline.defaultMaximumBytes)

    static let help: ArgumentHelp =
        "Refuse any page, text or record larger than this (bytes, or with k, M or G), with an error naming it; the rest go on."
}
