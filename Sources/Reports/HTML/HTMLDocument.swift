/// One self-contained page: the style sheet, the content, the charts' data, Chart.js and the page's script all
/// inline — nothing is fetched when it is opened (a CI artifact, an air-gapped laptop, an e-mail attachment).
struct HTMLDocument {
    var title: String
    /// Under the title: what the page is about, in one line.
    var subtitle: String
    /// The sections' ids and names, for the navigation bar.
    var sections: [(id: String, name: String)]
    var body: String
    var charts: ChartBook
    var generator: String

    func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        out += "<meta name=\"generator\" content=\"\(HTMLText.escape(generator))\">"
        out += "<title>\(HTMLText.escape(title))</title><style>\(HTMLStyle.css)</style></head><body>"
        out += "<header><h1>\(HTMLText.escape(title))</h1><p class=\"sub\">\(HTMLText.escape(subtitle))</p><nav>"
        for s in sections { out += "<a href=\"#\(s.id)\">\(HTMLText.escape(s.name))</a>" }
        out += "</nav></header><main>\(body)</main>"
        out += "<footer>Written by \(HTMLText.escape(generator)). Charts drawn with Chart.js \(Self.chartVersion) (MIT"
        out += " licence, in this file beside it). Every figure a chart shows is also in a table.</footer>"
        out += "<script type=\"application/json\" id=\"rehearsal-charts\">\(charts.json)</script>"
        out += "<script>/*!\n\(ChartJS.licence)\n*/\n\(ChartJS.source)</script>"
        out += "<script>\(HTMLScript.source)</script></body></html>\n"
        return out
    }

    /// `v3.9.1`, from the vendored file's banner.
    static var chartVersion: String {
        ChartJS.source.split(separator: "\n").first { $0.contains("Chart.js v") }.map {
            String($0.split(separator: " ").last ?? "")
        } ?? ""
    }
}
