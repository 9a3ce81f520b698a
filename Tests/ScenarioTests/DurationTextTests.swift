import Testing

@testable import Scenario

@Suite struct DurationTextTests {
    @Test func parsesEveryUnit() {
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("1.5s") == .milliseconds(1500))
        #expect(DurationText.parse("2m") == .seconds(120))
        #expect(DurationText.parse("1h") == .seconds(3600))
        #expect(DurationText.parse("500us") == .microseconds(500))
        #expect(DurationText.parse("0s") == .zero)
        #expect(DurationText.parse("0.25ms") == .microseconds(250))
    }

    @Test func rejectsBadText() {
        for text in ["", "30", "-5s", "1.5", "s", "1..5s", ".5s", "5 s", "5sec", "1m30s", "5S"] {
            #expect(DurationText.parse(text) == nil, "\(text)")
        }
    }

    @Test func bareNumberHintsAUnit() {
        #expect(
            throws: ParseFailure(
                "bad duration \"500\" — expected a number with a unit", hint: "add a unit, e.g. 500ms")
        ) {
            try DurationText.parseOrExplain("500")
        }
        #expect(
            throws: ParseFailure("bad duration \"30\" — expected a number with a unit", hint: "add a unit, e.g. 30s")
        ) {
            try DurationText.parseOrExplain("30")
        }
    }

    @Test func negativeAndUnknownUnits() {
        #expect(throws: ParseFailure("bad duration \"-5s\" — durations cannot be negative")) {
            try DurationText.parseOrExplain("-5s")
        }
        #expect(
            throws: ParseFailure("bad duration \"5sec\" — unknown unit \"sec\"", hint: "units are us, ms, s, m and h")
        ) {
            try DurationText.parseOrExplain("5sec")
        }
    }

    @Test func shortTextRoundTrips() {
        #expect(Duration.milliseconds(250).shortText == "250ms")
        #expect(Duration.milliseconds(1500).shortText == "1.5s")
        #expect(Duration.seconds(120).shortText == "2m")
        #expect(Duration.seconds(90).shortText == "90s")
        #expect(Duration.seconds(7200).shortText == "2h")
        #expect(Duration.microseconds(500).shortText == "500us")
        #expect(Duration.zero.shortText == "0s")
        #expect(Duration.microseconds(12_345).shortText == "12.35ms")
        for text in ["250ms", "1.5s", "2m", "90s", "1h", "500us"] {
            #expect(DurationText.parse(text)?.shortText == text)
        }
    }
}
