import PLMCore

/// Every band, window and threshold of leg-movement detection, in one place.
///
/// The movement signal has two channels (see `docs/detection.md`):
/// - *dynamic acceleration*: the vector magnitude of the acceleration, low-passed, minus its
///   rolling median (together a band-pass), rectified, against its adaptive resting level, in g.
///   The magnitude does not change
///   when the sensor only rotates, so this channel sees the linear (tangential, centripetal,
///   impact) acceleration of the ankle;
/// - *tilt*: the angle between the low-passed gravity direction and its resting direction (a
///   rolling median), in degrees. It sees slow dorsiflexions whose energy lies below 1 Hz, and it
///   stays up while the foot is held flexed.
///
/// A movement starts when either channel reaches its onset threshold and ends at the start of at
/// least ``offsetQuietDurationS`` during which both channels are below their offset thresholds:
/// the EMG rule of AASM 2007 / WASM 2016 (onset 8 uV above resting, offset at <= 2 uV above
/// resting for >= 0.5 s) transposed to acceleration.
public struct DetectionSettings: Sendable, Hashable, Codable {
    // MARK: Dynamic channel

    /// Low-pass corner of the acceleration magnitude, Hz (clamped to 0.8 x Nyquist). The PAM-RL
    /// band ends at 20 Hz (Sforza 2005); ankle movements carry their linear acceleration below
    /// ~10 Hz, but a lower corner spreads strong, short movements over more time (measured on the
    /// simulator: 10-15 Hz gave more false 0.5-s movements from 0.45-s twitches than 20 Hz).
    public var dynamicLowPassHz = 20.0
    /// Butterworth prototype order of that low-pass (as `scipy.signal.butter(N, ...)`); the
    /// zero-phase response is its squared magnitude.
    public var dynamicLowPassOrder = 2
    /// Window of the rolling median taken away from the low-passed magnitude (the high-pass half of
    /// the band), and of the resting gravity direction of the tilt channel, s. Centred. A median
    /// keeps a posture change as a step and ignores anything shorter than half its window, so 90 s
    /// keeps LMs (0.5-10 s, held flexed or not) and most posture shifts (5-60 s) out of the
    /// baseline; 20-40 s windows gave more false movements inside long movements on the simulator.
    public var baselineWindowS = 90.0
    /// Width of the bins whose means the baseline medians are taken over, s (45 values per window:
    /// cheap to keep sorted; finer bins did not detect better).
    public var baselineBinS = 2.0
    /// Width of the centred moving average applied to the rectified dynamic channel, s (0 for
    /// none). Off by default: 0.05-0.1 s smoothing lengthened short movements and lowered the PPV
    /// on the simulator, and the 0.5-s offset rule already bridges the zero crossings.
    public var envelopeSmoothingS = 0.0

    // MARK: Tilt channel

