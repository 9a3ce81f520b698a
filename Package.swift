// swift-tools-version: 6.0
import PackageDescription

// Linux only: the transport drives libcurl from an epoll loop, so no other platform is claimed.
//
// Modules are layered by dependency (see README "Architecture"): the libcurl shim at the bottom,
// the transport over it, the engine over the transport; the model (Scenario) and Metrics do no I/O;
// Verdicts judge a run (thresholds, abort_when, probes, comparisons) without I/O; Reports render the model,
// metrics and verdicts as text; MetricsEndpoint publishes the probe's metrics (Prometheus); the executable only
// calls RehearseCommands.
// The engine's hot path reads and writes class properties (a worker's users and handles) millions of times a second,
// and release builds check each such access for exclusivity at run time (`swift_beginAccess`: 5 % of a request's
// instructions in `make bench`). The engine's modules skip that check in release builds; debug builds and the tests
// keep it, so an overlapping access is still caught there.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Rehearsal",
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
        // Only so its `Metrics` module can be renamed (see MetricsEndpoint); swift-prometheus depends on it.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.1"),
        // Test servers' gzip-encoded responses, and the one-line results a pod writes to its log.
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(name: "rehearse", dependencies: ["RehearseCommands"]),
        .target(
            name: "RehearseCommands",
            dependencies: [
                "Engine", "Reports", "Verdicts", "Scenario", "Metrics", "DemoStaging", "Recording", "CurlURL",
                "Secrets", "MetricsEndpoint", "Manifests",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // `run --results-stdout` and `merge --logs`: a run folder gzipped into one log line.
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        // Every output a run, a comparison or a probe has, each a `Reporter`: a pure function to text.
        // The HTML pages inline Chart.js (HTML/Vendor/ChartJS.swift, from Debian's libjs-chart.js via
        // scripts/vendor-chart-js.sh); its MIT licence sits beside it and travels in every page.
        .target(
            name: "Reports", dependencies: ["Verdicts", "Scenario", "Metrics"],
            exclude: ["HTML/Vendor/chart.js-LICENSE.md"]),
        // Judging: thresholds, abort_when, probe verdicts, compare statistics, spinner re-judging. No I/O.
        .target(name: "Verdicts", dependencies: ["Scenario", "Metrics"]),
        .target(
            name: "Engine",
            dependencies: [
                "Transport", "Scenario", "Metrics", "Netem", "CurlURL", "Secrets",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: hotPath),
        .target(
            name: "Transport",
            dependencies: ["CCurl"],
            swiftSettings: hotPath),
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]),
        // libcurl's own URL parser (`curl_url()`), the one URL parser of the project: what the allow-list checks
        // is what libcurl sends. Parsing only, no I/O, so the model (Scenario) and the importer may use it.
        .target(name: "CurlURL", dependencies: ["CCurl"]),
        .target(name: "Scenario", dependencies: ["CurlURL", "Secrets", .product(name: "Yams", package: "Yams")]),
        // The one rule for secrets: which names and shapes are credentials (the importer scrubs with it) and how every
        // output masks them (`SecretMask`). No I/O, no dependency: every module that writes or prints can use it.
        .target(name: "Secrets"),
        // `rehearse k8s`: plain Kubernetes manifests (ConfigMap, Indexed Job) and the merge step. Pure: files in,
        // text out.
        .target(name: "Manifests", dependencies: ["Scenario", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Metrics", dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: hotPath),
        // `rehearse import`: HAR files and "copy as cURL" commands to flows (correlation, secrets, structure).
        .target(
            name: "Recording",
            dependencies: ["Scenario", "CurlURL", "Secrets", .product(name: "Yams", package: "Yams")]),
        // The one SwiftNIO HTTP/1.1 server host: binds, runs a server's handler per connection, shuts down cleanly.
        // The demo target, the metrics endpoint and the test servers keep only their own routes.
        .target(
            name: "HTTPServerHost",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .target(
            name: "DemoStaging",
            dependencies: [
                "HTTPServerHost",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // Publishing the probe's metrics: the Prometheus registry, the `/metrics` HTTP endpoint of
        // `rehearse probe --serve`, and the node_exporter textfile of `--textfile`.
        .target(
            name: "MetricsEndpoint",
            dependencies: [
                "Verdicts", "HTTPServerHost", .product(name: "Prometheus", package: "swift-prometheus"),
                // `run --serve` feeds each interval's HdrHistograms into Prometheus histograms.
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                // swift-metrics (a dependency of swift-prometheus) has a module named `Metrics` too, and SwiftPM
                // refuses two modules of one name in a graph unless one is aliased. Nothing imports `SwiftMetrics`.
                .product(name: "Metrics", package: "swift-metrics", moduleAliases: ["Metrics": "SwiftMetrics"]),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // The one test library of every test target: test servers, an HTTP client, a child-process runner, golden
        // files, waiting for observable events.
        .target(
            name: "TestSupport",
            dependencies: [
                "HTTPServerHost",
                .product(name: "CompressNIO", package: "compress-nio"),
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
                "Netem", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]),
        .testTarget(name: "CurlURLTests", dependencies: ["CurlURL"]),
        .testTarget(name: "SecretsTests", dependencies: ["Secrets"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "TestSupport"]),
        .testTarget(
            name: "ManifestsTests", dependencies: ["Manifests", "Scenario", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "TestSupport"]),
        .testTarget(
            name: "EngineTests", dependencies: ["Engine", "Scenario", "Metrics", "Verdicts", "Secrets", "TestSupport"]),
        .testTarget(name: "DemoStagingTests", dependencies: ["DemoStaging", "TestSupport"]),
        // Hand-built runs (series, histograms, thresholds' inputs) that the Verdicts and Reports tests share.
        .target(name: "RunFixtures", dependencies: ["Metrics", "Verdicts"], path: "Tests/RunFixtures"),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Verdicts", "Metrics", "Scenario", "RunFixtures", "TestSupport"],
            exclude: ["Golden"]),
        // Fixtures: a saved `rehearse demo` run (histograms.json, summary.json) that re-judging reads.
        .testTarget(
            name: "VerdictsTests", dependencies: ["Verdicts", "Metrics", "Scenario", "RunFixtures", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "MetricsEndpointTests", dependencies: ["MetricsEndpoint", "Verdicts", "TestSupport"]),
        .testTarget(
            name: "HTTPServerHostTests",
            dependencies: [
                "HTTPServerHost", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // TestSupport's own tests: the test server, the HTTP client, the child-process runner, golden files.
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        // The commands in process: parsing, option errors (exit 2), exit statuses, results folders.
        .testTarget(
            name: "RehearseCommandsTests",
            dependencies: [
                "RehearseCommands", "TestSupport", "Scenario",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Fixtures: recorded HAR files the end-to-end tests import (scripts/record-har.sh made them).
        .testTarget(
            name: "EndToEndTests", dependencies: ["TestSupport", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "RecordingTests", dependencies: ["Recording", "Scenario", "Secrets", "TestSupport"],
            exclude: ["Fixtures"]),
        // Seeded, bounded fuzzing of every input (profiles, flows, HAR, curl) from the corpus in Tests/Fuzz/corpus;
        // `make fuzz` runs it long.
        .testTarget(name: "FuzzTests", dependencies: ["Recording", "Scenario", "Metrics", "TestSupport"]),
        // The documentation checked against the code: every key the loaders accept in the reference tables (both
        // ways), the generated --help of docs/reference-cli.md, real runs' summary.json against
        // docs/summary.schema.json, and every example of README.md and docs/*.md loaded, parsed and, against the demo
        // target, run (docs/development.md "Examples that run").
        .testTarget(
            name: "DocsTests",
            dependencies: [
                "Scenario", "RehearseCommands", "DemoStaging", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
