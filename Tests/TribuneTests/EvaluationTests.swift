import Foundation
import Testing
import TribuneEval

/// The evaluations must measure something real: on the first pages of the dev sets, the
/// method beats the baseline it is printed against.
@Suite("Evaluations over the shared data", .enabled(if: (try? SharedData()) != nil))
struct EvaluationTests {
    func figure(_ report: EvaluationReport, _ name: String) throws -> Double {
        try #require(report.figures.first { $0.name == name }?.value, "\(name) missing from \(report.title)")
    }

    @Test("text cleanup beats the uncleaned naive rendering on WCXB pages")
    func cleanup() throws {
        let report = try CleanupEvaluation.run(data: SharedData(), limit: 40)
        let naive = try figure(report, "naive_f1")
        let cleaned = try figure(report, "cleaned_f1")
        #expect(cleaned > naive + 0.05)
        #expect(cleaned > 0.85)
    }
}
