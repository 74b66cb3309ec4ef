/// A cheap guess at the language of a text that does not declare one: the script of its
/// letters, then, for Latin script, which language's commonest words it uses most
/// (`language-words.txt`).
struct LanguageGuess {
    let vocabulary: ExtractionVocabulary

    /// An ISO 639-1 code, or `nil` when the text is too short or unclear.
    func guess(_ paragraphs: [String]) -> String? {
        var letters = 0
        var scripts: [String: Int] = [:]
        var counts: [String: Int] = [:]
        var words = 0
        for paragraph in paragraphs {
            for scalar in paragraph.unicodeScalars where scalar.properties.isAlphabetic && !scalar.isASCII {
                if let script = Self.script(scalar.value) { scripts[script, default: 0] += 1 }
                letters += 1
            }
            for word in paragraph.lowercased().split(whereSeparator: { !$0.isLetter }) {
                words += 1
                if word.utf8.count > 12 { continue }
                let text = String(word)
                for (code, list) in vocabulary.languageWords where list.contains(text) { counts[code, default: 0] += 1 }
            }
            if words > 400 { break }
        }
        if let (script, count) = scripts.max(by: { $0.value < $1.value }), count * 2 > max(letters, words) {
            return script
        }
        guard words >= 10, let (code, hits) = counts.max(by: { $0.value < $1.value }), hits * 10 >= words else {
            return nil
        }
        return code
    }

    /// The language a script all but names (Latin is left to the word lists).
    private static func script(_ value: UInt32) -> String? {
        switch value {
        case 0x0400...0x04FF: "ru"
        case 0x0370...0x03FF: "el"
        case 0x0590...0x05FF: "he"
        case 0x0600...0x06FF, 0x0750...0x077F: "ar"
        case 0x0900...0x097F: "hi"
        case 0x0E00...0x0E7F: "th"
        case 0x3040...0x30FF: "ja"
        case 0xAC00...0xD7AF, 0x1100...0x11FF: "ko"
        case 0x4E00...0x9FFF: "zh"
        default: nil
        }
    }
}
