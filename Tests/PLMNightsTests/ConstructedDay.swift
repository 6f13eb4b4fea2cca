import PLMNights

/// Builds per-minute epochs by hand: each minute is given a gravity direction, a noise level
/// and its moving and walking seconds, so the expected periods follow from the construction.
struct ConstructedDay {
    /// Upright gravity direction in the sensor's frame (a tilted mounting on purpose).
    static let upright = (x: 0.6, y: 0.8, z: 0.0)
    /// Lying: gravity perpendicular to the shank.
    static let lying = (x: -0.8, y: 0.6, z: 0.0)
    /// Sitting on a chair: 20 degrees from upright.
    static let sitting = (x: 0.6 * 0.94 + 0.0, y: 0.8 * 0.94, z: 0.342)
    /// The sensor lying on a table, some other direction.
    static let table = (x: 0.0, y: 0.0, z: 1.0)

    enum Activity {
        case walking, sitting, standing, lyingQuiet, lyingRestless, table
    }

    private(set) var epochs: [MinuteEpoch] = []

    /// Appends `minutes` minutes of an activity.
    mutating func add(_ activity: Activity, minutes: Int) {
        for k in 0..<minutes {
            switch activity {
            case .walking: epochs.append(Self.epoch(Self.upright, sdG: 0.3, moving: 55, walking: 50))
            case .standing: epochs.append(Self.epoch(Self.upright, sdG: 0.02, moving: 10, walking: 0))
            case .sitting: epochs.append(Self.epoch(Self.sitting, sdG: 0.01, moving: k % 3 == 0 ? 5 : 1, walking: 0))
            case .lyingQuiet:
                // Sleep with an occasional leg movement (every 5th minute moves 3 s: a 2-s LM and its edge).
                epochs.append(Self.epoch(Self.lying, sdG: 0.02, moving: k % 5 == 4 ? 3 : 0, walking: 0))
            case .lyingRestless: epochs.append(Self.epoch(Self.lying, sdG: 0.03, moving: 12 + k % 5, walking: 0))
            case .table: epochs.append(Self.epoch(Self.table, sdG: 0.003, moving: 0, walking: 0, rangeG: 0.02))
            }
        }
    }

    /// Appends hours of an activity.
    mutating func add(_ activity: Activity, hours: Double) {
        add(activity, minutes: Int((hours * 60).rounded()))
    }

    /// A minute at 20 Hz with the given mean direction, per-axis SD and range (default 6 SD).
    static func epoch(
        _ direction: (x: Double, y: Double, z: Double), sdG: Double, moving: Int, walking: Int, rangeG: Double? = nil
    ) -> MinuteEpoch {
        var e = MinuteEpoch()
        let n = 1200
        e.sampleCount = n
        let d = Double(n)
        e.sum = (direction.x * d, direction.y * d, direction.z * d)
        let q = sdG * sdG
        e.sumOfSquares = (
            d * (direction.x * direction.x + q), d * (direction.y * direction.y + q), d * (direction.z * direction.z + q)
        )
        let half = (rangeG ?? 6 * sdG) / 2
        e.minimum = (direction.x - half, direction.y - half, direction.z - half)
        e.maximum = (direction.x + half, direction.y + half, direction.z + half)
        e.movingSeconds = moving
        e.walkingSeconds = walking
        return e
    }
}

extension ConstructedDay {
    /// A normal waking day from `hours` hours long: walking and sitting alternate, standing between.
    mutating func addDay(hours: Double) {
        var left = Int((hours * 60).rounded())
        var k = 0
        while left > 0 {
            let (activity, length): (Activity, Int) = [(.walking, 20), (.sitting, 50), (.standing, 10)][k % 3]
            let m = min(left, length)
            add(activity, minutes: m)
            left -= m
            k += 1
        }
    }
}
