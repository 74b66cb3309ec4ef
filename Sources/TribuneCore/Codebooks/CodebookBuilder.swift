import Foundation

/// Builds the shipped codebooks (`cameo-codes.tsv`, `cameo-plover.tsv`) from their sources:
/// the Goldstein scale (`CAMEO.goldsteinscale.txt`), the OEDA CAMEO→PLOVER table
/// (`CAMEO2PLOVER-2021.txt`, whose comments name the codes), the PLOVER manual's table of CAMEO
/// cue categories (the root names), and a hand-written supplement naming what those lack.
public enum CodebookBuilder {
    /// A source file that does not read.
    public struct SourceError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file) line \(line): \(message)" }
    }

    /// One row of the CAMEO→PLOVER table.
    public struct PLOVERRow: Hashable, Sendable {
        public var code: String
        public var coding: PloverCoding
        public var name: String?
    }

    /// Reads `CAMEO.goldsteinscale.txt`: a header, then `code<TAB>score` lines.
    public static func goldstein(_ text: String, file: String = "CAMEO.goldsteinscale.txt") throws -> [(String, Double)]
    {
        var rows: [(String, Double)] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = raw.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard fields.count >= 2 else { continue }
            if number == 0, Double(fields[1]) == nil { continue }
            guard CAMEOCodebook.isCode(fields[0]), let score = Double(fields[1]) else {
                throw SourceError(file: file, line: number + 1, message: "expected a CAMEO code and a score")
            }
            rows.append((String(fields[0]), score))
        }
        return rows
    }

    /// Reads the OEDA `CAMEO2PLOVER` table: `code: TYPE, mode, context[; context] # name`.
    /// The first row of a code wins (the table repeats a few, and lists 08 under both CONCEDE
    /// and RETREAT; 080–083 are CONCEDE, as the manual says).
    public static func ploverTable(_ text: String, file: String = "CAMEO2PLOVER-2021.txt") throws -> [PLOVERRow] {
        var rows: [PLOVERRow] = []
        var seen: Set<String> = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            var name: String?
            if let hash = line.firstIndex(of: "#") {
                let comment = line[line.index(after: hash)...].trimmingCharacters(in: .whitespaces)
                // A comment may carry an editor's note after two spaces.
                let cut = comment.range(of: "  ").map { String(comment[..<$0.lowerBound]) } ?? comment
                name = cut.isEmpty ? nil : cut
                line = line[..<hash]
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let code = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard CAMEOCodebook.isCode(Substring(code)) else {
                throw SourceError(file: file, line: number + 1, message: "expected a CAMEO code before ':'")
            }
            let fields = line[line.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard let type = fields.first, !type.isEmpty else {
                throw SourceError(file: file, line: number + 1, message: "expected a PLOVER type")
            }
            guard seen.insert(code).inserted else { continue }
            let mode = fields.count > 1 && !fields[1].isEmpty ? fields[1] : nil
            let context =
                fields.count > 2
                ? fields[2...].joined(separator: ";").split(separator: ";").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty } : []
            rows.append(
                PLOVERRow(code: code, coding: PloverCoding(type: type, mode: mode, context: context), name: name))
        }
        return rows
    }

    /// The cue-category names of the PLOVER manual's "CAMEO to PLOVER translation" table
    /// (`01 & MAKE PUBLIC STATEMENT & dropped \\`), capitalized as sentences.
    public static func rootNames(manual: String) -> [String: String] {
        var names: [String: String] = [:]
        for raw in manual.split(separator: "\n") {
            let cells = raw.split(separator: "&").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3, cells[0].count == 2, CAMEOCodebook.isCode(Substring(cells[0])),
                names[cells[0]] == nil
            else { continue }
            var name = cells[1]
            if let paren = name.firstIndex(of: "(") {
                name = String(name[..<paren]).trimmingCharacters(in: .whitespaces)
            }
            names[cells[0]] = name.prefix(1).uppercased() + name.dropFirst().lowercased()
        }
        return names
    }

    /// Reads the hand-written supplement: `code<TAB>name` lines.
    public static func supplement(_ text: String) -> [String: String] {
        var names: [String: String] = [:]
        for entry in DataFile.entries(text) {
            let fields = entry.split(separator: "\t", maxSplits: 1)
            if fields.count == 2 { names[String(fields[0])] = fields[1].trimmingCharacters(in: .whitespaces) }
        }
        return names
    }

    /// The two shipped files, and the Goldstein codes no source names (left with an empty name).
    public struct Output: Sendable {
        public var codes: String
        public var plover: String
        public var unnamed: [String]
    }

    public static func build(goldstein: String, ploverTable: String, manual: String, supplement: String) throws
        -> Output
    {
        let scores = try Self.goldstein(goldstein)
        let table = try Self.ploverTable(ploverTable)
        var names = rootNames(manual: manual)
        for row in table where names[row.code] == nil {
            if let name = row.name { names[row.code] = name }
        }
        names.merge(Self.supplement(supplement)) { _, new in new }
        var codes = """
            # CAMEO event codes: code<TAB>QuadClass<TAB>Goldstein score<TAB>name
            # QuadClass by root: 01-05 verbal cooperation (1), 06-08 material cooperation (2),
            # 09-13 verbal conflict (3), 14-20 material conflict (4).
            # Sources: CAMEO.goldsteinscale.txt (scores), the PLOVER manual and the OEDA CAMEO2PLOVER
            # table (names, CC BY-SA 4.0), cameo-names-supplement.txt. Rebuild: tribune train codebooks

            """
        var unnamed: [String] = []
        for (code, score) in scores {
            let quad = CAMEOCodebook.quadClass(ofRoot: CAMEOCodebook.root(of: code)) ?? 0
            let name = names[code] ?? ""
            if name.isEmpty { unnamed.append(code) }
            codes += "\(code)\t\(quad)\t\(format(score))\t\(name)\n"
        }
        var plover = """
            # CAMEO -> PLOVER: code<TAB>type<TAB>mode<TAB>contexts (separated by ';')
            # From the OEDA CAMEO2PLOVER table (PLOVER manual 0.8, 2021), CC BY-SA 4.0. PLOVER drops
            # CAMEO's 01 (make public statement) and 02 (appeal), so those codes are not listed and
            # have no PLOVER type. A code not listed takes its parent's row. Rebuild: tribune train codebooks

            """
        for row in table {
            plover += "\(row.code)\t\(row.coding.type)\t\(row.coding.mode ?? "")\t"
            plover += row.coding.context.joined(separator: ";") + "\n"
        }
        return Output(codes: codes, plover: plover, unnamed: unnamed)
    }

    private static func format(_ score: Double) -> String {
        String(format: "%.1f", score)
    }
}
