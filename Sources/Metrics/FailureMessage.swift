/// Failure messages grouped by their text: the figures that vary from one request to the next (`after 1234 ms`,
/// `took 1.2s`, `with 0 out of 51200 bytes received`) become `N`, so one cause fills one of a series' few message
/// slots instead of all of them. Figures that name the cause (a status, a port, a configured limit such as
/// `within the 4s request timeout`) are kept.
public enum FailureMessage {
    /// Words after which a figure is a measurement of this one request.
    private static let measuredAfter: Set<Substring> = ["after", "took", "with"]

    /// `message` with measured figures replaced by `N` (a unit written onto the figure is kept: `Nms`).
    public static func normalized(_ message: String) -> String {
        guard message.contains(where: \.isNumber) else { return message }
        let words = message.split(separator: " ", omittingEmptySubsequences: false)
        var out: [String] = []
        for (i, word) in words.enumerated() {
            let previous = i > 0 ? words[i - 1] : ""
            let before = i > 1 ? words[i - 2] + " " + previous : ""
            let next = i + 2 < words.count ? words[i + 1] + " " + words[i + 2] : ""
            guard let split = figureEnd(word),
                measuredAfter.contains(previous) || next == "out of" || before == "out of"
            else {
                out.append(String(word))
                continue
            }
            out.append("N" + word[split...])
        }
        return out.joined(separator: " ")
    }

    /// Where the leading figure of `word` ends (`1234`, `1.2s,` → before `s,`); `nil` when it starts with none.
    private static func figureEnd(_ word: Substring) -> Substring.Index? {
        guard word.first?.isASCII == true, word.first?.isNumber == true else { return nil }
        return word.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? word.endIndex
    }
}
