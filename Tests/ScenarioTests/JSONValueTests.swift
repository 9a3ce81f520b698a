import Testing

@testable import Scenario

@Suite struct JSONValueTests {
    @Test func parsesAndKeepsKeyOrder() throws {
        let value = try #require(JSONValue.parse(#"{"b": 1, "a": [true, null, "x\n\u00e9\ud83d\ude00"], "c": -1.5e2}"#))
        #expect(
            value
                == .object([
                    ("b", .number(1)), ("a", .array([.bool(true), .null, .string("x\né😀")])), ("c", .number(-150)),
                ]))
        #expect(value.serialized() == #"{"b":1,"a":[true,null,"x\né😀"],"c":-150}"#)
    }

    @Test func rejectsInvalidJSON() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "01x", "tru", "\"abc", "1 2", "{\"a\":1}}"] {
            #expect(JSONValue.parse(text) == nil, "\(text)")
        }
    }

    @Test func parsesFromByteSlices() {
        let bytes: [UInt8] = Array("xx[1,2]".utf8)
        #expect(JSONValue.parse(bytes.dropFirst(2)) == .array([.number(1), .number(2)]))
    }

    @Test func textValueForCaptures() {
        #expect(JSONValue.string("abc").textValue == "abc")
        #expect(JSONValue.number(42).textValue == "42")
        #expect(JSONValue.number(1.5).textValue == "1.5")
        #expect(JSONValue.bool(false).textValue == "false")
        #expect(JSONValue.null.textValue == "null")
        #expect(JSONValue.object([("k", .string("q\"v"))]).textValue == #"{"k":"q\"v"}"#)
    }

    @Test func equivalenceIgnoresKeyOrder() {
        let a = JSONValue.object([("x", .number(1)), ("y", .array([.null]))])
        let b = JSONValue.object([("y", .array([.null])), ("x", .number(1))])
        #expect(a.isEquivalent(to: b))
        #expect(!a.isEquivalent(to: .object([("x", .number(1))])))
    }
}
