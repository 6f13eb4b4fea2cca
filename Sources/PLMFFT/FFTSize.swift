/// Transform lengths FFTW handles fast.
///
/// FFTW's cost depends on the prime factors of the length: a prime length of 2.88 M points
/// took 1.1-1.3 s against 70 ms for a 2-3-5-7-smooth one on this machine type
/// (`../shared/SWIFT_NOTES.md`). Pad to a smooth length, never transform a prime one.
public enum FFTSize {
    /// The smallest even length `>= n` whose only prime factors are 2, 3, 5 and 7.
    /// - Complexity: O(log n) candidates, each factored in O(log n).
    public static func nextFastLength(atLeast n: Int) -> Int {
        var candidate = max(2, n)
        if candidate % 2 == 1 { candidate += 1 }
        while !isSmooth(candidate) { candidate += 2 }
        return candidate
    }

    /// Whether `n` has no prime factor above 7.
    public static func isSmooth(_ n: Int) -> Bool {
        guard n > 0 else { return false }
        var m = n
        for p in [2, 3, 5, 7] {
            while m % p == 0 { m /= p }
        }
        return m == 1
    }
}
