/// Encodes any `Encodable` into a `JSONValue` whose objects keep the order in which
/// `encode(to:)` wrote their keys, so a record's key order is its type's own, fixed
/// and documented. Foundation's `JSONEncoder` cannot be used for the dataset files:
/// on Linux it writes an object's keys in hash order, which changes from process to
/// process (docs/ARCHITECTURE.md, "One JSON stack").
public struct JSONValueEncoder {
    /// Every object's keys in alphabetical order instead of encoding order: for values
    /// that hold dictionaries, whose own order changes from process to process.
    public var sortedKeys: Bool

    public init(sortedKeys: Bool = false) { self.sortedKeys = sortedKeys }

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let slot = Slot()
        try slot.encode(value, path: [])
        return sortedKeys ? slot.value.sortingKeys() : slot.value
    }
}

extension Encodable {
    /// This value as a `JSONValue` (keys in encoding order, or sorted).
    public func jsonValue(sortedKeys: Bool = false) throws -> JSONValue {
        try JSONValueEncoder(sortedKeys: sortedKeys).encode(self)
    }
}

extension JSONValue {
    /// The same value with every object's keys in alphabetical order.
    public func sortingKeys() -> JSONValue {
        switch self {
        case let .object(pairs): return .object(pairs.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1.sortingKeys()) })
        case let .array(items): return .array(items.map { $0.sortingKeys() })
        default: return self
        }
    }
}

/// Where one encoded value goes; containers fill it in as they are written to.
final class Slot {
    enum Content {
        case value(JSONValue)
        case object([(String, Slot)])
        case array([Slot])
    }
    var content: Content = .value(.null)

    var value: JSONValue {
        switch content {
        case let .value(v): return v
        case let .object(pairs): return .object(pairs.map { ($0.0, $0.1.value) })
        case let .array(items): return .array(items.map(\.value))
        }
    }

    /// The object's slot for `key` (a key written twice keeps its first place).
    func child(_ key: String) -> Slot {
        if case var .object(pairs) = content {
            if let existing = pairs.first(where: { $0.0 == key }) { return existing.1 }
            let s = Slot()
            pairs.append((key, s))
            content = .object(pairs)
            return s
        }
        let s = Slot()
        content = .object([(key, s)])
        return s
    }

    func appendChild() -> Slot {
        let s = Slot()
        if case var .array(items) = content {
            items.append(s)
            content = .array(items)
        } else {
            content = .array([s])
        }
        return s
    }

    func makeObject() { if case .object = content { return }; content = .object([]) }
    func makeArray() { if case .array = content { return }; content = .array([]) }

    /// Encodes `value` here: a `JSONValue` is stored as it is, anything else through its `encode(to:)`.
    func encode<T: Encodable>(_ value: T, path: [CodingKey]) throws {
        if let v = value as? JSONValue { content = .value(v); return }
        try value.encode(to: ValueEncoder(slot: self, codingPath: path))
    }
}

/// Any key: for objects whose keys are data (the levels of a problem, unknown-key checks).
public struct JSONCodingKey: CodingKey {
    public var stringValue: String
    public var intValue: Int?
    public init(stringValue: String) { self.stringValue = stringValue }
    public init(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

struct ValueEncoder: Encoder {
    let slot: Slot
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.makeObject()
        return KeyedEncodingContainer(KeyedSlot<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        slot.makeArray()
        return UnkeyedSlot(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleSlot(slot: slot, codingPath: codingPath) }
}

struct KeyedSlot<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.child(key.stringValue).content = .value(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot.child(key.stringValue).content = .value(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot.child(key.stringValue).content = .value(.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { slot.child(key.stringValue).content = .value(.double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot.child(key.stringValue).content = .value(.int(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try slot.child(key.stringValue).encode(value, path: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let c = slot.child(key.stringValue)
        c.makeObject()
        return KeyedEncodingContainer(KeyedSlot<NestedKey>(slot: c, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let c = slot.child(key.stringValue)
        c.makeArray()
        return UnkeyedSlot(slot: c, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder {
        ValueEncoder(slot: slot.child("super"), codingPath: codingPath + [JSONCodingKey(stringValue: "super")])
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        ValueEncoder(slot: slot.child(key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedSlot: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [CodingKey]
    var count: Int { if case let .array(items) = slot.content { return items.count }; return 0 }

    private var nextPath: [CodingKey] { codingPath + [JSONCodingKey(intValue: count)] }

    mutating func encodeNil() throws { slot.appendChild().content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.appendChild().content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.appendChild().content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.appendChild().content = .value(.double(value)) }
    mutating func encode(_ value: Int) throws { slot.appendChild().content = .value(.int(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = nextPath
        try slot.appendChild().encode(value, path: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        let c = slot.appendChild()
        c.makeObject()
        return KeyedEncodingContainer(KeyedSlot<NestedKey>(slot: c, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let path = nextPath
        let c = slot.appendChild()
        c.makeArray()
        return UnkeyedSlot(slot: c, codingPath: path)
    }

    mutating func superEncoder() -> Encoder {
        let path = nextPath
        return ValueEncoder(slot: slot.appendChild(), codingPath: path)
    }
}

struct SingleSlot: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { slot.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.content = .value(.double(value)) }
    mutating func encode(_ value: Float) throws { slot.content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.content = .value(.int(value)) }
    mutating func encode(_ value: Int64) throws { slot.content = .value(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws {
        slot.content = .value(value <= UInt64(Int.max) ? .int(Int(value)) : .double(Double(value)))
    }
    mutating func encode<T: Encodable>(_ value: T) throws { try slot.encode(value, path: codingPath) }
}
