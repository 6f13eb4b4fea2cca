/// The buffers of one block of samples of ``LegMovementDetector/scan`` (a few kilobytes, in L1),
/// allocated once per chunk: the resting level (then the dynamic value) and the tilt of each
/// sample, both again as `Float` for the activity trace, and the flags (``ScanLevels``).
struct ScanBlockScratch {
    private var dynamic: [Double], tilt: [Double]
    private var dynamicFloat: [Float], tiltFloat: [Float]
    private var flags: [UInt8]

    /// Where the buffers are while ``withPointers(_:)`` runs.
    struct Pointers {
        let dynamic: UnsafeMutablePointer<Double>, tilt: UnsafeMutablePointer<Double>
        let dynamicFloat: UnsafeMutablePointer<Float>, tiltFloat: UnsafeMutablePointer<Float>
        let flags: UnsafeMutablePointer<UInt8>
    }

    /// Buffers of `count` (at least 1) samples each.
    init(count: Int) {
        dynamic = [Double](repeating: 0, count: count)
        tilt = [Double](repeating: 0, count: count)
        dynamicFloat = [Float](repeating: 0, count: count)
        tiltFloat = [Float](repeating: 0, count: count)
        flags = [UInt8](repeating: 0, count: count)
    }

    /// Runs `body` with the buffers' addresses (not at all when a buffer is empty).
    mutating func withPointers(_ body: (Pointers) -> Void) {
        dynamic.withUnsafeMutableBufferPointer { dynamic in
        tilt.withUnsafeMutableBufferPointer { tilt in
        dynamicFloat.withUnsafeMutableBufferPointer { dynamicFloat in
        tiltFloat.withUnsafeMutableBufferPointer { tiltFloat in
        flags.withUnsafeMutableBufferPointer { flags in
            guard let dynamic = dynamic.baseAddress, let tilt = tilt.baseAddress,
                let dynamicFloat = dynamicFloat.baseAddress, let tiltFloat = tiltFloat.baseAddress,
                let flags = flags.baseAddress
            else { return }
            body(Pointers(dynamic: dynamic, tilt: tilt, dynamicFloat: dynamicFloat, tiltFloat: tiltFloat, flags: flags))
        }
        }
        }
        }
        }
    }
}

/// Walks a per-bin tilt series sample by sample, holding each bin's value over its
/// `binSamples` samples (40 ms at the default rate: no interpolation needed at that resolution).
struct HeldTiltCursor {
    let binSamples: Int
    /// The bin of the next sample, and the next sample's place in it.
    private var bin: Int, phase: Int

    /// A cursor whose next sample is sample `sample` of the series' samples.
    init(binSamples: Int, atSample sample: Int) {
        self.binSamples = binSamples
        bin = sample / binSamples
        phase = sample % binSamples
    }

    /// The tilts of the next `count` samples, from `tilts` (one value per bin), into
    /// `out[0 ..< count]`: one read and conversion per bin.
    @inline(__always)
    mutating func fill(_ out: UnsafeMutablePointer<Double>, count: Int, from tilts: UnsafeBufferPointer<Float>) {
        var j = 0
        while j < count {
            let run = min(binSamples - phase, count - j)
            (out + j).update(repeating: Double(tilts[bin]), count: run)
            j += run
            phase += run
            if phase == binSamples {
                phase = 0
                bin += 1
            }
        }
    }
}
