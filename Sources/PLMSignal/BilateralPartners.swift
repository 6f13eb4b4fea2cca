import PLMCore
import PLMReaders

/// One leg for ``LegMovementDetector/withBilateralPartners(_:)``: its recording, its detection
/// and where its time line starts on the legs' common one, s.
public struct BilateralLeg: Sendable {
    public var recording: AccelerationRecording
    public var detection: LegDetection
    public var offsetS: Double
    /// What the detection kept for the partner search (``LegMovementDetector/bilateralLeg(_:side:offsetS:)``):
    /// with it the leg is not scanned again. Nil: detected again from the samples.
    var kept: LegMovementDetector.PartnerScans?
    /// Made by ``LegMovementDetector/bilateralLeg(_:side:offsetS:)``: `kept` then says whether the
    /// search can add anything to this leg at all.
    var madeByDetector = false

    /// Whether the partner search needs this leg's samples: false for a leg the detector found no
    /// low-level search on (every 12-bit leg), whose detection the search leaves as it is.
    public var needsSamples: Bool { !madeByDetector || kept != nil }

    /// Drops the samples when the search does not need them (``needsSamples``), so that a leg
    /// waiting for the other one holds only its detection; the recording's other fields stay.
    public mutating func releaseUnneededSamples() {
        guard !needsSamples else { return }
        recording.x = []
        recording.y = []
        recording.z = []
        recording.sampleTimesS = nil
    }

    public init(recording: AccelerationRecording, detection: LegDetection, offsetS: Double) {
        self.recording = recording
        self.detection = detection
        self.offsetS = offsetS
    }
}

extension LegMovementDetector {
    /// `recording`'s detection (``detect(_:side:)``, the same) as a leg for
    /// ``withBilateralPartners(_:)``, with what the partner search needs to confirm again without
    /// scanning the leg a second time (kept only when the search is on and the leg has a
    /// low-level search: the low-level scans, a few floats per tilt bin).
    public func bilateralLeg(_ recording: AccelerationRecording, side: LegSide, offsetS: Double = 0) -> BilateralLeg {
        var kept: PartnerScans?
        let keep = settings.bilateralPartnerMarginS > 0 && settings.bilateralPartnerMarginS.isFinite
        let detection =
            detect(recording, side: side, partnerWindowsS: nil, keep: keep, kept: &kept)
            ?? detect(recording, side: side)
        var leg = BilateralLeg(recording: recording, detection: detection, offsetS: offsetS)
        leg.kept = kept
        leg.madeByDetector = true
        return leg
    }

    /// The legs' detections with the bilateral partners the low-level search finds where the
    /// other leg moved (``DetectionSettings/bilateralPartnerMarginS``; branch `bilat6`,
    /// docs/detection.md): for two legs, each leg with a low-level search is detected again with
    /// partner windows, the other leg's movements of at least 0.5 s that none of this leg's
    /// movements of at least 0.5 s overlaps within the margin, widened by the margin. One round:
    /// the windows come from the detections given. Other legs, and any leg without a low-level
    /// search, keep their detection.
    public func withBilateralPartners(_ legs: [BilateralLeg]) -> [LegDetection] {
        let margin = settings.bilateralPartnerMarginS
        guard legs.count == 2, margin > 0, margin.isFinite else { return legs.map(\.detection) }
        return legs.indices.map { b in
            let other = legs[1 - b], leg = legs[b]
            guard leg.needsSamples else { return leg.detection }
            let windows = Self.partnerWindowsS(
                other: other.detection.movements, this: leg.detection.movements,
                shiftS: other.offsetS - leg.offsetS, marginS: margin)
            guard !windows.isEmpty else { return leg.detection }
            if let kept = leg.kept, kept.sampleCount == leg.recording.sampleCount {
                return detect(
                    leg.recording, side: leg.detection.side, again: leg.detection, kept: kept, partnerWindowsS: windows)
            }
            return detect(leg.recording, side: leg.detection.side, partnerWindowsS: windows) ?? leg.detection
        }
    }

    /// The partner windows on this leg's time line, disjoint and in order: each movement of
    /// `other` of at least 0.5 s (shifted by `shiftS` onto this leg's time line) that no movement
    /// of `this` of at least 0.5 s overlaps within `marginS`, widened by `marginS` on each side.
    static func partnerWindowsS(
        other: [LegMovement], this: [LegMovement], shiftS: Double, marginS: Double
    ) -> [TimeSpan] {
        let minimum = PublishedRules.minimumLegMovementDurationS
        let own = this.filter { $0.durationS >= minimum }.map(\.span).sorted()
        var windows: [TimeSpan] = []
        for movement in other where movement.durationS >= minimum {
            let startS = movement.onsetS + shiftS - marginS, endS = movement.offsetS + shiftS + marginS
            guard startS.isFinite, endS.isFinite, endS > startS else { continue }
            if own.contains(where: { $0.startS < endS && $0.endS > startS }) { continue }
            windows.append(TimeSpan(startS: startS, endS: endS))
        }
        windows.sort()
        var merged: [TimeSpan] = []
        for window in windows {
            if let last = merged.last, window.startS <= last.endS {
                merged[merged.count - 1] = TimeSpan(startS: last.startS, endS: max(last.endS, window.endS))
            } else {
                merged.append(window)
            }
        }
        return merged
    }
}
