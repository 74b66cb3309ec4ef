import Foundation

/// The form under which the gazetteer files names: letters and digits lowercased, accents
/// removed, every run of anything else one space ("Rhineland-Palatinate" and "Rhineland
/// Palatinate" → `rhineland palatinate`, "U.S." → `u s`, "Kraków" → `krakow`).
public enum PlaceName {
    /// The key of a name.
    public static func key(_ name: some StringProtocol) -> String {
        var bytes = Array(name.utf8)
        if bytes.contains(where: { $0 >= 0x80 }) {
            let folded = String(name).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            bytes = Array(folded.utf8)
        }
        return String(decoding: fold(bytes, 0..<bytes.count), as: UTF8.self)
    }

    /// The key of the tokens `ranges` of a UTF-8 text, joined: what a mention is looked up by.
    static func key(_ text: UnsafeBufferPointer<UInt8>, _ ranges: some Sequence<Range<Int>>) -> [UInt8] {
        var result: [UInt8] = []
        for range in ranges {
            let part: [UInt8]
            if text[range].contains(where: { $0 >= 0x80 }) {
                part = Array(key(String(decoding: text[range], as: UTF8.self)).utf8)
            } else {
                part = fold(text, range)
            }
            guard !part.isEmpty else { continue }
            if !result.isEmpty { result.append(0x20) }
            result.append(contentsOf: part)
        }
        return result
    }

    /// ASCII folding: letters lowercased, digits and bytes of other scripts kept, the rest a
    /// single space, no space at either end.
    static func fold<C: Collection>(_ bytes: C, _ range: Range<Int>) -> [UInt8]
    where C.Element == UInt8, C.Index == Int {
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        var pendingSpace = false
        for index in range {
            var byte = bytes[index]
            let isLetterOrDigit =
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte >= 0x80
            guard isLetterOrDigit else {
                pendingSpace = !result.isEmpty
                continue
            }
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if pendingSpace {
                result.append(0x20)
                pendingSpace = false
            }
            result.append(byte)
        }
        return result
    }

    /// Whether a name is written in the Latin script (the only names the shipped gazetteer keeps).
    static func isLatin(_ name: some StringProtocol) -> Bool {
        var letters = 0
        for scalar in name.unicodeScalars where scalar.properties.isAlphabetic {
            guard scalar.value < 0x250 || (0x1E00...0x1EFF).contains(scalar.value) else { return false }
            letters += 1
        }
        return letters > 0
    }
}
