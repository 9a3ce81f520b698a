import Foundation

/// The page as headless Chromium left it: what the probe saw, the console, the requests.
public struct PageLoad: Sendable {
    /// One `<canvas>` of the page.
    public struct Canvas: Sendable, Equatable {
        public var id: String
        public var width: Double
        public var height: Double
        /// Whether Chart.js made a chart of it, its datasets, their data points and the points it placed in the plot.
        public var isChart: Bool
        public var datasets: Int
        public var points: Int
        public var placed: Int
        /// Painted pixels (sampled): a canvas nothing was drawn on has none.
        public var painted: Int
    }

    /// Errors the page raised or logged (uncaught exceptions, `console.error`/`warn`, resources that failed).
    public var pageErrors: [String]
    /// Console lines Chromium logged (any level).
    public var console: [String]
    /// URLs the page tried to fetch.
    public var requests: [String]
    public var canvases: [Canvas]
    /// Ids of the page's sections (`main section[id]`), in order.
    public var sections: [String]
    /// The page's size in bytes, as written.
    public var bytes: Int
    /// The DOM after the scripts ran.
    public var dom: String

    init(dom: String, stderr: String, requests: [String], bytes: Int) throws {
        guard let start = dom.range(of: "<pre id=\"\(PageProbe.resultID)\">"),
            let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else {
            throw ChildProcess.Failure("the page probe left no result: the page's scripts did not finish\n\(stderr)")
        }
        let json = PageProbe.unescape(String(dom[start.upperBound..<end.lowerBound]))
        guard let result = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw ChildProcess.Failure("the page probe's result is not JSON: \(json.prefix(200))")
        }
        pageErrors = result["errors"] as? [String] ?? []
        sections = result["sections"] as? [String] ?? []
        canvases = (result["canvases"] as? [[String: Any]] ?? []).map { c in
            Canvas(
                id: c["id"] as? String ?? "", width: c["width"] as? Double ?? 0, height: c["height"] as? Double ?? 0,
                isChart: c["chart"] as? Bool ?? false, datasets: c["datasets"] as? Int ?? 0,
                points: c["points"] as? Int ?? 0, placed: c["placed"] as? Int ?? 0, painted: c["painted"] as? Int ?? 0)
        }
        console = stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        self.requests = requests
        self.bytes = bytes
        self.dom = dom
    }

    /// Canvases that did not render: no chart, no size, no data, nothing placed or painted.
    public var blankCanvases: [Canvas] {
        canvases.filter {
            !$0.isChart || $0.width < 10 || $0.height < 10 || $0.points == 0 || $0.placed == 0 || $0.painted == 0
        }
    }
}

/// Two scripts added to a copy of a page: one first in `<head>` that collects every error and console warning, one
/// last in `<body>` that, once the page has loaded and its scripts ran, measures every canvas and writes the result
/// into the DOM (`<pre id="browser-probe">`), where `--dump-dom` shows it.
enum PageProbe {
    static let resultID = "browser-probe"

    static let collector = """
        <script>window.__probeErrors=[];addEventListener('error',function(e){var t=e.target;\
        __probeErrors.push(t&&t!==window&&(t.src||t.href)?'failed to load '+(t.src||t.href):String(e.message)+' at '+\
        e.filename+':'+e.lineno)},true);addEventListener('unhandledrejection',function(e){__probeErrors.push(\
        'unhandled rejection: '+e.reason)});['error','warn'].forEach(function(k){var o=console[k];console[k]=\
        function(){__probeErrors.push('console.'+k+': '+Array.prototype.join.call(arguments,' '));\
        o.apply(console,arguments)}});</script>
        """

    static let measure = """
        <script>addEventListener('load',function(){setTimeout(function(){var out={errors:window.__probeErrors,\
        canvases:[],sections:[]};document.querySelectorAll('canvas').forEach(function(c){var r=c.getBoundingClientRect();\
        var chart=window.Chart&&Chart.getChart(c);var o={id:c.id,width:r.width,height:r.height,chart:!!chart,datasets:0,\
        points:0,placed:0,painted:0};if(chart){chart.data.datasets.forEach(function(d,i){o.datasets++;o.points+=(d.data||\
        []).length;chart.getDatasetMeta(i).data.forEach(function(el){if(isFinite(el.x)&&isFinite(el.y))o.placed++})})}\
        try{var px=c.getContext('2d').getImageData(0,0,c.width,c.height).data;for(var k=3;k<px.length;k+=28)if(px[k]>0)\
        o.painted++}catch(e){out.errors.push('probe: '+e)}out.canvases.push(o)});document.querySelectorAll(\
        'main section[id]').forEach(function(s){out.sections.push(s.id)});var pre=document.createElement('pre');\
        pre.id='\(resultID)';pre.textContent=JSON.stringify(out);document.body.appendChild(pre)},0)});</script>
        """

    /// The page with the collector first in its head and the measurement last in its body.
    static func inject(into html: String) -> String {
        var page = html
        if let head = page.range(of: "<head>") {
            page.insert(contentsOf: collector, at: head.upperBound)
        } else {
            page = collector + page
        }
        if let body = page.range(of: "</body>", options: .backwards) {
            page.insert(contentsOf: measure, at: body.lowerBound)
        } else {
            page += measure
        }
        return page
    }

    /// Text content as `--dump-dom` writes it back to plain text.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&amp;", with: "&")
    }
}