    /// Rate of the gravity-direction series, Hz: samples are averaged in bins of
    /// `sampleRate / tiltRateHz` (40 ms; bins of 3 or more samples drop their largest and
    /// smallest value, so a single-sample spike cannot tilt gravity). Finer than the onset timing
    /// needs (tens of ms), coarse enough to average the noise of 4 samples at 100 Hz.
    public var tiltRateHz = 25.0
    /// Low-pass corner of the gravity direction, Hz (zero-phase, on the tilt series; 0 for none).
    /// Keeps the tilt of a dorsiflexion (0.5-5 s, ramps of 0.2-1.5 s) and of a twitch, and takes
    /// the sensor noise down to ~0.1 degree at 6 mg RMS; lower corners spread strong, short
    /// movements over more time (measured: more false 0.5-s movements from 0.45-s twitches).
    public var tiltLowPassHz = 8.0
    /// The tilt low-pass comes down from ``tiltLowPassHz`` towards this corner on a leg whose
    /// measured noise would otherwise hold the tilt onset level above ``onsetTiltDegrees``
    /// (see `LegMovementDetector.tiltCornerHz`), Hz. An LM's tilt lies below 2 Hz.
    public var minTiltLowPassHz = 2.0
    /// Butterworth prototype order of the tilt low-pass.
    public var tiltLowPassOrder = 2
    /// Measure the tilt against the nearer of two resting directions, the medians of the
    /// ``baselineWindowS`` ending and starting at each moment (true), instead of the centred median
    /// (false). After a posture shift the window that starts there holds the new posture at once;
    /// a centred median took until most of its window had it, and with wake activity around that
    /// was tens of seconds in which the tilt stayed up and every following movement ran into one
    /// movement of more than 10 s (743 of 1493 missed LMs on the held-out nights, mostly in wake).
    /// A held LM (<= 10 s) or long movement (<= 40 s) is less than half of either window and
    /// cannot become the resting direction. Costs a second angle per tilt bin and a margin of a
    /// whole window around each processing chunk.
    public var tiltBaselineOneSided = true
    /// Measure the tilt against the resting direction of the still stretch next to each moment
    /// (``AdjacentRestReference``) instead of the rolling medians (true). The medians hold a
    /// position only while it lasts longer than half their window: between two movements 10-40 s
    /// apart that each leave a 1-3 degree change of position, the tilt stayed up and a whole train
    /// of LMs became one movement of more than 10 s. The medians remain the reference where no
    /// still stretch lies within the built signal.
    public var tiltAdjacentRest = true
    /// Stillness: the gravity series changes by less than ``stillnessNoiseFactor`` times its noise
    /// between this long before and this long after a moment, s. 0.2 s is shorter than the rise of
    /// any LM (0.2-2 s) and long enough to see a slow one move.
    public var stillnessLagS = 0.2
    /// Stillness level in noise RMS of one axis of the gravity series (measured per leg,
    /// ``SensorNoise``): the change over 2 x ``stillnessLagS`` of three axes of white noise has RMS
    /// `sqrt(6)` noise RMS; 5 keeps all but ~1 in 1000 still bins still.
    public var stillnessNoiseFactor = 5.0
    /// ... and at least this change, g (a converter finer than its noise can read a still leg as
    /// moving at ~0.1 mg; a stillness level under 2 mg would split rests on the slightest drift).
    public var minStillnessChangeG = 0.002
    /// A still run at least this long is a rest whose level can serve as the reference, s. Shorter
    /// than the quiet between LMs of a dense train (an LM every 5-15 s), longer than the turning
    /// point of a movement.
    public var minRestS = 1.0
    /// Window of the rolling median that gives a rest its level, s (cut at the rest's ends):
    /// follows slow drift and a slipping strap; a slow small movement inside a long rest stays out
    /// of it.
    public var restLevelWindowS = 30.0
    /// A still run up to this long can be a held flexion rather than a rest (see
    /// ``AdjacentRestReference``), s: long movements (10-60 s, not LMs) are held flexions too,
    /// and treating their hold as a rest split them into two false short movements.
    public var maxHoldS = 60.0
    /// A still run up to this long between a movement and the return to the rest before it is a
    /// hold whatever its depth; a longer one must also lie near the movement's extreme (a flexion
    /// is held at its extreme; a lasting change of position is a partial return), s. The rests
    /// between the LMs of a dense train (IMI 5-15 s) are longer.
    public var shortHoldS = 3.0
    /// The tilt onset level is at least this many times the tilt noise measured per leg (the noise
    /// of the gravity series read as an angle, from ``SensorNoise``), and the tilt offset level
    /// scales with it (0 to switch off). The angle of two axes of noise of RMS s is Rayleigh
    /// distributed with scale s: 5 s is exceeded by one value in 270,000 (a night at 25 Hz has
    /// 720,000 tilt bins, mostly correlated over the low-pass's 0.1 s).
    public var tiltSeriesNoiseFactor = 5.0
    /// Confirmation of small movements on a noisy leg, s; 0 switches it off. Where the leg's
    /// measured noise holds the tilt onset level above ``onsetTiltDegrees`` (a coarse, noisy
    /// sensor: 1.6 degrees on an 8-bit +-4 g sensor with 9 mg noise at 20 Hz), movements are also
    /// sought on the tilt at the floor levels (``onsetTiltDegrees``, ``offsetTiltDegrees``), and
    /// one of them is kept when the tilt of the gravity series' centred mean over this window
    /// reaches a level that noise alone passes with probability exp(-f^2 / 2) per bin (f =
    /// ``tiltSeriesNoiseFactor``, the Gaussian model's 5 scales on a Rayleigh tail), measured on
    /// the leg's own averaged tilt over its still time with an exponential tail
    /// (``MeasuredTailLevel``), and never below the Gaussian model's level (f times the mean's
    /// noise, the reference's own noise added). The model alone underestimates the tail of a
    /// weakly dithered 8-bit leg (branch `weak4`). Branch `weak5`: measured, not accepted (the
    /// hard 8-bit night's PLM index error grows); docs/detection.md.
    public var tiltConfirmationWindowS = 1.0
    /// Where the other leg moved (a movement of at least 0.5 s no movement of this leg overlaps),
    /// the low-level search of this leg (``tiltConfirmationWindowS``) also confirms a movement
    /// whose averaged tilt inside the other leg's span, widened by this margin on each side,
    /// reaches a level set for the same expected false count over the bins searched as the
    /// whole-night level over the leg's still time
    /// (``LegMovementDetector/withBilateralPartners(_:)``); 0 switches it off. 0.5 s is the
    /// WASM 2016 bilateral window (PLMScoring's `RuleSet.bilateralWindowS`), fixed here as a
    /// detection setting because detection does not depend on the scoring profile. Branch
    /// `bilat6`: measured; docs/detection.md.
    public var bilateralPartnerMarginS = 0.5
    /// The low-level search's whole-night (own-leg) confirmation (branch `weak5`); off, only the
    /// partner windows confirm (``bilateralPartnerMarginS``). Off on branch `bilat6`: with it on,
    /// the hard 8-bit night's PLM index error grows (its own-leg additions end series whose
    /// partners stay missed); docs/detection.md.
    public var lowLevelOwnLegConfirmation = false
    /// On a leg with the low-level search (``tiltConfirmationWindowS``: noise raises its tilt
    /// onset level), movements are also sought on the *energy of the acceleration vector*: each
    /// axis minus its centred moving mean over this window, squared and summed over the axes,
    /// averaged over ``energyAverageS``, against a level the leg's own still samples pass with
    /// probability exp(-12.5) (``MeasuredTailLevel``). 3 s: longer than an LM's rise and fall, so
    /// an LM's change stays in the deviation while the posture does not. Small LMs on 8-bit legs
    /// with 9 mg noise move the vector across gravity without changing its length or the 2-Hz tilt
    /// enough for either channel (branch `weak7`). 0 switches it off. Branch `weak8`;
    /// docs/detection.md.
    public var energyMeanWindowS = 3.0
    /// The centred average of the energy (``energyMeanWindowS``), s: the shortest leg movement
    /// (``PLMCore/PublishedRules/minimumLegMovementDurationS``).
    public var energyAverageS = 0.5
    /// The energy's still time leaves out this much on each side of every sample-level movement
    /// of at least 0.5 s, and a movement found on the energy is added only this far from every
    /// other movement (and every short one the dynamic channel saw), s: the 3-s mean spreads a
    /// movement's energy 1.5 s around it, plus half of the 0.5-s average.
    public var energyClearanceS = 2.0
    /// How far from every other movement of at least 0.5 s (and every short one the dynamic
    /// channel saw) a movement found on the energy must lie to be added, s; the still time keeps
    /// ``energyClearanceS``. Branch `weak8`: 2 s as first written (variant A, the default); 1 s
    /// (variant B, chosen after A's numbers: the four 40-100-mg LMs A left on the hard 8-bit night
    /// lie 1.1-1.5 s from a movement found) measured and not kept; docs/detection.md.
    public var energyAdjacencyS = 2.0
    /// Highest per-bin probability at which a partner window's level is read
    /// (``bilateralPartnerMarginS``; `LegMovementDetector.partnerWindowDegrees`). Few windows on a
    /// long still night would ask for p T / S near or above 0.01, where the level falls into the
    /// bulk of the still values and out of ``MeasuredTailLevel``'s exponential tail, fitted above
    /// their 0.99 quantile; 1e-3, a decade lower, keeps the window level inside the fitted noise
    /// tail (at least one fitted decade above that quantile). Chosen for that reason, from no
    /// standard. A constant of the method, not a setting: reports do not list it.
    static let maxPartnerWindowProbability = 1e-3

