import Foundation
import PLMTestSupport

/// Two constructed ankle recordings (generic CSV, 50 Hz, 180 s each): the left file starts at
/// 2026-03-01T23:00:00.000+01:00, the right one 10 s later. Movements are given in each file's own
/// seconds; on the report's time line (seconds since the left file's first sample) the right
/// leg's movements are 10 s later. No left and right movement overlap or come within 0.5 s of each
/// other, so none merge into a bilateral movement (13 leg movements, 13 candidates).
struct TwoLegTestNight {
    static let rightStartDelayS = 10.0
    static let fileDurationS = 180.0
    static let leftStart = WallClock(year: 2026, month: 3, day: 1, hour: 23, minute: 0, second: 0, utcOffset: "+01:00")
    static let rightStart = WallClock(year: 2026, month: 3, day: 1, hour: 23, minute: 0, second: 10, utcOffset: "+01:00")

    static let leftMovements: [ConstructedMovement] = [
        ConstructedMovement(onsetS: 20.0, durationS: 1.5, degrees: 15),
        ConstructedMovement(onsetS: 40.3, durationS: 2.5, degrees: 22),
        ConstructedMovement(onsetS: 62.0, durationS: 1.0, degrees: 12, rampS: 0.1),
        ConstructedMovement(onsetS: 85.5, durationS: 3.8, degrees: 18, rampS: 0.2),
        ConstructedMovement(onsetS: 110.0, durationS: 2.0, degrees: 25),
        ConstructedMovement(onsetS: 135.2, durationS: 1.2, degrees: 10, rampS: 0.12),
        ConstructedMovement(onsetS: 158.0, durationS: 3.0, degrees: 20),
    ]

    static let rightMovements: [ConstructedMovement] = [
        ConstructedMovement(onsetS: 18.0, durationS: 2.0, degrees: 20),
        ConstructedMovement(onsetS: 37.5, durationS: 1.0, degrees: 14, rampS: 0.1),
        ConstructedMovement(onsetS: 60.0, durationS: 3.5, degrees: 16, rampS: 0.2),
        ConstructedMovement(onsetS: 90.0, durationS: 1.5, degrees: 24),
        ConstructedMovement(onsetS: 120.0, durationS: 2.2, degrees: 11),
        ConstructedMovement(onsetS: 140.0, durationS: 4.0, degrees: 19, rampS: 0.18),
    ]

    let folder: TemporaryFolder
    let leftPath: String
    let rightPath: String

    /// Writes both files into a new temporary folder (remove it with `folder.remove()`).
    init() throws {
        folder = try TemporaryFolder()
        leftPath = folder.file("left.csv")
        rightPath = folder.file("right.csv")
        try SyntheticAnkleCSV(
            startClock: Self.leftStart, durationS: Self.fileDurationS, seed: 11, movements: Self.leftMovements
        ).write(to: leftPath)
        try SyntheticAnkleCSV(
            startClock: Self.rightStart, durationS: Self.fileDurationS, seed: 22, movements: Self.rightMovements
        ).write(to: rightPath)
    }
}
