/// The tilt's fallback reference (``AdjacentRestReference``: a bin with no rest on either side):
/// the unit direction of the centred rolling medians of the three axes' baseline bins, computed
/// only at the bins asked for.
///
/// A signal asks for a few bins (its edges, a stretch of minutes of activity), so each is taken
/// from one sort of its window (``rollingQuantile(_:at:halfWindow:quantile:)``) instead of
/// three rolling passes over the whole signal. The values are those of the rolling passes: where
/// a window's median is a zero (whose sign depends on the pass's history), or once more than
/// ``maxPointBins`` bins were asked for, the rolling passes are run as before and used from then on.
struct RollingMedianDirection {
    private let x: [Double], y: [Double], z: [Double]
    private let halfWindow: Int
    private var rolling: (x: [Double], y: [Double], z: [Double])?
    private var directions: [Int: (Double, Double, Double)] = [:]

    /// At most this many bins are computed one by one.
    static let maxPointBins = 32

    /// - Parameters: x, y, z: the baseline bins' means of each axis (the same length).
    init(x: [Double], y: [Double], z: [Double], halfWindow: Int) {
        self.x = x
        self.y = y
        self.z = z
        self.halfWindow = halfWindow
    }

    /// The unit direction at baseline bin `bin` (clamped to the series; (0, 0, 1) for an empty
    /// series or a zero median vector).
    mutating func direction(atBin bin: Int) -> (Double, Double, Double) {
        let count = min(x.count, y.count, z.count)
        guard count > 0 else { return (0, 0, 1) }
        let b = min(max(bin, 0), count - 1)
        if rolling == nil {
            if let known = directions[b] { return known }
            if directions.count < Self.maxPointBins,
                let mx = rollingQuantile(x, at: b, halfWindow: halfWindow, quantile: 0.5),
                let my = rollingQuantile(y, at: b, halfWindow: halfWindow, quantile: 0.5),
                let mz = rollingQuantile(z, at: b, halfWindow: halfWindow, quantile: 0.5)
            {
                let direction = Self.unit(mx, my, mz)
                directions[b] = direction
                return direction
            }
            rolling = (
                rollingQuantile(x, halfWindow: halfWindow, quantile: 0.5),
                rollingQuantile(y, halfWindow: halfWindow, quantile: 0.5),
                rollingQuantile(z, halfWindow: halfWindow, quantile: 0.5)
            )
        }
        guard let m = rolling else { return (0, 0, 1) }
        return Self.unit(m.x[b], m.y[b], m.z[b])
    }

    @inline(__always)
    private static func unit(_ x: Double, _ y: Double, _ z: Double) -> (Double, Double, Double) {
        let norm = (x * x + y * y + z * z).squareRoot()
        return norm > 0 ? (x / norm, y / norm, z / norm) : (0, 0, 1)
    }
}