    // MARK: Resting levels

    /// Width of the bins in which the resting statistics are taken, s.
    public var levelBinS = 1.0
    /// Window of the rolling resting level of the dynamic channel, s. Long against an LM (0.5-10 s)
    /// so that LMs do not raise it, short against the changes of sensor noise over a night.
    /// Centred.
    public var restingWindowS = 30.0
    /// Quantile of the dynamic channel's bins taken as its resting level. Below the median so that
    /// a dense PLM series (an LM every 10-20 s) does not lift it.
    public var restingQuantile = 0.3

    // MARK: Hysteresis (the EMG rule)

    /// Onset: dynamic acceleration this far above its resting level, g. Near the 15 mg of Sicbaldi
    /// 2025 and the 20-30 mg of the NeuroMetrix patents, and above the noise peaks of a 6 mg RMS
    /// sensor after the 20 Hz low-pass.
    public var onsetThresholdG = 0.02
    /// The dynamic onset level is at least this many times the resting level (0 to switch off),
    /// and the offset level scales with it. The resting level of the rectified channel is ~0.8
    /// noise RMS, so 4 puts the onset near 5 RMS: above the noise peaks of a 10 mg sensor sampled
    /// at 50 Hz, where the fixed 20 mg let noise through; quiet sensors keep the fixed levels.
    public var restingNoiseFactor = 4.0
    /// The resting level counts as noise only up to this many times the dynamic series' noise
    /// RMS measured on the leg (``SensorNoise`` through the dynamic low-pass); above it, it is
    /// movement (0 to switch off). The resting level of white noise is ~0.8 of its RMS, so 2
    /// leaves room for noise 2.5 times the measured. A movement longer than ~20 s fills most of
    /// the 30-s resting window and lifted the resting level, and with it the onset and offset
    /// levels of both channels (``restingNoiseFactor``, ``tiltRestingNoiseFactor``), to the
    /// movement's own level: its middle fell below the offset, and a 45-s wake or posture
    /// movement came out as two pieces of 6-10 s, false leg movements.
    public var maxRestingNoiseRatio = 2.0
    /// The dynamic onset level is at least this many times the magnitude's noise expected from the
    /// leg's measured noise and resolution (``SensorNoise``: its effective noise through the
    /// dynamic low-pass), and the offset level scales with it (0 to switch off). The resting
    /// level above does this for Gaussian noise, but not for a coarse converter: an 8-bit +-4 g
    /// sensor's magnitude flicks by whole 31 mg steps now and then while its resting level stays
    /// low, and the fixed 20 mg let hundreds of such flicks through as movements. A rectified
    /// normal variable exceeds 4 RMS once in 16,000 samples, and never for the 0.5 s a movement
    /// needs above three quarters of that.
    public var dynamicSeriesNoiseFactor = 4.0
    /// Offset level of the dynamic channel, g above resting. The EMG rule's 2 uV against 8 uV onset
    /// is a quarter, PAM-RL's a half; three quarters measured best here, because the low offset
    /// levels lengthened movements by the filters' tails.
    public var offsetThresholdG = 0.015
    /// Onset: tilt against the resting direction, degrees (the floor; see
    /// ``tiltRestingNoiseFactor`` for noisy sensors). LMs rotate the ankle by 3-30 degrees
    /// (DOMAIN.md section 3), but on a side-lying leg much of the rotation is about the vertical
    /// and the visible tilt change is 0.6-2 degrees. The gravity direction's noise after averaging
    /// and the low-pass is ~0.1 degree RMS at 3 mg (peaks over a night ~0.5 degree). Was 2:
    /// on 72 held-out simulated nights (8 h, 50 Hz, seeds 201-212) 440 of 1493 missed LMs had
    /// tilt 0.75-1.8 degrees and only 7-28 mg of linear acceleration, and were never detected.
    public var onsetTiltDegrees = 1.0
    /// Offset level of the tilt, degrees: three quarters of the onset, as for the dynamic channel.
    /// Was 1.5: 308 of those misses were LMs of 1.2-2 s whose hold (tilt ~1 degree, no linear
    /// acceleration) fell below it, so that the rise and the fall became two pieces shorter than
    /// 0.5 s (with 0.75 and the hold join: 44). A lower offset also keeps more of the smooth start
    /// and end of a posture shift (true length 10-12 s) in it, instead of reporting its central
    /// 8-10 s as a leg movement (406 of 927 false detections). 0.5 measured the same overall on
    /// the held-out nights but let the 8-Hz low-pass's settling after a fast 15-25-degree fall
    /// push the offset 0.26 s late (NightAnalyzerEndToEndTests allows 0.25 s).
    public var offsetTiltDegrees = 0.75
    /// The tilt onset level is at least this many times the tilt noise expected from the dynamic
    /// channel's resting level, and the tilt offset level scales with it (0 to switch off). The
    /// dynamic resting level (~0.8 noise RMS) measures the sensor noise and, unlike a resting
    /// level of the tilt itself, is not lifted by a posture shift or a long held movement (a
    /// rolling tilt quantile was, and chopped them into false 0.5-10-s pieces). It is read as an
    /// angle (g as radians) times `sqrt(tilt corner / dynamic corner)`, the ratio of the two
    /// channels' noise through their low-passes (0.63 at 50 Hz and above, 0.82 at 30 Hz). 8 puts
    /// the level near 5 noise RMS of the gravity direction (night-long noise peaks of the angle
    /// reach ~5.3 RMS): ~2 degrees for a 10 mg sensor at 50 Hz (the old fixed level, which that
    /// sensor needs), below the 1-degree floor at 3 mg.
    public var tiltRestingNoiseFactor = 8.0
    /// A movement ends at the start of a run at least this long below both offset levels, s.
    public var offsetQuietDurationS = PublishedRules.offsetQuietDurationS
    /// The onset may be moved back from the onset-threshold crossing to the last sample below the
    /// offset levels, by at most this much, s. Off by default: the zero-phase filters already
    /// spread the rise a little early, and the median onset error on the simulator is 0-3 ms
    /// without it.
    public var maxOnsetBacktrackS = 0.0
    /// The onset moves back and the offset forward along the tilt to the feet of the movement's
    /// ramps, by at most this much each, s (0 to switch off; see
    /// `LegMovementDetector.extendedToRampFeet`). LM ramps last 0.2-2 s; the levels cut a small
    /// LM's ramps about halfway.
    public var maxEdgeExtensionS = 0.5
    /// ... walking while the tilt is above this many times the tilt's noise RMS (measured per
    /// leg). The angle of two axes of noise (Rayleigh) is above 1 RMS 61 % of the time, so in the
    /// quiet before a movement the walk ends within a few bins; on the ramp it goes down to where
    /// the movement is lost in the noise (a 1.7-degree LM in 7 mg noise: 12 % of its height).
    public var footNoiseFactor = 1.0
    /// ... and at least this, degrees: on a quiet sensor the noise level is a few hundredths of a
    /// degree, and slow settling of a rest after a lasting change of position walked onsets up
    /// to 0.4 s early.
    public var minFootDegrees = 0.25
    /// ... and, when true on a leg whose tilt low-pass was lowered for its noise (below
    /// ``tiltLowPassHz``), above the low-pass's own ringing beside each edge (`TiltRinging`, from
    /// ``ZeroPhaseFilter/stepUndershoot``). The tilt is an angle, so the undershoot beside a large
    /// movement shows as a bump (at 2 Hz 3.6 % of a jump: 0.6 degree before a 17-degree LM, in
    /// the quiet 0.2-0.5 s before the ramp), and the walk ran on through it: large LMs on 7-9 mg
    /// 8/10-bit sensors came out 0.25-0.57 s long (docs/benchmarks.md). Not at the full corner:
    /// see `LegMovementDetector.tiltRinging`.
    public var footAboveFilterRinging = true

