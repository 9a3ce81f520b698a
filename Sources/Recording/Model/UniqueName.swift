/// Names made unique by numbering: `task_id`, `task_id_2`, …
enum UniqueName {
    /// `base` when `isTaken` says it is free, else `base` + separator + the first free number from 2.
    static func make(_ base: String, separator: String = "_", isTaken: (String) -> Bool) -> String {
        var name = base
        var n = 2
        while isTaken(name) {
            name = "\(base)\(separator)\(n)"
            n += 1
        }
        return name
    }
}
