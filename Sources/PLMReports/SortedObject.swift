import PLMCore
/// A small name -> value map that is written as a JSON object with its keys in sorted order.
///
/// Swift's `Dictionary` encodes its keys in hash order, which changes from run to run; the report
/// uses this type wherever a map is needed so that the same report always gives the same bytes.
/// Names are unique: setting a name twice keeps the last value.
public struct SortedObject<Value: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    /// One name and its value.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var value: Value

        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// The entries, sorted by name (Unicode scalar order).
    public private(set) var entries: [Entry]

    /// An empty map.
    public init() { entries = [] }

    /// A map from name/value pairs; a later pair replaces an earlier one of the same name.
    public init(_ pairs: [(String, Value)]) {
        entries = []
        for (name, value) in pairs { self[name] = value }
    }

    /// The value stored under `name`, or nil. Setting nil removes the entry.
    public subscript(name: String) -> Value? {
        get { entries.first { $0.name == name }?.value }
        set {
            let index = entries.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let i?, let v?): entries[i].value = v
            case (let i?, nil): entries.remove(at: i)
            case (nil, let v?):
                let insertAt = entries.firstIndex { _SortKey.less(name, $0.name) } ?? entries.count
                entries.insert(Entry(name: name, value: v), at: insertAt)
            case (nil, nil): break
            }
        }
    }

    /// Whether the map has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: _DynamicKey.self)
        for entry in entries {
            try container.encode(entry.value, forKey: _DynamicKey(entry.name))
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: _DynamicKey.self)
        var pairs: [(String, Value)] = []
        for key in container.allKeys {
            pairs.append((key.stringValue, try container.decode(Value.self, forKey: key)))
        }
        self.init(pairs)
    }
}

/// Sort order of names: by Unicode scalar values, independent of locale.
enum _SortKey {
    static func less(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}

/// A coding key with any string value.
struct _DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// The value of one setting: text, a number, an integer or a yes/no flag.
///
/// Decoding reads a JSON boolean as ``flag(_:)``, a number without fraction as ``integer(_:)``
/// and other numbers as ``number(_:)``; so `.number(3)` (written `3`) reads back as `.integer(3)`.
/// Give whole-number settings as `.integer` when an exact round trip matters.
public enum SettingValue: Sendable, Codable, Equatable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case integer(Int)
    case flag(Bool)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let s): try container.encode(s)
        case .number(let d): try container.encode(d)
        case .integer(let i): try container.encode(i)
        case .flag(let b): try container.encode(b)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            self = .flag(b)
        } else if let i = try? container.decode(Int.self) {
            self = .integer(i)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    /// The value as written in the terminal summary, the HTML report and the JSON.
    public var description: String {
        switch self {
        case .text(let s): s
        case .number(let d): DecimalText.json(d)
        case .integer(let i): String(i)
        case .flag(let b): b ? "true" : "false"
        }
    }
}

extension PLMReport {
    /// Every setting that changes the result, name -> value, written with sorted keys.
    /// Suggested names: `rules`, `lightsOff`, `lightsOn`, `units`, `format`, `rateHz`, and the
    /// detector's thresholds (`onsetThresholdG`, ...); the facade decides the list.
    public typealias Settings = SortedObject<SettingValue>
}