    /// Candidates shorter than this have their edges re-measured on the raw acceleration when
    /// they are strong (see ``edgeRefinementPeakFactor``), s. The filters' spread is what can lift
    /// a strong twitch of 0.3-0.45 s over the 0.5-s minimum LM duration. This is the window at the
    /// full tilt corner; on a leg whose corner was lowered, its part beyond the minimum LM grows
    /// as the corner comes down (`LegMovementDetector.edgeRefinementMaxS`).
    public var edgeRefinementMaxDurationS = 1.0
    /// A short candidate whose raw deviation from rest peaks at this many times the edge level
    /// (twice the onset threshold or four times the resting RMS deviation) has its edges moved
    /// in to where the raw deviation reaches the edge level.
    public var edgeRefinementPeakFactor = 4.0

    // MARK: Holds the movement signal cannot see

    /// Two candidates separated by a quiet stretch of at most this long are joined when the leg
    /// was held away from its resting orientation in between (see ``holdNoiseFactor``), s; 0 to
    /// switch off. An LM of up to 10 s has its hold between a rise and a fall of 30 % of its
    /// length each, so its hold lasts at most ~4 s.
    public var maxHoldGapS = 4.0
    /// ... and when the joined movement is at most this long, s: the longest leg movement of the
    /// scoring rules (AASM / WASM monolateral CLM), so that no joined piece becomes a non-LM.
    public var maxHoldJoinedDurationS = 10.0
    /// The mean gravity direction of the quiet stretch must differ from the resting directions
    /// before the first and after the second candidate (means of 0.5 s, 0.1 s away from them) by
    /// this many standard errors of the difference (from the rest windows' noise), and those two
    /// must agree to within half that difference (the leg came back). Two separate movements both
    /// return to rest, and a posture change does not come back, so neither is joined. On the
    /// held-out simulated nights the split LMs were side-lying dorsiflexions whose hold tilts
    /// gravity by 0.1-0.5 degree: at 3 mg noise the standard error of 1-s means is ~0.03 degree.
    public var holdNoiseFactor = 5.0
    /// ... and by at least this, degrees (against slow drift of the resting orientation).
    public var minHoldDegrees = 0.05

