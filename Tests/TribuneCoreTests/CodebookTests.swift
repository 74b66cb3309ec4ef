import Foundation
import Testing

@testable import TribuneCore

/// The shared data folder beside the repository, when it is there.
private let sharedData: URL? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

@Suite("CAMEO codebook")
struct CAMEOCodebookTests {
    let codebook: CAMEOCodebook

    init() throws { codebook = try CAMEOCodebook() }

    @Test("every CAMEO code of the Goldstein scale is there, with its score")
    func goldsteinScores() throws {
        #expect(codebook.all.count == 311)
        #expect(codebook["190"]?.goldstein == -10.0)
        #expect(codebook["112"]?.goldstein == -2.0)
        #expect(codebook["057"]?.goldstein == 8.0)
        #expect(codebook["0874"]?.goldstein == 10.0)
    }

    @Test("codes carry names from the PLOVER table, the manual's root table and the supplement")
    func names() {
        #expect(codebook["112"]?.name == "Accuse")
        #expect(codebook["1823"]?.name == "Kill by physical assault")
        #expect(codebook["19"]?.name == "Fight")
        #expect(codebook["015"]?.name == "Acknowledge or claim responsibility")
        #expect(codebook.all.allSatisfy { !$0.name.isEmpty })
    }

    @Test("QuadClass follows the root: verbal and material cooperation, verbal and material conflict")
    func quadClass() {
        #expect(codebook["043"]?.quadClass == 1)
        #expect(codebook["073"]?.quadClass == 2)
        #expect(codebook["0874"]?.quadClass == 2)
        #expect(codebook["112"]?.quadClass == 3)
        #expect(codebook["145"]?.quadClass == 4)
        #expect(codebook["2042"]?.quadClass == 4)
        #expect(CAMEOCodebook.quadClass(ofRoot: "21") == nil)
    }

    @Test("a code missing from the codebook takes its nearest parent")
    func nearest() {
        #expect(codebook.nearest("1213")?.code == "121")
        #expect(codebook.nearest("903") == nil)
    }

    @Test("a malformed line names its line number")
    func malformed() {
        #expect(throws: CAMEOCodebook.FormatError.self) { try CAMEOCodebook(text: "190\t4\tnot-a-number\tFight\n") }
    }
}

@Suite("CAMEO to PLOVER")
struct PLOVERMappingTests {
    let mapping: PLOVERMapping

    init() throws { mapping = try PLOVERMapping() }

    @Test("codes map to the OEDA table's type, mode and context")
    func table() {
        #expect(
            mapping.coding(cameo: "1384") == PloverCoding(type: "THREATEN", mode: "violence", context: ["military"]))
        #expect(
            mapping.coding(cameo: "1121")
                == PloverCoding(type: "ACCUSE", mode: "allege", context: ["crime", "corruption"]))
        #expect(mapping.coding(cameo: "0871")?.type == "RETREAT")
        #expect(mapping.coding(cameo: "081")?.type == "CONCEDE")
        #expect(mapping.coding(cameo: "1712")?.type == "ASSAULT")
        #expect(mapping.coding(cameo: "193") == PloverCoding(type: "ASSAULT", mode: "firearms", context: ["military"]))
    }

    @Test("PLOVER drops CAMEO 01 and 02; codes the table lacks take their parent's row")
    func gaps() {
        #expect(mapping.coding(cameo: "010") == nil)
        #expect(mapping.coding(cameo: "0231") == nil)
        #expect(mapping.coding(cameo: "1213")?.type == "REJECT")
        #expect(mapping.coding(cameo: "08")?.type == "CONCEDE")
    }
}

@Suite("Codebook build")
struct CodebookBuilderTests {
    @Test("the shipped files are what the build makes of the shared data", .enabled(if: sharedData != nil))
    func rebuild() throws {
        let data = try #require(sharedData)
        func read(_ path: String) throws -> String {
            try String(contentsOf: data.appendingPathComponent(path), encoding: .utf8)
        }
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/TribuneCore/Resources")
        let output = try CodebookBuilder.build(
            goldstein: read("dictionaries/cameo/CAMEO.goldsteinscale.txt"),
            ploverTable: read("dictionaries/plover/CAMEO2PLOVER-2021.txt"),
            manual: read("dictionaries/plover/PLOVER_MANUAL.tex"),
            supplement: String(
                contentsOf: resources.appendingPathComponent("cameo-names-supplement.txt"), encoding: .utf8))
        #expect(output.unnamed.isEmpty)
        #expect(
            output.codes
                == (try String(contentsOf: resources.appendingPathComponent(CAMEOCodebook.file), encoding: .utf8)))
        #expect(
            output.plover
                == (try String(contentsOf: resources.appendingPathComponent(PLOVERMapping.file), encoding: .utf8)))
    }

    @Test("the table reader keeps the first row of a code and reads multiple contexts")
    func tableRows() throws {
        let rows = try CodebookBuilder.ploverTable(
            """
            08: CONCEDE
            1124: ACCUSE, allege, military; legal # Accuse of war crimes
            08: RETREAT
            0813: RETREAT, ,   legal # Ease curfew  21.09.17: "ease" is no longer a mode
            """)
        #expect(rows.map(\.code) == ["08", "1124", "0813"])
        #expect(rows[1].coding.context == ["military", "legal"])
        #expect(rows[1].name == "Accuse of war crimes")
        #expect(rows[2].name == "Ease curfew")
        #expect(rows[2].coding.mode == nil)
    }
}
