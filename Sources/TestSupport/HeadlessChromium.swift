import Foundation

/// Opens a page from disk in headless Chromium (Debian's `chromium`) with the network off, and reports what a reader
/// would have met: console messages and script errors, what the page tried to fetch, each canvas as drawn, the
/// sections shown. The page itself is not changed: a copy gets the probe (`PageProbe`) and is loaded instead.
///
/// The network is off three ways: every host resolves to nothing (`--host-resolver-rules`), every request goes to a
/// proxy on a closed port (`--proxy-server=127.0.0.1:9`), and Chromium's NetLog records every request it started, so
/// an attempt is seen even though it fails. Chromium's own background requests (updates, time) are told apart from
/// the page's by their initiator.
public enum HeadlessChromium {
    /// The browser command, for reports and docs.
    public static let executable = "chromium"

    /// Whether the browser is installed (`make test-deps` installs it).
    public static var isAvailable: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(executable)")
        }
    }

    /// The flags every load uses: headless, no GPU, no sandbox (containers), and no network.
    static func flags(profile: String) -> [String] {
        [
            "--headless", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile)", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--disable-background-networking", "--disable-component-update", "--hide-scrollbars",
        ]
    }

    /// One browser at a time in the whole test process: a browser takes a core for a second, and timing-sensitive
    /// tests run beside these.
    private static let one = NSLock()

    /// Loads `page` (a copy with the probe) and returns what happened.
    public static func load(_ page: URL, width: Int = 1280, height: Int = 2000) throws -> PageLoad {
        try one.withLock { try loadAlone(page, width: width, height: height) }
    }

    private static func loadAlone(_ page: URL, width: Int, height: Int) throws -> PageLoad {
        let folder = try TemporaryFolder("chromium")
        defer { folder.remove() }
        let html = try String(contentsOf: page, encoding: .utf8)
        let probed = folder.url.appendingPathComponent("probed-" + page.lastPathComponent)
        try PageProbe.inject(into: html).write(to: probed, atomically: true, encoding: .utf8)
        let netLog = folder.path("netlog.json")
        let out = try ChildProcess.run(
            executable,
            flags(profile: folder.path("profile")) + [
                "--enable-logging=stderr", "--v=0", "--log-net-log=\(netLog)", "--virtual-time-budget=10000",
                "--window-size=\(width),\(height)", "--dump-dom", probed.absoluteString,
            ], timeout: .seconds(120))
        guard out.status == 0 else { throw ChildProcess.Failure("chromium failed\n\(out.transcript)") }
        let requests = try NetLogRequests.pageRequests(in: URL(fileURLWithPath: netLog))
        return try PageLoad(
            dom: out.stdout, stderr: out.stderr, requests: requests, bytes: html.utf8.count)
    }
}

/// What the requests of a Chromium NetLog were: the page's own, not the browser's background ones.
enum NetLogRequests {
    /// URLs of requests the page started (its frame is a `file://` page; the browser's own requests have no origin).
    static func pageRequests(in file: URL) throws -> [String] {
        let data = try Data(contentsOf: file)
        guard let log = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let constants = log["constants"] as? [String: Any],
            let types = constants["logEventTypes"] as? [String: Int], let start = types["URL_REQUEST_START_JOB"],
            let events = log["events"] as? [[String: Any]]
        else { throw ChildProcess.Failure("\(file.path): not a Chromium NetLog") }
        return events.compactMap { event -> String? in
            guard event["type"] as? Int == start, let params = event["params"] as? [String: Any],
                let url = params["url"] as? String
            else { return nil }
            let initiator = params["initiator"] as? String ?? ""
            let isolation = params["network_isolation_key"] as? String ?? ""
            let fromPage = initiator != "not an origin" || isolation.contains("file:")
            return fromPage ? url : nil
        }
    }
}
