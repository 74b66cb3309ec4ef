import Foundation

/// The one-line progress display of a long ingest, redrawn in place on a terminal.
public enum ProgressBar {
    /// `[=========>          ]  45%  1,234 stored  560 docs/s  3 skipped  1 failed`, or without
    /// the bar and percentage when the amount of work is not known.
    public static func line(_ progress: IngestProgress, width: Int = 24) -> String {
        var parts: [String] = []
        if let fraction = progress.fraction {
            let filled = Int((fraction * Double(width)).rounded(.down))
            let bar =
                String(repeating: "=", count: filled) + (filled < width ? ">" : "")
                + String(repeating: " ", count: max(0, width - filled - 1))
            parts.append("[\(bar)] \(String(Int(fraction * 100)).leftPadded(to: 3))%")
        }
        parts.append("\(grouped(progress.stored)) stored")
        parts.append("\(grouped(Int(progress.documentsPerSecond.rounded()))) docs/s")
        if progress.skipped > 0 { parts.append("\(grouped(progress.skipped)) skipped") }
        if progress.failed > 0 { parts.append("\(grouped(progress.failed)) failed") }
        return parts.joined(separator: "  ")
    }

    /// `1234567` as `1,234,567`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var result = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return n < 0 ? "-" + result : result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