    // MARK: Rejection by spectral features

    /// Upper edge of the band where a leg movement puts its power (tilt and the acceleration of
    /// a 0.5-10 s dorsiflexion), Hz: the low band of the spike test.
    public var movementBandHz = 5.0
    /// Frequency from which power counts as broadband/impulsive, Hz: the high band of the spike
    /// test (above the movement's acceleration, below the Nyquist frequency of 50 Hz sensors).
    public var impulsiveBandStartHz = 15.0
    /// A candidate whose largest power in the movement band is less than this many times the mean
    /// power per bin of its impulsive band is rejected as a spike: a single-sample spike, like
    /// white noise, has a flat spectrum (ratio ~2-4), a leg movement a steep one (ratio ~60 for a
    /// 3-degree, 2-s tilt in 10 mg RMS noise).
    public var minPeakToFloorRatio = 3.0
    /// ... and whose impulsive band holds at least this many times the power the leg's measured
    /// white noise puts there (``SensorNoise``). A spike lifts the whole band above the noise; a
    /// small, slow leg movement in a noisy sensor leaves it at the noise (excess ~1, +-25 % over
    /// a few dozen bins) while its low-band peak may stay under 3 times that floor: on a 10-bit,
    /// 9 mg sensor at 25 Hz such movements of 30-60 mg were rejected as spikes.
    public var spikeNoiseExcess = 2.0
    /// A candidate whose dominant frequency is above this is rejected as vibration, Hz. Leg
    /// movements have their power below ~4 Hz.
    public var maxDominantFrequencyHz = 6.0
    /// Time added on both sides of a movement for its spectral features, s.
    public var featurePaddingS = 0.25

