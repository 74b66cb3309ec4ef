/// Checks ISO 8601 calendar dates and date-times as the document schema uses them.
public enum ISODate {
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a date followed by `T` and a time.
    public static func isValid(_ text: String) -> Bool {
        let date = text.split(separator: "T", maxSplits: 1).first.map(String.init) ?? ""
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year > 0 else {
            return false
        }
        if parts.count >= 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false }
            if parts.count == 3 {
                guard parts[2].count == 2, let day = Int(parts[2]) else { return false }
                let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
                let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
                guard (1...days).contains(day) else { return false }
            }
        }
        if text.contains("T") { return parts.count == 3 && text.count > date.count + 1 }
        return true
    }
}
