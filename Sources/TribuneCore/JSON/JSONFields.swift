/// A document or record that does not have the shape Tribune expects.
public struct JSONShapeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the value the problem is, as a JSON path (`$.events[3].trigger`).
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

/// Typed, path-aware access to an object's members, for decoding records.
public struct JSONFields {
    public let object: JSONObject
    public let path: String

    public init(_ value: JSONValue, path: String = "$") throws(JSONShapeError) {
        guard let object = value.object else {
            throw JSONShapeError(path: path, message: "expected an object")
        }
        self.object = object
        self.path = path
    }

    private func fail(_ key: String, _ message: String) -> JSONShapeError {
        JSONShapeError(path: "\(path).\(key)", message: message)
    }

    private func present(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    public func string(_ key: String) throws(JSONShapeError) -> String {
        guard let value = try optionalString(key) else { throw fail(key, "missing string") }
        return value
    }

    public func optionalString(_ key: String) throws(JSONShapeError) -> String? {
        guard let value = present(key) else { return nil }
        guard let s = value.string else { throw fail(key, "expected a string") }
        return s
    }

    public func int(_ key: String) throws(JSONShapeError) -> Int {
        guard let value = try optionalInt(key) else { throw fail(key, "missing integer") }
        return value
    }

    public func optionalInt(_ key: String) throws(JSONShapeError) -> Int? {
        guard let value = present(key) else { return nil }
        guard let i = value.int else { throw fail(key, "expected an integer") }
        return i
    }

    public func double(_ key: String) throws(JSONShapeError) -> Double {
        guard let value = try optionalDouble(key) else { throw fail(key, "missing number") }
        return value
    }

    public func optionalDouble(_ key: String) throws(JSONShapeError) -> Double? {
        guard let value = present(key) else { return nil }
        guard let d = value.number else { throw fail(key, "expected a number") }
        return d
    }

    public func optionalBool(_ key: String) throws(JSONShapeError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard let b = value.bool else { throw fail(key, "expected true or false") }
        return b
    }

    public func strings(_ key: String) throws(JSONShapeError) -> [String] {
        var result: [String] = []
        for (i, element) in try array(key).enumerated() {
            guard let s = element.string else { throw fail("\(key)[\(i)]", "expected a string") }
            result.append(s)
        }
        return result
    }

    /// The array under `key`; a missing or `null` member reads as empty.
    public func array(_ key: String) throws(JSONShapeError) -> [JSONValue] {
        guard let value = present(key) else { return [] }
        guard let a = value.array else { throw fail(key, "expected an array") }
        return a
    }

    public func optionalArray(_ key: String) throws(JSONShapeError) -> [JSONValue]? {
        guard present(key) != nil else { return nil }
        return try array(key)
    }

    public func span(_ key: String) throws(JSONShapeError) -> Span {
        guard let value = try optionalSpan(key) else { throw fail(key, "missing span") }
        return value
    }

    public func optionalSpan(_ key: String) throws(JSONShapeError) -> Span? {
        guard let value = present(key) else { return nil }
        return try Self.span(value, path: "\(path).\(key)")
    }

    /// The object under `key`, or `nil` when it is missing or `null`.
    public func fields(_ key: String) throws(JSONShapeError) -> JSONFields? {
        guard let value = present(key) else { return nil }
        return try JSONFields(value, path: "\(path).\(key)")
    }

    /// Decodes each element of the array under `key` as an object.
    public func each<T>(_ key: String, _ decode: (JSONFields) throws(JSONShapeError) -> T) throws(JSONShapeError) -> [T]
    {
        var result: [T] = []
        for (i, element) in try array(key).enumerated() {
            result.append(try decode(JSONFields(element, path: "\(path).\(key)[\(i)]")))
        }
        return result
    }

    public static func span(_ value: JSONValue, path: String) throws(JSONShapeError) -> Span {
        guard let pair = value.array, pair.count == 2, let start = pair[0].int, let end = pair[1].int,
            start >= 0, start <= end
        else {
            throw JSONShapeError(path: path, message: "expected a span [start, end] with 0 <= start <= end")
        }
        return Span(start, end)
    }
}