    // MARK: Defects and output

    /// A movement cut by an excluded span this short or shorter is joined across it when it is
    /// active on both sides; one cut by a longer span is rejected, s.
    public var maxBridgedDefectS = 1.0
    /// Length of the chunks a valid run is processed in, s. Each chunk is built with a margin of
    /// the longest rolling window's reach (about 1.5 minutes with the one-sided tilt baselines),
    /// so memory is bounded by the chunk, not by the recording, and the result does not depend on
    /// the chunk length (up to floating-point rounding in the filters). 20 minutes keeps the
    /// margins' extra work near 15 % (10 minutes did with the centred baseline's 50-s reach).
    public var processingChunkS = 1200.0
    /// Bin width of the activity trace, s.
    public var activityTraceBinS = 1.0

    public init() {}

    /// These settings with every value outside its meaningful range (zero, negative or above 3600
    /// widths, rates and factors, NaN, quantiles outside [0, 1], orders outside 1...8) replaced by
    /// its default, so that settings read from a file cannot make the detector divide by zero or
    /// overflow.
    func sanitized() -> DetectionSettings {
        let d = DetectionSettings.default
        var s = self
        // Upper bound 3600 (an hour, or 3.6 kHz, or a factor of 3600): far beyond any sensible
        // value, and small enough that every window in samples stays a modest Int.
        func positive(_ v: inout Double, _ fallback: Double) { if !(v > 0 && v <= 3600) { v = fallback } }
        func nonNegative(_ v: inout Double, _ fallback: Double) { if !(v >= 0 && v <= 3600) { v = fallback } }
        positive(&s.dynamicLowPassHz, d.dynamicLowPassHz)
        positive(&s.baselineWindowS, d.baselineWindowS)
        positive(&s.baselineBinS, d.baselineBinS)
        nonNegative(&s.envelopeSmoothingS, d.envelopeSmoothingS)
        positive(&s.tiltRateHz, d.tiltRateHz)
        nonNegative(&s.tiltLowPassHz, d.tiltLowPassHz)
        positive(&s.minTiltLowPassHz, d.minTiltLowPassHz)
        positive(&s.levelBinS, d.levelBinS)
        positive(&s.stillnessLagS, d.stillnessLagS)
        nonNegative(&s.stillnessNoiseFactor, d.stillnessNoiseFactor)
        nonNegative(&s.minStillnessChangeG, d.minStillnessChangeG)
        positive(&s.minRestS, d.minRestS)
        positive(&s.restLevelWindowS, d.restLevelWindowS)
        positive(&s.maxHoldS, d.maxHoldS)
        nonNegative(&s.shortHoldS, d.shortHoldS)
        nonNegative(&s.tiltConfirmationWindowS, d.tiltConfirmationWindowS)
        nonNegative(&s.bilateralPartnerMarginS, d.bilateralPartnerMarginS)
        nonNegative(&s.energyMeanWindowS, d.energyMeanWindowS)
        positive(&s.energyAverageS, d.energyAverageS)
        nonNegative(&s.energyClearanceS, d.energyClearanceS)
        nonNegative(&s.energyAdjacencyS, d.energyAdjacencyS)
        nonNegative(&s.tiltSeriesNoiseFactor, d.tiltSeriesNoiseFactor)
        positive(&s.restingWindowS, d.restingWindowS)
        if !(s.restingQuantile.isFinite && (0...1).contains(s.restingQuantile)) { s.restingQuantile = d.restingQuantile }
        nonNegative(&s.onsetThresholdG, d.onsetThresholdG)
        nonNegative(&s.offsetThresholdG, d.offsetThresholdG)
        nonNegative(&s.restingNoiseFactor, d.restingNoiseFactor)
        nonNegative(&s.maxRestingNoiseRatio, d.maxRestingNoiseRatio)
        nonNegative(&s.dynamicSeriesNoiseFactor, d.dynamicSeriesNoiseFactor)
        nonNegative(&s.onsetTiltDegrees, d.onsetTiltDegrees)
        nonNegative(&s.offsetTiltDegrees, d.offsetTiltDegrees)
        nonNegative(&s.tiltRestingNoiseFactor, d.tiltRestingNoiseFactor)
        positive(&s.offsetQuietDurationS, d.offsetQuietDurationS)
        nonNegative(&s.maxOnsetBacktrackS, d.maxOnsetBacktrackS)
        nonNegative(&s.maxEdgeExtensionS, d.maxEdgeExtensionS)
        nonNegative(&s.footNoiseFactor, d.footNoiseFactor)
        nonNegative(&s.minFootDegrees, d.minFootDegrees)
        nonNegative(&s.edgeRefinementMaxDurationS, d.edgeRefinementMaxDurationS)
        nonNegative(&s.edgeRefinementPeakFactor, d.edgeRefinementPeakFactor)
        nonNegative(&s.maxHoldGapS, d.maxHoldGapS)
        nonNegative(&s.maxHoldJoinedDurationS, d.maxHoldJoinedDurationS)
        nonNegative(&s.holdNoiseFactor, d.holdNoiseFactor)
        nonNegative(&s.minHoldDegrees, d.minHoldDegrees)
        positive(&s.movementBandHz, d.movementBandHz)
        positive(&s.impulsiveBandStartHz, d.impulsiveBandStartHz)
        nonNegative(&s.minPeakToFloorRatio, d.minPeakToFloorRatio)
        nonNegative(&s.spikeNoiseExcess, d.spikeNoiseExcess)
        positive(&s.maxDominantFrequencyHz, d.maxDominantFrequencyHz)
        nonNegative(&s.featurePaddingS, d.featurePaddingS)
        nonNegative(&s.maxBridgedDefectS, d.maxBridgedDefectS)
        positive(&s.activityTraceBinS, d.activityTraceBinS)
        positive(&s.processingChunkS, d.processingChunkS)
        if !(1...8).contains(s.dynamicLowPassOrder) { s.dynamicLowPassOrder = d.dynamicLowPassOrder }
        if !(1...8).contains(s.tiltLowPassOrder) { s.tiltLowPassOrder = d.tiltLowPassOrder }
        return s
    }

