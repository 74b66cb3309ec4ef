// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tribune",
    products: [
        .executable(name: "tribune", targets: ["TribuneCLI"]),
        .library(name: "Tribune", targets: ["Tribune"]),
        .library(name: "TribuneCore", targets: ["TribuneCore"]),
        .library(name: "TribuneStore", targets: ["TribuneStore"]),
    ],
    // The pipeline and its tests build with none of these; CI enables them all.
    traits: [
        .trait(
            name: "Postgres",
            description: "The PostgreSQL store backend (`--db postgres://…`): brings in postgres-nio, SwiftNIO and "
                + "swift-crypto, several minutes of clean build."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // The HTTP server of `tribune serve`; swift-configuration support is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        // Already in the graph through Hummingbird; named for the types the server uses directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
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
        // The store: the protocol, ingest, queries, exports, and the embedded SQLite backend.
        .target(
            name: "TribuneStore",
            dependencies: ["TribuneCore", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Resources")]
        ),
        // The PostgreSQL backend; its code compiles only with the `Postgres` trait.
        .target(
            name: "TribunePostgres",
            dependencies: [
                "TribuneStore",
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Postgres"])),
            ]
        ),
        // `tribune serve`: the JSON API and the dashboard over a store, read only. The pipeline
        // comes in as a `DocumentAnalyzer`, so the server builds without the NLP stages.
        .target(
            name: "TribuneServer",
            dependencies: [
                "TribuneCore", "TribuneStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "TribuneCLI",
            dependencies: [
                "Tribune", "TribuneEval", "TribuneStore", "TribunePostgres", "TribuneServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TribuneCoreTests", dependencies: ["TribuneCore"]),
        .testTarget(name: "TribuneExtractTests", dependencies: ["TribuneExtract"], exclude: ["Fixtures"]),
        .testTarget(name: "TribuneNLPTests", dependencies: ["TribuneNLP"]),
        .testTarget(name: "TribuneCodingTests", dependencies: ["TribuneCoding"]),
        .testTarget(name: "TribuneTests", dependencies: ["Tribune", "TribuneEval", "TribuneStore"]),
        .testTarget(
            name: "TribuneStoreTests", dependencies: ["TribuneStore", "TribunePostgres", "Tribune", "TribuneExtract"]),
        .testTarget(
            name: "TribuneServerTests",
            dependencies: [
                "TribuneServer", "TribuneStore", "Tribune", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
