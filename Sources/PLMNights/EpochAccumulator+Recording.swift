import PLMCore
import PLMReaders

extension EpochAccumulator {
    /// The per-minute epochs of a whole recording placed `offsetS` seconds after the time line's
    /// start. Samples inside defects the reader excludes from scoring (gaps have none; fills,
    /// clipping, bad times) are left out, never filled.
    public static func epochs(
        of recording: AccelerationRecording, offsetS: Double, rules: InBedRules = .standard
    ) -> [MinuteEpoch] {
        var accumulator = EpochAccumulator(rules: rules)
        let excluded = recording.defects.filter { $0.excludesFromScoring && !$0.sampleRange.isEmpty }
            .map(\.sampleRange).sorted { $0.lowerBound < $1.lowerBound }
        var next = 0
        recording.x.withUnsafeBufferPointer { xs in
            recording.y.withUnsafeBufferPointer { ys in
                recording.z.withUnsafeBufferPointer { zs in
                    var i = 0
                    while i < xs.count {
                        while next < excluded.count, excluded[next].upperBound <= i { next += 1 }
                        if next < excluded.count, excluded[next].contains(i) {
                            i = excluded[next].upperBound
                            continue
                        }
                        accumulator.add(
                            timeS: offsetS + recording.timeS(ofSample: i), x: Double(xs[i]), y: Double(ys[i]),
                            z: Double(zs[i]))
                        i += 1
                    }
                }
            }
        }
        accumulator.finish()
        return accumulator.epochs
    }
}
