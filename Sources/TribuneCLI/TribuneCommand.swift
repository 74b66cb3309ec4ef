import ArgumentParser

@main
struct TribuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tribune",
        abstract: "Turns news into event data: who did what to whom, when and where, who said so.",
        version: "0.1.0",
        subcommands: [
            AnalyzeCommand.self,
            ExplainCommand.self,
            EvalCommand.self,
            BenchCommand.self,
            TrainCommand.self,
            IngestCommand.self,
            EventsCommand.self,
            QuotesCommand.self,
            ActorsCommand.self,
            DocCommand.self,
            ExportCommand.self,
            ServeCommand.self,
            GazetteerCommand.self,
        ]
    )
}