    /// The defaults documented above.
    public static let `default` = DetectionSettings()

    /// Every setting as (name, value, unit), in declaration order, for reports.
    public var entries: [(name: String, value: Double, unit: String)] {
        [
            ("dynamicLowPassHz", dynamicLowPassHz, "Hz"),
            ("dynamicLowPassOrder", Double(dynamicLowPassOrder), ""),
            ("baselineWindowS", baselineWindowS, "s"),
            ("baselineBinS", baselineBinS, "s"),
            ("envelopeSmoothingS", envelopeSmoothingS, "s"),
            ("tiltRateHz", tiltRateHz, "Hz"),
            ("tiltLowPassHz", tiltLowPassHz, "Hz"),
            ("tiltLowPassOrder", Double(tiltLowPassOrder), ""),
            ("minTiltLowPassHz", minTiltLowPassHz, "Hz"),
            ("tiltBaselineOneSided", tiltBaselineOneSided ? 1 : 0, ""),
            ("tiltAdjacentRest", tiltAdjacentRest ? 1 : 0, ""),
            ("stillnessLagS", stillnessLagS, "s"),
            ("stillnessNoiseFactor", stillnessNoiseFactor, ""),
            ("minStillnessChangeG", minStillnessChangeG, "g"),
            ("minRestS", minRestS, "s"),
            ("restLevelWindowS", restLevelWindowS, "s"),
            ("maxHoldS", maxHoldS, "s"),
            ("shortHoldS", shortHoldS, "s"),
            ("tiltSeriesNoiseFactor", tiltSeriesNoiseFactor, ""),
            ("tiltConfirmationWindowS", tiltConfirmationWindowS, "s"),
            ("bilateralPartnerMarginS", bilateralPartnerMarginS, "s"),
            ("lowLevelOwnLegConfirmation", lowLevelOwnLegConfirmation ? 1 : 0, ""),
            ("energyMeanWindowS", energyMeanWindowS, "s"),
            ("energyAverageS", energyAverageS, "s"),
            ("energyClearanceS", energyClearanceS, "s"),
            ("energyAdjacencyS", energyAdjacencyS, "s"),
            ("levelBinS", levelBinS, "s"),
            ("restingWindowS", restingWindowS, "s"),
            ("restingQuantile", restingQuantile, ""),
            ("onsetThresholdG", onsetThresholdG, "g"),
            ("restingNoiseFactor", restingNoiseFactor, ""),
            ("maxRestingNoiseRatio", maxRestingNoiseRatio, ""),
            ("dynamicSeriesNoiseFactor", dynamicSeriesNoiseFactor, ""),
            ("offsetThresholdG", offsetThresholdG, "g"),
            ("onsetTiltDegrees", onsetTiltDegrees, "deg"),
            ("offsetTiltDegrees", offsetTiltDegrees, "deg"),
            ("tiltRestingNoiseFactor", tiltRestingNoiseFactor, ""),
            ("offsetQuietDurationS", offsetQuietDurationS, "s"),
            ("maxOnsetBacktrackS", maxOnsetBacktrackS, "s"),
            ("maxEdgeExtensionS", maxEdgeExtensionS, "s"),
            ("footNoiseFactor", footNoiseFactor, ""),
            ("minFootDegrees", minFootDegrees, "deg"),
            ("footAboveFilterRinging", footAboveFilterRinging ? 1 : 0, ""),
            ("edgeRefinementMaxDurationS", edgeRefinementMaxDurationS, "s"),
            ("edgeRefinementPeakFactor", edgeRefinementPeakFactor, ""),
            ("maxHoldGapS", maxHoldGapS, "s"),
            ("maxHoldJoinedDurationS", maxHoldJoinedDurationS, "s"),
            ("holdNoiseFactor", holdNoiseFactor, ""),
            ("minHoldDegrees", minHoldDegrees, "deg"),
            ("movementBandHz", movementBandHz, "Hz"),
            ("impulsiveBandStartHz", impulsiveBandStartHz, "Hz"),
            ("minPeakToFloorRatio", minPeakToFloorRatio, ""),
            ("spikeNoiseExcess", spikeNoiseExcess, ""),
            ("maxDominantFrequencyHz", maxDominantFrequencyHz, "Hz"),
            ("featurePaddingS", featurePaddingS, "s"),
            ("maxBridgedDefectS", maxBridgedDefectS, "s"),
            ("processingChunkS", processingChunkS, "s"),
            ("activityTraceBinS", activityTraceBinS, "s"),
        ]
    }
}
