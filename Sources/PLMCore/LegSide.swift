/// Which leg a sensor, a movement or a candidate movement belongs to.
public enum LegSide: String, Sendable, Hashable, Codable, CaseIterable {
    case left
    case right

    /// The other leg.
    public var opposite: LegSide { self == .left ? .right : .left }

    /// One-letter code used in event CSV files (`L` / `R`).
    public var letter: String { self == .left ? "L" : "R" }
}
