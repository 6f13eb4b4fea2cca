/// Nanoseconds to seconds without losing the sub-microsecond part to a 2^53 rounding.
func _seconds(fromNanoseconds ns: Int64) -> Double {
    let (whole, rest) = ns.quotientAndRemainder(dividingBy: 1_000_000_000)
    return Double(whole) + Double(rest) * 1e-9
}
