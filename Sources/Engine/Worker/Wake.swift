/// A virtual user's next moment to act (ramp-up start, end of think time, next iteration).
struct Wake: Comparable {
    var time: UInt64
    var vu: Int

    static func < (a: Wake, b: Wake) -> Bool { a.time < b.time }
}
