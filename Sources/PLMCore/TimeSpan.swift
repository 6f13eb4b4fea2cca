/// A half-open interval of recording time, `[startS, endS)`, in seconds since the
/// recording's reference start (`recording.start` in the report).
public struct TimeSpan: Sendable, Hashable, Codable, Comparable {
    /// Start, seconds since the recording start.
    public var startS: Double
    /// End (exclusive), seconds since the recording start.
    public var endS: Double

    public init(startS: Double, endS: Double) {
        self.startS = startS
        self.endS = endS
    }

    /// Largest |time|, seconds since the recording start, taken from outside (options, event,
    /// annotation, hypnogram and report files): 10^9 s, 31.7 years, beyond any recording. A larger
    /// value is a typing or unit mistake (milliseconds, Unix time), refused with the line it is on,
    /// so that no sum or count built on it can overflow.
    public static let largestTimeMagnitudeS = 1e9

    /// Whether `seconds` is finite and within ±``largestTimeMagnitudeS``.
    @inlinable
    public static func isAcceptableTime(_ seconds: Double) -> Bool {
        seconds.magnitude <= largestTimeMagnitudeS
    }

    /// Length in seconds; zero for an empty or inverted span.
    public var durationS: Double { max(0, endS - startS) }

    /// Whether the two spans share any time (touching spans do not overlap).
    public func overlaps(_ other: TimeSpan) -> Bool {
        startS < other.endS && other.startS < endS
    }

    /// The part of this span inside `other`, or nil when they do not overlap.
    public func clamped(to other: TimeSpan) -> TimeSpan? {
        let s = max(startS, other.startS), e = min(endS, other.endS)
        return s < e ? TimeSpan(startS: s, endS: e) : nil
    }

    public static func < (a: TimeSpan, b: TimeSpan) -> Bool {
        (a.startS, a.endS) < (b.startS, b.endS)
    }
}

extension Array where Element == TimeSpan {
    /// Sorts the spans and merges overlapping or touching ones.
    /// - Complexity: O(n log n).
    public func mergedUnion() -> [TimeSpan] {
        var out: [TimeSpan] = []
        for span in self.sorted() where span.endS > span.startS {
            if let last = out.last, span.startS <= last.endS {
                out[out.count - 1].endS = Swift.max(last.endS, span.endS)
            } else {
                out.append(span)
            }
        }
        return out
    }

    /// Total seconds covered by the union of the spans.
    public var unionDurationS: Double { mergedUnion().reduce(0) { $0 + $1.durationS } }

    /// The time covered both by these spans and by `other`, as sorted, merged spans.
    /// - Complexity: O((n + m) log(n + m)).
    public func intersection(with other: [TimeSpan]) -> [TimeSpan] {
        let a = mergedUnion(), b = other.mergedUnion()
        var out: [TimeSpan] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            let startS = Swift.max(a[i].startS, b[j].startS), endS = Swift.min(a[i].endS, b[j].endS)
            if endS > startS { out.append(TimeSpan(startS: startS, endS: endS)) }
            if a[i].endS < b[j].endS { i += 1 } else { j += 1 }
        }
        return out
    }

    /// The time covered by these spans and not by `other`, as sorted, merged spans.
    /// - Complexity: O((n + m) log(n + m)).
    public func subtracting(_ other: [TimeSpan]) -> [TimeSpan] {
        let b = other.mergedUnion()
        var out: [TimeSpan] = []
        var j = 0
        for span in mergedUnion() {
            var startS = span.startS
            while j < b.count && b[j].endS <= startS { j += 1 }
            var k = j
            while k < b.count && b[k].startS < span.endS {
                if b[k].startS > startS { out.append(TimeSpan(startS: startS, endS: b[k].startS)) }
                startS = Swift.max(startS, b[k].endS)
                k += 1
            }
            if span.endS > startS { out.append(TimeSpan(startS: startS, endS: span.endS)) }
        }
        return out
    }
}
