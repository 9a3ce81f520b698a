/// The built-in network presets (`rehearse network list`), with the numbers of the tools and measurements they
/// come from. RTT is always the **added round trip** (applied as half in each direction); rates are in
/// kbit/s = 1000 bit/s; no source defines jitter, so every preset has none. Cloud paths have no bandwidth limit.
///
/// Each preset is also written out as `Profiles/network/NAME.yaml`, and a test keeps the two identical.
public enum NetworkPresets {
    /// Every preset: browser throttling profiles, WebPageTest connectivity profiles, then cloud paths.
    public static let all: [NetworkPreset] = browser + webPageTest + cloud

    /// The preset called `name` (exact spelling), or `nil`.
    public static func named(_ name: String) -> NetworkPreset? {
        all.first { $0.name == name }
    }

    /// The names, in table order (for "did you mean" hints).
    public static var names: [String] { all.map(\.name) }

    /// Where the files are: see ``NetworkPresets/sourceFiles``.
    private static let awsTable = "AWS inter-region averages, 2017 (acomputerscientistlearnsaws.blogspot.com)"

    /// The full paths of the files the browser and WebPageTest sources name.
    public static let sourceFiles = [
        "NetworkManager.ts: ChromeDevTools/devtools-frontend front_end/core/sdk/NetworkManager.ts",
        "constants.js: GoogleChrome/lighthouse core/config/constants.js",
        "connectivity.ini.sample: catchpoint/WebPageTest www/settings/connectivity.ini.sample",
    ]

    /// Chrome DevTools and Lighthouse. DevTools' request-level `latency` is the RTT multiplied by a factor;
    /// these use the RTT itself (`targetLatency`, Lighthouse `rttMs`).
    static let browser: [NetworkPreset] = [
        .make(
            "slow-3g", rttMilliseconds: 400, downKbit: 500, upKbit: 500, "Chrome DevTools \"Slow 3G\"",
            sources: [
                "DevTools Slow3GConditions (NetworkManager.ts): targetLatency 400, 500/500 kbit/s; "
                    + "its request-level latency 2000 is 400 × 5"
            ]),
        .make(
            "slow-4g", rttMilliseconds: 150, downKbit: 1600, upKbit: 750,
            "Chrome DevTools \"Slow 4G\" (formerly \"Fast 3G\"), Lighthouse mobile slow 4G",
            sources: [
                "DevTools Slow4GConditions (NetworkManager.ts): targetLatency 150, 1600/750 kbit/s; "
                    + "its request-level latency 562.5 is 150 × 3.75",
                "Lighthouse mobileSlow4G (constants.js): rttMs 150, 1.6 × 1024 kbit/s down",
                "WebPageTest [3GFast] (connectivity.ini.sample): 150 ms, 1600/768 kbit/s",
            ]),
        .make(
            "fast-4g", rttMilliseconds: 60, downKbit: 9000, upKbit: 1500, "Chrome DevTools \"Fast 4G\"",
            sources: [
                "DevTools Fast4GConditions (NetworkManager.ts): targetLatency 60, 9000/1500 kbit/s; "
                    + "its request-level latency 165 is 60 × 2.75"
            ]),
        .make(
            "regular-3g", rttMilliseconds: 300, downKbit: 700, upKbit: 700, "Lighthouse regular 3G",
            sources: ["Lighthouse mobileRegular3G (constants.js): rttMs 300, 700/700 kbit/s"]),
    ]

    /// WebPageTest connectivity profiles (its bandwidth values are in bit/s, its latency is the round trip).
    static let webPageTest: [NetworkPreset] = [
        .make(
            "wpt-3g", rttMilliseconds: 300, downKbit: 1600, upKbit: 768, "WebPageTest 3G",
            sources: ["WebPageTest [3G] (connectivity.ini.sample): 300 ms, 1600/768 kbit/s"]),
        .make(
            "lte", rttMilliseconds: 70, downKbit: 12000, upKbit: 12000, "WebPageTest LTE",
            sources: ["WebPageTest [LTE] (connectivity.ini.sample): 70 ms, 12000/12000 kbit/s"]),
        .make(
            "dsl", rttMilliseconds: 50, downKbit: 1500, upKbit: 384, "WebPageTest DSL",
            sources: ["WebPageTest [DSL] (connectivity.ini.sample): 50 ms, 1500/384 kbit/s"]),
        .make(
            "cable", rttMilliseconds: 28, downKbit: 5000, upKbit: 1000, "WebPageTest cable",
            sources: ["WebPageTest [Cable] (connectivity.ini.sample): 28 ms, 5000/1000 kbit/s"]),
        .make(
            "fios", rttMilliseconds: 4, downKbit: 20000, upKbit: 5000, "WebPageTest FIOS (fibre to the home)",
            sources: ["WebPageTest [FIOS] (connectivity.ini.sample): 4 ms, 20000/5000 kbit/s"]),
        .make(
            "edge", rttMilliseconds: 840, downKbit: 240, upKbit: 200, "WebPageTest EDGE (2.5G mobile)",
            sources: ["WebPageTest [Edge] (connectivity.ini.sample): 840 ms, 240/200 kbit/s"]),
        .make(
            "2g", rttMilliseconds: 800, downKbit: 280, upKbit: 256, "WebPageTest 2G",
            sources: [
                "WebPageTest [2G] (connectivity.ini.sample): 800 ms, 280/256 kbit/s; "
                    + "older versions: 1300 ms, 35/32 kbit/s"
            ]),
    ]

    /// Round trips between AWS hosts: within and across availability zones, and between regions.
    static let cloud: [NetworkPreset] = [
        .make(
            "same-az", rttMilliseconds: 0.5, "AWS, two hosts in one availability zone",
            sources: ["gist josephmisiti/10312241: average 0.45 ms"]),
        .make(
            "cross-az", rttMilliseconds: 1.5, "AWS, two availability zones of one region",
            sources: [
                "xkyle.com \"Measuring AWS Region and AZ Latency\": 0.25–3.4 ms",
                "gist josephmisiti/10312241: 1.3 and 2.1 ms",
                "AWS fault-isolation whitepaper: \"single-digit millisecond latency\"",
            ]),
        .make(
            "same-continent", rttMilliseconds: 20, "AWS eu-west-1 ↔ eu-central-1 (Ireland–Frankfurt)",
            sources: ["\(awsTable): 19.6 ms"]),
        .make(
            "transatlantic", rttMilliseconds: 80, "AWS us-east-1 ↔ eu-west-1 (Virginia–Ireland)",
            sources: ["\(awsTable): 80.5 ms"]),
        .make(
            "us-east-eu-central", rttMilliseconds: 89, "AWS us-east-1 ↔ eu-central-1 (Virginia–Frankfurt)",
            sources: ["\(awsTable): 88.7 ms"]),
        .make(
            "transpacific", rttMilliseconds: 145, "AWS us-east-1 ↔ ap-northeast-1 (Virginia–Tokyo)",
            sources: ["\(awsTable): 145.3 ms"]),
        .make(
            "us-east-ap-southeast-2", rttMilliseconds: 230, "AWS us-east-1 ↔ ap-southeast-2 (Virginia–Sydney)",
            sources: ["\(awsTable): 230 ms"]),
    ]
}
