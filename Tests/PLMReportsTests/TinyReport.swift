import PLMCore
import PLMReports

/// A report small enough to check by hand: two LMs, two candidate movements, no series.
/// Every number is already at millisecond precision so that JSON round-trips exactly.
enum TinyReport {
    static func make(start: String = "2024-02-28T23:59:59.500Z") -> PLMReport {
        PLMReport(
            tool: .init(name: "plm", version: "0.1.0"),
            recording: .init(start: start, legs: [
                .init(side: .left, path: "left.csv", layout: "generic", sampleRateHz: 100, samples: 360_000,
                      firstSample: start, lastSample: "2024-02-29T00:59:59.490Z",
                      defects: [.init(kind: "gap", startS: 100, endS: 112.5, excluded: true, detail: "12.5 s without samples")]),
                .init(side: .right, path: "right.csv", layout: "generic", sampleRateHz: 100, samples: 360_000,
                      firstSample: start, lastSample: "2024-02-29T00:59:59.490Z"),
            ]),
            settings: SortedObject([("rules", .text("wasm2016")), ("rateHz", .integer(100)), ("onsetThresholdG", .number(0.035)), ("deriveSleep", .flag(false))]),
            analysisWindow: .init(startS: 0, endS: 3600, timeInBedHours: 1),
            legMovements: [
                .init(side: .left, onsetS: 10.25, offsetS: 12.75, durationS: 2.5, peakAccelerationG: 0.1, tiltChangeDegrees: 4, shorterThanMinimum: false),
                .init(side: .right, onsetS: 30, offsetS: 42.5, durationS: 12.5, peakAccelerationG: 0.25, tiltChangeDegrees: 11, shorterThanMinimum: false),
            ],
            candidateMovements: [
                .init(side: .left, onsetS: 10.25, offsetS: 12.75, durationS: 2.5, isCandidate: true, periodic: false,
                      exclusionReason: "not in a series"),
                .init(side: .right, onsetS: 30, offsetS: 42.5, durationS: 12.5, isCandidate: false, periodic: false,
                      exclusionReason: "monolateral LM longer than 10 s, \"long\""),
            ],
            series: [],
            indices: .init(
                lmCount: 2, clmCount: 1, plmCount: 0, lmIndex: 2, clmIndex: 1, plmIndex: 0, periodicityIndex: nil,
                timeInBedHours: 1, shortIMICLMIndex: 0, isolatedCLMIndex: 1, leftLMCount: 1, rightLMCount: 1,
                leftCLMCount: 1, rightCLMCount: 0, bilateralCLMCount: 0, seriesCount: 0, plmToClmRatio: 0,
                asymmetry: 0, validHours: 1, hoursBasis: .timeInBed),
            severity: .init(band: "normal", edges: [5, 25, 50], bandNames: ["normal", "mild", "moderate", "severe"],
                            source: "ICSD-1", note: "PLM index per hour in bed"),
            distributions: .init(imiHistogram: .imi([]), lnIMIHistogram: .lnIMI([]), lnIMIMean: nil, lnIMISD: nil,
                                 plmsPerHour: [.init(hourStartS: 0, count: 0)]),
            quality: [
                .init(side: .left, validHours: 0.997, excludedHours: 0.003, defectCounts: SortedObject([("gap", 1)]), declaredRateHz: 100, measuredRateHz: 99.998),
                .init(side: .right, validHours: 1, excludedHours: 0, declaredRateHz: nil, measuredRateHz: nil),
            ])
    }
}
