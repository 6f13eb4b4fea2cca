/// How a movement's duration is measured before it is compared with the LM minimum (0.5 s) and the
/// CLM maxima (10 s monolateral or component, 15 s bilateral).
public enum DurationCounting: String, Sendable, Hashable, Codable, CaseIterable {
    /// Offset minus onset, compared at 1 us (WASM 2016 text, Luna, psgscoring).
    case offsetMinusOnset
    /// Inclusive samples of a 1-kHz vector: onset and offset are rounded to the nearest sample and
    /// both end samples count, so a movement annotated as d s lasts d + 0.001 s. A 0.499 s movement
    /// is then 500 samples, an LM; a 10.000 s one is 10001 samples, not a CLM. SOMAS draws every
    /// annotation onto a 0/1 vector at a fictitious Fs of ``DurationCounting/sampleRateHz`` and counts
    /// its runs (`get_PLM_indices_WASM.m` lines 79-102, `event_StartsEndsDurations`, and the
    /// `< 0.5*Fs` and `> 10*Fs` tests near line 250). The standard speaks of seconds, not samples.
    case inclusiveMillisecondSamples

    /// The sample rate of SOMAS's annotation vectors, Hz (`Fs = 1000` in `get_PLM_indices_WASM.m`).
    public static let sampleRateHz: Double = 1000

    /// The duration, s, of a movement from `onsetS` to `offsetS` as this counting measures it.
    @inline(__always)
    func durationS(onsetS: Double, offsetS: Double) -> Double {
        switch self {
        case .offsetMinusOnset:
            return TimeArithmetic.exactMicroseconds.difference(offsetS, onsetS)
        case .inclusiveMillisecondSamples:
            return (_sample(offsetS) - _sample(onsetS) + 1) / Self.sampleRateHz
        }
    }
}

/// What happens to two movements of the same leg that touch, overlap or nearly touch.
public enum SameLegJoining: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each stays a movement of its own (the standards define an LM by its own onset and offset and
    /// say nothing of overlapping ones; Luna and psgscoring detect movements that cannot overlap).
    case keptApart
    /// Movements of one leg whose 1-kHz sample ranges touch or overlap (onset at most one sample,
    /// 1 ms, after the latest offset so far) are one movement from the first onset to the latest
    /// offset, before the LM minimum is applied. SOMAS draws each leg onto one 0/1 vector
    /// (`get_PLM_indices_WASM.m` lines 79-102), so such annotations become one run of ones.
    /// The standard does not support this: it follows from SOMAS's data representation.
    case joinedOnMillisecondSamples

    /// Whether a movement starting at `onsetS` joins an earlier one of its leg whose latest offset is
    /// `previousOffsetS`.
    @inline(__always)
    func joins(onsetS: Double, previousOffsetS: Double) -> Bool {
        switch self {
        case .keptApart: return false
        case .joinedOnMillisecondSamples: return _sample(onsetS) <= _sample(previousOffsetS) + 1
        }
    }
}

/// The 1-kHz sample index of a time, rounded half away from zero as MATLAB's `round` does; kept as a
/// Double (exact below 2^53) so that no value from outside is converted to an integer unchecked.
@inline(__always)
func _sample(_ timeS: Double) -> Double {
    (timeS * DurationCounting.sampleRateHz).rounded(.toNearestOrAwayFromZero)
}
