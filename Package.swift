// swift-tools-version: 6.0
import PackageDescription

// Modules are layered by dependency (see README "Architecture"): the libcurl shim at the bottom,
// the transport over it, the engine over the transport; the model (Scenario) and Metrics do no I/O;
// Reports depend only on the model and metrics; the executable only calls RehearseCommands.
let package = Package(
    name: "Rehearsal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rehearse", targets: ["rehearse"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Only so its `Metrics` module can be renamed (see the Reports target); swift-prometheus depends on it.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.1"),
    ],
    targets: [
        .executableTarget(name: "rehearse", dependencies: ["RehearseCommands"]),
        .target(
            name: "RehearseCommands",
            dependencies: [
                "Engine", "Reports", "Scenario", "Metrics", "DemoStaging", "Netem", "Recording", "CurlURL",
                .product(name: "NIOPosix", package: "swift-nio"), "MetricsEndpoint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "Reports",
            dependencies: [
                "Scenario", "Metrics", .product(name: "Prometheus", package: "swift-prometheus"),
                // swift-metrics (a dependency of swift-prometheus) has a module named `Metrics` too, and SwiftPM
                // refuses two modules of one name in a graph unless one is aliased. Nothing imports `SwiftMetrics`.
                .product(name: "Metrics", package: "swift-metrics", moduleAliases: ["Metrics": "SwiftMetrics"]),
            ]),
        .target(
            name: "Engine",
            dependencies: [
                "Transport", "Scenario", "Metrics", "Netem", "CurlURL",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]),
        .target(
            name: "Transport",
            dependencies: ["CCurl"]),
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]),
        // libcurl's own URL parser (`curl_url()`), the one URL parser of the project: what the allow-list checks
        // is what libcurl sends. Parsing only, no I/O, so the model (Scenario) and the importer may use it.
        .target(name: "CurlURL", dependencies: ["CCurl"]),
        .target(name: "Scenario", dependencies: ["CurlURL", .product(name: "Yams", package: "Yams")]),
        .target(name: "Metrics", dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")]),
        // `rehearse import`: HAR files and "copy as cURL" commands to flows (correlation, secrets, structure).
        .target(name: "Recording", dependencies: ["Scenario", "CurlURL", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "DemoStaging",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // The `/metrics` HTTP endpoint of `rehearse probe --serve`.
        .target(
            name: "MetricsEndpoint",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]),
        // In-process userspace TCP proxy that emulates round-trip latency, jitter, bandwidth and faults.
        .target(
            name: "Netem",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // `swift run -c release NetemBench` (bench/netem.sh): the proxy's timing error and CPU per exchange.
        .executableTarget(
            name: "NetemBench",
            dependencies: [
                "Netem",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(
            name: "NetemTests",
            dependencies: [
                "Netem",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(name: "CurlURLTests", dependencies: ["CurlURL"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Scenario", "Metrics", "TestSupport"]),
        // Also holds TestServer's own tests, which share its small socket client.
        .testTarget(name: "DemoStagingTests", dependencies: ["DemoStaging", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Metrics", "Scenario"], exclude: ["Golden"]),
        .testTarget(name: "MetricsEndpointTests", dependencies: ["MetricsEndpoint"]),
        // Fixtures: recorded HAR files the end-to-end tests import (scripts/record-har.sh made them).
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "RecordingTests", dependencies: ["Recording", "Scenario"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
