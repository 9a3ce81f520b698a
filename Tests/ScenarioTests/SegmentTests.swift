import Scenario
import Testing

@Suite("Execution segments")
struct SegmentTests {
    @Test func parsesIndexOverCount() throws {
        let s = try Segment.parse("2/8")
        #expect(s.index == 2 && s.count == 8 && s.description == "2/8")
        #expect(try Segment.parse(" 1/1 ") == .whole)
        #expect(try Segment.jobCompletion(index: "0", count: 4) == Segment.parse("1/4"))
        #expect(try Segment.jobCompletion(index: "3", count: 4) == Segment.parse("4/4"))
    }

    @Test(arguments: ["5/4", "0/0", "0/4", "1/0", "-1/4", "a/b", "3", "1/2/3", ""])
    func refusesWhatIsNoSegment(_ text: String) {
        #expect(throws: ParseFailure.self) { try Segment.parse(text) }
    }

    @Test func saysWhyASegmentDoesNotExist() {
        #expect(throws: ParseFailure.self) { try Segment.jobCompletion(index: "4", count: 4) }
        do {
            _ = try Segment.parse("5/4")
            Issue.record("5/4 parsed")
        } catch {
            #expect(error.message.contains("segment 5/4 does not exist") && error.message.contains("1/4 … 4/4"))
        }
        do {
            _ = try Segment.parse("0/0")
            Issue.record("0/0 parsed")
        } catch {
            #expect(error.message.contains("cannot be split into 0 segments"))
        }
    }

    @Test func stripesAreDisjointAndCoverEverything() throws {
        for count in 1...5 {
            let sequence = try Segment(index: 1, count: count).sequence
            for total in 0...23 {
                for k in 0..<total { #expect(sequence.filter { $0.owns(k) }.count == 1) }
                #expect(sequence.map { $0.share(of: 0..<total) }.reduce(0, +) == total)
                for s in sequence {
                    #expect(s.share(of: 0..<total) == (0..<total).filter(s.owns).count)
                    #expect(s.share(of: 5..<total + 5) == (5..<total + 5).filter(s.owns).count)
                }
            }
        }
    }

    @Test func tenVUsOverThreeAreFourThreeThree() throws {
        let shares = try Segment(index: 1, count: 3).sequence.map { $0.share(of: 0..<10) }
        #expect(shares == [4, 3, 3])
    }

    @Test func partsAddUpExactly() throws {
        for count in 1...6 {
            let sequence = try Segment(index: 1, count: count).sequence
            for total in [0, 1, 7, 100, 1001] {
                let weights = sequence.map { $0.share(of: 0..<13) }
                let parts = sequence.map { $0.part(of: total, weights: weights) }
                #expect(parts.reduce(0, +) == total, "\(total) over \(count)")
                for (part, weight) in zip(parts, weights) {
                    #expect(abs(Double(part) - Double(total * weight) / 13) < 1)
                }
            }
        }
        // A segment with no users of the scenario gets no iterations.
        let s = try Segment.parse("3/3")
        #expect(s.part(of: 10, weights: [1, 1, 0]) == 0)
    }
}
