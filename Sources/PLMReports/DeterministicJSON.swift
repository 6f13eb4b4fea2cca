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
        Data(try string(value).utf8)
    }

    /// The JSON text of `value`.
    public static func string<Value: Encodable>(_ value: Value) throws -> String {
        let sink = _JSONSink()
        try value.encode(to: _JSONTreeEncoder(sink: sink, codingPath: []))
        var out = ""
        _JSONSerializer.write(sink, indent: 0, inArray: false, into: &out)
        out += "\n"
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

enum _JSONSerializer {
    static func write(_ sink: _JSONSink, indent: Int, inArray: Bool, into out: inout String) {
        switch sink.node {
        case nil: out += "null"
        case .leaf(let text)?: out += text
        case .array(let box)?:
            if box.items.isEmpty {
                out += "[]"
            } else if box.items.allSatisfy({ isFlat($0, depth: 0) }) {
                out += "["
                for (i, item) in box.items.enumerated() {
                    if i > 0 { out += ", " }
                    write(item, indent: indent, inArray: true, into: &out)
                }
                out += "]"
            } else {
                out += "[\n"
                for (i, item) in box.items.enumerated() {
                    out += pad(indent + 1)
                    write(item, indent: indent + 1, inArray: true, into: &out)
                    out += i + 1 < box.items.count ? ",\n" : "\n"
                }
                out += pad(indent) + "]"
            }
        case .object(let box)?:
            if box.entries.isEmpty {
                out += "{}"
            } else if inArray && box.entries.allSatisfy({ isFlat($0.sink, depth: 1) }) {
                out += "{"
                for (i, entry) in box.entries.enumerated() {
                    if i > 0 { out += ", " }
                    out += _JSONLeaf.string(entry.key) + ": "
                    write(entry.sink, indent: indent, inArray: true, into: &out)
                }
                out += "}"
            } else {
                out += "{\n"
                for (i, entry) in box.entries.enumerated() {
                    out += pad(indent + 1) + _JSONLeaf.string(entry.key) + ": "
                    write(entry.sink, indent: indent + 1, inArray: false, into: &out)
                    out += i + 1 < box.entries.count ? ",\n" : "\n"
                }
                out += pad(indent) + "}"
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

    private static func pad(_ level: Int) -> String { String(repeating: "  ", count: level) }
}
