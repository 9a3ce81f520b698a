internal import CYaml

/// What a YAML document becomes once its aliases are expanded, measured before it is composed.
///
/// An alias bomb (`b: &b [*a, *a, …]`, nine levels in 1 KB) is a few hundred events but a billion nodes once
/// expanded: the decoders walk every one, and Yams hashes whole keys to find duplicates (`{*h: 1}` would hash a
/// hundred million scalars). Counting on libyaml's events (the parser under Yams) is linear in the text: each
/// anchor's expanded size is known when it closes, an alias adds it, and the count stops at the first node past
/// a limit.
enum YAMLExpansion {
    /// Nodes and scalar bytes.
    struct Size {
        var nodes = 0
        var bytes = 0

        mutating func add(_ other: Size) {
            nodes += other.nodes
            bytes += other.bytes
        }
    }

    /// Where the document first grows past `maxNodes` nodes or `maxBytes` scalar bytes (1-based line and column
    /// of that node); `nil` when it stays within them, or when libyaml cannot parse it (composing it then reports
    /// the syntax error with its usual message).
    static func overflow(in yaml: String, maxNodes: Int, maxBytes: Int) -> (line: Int, column: Int)? {
        var bytes = Array(yaml.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var counter = Counter(maxNodes: maxNodes, maxBytes: maxBytes)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if !counter.consume(event) {
                    return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                }
            }
            return nil
        }
    }
}

/// The running count: the expanded size of the document so far, one open frame per sequence or mapping (for
/// the anchors on them), the expanded size of every anchor seen.
private struct Counter {
    let maxNodes: Int
    let maxBytes: Int
    var total = YAMLExpansion.Size()
    var frames: [(size: YAMLExpansion.Size, anchor: String?)] = [(YAMLExpansion.Size(), nil)]
    var anchors: [String: YAMLExpansion.Size] = [:]

    /// Takes one event; false once the document is past a limit.
    mutating func consume(_ event: yaml_event_t) -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let size = YAMLExpansion.Size(nodes: 1, bytes: Int(event.data.scalar.length))
            remember(Self.text(event.data.scalar.anchor), size)
            return add(size)
        case YAML_ALIAS_EVENT:
            return add(Self.text(event.data.alias.anchor).flatMap { anchors[$0] } ?? YAMLExpansion.Size(nodes: 1))
        case YAML_SEQUENCE_START_EVENT:
            return open(Self.text(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT:
            return open(Self.text(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard frames.count > 1, let closed = frames.popLast() else { return true }
            remember(closed.anchor, closed.size)
            frames[frames.count - 1].size.add(closed.size)  // already in the total
            return true
        default:
            return true
        }
    }

    private mutating func open(_ anchor: String?) -> Bool {
        frames.append((YAMLExpansion.Size(), anchor))
        return add(YAMLExpansion.Size(nodes: 1))
    }

    /// Counts a node (expanded) in the open collection and the total. Every size counted is within the limits,
    /// so no count can overflow.
    private mutating func add(_ size: YAMLExpansion.Size) -> Bool {
        frames[frames.count - 1].size.add(size)
        total.add(size)
        return total.nodes <= maxNodes && total.bytes <= maxBytes
    }

    private mutating func remember(_ anchor: String?, _ size: YAMLExpansion.Size) {
        if let anchor { anchors[anchor] = size }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
