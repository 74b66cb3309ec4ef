/// Sentence-end F1 and token F1 on the UD English test sets.
public enum SegmentationEvaluation {
    public static func run(data: SharedData) throws -> EvaluationReport {
        EvaluationReport(title: "Segmentation (not yet implemented)")
    }
}
