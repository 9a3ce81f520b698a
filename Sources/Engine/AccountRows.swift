import Scenario

/// Which account (row of its role's `fields` or CSV) each virtual user logs in with, so that no two processes of a
/// split run use the same account while they can avoid it.
///
/// Unsplit, user `o` of a role (its rank among the role's users) takes row `o mod rows`. When the role has a row for
/// every user, a split run deals exactly so: each user keeps its row wherever it runs. When users outnumber rows
/// (rows are reused), the rows are dealt to the segments that run the role's users, in turn, and each segment's
/// users take its own rows in turn: reuse stays within a process. With fewer rows than such segments, a segment left
/// without a row falls back to the unsplit deal, sharing with another process (reported).
enum AccountRows {
    /// Per VU (run-wide): its row (0 for VUs of other segments); and the roles whose rows this segment shares.
    static func deal(roleOfVU: [Int], ordinalInRole: [Int], accounts: [Int], segment: Segment)
        -> (rowOfVU: [Int], sharedRoles: [Int])
    {
        var rowOfVU = Array(repeating: 0, count: roleOfVU.count)
        var shared: [Int] = []
        for role in accounts.indices where accounts[role] > 0 {
            let users = roleOfVU.indices.filter { roleOfVU[$0] == role }
            let rows = accounts[role]
            let mine = users.filter(segment.owns)
            if users.count <= rows {
                for vu in mine { rowOfVU[vu] = ordinalInRole[vu] }
                continue
            }
            // The segments that run users of the role, in order; this one's place among them.
            let segments = segment.sequence.filter { s in users.contains(where: s.owns) }
            guard let place = segments.firstIndex(of: segment) else { continue }
            let own = Array(stride(from: place, to: rows, by: segments.count))
            if own.isEmpty && !segment.isWhole { shared.append(role) }
            for (rank, vu) in mine.enumerated() {
                rowOfVU[vu] = own.isEmpty ? ordinalInRole[vu] % rows : own[rank % own.count]
            }
        }
        return (rowOfVU, shared)
    }
}
