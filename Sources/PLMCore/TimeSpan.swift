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
}
