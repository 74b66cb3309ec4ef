// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tribune",
    products: [
        .executable(name: "tribune", targets: ["TribuneCLI"]),
        .library(name: "Tribune", targets: ["Tribune"]),
        .library(name: "TribuneCore", targets: ["TribuneCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // The document model, JSON, offsets and codebooks: Foundation only.
        .target(name: "TribuneCore", resources: [.copy("Resources")]),
        // From source bytes to the article: readers, text cleanup (HTML comes next).
        .target(
            name: "TribuneExtract",
            dependencies: ["TribuneCore"],
            resources: [.copy("Resources")]
        ),
        // Tokens, sentences and (later) tags, parses and entities.
        .target(
            name: "TribuneNLP",
            dependencies: ["TribuneCore"],
            resources: [.copy("Resources")]
        ),
        // Actors, places, times, events, quotes and counts.
        .target(
            name: "TribuneCoding",
            dependencies: ["TribuneCore", "TribuneNLP"],
            resources: [.copy("Resources")]
        ),
        // The pipeline that runs the stages in order: the library other Swift code uses.
        .target(name: "Tribune", dependencies: ["TribuneCore", "TribuneExtract", "TribuneNLP", "TribuneCoding"]),
        // Evaluation and benchmarks over ../shared/data: the figures issues ask for.
        .target(name: "TribuneEval", dependencies: ["Tribune"]),
        .executableTarget(
            name: "TribuneCLI",
            dependencies: [
                "Tribune", "TribuneEval",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TribuneCoreTests", dependencies: ["TribuneCore"]),
        .testTarget(name: "TribuneExtractTests", dependencies: ["TribuneExtract"]),
        .testTarget(name: "TribuneNLPTests", dependencies: ["TribuneNLP"]),
        .testTarget(name: "TribuneCodingTests", dependencies: ["TribuneCoding"]),
        .testTarget(name: "TribuneTests", dependencies: ["Tribune", "TribuneEval"]),
    ]
)
