import Scenario

/// Which account (row of its role's `fields` or CSV) each virtual user logs in with, so that no two processes of a
/// split run use the same account while they can avoid it.
///
/// Unsplit, user `o` of a role (its rank among the role's users) takes row `o mod rows`. Split, the rows a segment
/// may use are those the unsplit run gives its own users (row `o` for each own user `o` below the row count); its
/// users take them in turn. When every user has a row of its own this is exactly the unsplit deal; when users
/// outnumber rows, reuse stays within the segment. A segment none of whose users comes before the row count has no
/// row of its own and falls back to the unsplit deal, shared with another segment (reported).
enum AccountRows {
    /// Per VU (run-wide): its row (0 for VUs of other segments); and the roles whose rows this segment shares.
    static func deal(roleOfVU: [Int], ordinalInRole: [Int], accounts: [Int], segment: Segment)
        -> (rowOfVU: [Int], sharedRoles: [Int])
    {
        var rowOfVU = Array(repeating: 0, count: roleOfVU.count)
        // Per role: this segment's own rows (in order) and its users' ranks.
        var ownRows = Array(repeating: [Int](), count: accounts.count)
        var mine = Array(repeating: [Int](), count: accounts.count)
        for vu in roleOfVU.indices where segment.owns(vu) {
            let role = roleOfVU[vu]
            mine[role].append(vu)
            if ordinalInRole[vu] < accounts[role] { ownRows[role].append(ordinalInRole[vu]) }
        }
        var shared: [Int] = []
        for role in accounts.indices where accounts[role] > 0 {
            let rows = ownRows[role]
            if rows.isEmpty, !mine[role].isEmpty, !segment.isWhole { shared.append(role) }
            for (rank, vu) in mine[role].enumerated() {
                rowOfVU[vu] = rows.isEmpty ? ordinalInRole[vu] % accounts[role] : rows[rank % rows.count]
            }
        }
        return (rowOfVU, shared)
    }
}
