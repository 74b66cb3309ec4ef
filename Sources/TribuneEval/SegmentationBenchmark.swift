/// Tokenizer and sentence splitter throughput against a baseline.
public enum SegmentationBenchmark {
    public static func run(data: SharedData?, megabytes: Int) throws -> EvaluationReport {
        EvaluationReport(title: "Segmentation benchmark (not yet implemented)")
    }
}
