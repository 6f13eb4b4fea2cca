import Foundation
import PLMCore

/// Writes any `Encodable` value as JSON that is byte-identical from run to run.
///
/// - Keys appear in the order the value encodes them (for synthesised `Codable`, declaration
///   order); maps that need one use ``SortedObject``, whose keys are sorted.
/// - Every `Double`/`Float` is rounded to 0.001 and written without exponent, trailing zeros
///   removed (`12`, `12.5`, `0.001`); NaN and infinities become `null`.
/// - Optional values that are nil are written as `null` (the key is kept), also through
///   `encodeIfPresent`.
/// - Strings are UTF-8 with `"`, `\` and control characters escaped.
/// - Layout: two-space indentation; arrays of plain values and objects of plain values inside
///   arrays are written on one line, so an event list has one event per line. Ends with a newline.
public enum DeterministicJSON {
    /// The JSON text of `value` as UTF-8 bytes.
    /// - Throws: whatever `value.encode(to:)` throws (the report types throw nothing).
    public static func data<Value: Encodable>(_ value: Value) throws -> Data {
        Data(try bytes(value))
    }

    /// The JSON text of `value`.
    public static func string<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try bytes(value), as: UTF8.self)
    }

    /// The JSON text of `value` as UTF-8 bytes: the value is encoded into a tree (the layout of
    /// a container depends on what it holds), which is then written out byte by byte.
    static func bytes<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let sink = _JSONSink()
        try value.encode(to: _JSONTreeEncoder(sink: sink, codingPath: []))
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        _JSONSerializer.write(sink, indent: 0, inArray: false, into: &out)
        out.append(0x0A)
        return out
    }
}

extension PLMReport {
    /// The report as deterministic JSON (see ``DeterministicJSON``).
    public func jsonData() throws -> Data { try DeterministicJSON.data(self) }

    /// The report as deterministic JSON text.
    public func jsonString() throws -> String { try DeterministicJSON.string(self) }
}

// MARK: - Tree

/// A slot that receives one JSON value; containers hold slots so that nested and super
/// encoders can fill them later.
final class _JSONSink {
    enum Node {
        case leaf(String)
        case object(_JSONObjectBox)
        case array(_JSONArrayBox)
    }
    var node: Node?
}

final class _JSONObjectBox {
    var entries: [(key: String, sink: _JSONSink)] = []

    /// The slot for `key`, replacing an earlier value of the same key in place.
    func slot(_ key: String) -> _JSONSink {
        let sink = _JSONSink()
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].sink = sink
        } else {
            entries.append((key, sink))
        }
        return sink
    }
}

final class _JSONArrayBox {
    var items: [_JSONSink] = []

    func append() -> _JSONSink {
        let sink = _JSONSink()
        items.append(sink)
        return sink
    }
}

enum _JSONLeaf {
    static let null = "null"
    static func bool(_ b: Bool) -> String { b ? "true" : "false" }
    static func double(_ d: Double) -> String { DecimalText.json(d) }
    static func string(_ s: String) -> String {
        // Fast path: nothing to escape (the common case: keys, sides, ISO times).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Appends the bytes of `string(s)` to `out`, without making the String: the same escapes,
    /// byte by byte (a byte of a multi-byte character is >= 0x80 and copied as it is).
    static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { utf8 in
            out.append(0x22)
            // Fast path: nothing to escape (keys, sides, ISO times), one copy.
            if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
                out.append(contentsOf: utf8)
                out.append(0x22)
                return
            }
            for byte in utf8 {
                switch byte {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: out.append(byte)
                }
            }
            out.append(0x22)
        }
    }
}

// MARK: - Encoder

struct _JSONTreeEncoder: Encoder {
    let sink: _JSONSink
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: _JSONObjectBox
        if case .object(let existing)? = sink.node {
            box = existing
        } else {
            box = _JSONObjectBox()
            sink.node = .object(box)
        }
        return KeyedEncodingContainer(_JSONKeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: _JSONArrayBox
        if case .array(let existing)? = sink.node {
            box = existing
        } else {
            box = _JSONArrayBox()
            sink.node = .array(box)
        }
        return _JSONUnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        _JSONSingleContainer(sink: sink, codingPath: codingPath)
    }
}

/// Encodes `value` into `sink`, writing numbers with the fixed format.
func _encodeValue<T: Encodable>(_ value: T, into sink: _JSONSink, codingPath: [any CodingKey]) throws {
    switch value {
    case let d as Double: sink.node = .leaf(_JSONLeaf.double(d))
    case let f as Float: sink.node = .leaf(_JSONLeaf.double(Double(f)))
    case let s as String: sink.node = .leaf(_JSONLeaf.string(s))
    case let b as Bool: sink.node = .leaf(_JSONLeaf.bool(b))
    default: try value.encode(to: _JSONTreeEncoder(sink: sink, codingPath: codingPath))
    }
}

