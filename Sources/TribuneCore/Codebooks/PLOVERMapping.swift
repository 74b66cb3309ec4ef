/// CAMEO → PLOVER: each CAMEO code's PLOVER event type, mode and context.
///
/// Shipped as `cameo-plover.tsv` in TribuneCore's resources (`code<TAB>type<TAB>mode<TAB>contexts`,
/// contexts separated by `;`), derived from the OEDA `CAMEO2PLOVER` table by `tribune train
/// codebooks`. PLOVER drops CAMEO's 01 (public statement) and 02 (appeal) categories, so those
/// codes have no PLOVER coding. Licence: CC BY-SA 4.0 (the PLOVER project).
public struct PLOVERMapping: Sendable {
    public static let file = "cameo-plover.tsv"

    public struct FormatError: Error, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "\(PLOVERMapping.file) line \(line): cannot read \"\(text)\"" }
    }

    private let codings: [String: PloverCoding]

    public init(text: String) throws {
        var codings: [String: PloverCoding] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count >= 2, CAMEOCodebook.isCode(Substring(fields[0])), !fields[1].isEmpty else {
                throw FormatError(line: number + 1, text: line)
            }
            let mode = fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil
            let context =
                fields.count > 3 ? fields[3].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } : []
            codings[fields[0]] = PloverCoding(type: fields[1], mode: mode, context: context.filter { !$0.isEmpty })
        }
        self.codings = codings
    }

    /// Loads the shipped mapping.
    public init() throws {
        try self.init(text: ResourceLocator.text(Self.file, module: "TribuneCore", sourceFile: #filePath))
    }

    /// The PLOVER coding of a CAMEO code: its own entry, else its parent's (`1384` → `138`),
    /// else its root's; `nil` for codes PLOVER dropped (01, 02).
    public func coding(cameo code: String) -> PloverCoding? {
        var code = Substring(code)
        while code.count >= 2 {
            if let coding = codings[String(code)] { return coding }
            code = code.dropLast()
        }
        return nil
    }

    /// Every mapped CAMEO code.
    public var codes: [String] { codings.keys.sorted() }
}
