/// Text-mode cleanup scored against the gold bodies of the WCXB dev pages.
public enum CleanupEvaluation {
    public static func run(data: SharedData, limit: Int?) throws -> EvaluationReport {
        EvaluationReport(title: "Cleanup (not yet implemented)")
    }
}