struct _JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: _JSONObjectBox
    var codingPath: [any CodingKey]

    private func put(_ leaf: String, _ key: Key) { box.slot(key.stringValue).node = .leaf(leaf) }

    mutating func encodeNil(forKey key: Key) throws { put(_JSONLeaf.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(_JSONLeaf.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(_JSONLeaf.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(_JSONLeaf.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(_JSONLeaf.double(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(String(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(String(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try _encodeValue(value, into: box.slot(key.stringValue), codingPath: codingPath + [key])
    }

    // nil optionals are written as null rather than left out.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOrNull(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try encodeOrNull(value, key)
    }

    private mutating func encodeOrNull<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value {
            try _encodeValue(value, into: box.slot(key.stringValue), codingPath: codingPath + [key])
        } else {
            put(_JSONLeaf.null, key)
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        _JSONTreeEncoder(sink: box.slot(key.stringValue), codingPath: codingPath + [key])
            .container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        _JSONTreeEncoder(sink: box.slot(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        _JSONTreeEncoder(sink: box.slot("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        _JSONTreeEncoder(sink: box.slot(key.stringValue), codingPath: codingPath + [key])
    }
}

struct _JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let box: _JSONArrayBox
    var codingPath: [any CodingKey]
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.append().node = .leaf(_JSONLeaf.null) }
    mutating func encode(_ value: Bool) throws { box.append().node = .leaf(_JSONLeaf.bool(value)) }
    mutating func encode(_ value: String) throws { box.append().node = .leaf(_JSONLeaf.string(value)) }
    mutating func encode(_ value: Double) throws { box.append().node = .leaf(_JSONLeaf.double(value)) }
    mutating func encode(_ value: Float) throws { box.append().node = .leaf(_JSONLeaf.double(Double(value))) }
    mutating func encode(_ value: Int) throws { box.append().node = .leaf(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try _encodeValue(value, into: box.append(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        _JSONTreeEncoder(sink: box.append(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        _JSONTreeEncoder(sink: box.append(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        _JSONTreeEncoder(sink: box.append(), codingPath: codingPath)
    }
}

struct _JSONSingleContainer: SingleValueEncodingContainer {
    let sink: _JSONSink
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { sink.node = .leaf(_JSONLeaf.null) }
    mutating func encode(_ value: Bool) throws { sink.node = .leaf(_JSONLeaf.bool(value)) }
    mutating func encode(_ value: String) throws { sink.node = .leaf(_JSONLeaf.string(value)) }
    mutating func encode(_ value: Double) throws { sink.node = .leaf(_JSONLeaf.double(value)) }
    mutating func encode(_ value: Float) throws { sink.node = .leaf(_JSONLeaf.double(Double(value))) }
    mutating func encode(_ value: Int) throws { sink.node = .leaf(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try _encodeValue(value, into: sink, codingPath: codingPath)
    }
}

// MARK: - Serialiser

/// Writes the tree as UTF-8 bytes into one growing buffer (leaves are copied in as they are;
/// keys are quoted and escaped exactly as ``_JSONLeaf/string(_:)`` does).
enum _JSONSerializer {
    static func write(_ sink: _JSONSink, indent: Int, inArray: Bool, into out: inout [UInt8]) {
        switch sink.node {
        case nil: append("null", to: &out)
        case .leaf(let text)?: append(text, to: &out)
        case .array(let box)?:
            if box.items.isEmpty {
                append("[]", to: &out)
            } else if box.items.allSatisfy({ isFlat($0, depth: 0) }) {
                out.append(0x5B)  // [
                for (i, item) in box.items.enumerated() {
                    if i > 0 { out.append(0x2C); out.append(0x20) }  // ", "
                    write(item, indent: indent, inArray: true, into: &out)
                }
                out.append(0x5D)  // ]
            } else {
                out.append(0x5B); out.append(0x0A)  // "[\n"
                for (i, item) in box.items.enumerated() {
                    pad(indent + 1, &out)
                    write(item, indent: indent + 1, inArray: true, into: &out)
                    if i + 1 < box.items.count { out.append(0x2C) }
                    out.append(0x0A)
                }
                pad(indent, &out)
                out.append(0x5D)
            }
        case .object(let box)?:
            if box.entries.isEmpty {
                append("{}", to: &out)
            } else if inArray && box.entries.allSatisfy({ isFlat($0.sink, depth: 1) }) {
                out.append(0x7B)  // {
                for (i, entry) in box.entries.enumerated() {
                    if i > 0 { out.append(0x2C); out.append(0x20) }
                    appendKey(entry.key, to: &out)
                    write(entry.sink, indent: indent, inArray: true, into: &out)
                }
                out.append(0x7D)  // }
            } else {
                out.append(0x7B); out.append(0x0A)
                for (i, entry) in box.entries.enumerated() {
                    pad(indent + 1, &out)
                    appendKey(entry.key, to: &out)
                    write(entry.sink, indent: indent + 1, inArray: false, into: &out)
                    if i + 1 < box.entries.count { out.append(0x2C) }
                    out.append(0x0A)
                }
                pad(indent, &out)
                out.append(0x7D)
            }
        }
    }

    /// Whether a value can be written on one line: a plain value, or (up to `depth` levels) an
    /// object or array of plain values.
    private static func isFlat(_ sink: _JSONSink, depth: Int) -> Bool {
        switch sink.node {
        case nil, .leaf?: true
        case .array(let box)?: depth > 0 && box.items.allSatisfy { isFlat($0, depth: depth - 1) }
        case .object(let box)?: depth > 0 && box.entries.allSatisfy { isFlat($0.sink, depth: depth - 1) }
        }
    }

    /// Two spaces per level.
    private static func pad(_ level: Int, _ out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// `"key": ` with the key escaped as ``_JSONLeaf/string(_:)`` escapes it.
    private static func appendKey(_ key: String, to out: inout [UInt8]) {
        _JSONLeaf.appendString(key, to: &out)
        out.append(0x3A); out.append(0x20)  // ": "
    }
}
