/// The per-sample decision inputs of the hysteresis scan (``LegMovementDetector/scan``), computed
/// a block at a time: the dynamic channel against its resting level, the onset and offset levels
/// of both channels (which rise with the resting level on a noisy sensor), and whether the sample
/// is at or above an onset level and below both offset levels.
///
/// Speed: two samples per SIMD register instead of one sample per pass of a loop that also runs
/// the state machine and the activity trace. Every lane does the operations of the scalar
/// definition (``flags(dynamic:tilt:resting:)``) in the same order, with `Swift.max`'s and
/// `Swift.min`'s choice on ties and NaN (`max(x, y)` is `y >= x ? y : x`), so the values and
/// flags are the same.
struct ScanLevels {
    /// Dynamic onset floor and its offset, g.
    var onsetG: Double
    var offsetG: Double
    /// The dynamic onset level is at least this times the resting level.
    var noiseFactor: Double
    /// Offset over onset level when the onset level follows the resting level.
    var offsetRatio: Double
    /// Tilt onset floor and its offset, degrees.
    var onsetDegrees: Double
    var offsetDegrees: Double
    /// The tilt onset level is at least this times the resting level (degrees per g).
    var tiltNoiseFactor: Double
    var tiltOffsetRatio: Double

    /// Bit of ``evaluate`` flags: at or above an onset level.
    static let aboveOnset: UInt8 = 1
    /// Bit of ``evaluate`` flags: below both offset levels.
    static let belowOffset: UInt8 = 2

    /// The plain definition for one sample (what the scan did per sample before): the flags for
    /// dynamic value `dynamic` (envelope minus resting level, g), tilt `tilt` (degrees) and
    /// resting level `resting` (g).
    @inline(__always)
    func flags(dynamic: Double, tilt: Double, resting: Double) -> UInt8 {
        let onsetLevel = max(onsetG, noiseFactor * resting)
        let offsetLevel = onsetLevel == onsetG ? offsetG : onsetLevel * offsetRatio
        let tiltOnsetLevel = max(onsetDegrees, tiltNoiseFactor * resting)
        let tiltOffsetLevel = tiltOnsetLevel == onsetDegrees ? offsetDegrees : tiltOnsetLevel * tiltOffsetRatio
        var f: UInt8 = 0
        if dynamic >= onsetLevel || tilt >= tiltOnsetLevel { f |= Self.aboveOnset }
        if dynamic < offsetLevel && tilt < tiltOffsetLevel { f |= Self.belowOffset }
        return f
    }

    /// For every j < `count`: `dynamic[j] = Double(envelope[j]) - resting[j]` (written over
    /// `resting`), its `Float` in `dynamicFloat[j]`, `Float(tilt[j])` in `tiltFloat[j]`, and
    /// ``flags(dynamic:tilt:resting:)`` in `flags[j]`.
    func evaluate(
        envelope: UnsafePointer<Float>, restingInDynamicOut dynamic: UnsafeMutablePointer<Double>,
        tilt: UnsafePointer<Double>, dynamicFloat: UnsafeMutablePointer<Float>, tiltFloat: UnsafeMutablePointer<Float>,
        flags: UnsafeMutablePointer<UInt8>, count: Int
    ) {
        typealias D4 = SIMD4<Double>
        let onset = D4(repeating: onsetG), offset = D4(repeating: offsetG)
        let tiltOnset = D4(repeating: onsetDegrees), tiltOffset = D4(repeating: offsetDegrees)
        var j = 0
        while j + 4 <= count {
            let r = UnsafeRawPointer(dynamic + j).loadUnaligned(as: D4.self)
            let e = D4(UnsafeRawPointer(envelope + j).loadUnaligned(as: SIMD4<Float>.self))
            let t = UnsafeRawPointer(tilt + j).loadUnaligned(as: D4.self)
            let d = e - r
            let scaled = noiseFactor * r
            let onsetLevel = onset.replacing(with: scaled, where: scaled .>= onset)
            let offsetLevel = (onsetLevel * offsetRatio).replacing(with: offset, where: onsetLevel .== onset)
            let tiltScaled = tiltNoiseFactor * r
            let tiltOnsetLevel = tiltOnset.replacing(with: tiltScaled, where: tiltScaled .>= tiltOnset)
            let tiltOffsetLevel = (tiltOnsetLevel * tiltOffsetRatio)
                .replacing(with: tiltOffset, where: tiltOnsetLevel .== tiltOnset)
            let above = (d .>= onsetLevel) .| (t .>= tiltOnsetLevel)
            let below = (d .< offsetLevel) .& (t .< tiltOffsetLevel)
            UnsafeMutableRawPointer(dynamic + j).storeBytes(of: d, as: D4.self)
            UnsafeMutableRawPointer(dynamicFloat + j).storeBytes(of: SIMD4<Float>(d), as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(tiltFloat + j).storeBytes(of: SIMD4<Float>(t), as: SIMD4<Float>.self)
            // A true lane of a mask is all ones: keep the flag's bit of it, four bytes at once.
            let bits = (unsafeBitCast(above, to: SIMD4<Int64>.self) & Int64(Self.aboveOnset))
                | (unsafeBitCast(below, to: SIMD4<Int64>.self) & Int64(Self.belowOffset))
            UnsafeMutableRawPointer(flags + j).storeBytes(
                of: SIMD4<UInt8>(truncatingIfNeeded: bits), as: SIMD4<UInt8>.self)
            j += 4
        }
        while j < count {
            let r = dynamic[j]
            let d = Double(envelope[j]) - r
            flags[j] = self.flags(dynamic: d, tilt: tilt[j], resting: r)
            dynamic[j] = d
            dynamicFloat[j] = Float(d)
            tiltFloat[j] = Float(tilt[j])
            j += 1
        }
    }

    /// `values[j] = Swift.min(values[j], limit)` for j < `count` (`limit < v ? limit : v`, so a
    /// NaN value stays NaN and a NaN limit changes nothing), four at a time.
    static func cap(_ values: UnsafeMutablePointer<Double>, at limit: Double, count: Int) {
        let limits = SIMD4<Double>(repeating: limit)
        var j = 0
        while j + 4 <= count {
            let v = UnsafeRawPointer(values + j).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(values + j).storeBytes(
                of: v.replacing(with: limits, where: limits .< v), as: SIMD4<Double>.self)
            j += 4
        }
        while j < count {
            values[j] = min(values[j], limit)
            j += 1
        }
    }

    /// `Swift.max(running, v)` over `values` in order (`v >= running ? v : running`): the same
    /// value and bits, from a SIMD maximum. The order of a sequential maximum shows only in which
    /// of several equal values it returns, and equal values differ in their bits only for +0 and
    /// -0; a maximum of 0 therefore takes the sequential loop. NaN is never taken by either.
    static func runningMax(_ running: Float, _ values: UnsafePointer<Float>, count: Int) -> Float {
        var j = 0
        var lanes = SIMD8<Float>(repeating: -.infinity)
        while j + 8 <= count {
            let v = UnsafeRawPointer(values + j).loadUnaligned(as: SIMD8<Float>.self)
            lanes.replace(with: v, where: v .>= lanes)
            j += 8
        }
        var m = -Float.infinity
        for lane in 0..<8 where lanes[lane] >= m { m = lanes[lane] }
        while j < count {
            if values[j] >= m { m = values[j] }
            j += 1
        }
        if m == 0 || running == 0 {
            var exact = running
            for i in 0..<count where values[i] >= exact { exact = values[i] }
            return exact
        }
        return m >= running ? m : running
    }
}
