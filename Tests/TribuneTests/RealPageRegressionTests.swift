import Foundation
import Testing
import Tribune
import TribuneCore
import TribuneExtract

/// Pages that once crashed the pipeline, run whole. A crash ends the test process, so these
/// fail loudly; they need `../shared/data` and skip without it.
@Suite("Real pages that once crashed the pipeline")
struct RealPageRegressionTests {
    static let pages = Fixtures.repository.deletingLastPathComponent()
        .appendingPathComponent("shared/data/dev/extraction/wcxb-dev/html")

    @Test(
        "WCXB dev pages 0001–0008 (a subject after its verb once broke indirect speech)",
        .enabled(if: FileManager.default.fileExists(atPath: pages.path)))
    func firstDevPages() throws {
        let pipeline = try PipelineTests.shared.get()
        for number in 1...8 {
            let url = Self.pages.appendingPathComponent(String(format: "%04d.html.gz", number))
            var analyzed = 0
            try InputReader(paths: [url.path]).read { item in
                guard case .source(let source) = item else { return }
                let document = try pipeline.analyze(source)
                #expect(!document.text.isEmpty, "\(url.lastPathComponent) has an article")
                analyzed += 1
            }
            #expect(analyzed == 1)
        }
    }
}
