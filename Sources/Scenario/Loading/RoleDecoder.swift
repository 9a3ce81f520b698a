/// A decoded role with the YAML it came from (for errors found later, e.g. a missing field).
struct RoleDraft {
    var role: Role
    var value: YAMLValue
}

/// Decodes one entry of `roles:`: `weight`, and either `fields` (strings or `{ env: NAME }`) or `csv`
/// (one account per row), plus `secret_fields`.
struct RoleDecoder {
    static let keys = ["weight", "fields", "csv", "secret_fields", "network", "spinner"]
    /// A field read from the environment: `{ env: NAME }`.
    static let fieldKeys = ["env"]
    let environment: [String: String]
    let profileDirectory: String
    let fileReader: FileReader

    func decode(name: String, value: YAMLValue) throws(ScenarioError) -> RoleDraft {
        let map = try value.mapping(allowed: Self.keys)
        var role = Role(name: name, accounts: [])
        if let weightValue = map["weight"] {
            role.weight = try weightValue.int()
            guard role.weight >= 1 else { throw weightValue.error("weight must be at least 1, found \(role.weight)") }
        }
        var envFields: Set<String> = []
        switch (map["fields"], map["csv"]) {
        case (let fields?, nil):
            role.accounts = [try self.fields(fields, envFields: &envFields)]
        case (nil, let csv?):
            role.accountsFile = try csv.nonEmptyString()
            role.accounts = try CSVAccounts(fileReader: fileReader, profileDirectory: profileDirectory).read(csv)
        case (.some, .some):
            throw map.keyNode("csv")!.error(
                "a role has either fields or csv, not both", hint: "remove fields, or put the accounts in the CSV")
        case (nil, nil):
            throw value.error(
                "role \(name) has no accounts",
                hint: "add fields: { email: …, password: { env: NAME } } or csv: file.csv")
        }
        let fieldNames = Set(role.accounts.first?.keys.map { $0 } ?? [])
        let explicit = try secretFields(map["secret_fields"], known: fieldNames)
        role.secretFields = Self.defaultSecrets(fieldNames).union(envFields).union(explicit)
        role.network = try map["network"].map { v throws(ScenarioError) in try NetworkDecoder.decode(v) }
        role.spinner = try map["spinner"].map { v throws(ScenarioError) in try LoadDecoder.positive(v) }
        return RoleDraft(role: role, value: value)
    }

    /// Field names that look like credentials: password, passwd, secret, token, api_key, apikey, … (any
    /// name containing password, passwd, secret, token or key, ignoring case).
    static func defaultSecrets(_ names: Set<String>) -> Set<String> {
        names.filter { name in
            let lowered = name.lowercased()
            return ["password", "passwd", "secret", "token", "key"].contains { lowered.contains($0) }
        }
    }

    /// Inline fields: a string, or `{ env: NAME }` read now from the environment.
    private func fields(_ value: YAMLValue, envFields: inout Set<String>) throws(ScenarioError) -> [String: String] {
        var account: [String: String] = [:]
        for entry in try value.mapping(allowed: nil).entries {
            if case .mapping = entry.value.node {
                let envValue = try entry.value.mapping(allowed: Self.fieldKeys).required(
                    "env", hint: "e.g. { env: API_TOKEN }")
                let name = try envValue.nonEmptyString()
                guard let resolved = environment[name] else {
                    throw ScenarioError(
                        at: envValue.location, file: value.file, field: entry.value.path,
                        message: "environment variable \(name) is not set", hint: "export \(name)=…")
                }
                account[entry.key] = resolved
                envFields.insert(entry.key)
            } else {
                guard case .scalar = entry.value.node, !entry.value.isNull else {
                    throw entry.value.error(
                        "expected a string or { env: NAME }", hint: "e.g. email: admin@demo.test")
                }
                account[entry.key] = try entry.value.string()
            }
        }
        guard !account.isEmpty else { throw value.error("fields is empty", hint: "e.g. fields: { email: … }") }
        return account
    }

    private func secretFields(_ value: YAMLValue?, known: Set<String>) throws(ScenarioError) -> Set<String> {
        guard let value else { return [] }
        var out: Set<String> = []
        for item in try value.list() {
            let name = try item.string()
            guard known.contains(name) else {
                throw item.error(
                    "unknown field \"\(name)\"",
                    hint: Suggestions.didYouMean(name, in: known.sorted(), format: { "\"\($0)\"" })
                        ?? "the role's fields are " + known.sorted().joined(separator: ", "))
            }
            out.insert(name)
        }
        return out
    }
}

/// Reads a role's CSV file (path relative to the profile): header row = field names, one account per row.
struct CSVAccounts {
    let fileReader: FileReader
    let profileDirectory: String

    func read(_ value: YAMLValue) throws(ScenarioError) -> [[String: String]] {
        let written = try value.string()
        let path = FileReading.resolve(written, relativeTo: profileDirectory)
        let folder = profileDirectory.isEmpty ? "the current folder" : profileDirectory
        var reference = value.error("")
        reference.hint = "CSV paths are relative to the profile's folder (\(folder))"
        let text = try FileReading.read(path, with: fileReader, what: "CSV file", reference: reference)
        let table: CSVTable?
        do {
            table = try CSVTable.parse(text)
        } catch {
            throw ScenarioError(file: path, line: error.line, field: value.path, message: error.message)
        }
        guard let table, !table.rows.isEmpty else {
            throw ScenarioError(
                file: path, line: table == nil ? nil : 1, field: value.path,
                message: table == nil ? "the CSV file is empty" : "the CSV file has a header but no accounts",
                hint: "the first row names the fields, e.g. email,password; then one row per account")
        }
        guard table.rows.count <= InputLimits.maxCSVRows else {
            throw ScenarioError(
                file: path, field: value.path,
                message: "\(InputLimits.format(table.rows.count)) accounts are over the limit of "
                    + InputLimits.format(InputLimits.maxCSVRows),
                hint: "a run needs at most one account per VU; keep as many rows as it has VUs")
        }
        return try accounts(table, path: path, field: value.path)
    }

    private func accounts(_ table: CSVTable, path: String, field: String) throws(ScenarioError) -> [[String: String]] {
        if let bad = table.header.firstIndex(where: \.isEmpty) {
            throw ScenarioError(file: path, line: 1, field: field, message: "header column \(bad + 1) has no name")
        }
        if Set(table.header).count != table.header.count {
            throw ScenarioError(file: path, line: 1, field: field, message: "the header names a field twice")
        }
        var accounts: [[String: String]] = []
        for row in table.rows {
            guard row.fields.count == table.header.count else {
                throw ScenarioError(
                    file: path, line: row.line, field: field,
                    message: "row has \(row.fields.count) fields, expected \(table.header.count) ("
                        + table.header.joined(separator: ",") + ")",
                    hint: "quote values that contain commas, e.g. \"Smith, Ann\"")
            }
            accounts.append(Dictionary(uniqueKeysWithValues: zip(table.header, row.fields)))
        }
        return accounts
    }
}
