import Scenario

/// Recorded text that contains `{{`, which a flow would read as the start of a placeholder and which the
/// format cannot escape: such a value is read from an environment variable instead, and the report says so.
struct LiteralBraces {
    private(set) var notes: [String] = []
    private var byValue: [String: String] = [:]

    mutating func rewrite(_ draft: inout DraftRequest, label: String) {
        draft.rewrite { site in
            guard site.value.contains("{{") else { return nil }
            let name =
                byValue[site.value]
                ?? UniqueName.make("TEXT_" + EnvName.make(site.name), isTaken: Set(byValue.values).contains)
            if byValue[site.value] == nil {
                byValue[site.value] = name
                notes.append(
                    "\(site.name) of \(label) contains \"{{\", which a flow reads as a placeholder: "
                        + "set \(name) to the recorded text")
            }
            return Template(.env(name))
        }
    }
}
