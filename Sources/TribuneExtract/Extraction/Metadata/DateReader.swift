/// Reads the dates pages write, as `YYYY-MM-DD`: ISO 8601 in metadata (`2025-09-04T10:00:00Z`),
/// RFC 822 (`Thu, 04 Sep 2025 10:00:00 GMT`), dates in addresses (`/2025/09/04/`, `/20250904/`),
/// and dates in text (`September 4, 2025`, `4 Sept. 2025`, `2023 Jan 7`, `04.09.2025`, `9/4/2025`).
///
/// Month names come from the vocabulary (`month-names.txt`, several languages). Numeric dates
/// with the day and month both ≤ 12 are read month first with `/` (US) and day first with `.`
/// (European). The date of a time stamp is the date where it was written: the time zone is not
/// converted.
struct DateReader: Sendable {
    let months: [String: Int]
    /// Years outside this range are not dates of news pages (and are likely other numbers).
    static let years = 1990...2100

    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case separator(Character)
    }

    /// A date value from metadata: ISO 8601 first, then anything ``text(_:)`` reads.
    func metadata(_ value: String) -> String? {
        Self.iso(value) ?? text(value)
    }

    /// `YYYY-MM-DD` (or `/`, `.` between), perhaps followed by a time, at the start of the value.
    static func iso(_ value: String) -> String? {
        let bytes = Array(value.utf8.prefix(32))
        var k = 0
        while k < bytes.count && bytes[k] == 0x20 { k += 1 }
        func number(_ length: Int) -> Int? {
            guard k + length <= bytes.count else { return nil }
            var n = 0
            for b in bytes[k..<k + length] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            k += length
            return n
        }
        guard let year = number(4) else { return nil }
        let separator: UInt8? = k < bytes.count && [0x2D, 0x2F, 0x2E].contains(bytes[k]) ? bytes[k] : nil
        if separator != nil { k += 1 }
        guard let month = number(2) else { return nil }
        if let separator {
            guard k < bytes.count, bytes[k] == separator else { return nil }
            k += 1
        }
        guard let day = number(2) else { return nil }
        if k < bytes.count, bytes[k] >= 0x30 && bytes[k] <= 0x39 { return nil }
        return format(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD` when the numbers make a real date in range.
    static func format(year: Int, month: Int, day: Int) -> String? {
        guard years.contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return nil }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// A date in a page address: `/2025/09/04/`, `/2025-09-04-`, `/20250904/`, `_2025_09_04`.
    static func url(_ address: String) -> String? {
        let bytes = Array(address.utf8)
        var i = 0
        // Skip the scheme and host: dates are in the path.
        if let scheme = address.range(of: "://") {
            i = address.utf8.distance(from: address.utf8.startIndex, to: scheme.upperBound)
            while i < bytes.count && bytes[i] != UInt8(ascii: "/") { i += 1 }
        }
        func digits(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= bytes.count else { return nil }
            var n = 0
            for b in bytes[start..<start + length] {
                guard b >= 0x30 && b <= 0x39 else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            return n
        }
        func isBoundary(_ k: Int) -> Bool {
            k < 0 || k >= bytes.count || !(bytes[k] >= 0x30 && bytes[k] <= 0x39)
        }
        let separators: Set<UInt8> = [0x2F, 0x2D, 0x5F, 0x2E]
        while i < bytes.count {
            defer { i += 1 }
            guard isBoundary(i - 1), let year = digits(i, 4), years.contains(year) else { continue }
            // YYYY/MM/DD with one kind of separator.
            if i + 4 < bytes.count, separators.contains(bytes[i + 4]) {
                let separator = bytes[i + 4]
                var monthLength = 2
                if digits(i + 5, 2) == nil || (i + 6 < bytes.count && bytes[i + 6] == separator) { monthLength = 1 }
                guard let month = digits(i + 5, monthLength) else { continue }
                let daySeparator = i + 5 + monthLength
                guard daySeparator < bytes.count, bytes[daySeparator] == separator else { continue }
                let dayLength = digits(daySeparator + 1, 2) != nil ? 2 : 1
                guard let day = digits(daySeparator + 1, dayLength), isBoundary(daySeparator + 1 + dayLength)
                else { continue }
                if let date = format(year: year, month: month, day: day) { return date }
            } else if isBoundary(i + 8), let month = digits(i + 4, 2), let day = digits(i + 6, 2) {
                if let date = format(year: year, month: month, day: day) { return date }
            }
        }
        return nil
    }

    /// The first date written in a text.
    func text(_ text: String) -> String? {
        let tokens = Self.tokens(text)
        var i = 0
        while i < tokens.count {
            if let date = date(in: tokens, at: i) { return date }
            i += 1
        }
        return nil
    }

    private func month(_ token: Token) -> Int? {
        guard case .word(let word) = token else { return nil }
        return months[word]
    }

    /// A date that starts at token `i`.
    private func date(in tokens: [Token], at i: Int) -> String? {
        func token(_ k: Int) -> Token? { k < tokens.count ? tokens[k] : nil }
        func number(_ k: Int) -> (value: Int, digits: Int)? {
            if case .number(let n, let d)? = token(k) { return (n, d) }
            return nil
        }
        func separator(_ k: Int) -> Character? {
            if case .separator(let c)? = token(k) { return c }
            return nil
        }
        // Month D, YYYY — "September 4, 2025", "Sept. 4 2025", "Sep 4th, 2025".
        if let month = month(tokens[i]) {
            var k = i + 1
            if separator(k) == "." { k += 1 }
            if let day = number(k), day.digits <= 2 {
                k += 1
                if case .word(let suffix)? = token(k), ["st", "nd", "rd", "th"].contains(suffix) { k += 1 }
                if separator(k) == "," { k += 1 }
                if let year = number(k), year.digits == 4 {
                    return Self.format(year: year.value, month: month, day: day.value)
                }
            }
            return nil
        }
        guard let first = number(i) else { return nil }
        // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
        if first.digits == 4, let s = separator(i + 1), "-/.".contains(s), let m = number(i + 2),
            separator(i + 3) == s, let d = number(i + 4), d.digits <= 2
        {
            return Self.format(year: first.value, month: m.value, day: d.value)
        }
        // YYYY Month D — "2023 Jan 7" (citation metadata).
        if first.digits == 4, let month = token(i + 1).flatMap(month), let d = number(i + 2), d.digits <= 2 {
            return Self.format(year: first.value, month: month, day: d.value)
        }
        // D Month YYYY — "4 September 2025", "4. September 2025", "4th Sept. 2025", "4 de septiembre de 2025".
        if first.digits <= 2 {
            var k = i + 1
            if separator(k) == "." { k += 1 }
            if case .word(let suffix)? = token(k), ["st", "nd", "rd", "th", "de", "del"].contains(suffix) { k += 1 }
            if let month = token(k).flatMap(month) {
                k += 1
                if separator(k) == "." { k += 1 }
                if separator(k) == "," { k += 1 }
                if case .word(let word)? = token(k), ["de", "del"].contains(word) { k += 1 }
                if let year = number(k), year.digits == 4 {
                    return Self.format(year: year.value, month: month, day: first.value)
                }
            }
            // M/D/YYYY, D.M.YYYY, D-M-YYYY
            if let s = separator(i + 1), "/.-".contains(s), let second = number(i + 2), second.digits <= 2,
                separator(i + 3) == s, let year = number(i + 4), year.digits == 4
            {
                let (a, b) = (first.value, second.value)
                if a > 12 { return Self.format(year: year.value, month: b, day: a) }
                if b > 12 { return Self.format(year: year.value, month: a, day: b) }
                return s == "/"
                    ? Self.format(year: year.value, month: a, day: b)
                    : Self.format(year: year.value, month: b, day: a)
            }
        }
        return nil
    }

    /// Numbers, lower-case words and single punctuation marks; white space separates them.
    private static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var number = 0
        var digits = 0
        func flush() {
            if !word.isEmpty { tokens.append(.word(word)) }
            if digits > 0 { tokens.append(.number(number, digits: digits)) }
            word = ""
            number = 0
            digits = 0
        }
        for character in text.lowercased() {
            if let value = character.wholeNumberValue, character.isASCII {
                if !word.isEmpty { flush() }
                number = digits < 9 ? number * 10 + value : number
                digits += 1
            } else if character.isLetter {
                if digits > 0 { flush() }
                word.append(character)
            } else {
                flush()
                if !character.isWhitespace { tokens.append(.separator(character)) }
            }
            if tokens.count > 400 { break }
        }
        flush()
        return tokens
    }
}
