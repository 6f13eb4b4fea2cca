internal import CFFTW
import PLMCore

/// The process-wide FFTW planner: makes each plan once per size and serialises every call into
/// FFTW's planner and wisdom functions.
///
/// FFTW's planner, plan destruction and wisdom calls are not thread-safe (only `fftw_execute*`
/// is); concurrent planning with a wisdom call crashed or hung here in 3 of 5 runs
/// (`../shared/SWIFT_NOTES.md`). Everything that touches the planner goes through its lock.
/// Plans are cached for the life of the process and never destroyed, so no destroy call can
/// race with an execute.
public final class FFTPlanner: Sendable {
    /// The shared planner.
    public static let shared = FFTPlanner()

    private struct State {
        var realPlans: [Int: RealFFTPlan] = [:]
        var wisdomLoaded = false
    }

    private let state = LockedValue(State())

    private init() {}

    /// The forward/inverse real-FFT plan pair for `length` points, made on first use.
    ///
    /// Planning uses `FFTW_ESTIMATE` (FFTW_MEASURE on a 2.88 M-point transform took minutes
    /// here), unless wisdom imported with ``importWisdom(fromFile:)`` covers the size, in which
    /// case the wisdom's measured plan is used.
    /// - Parameter length: transform length, even and positive; use ``FFTSize/nextFastLength(atLeast:)``.
    public func realPlan(length: Int) -> RealFFTPlan {
        state.withLock { state in
            if let plan = state.realPlans[length] { return plan }
            let plan = RealFFTPlan(unsafeUnderPlannerLock: length, preferWisdom: state.wisdomLoaded)
            state.realPlans[length] = plan
            return plan
        }
    }

    /// Imports FFTW wisdom (as written by `fftw-wisdom` or ``exportWisdom(toFile:)``).
    /// - Returns: whether FFTW accepted the file.
    @discardableResult
    public func importWisdom(fromFile path: String) -> Bool {
        state.withLock { state in
            let ok = fftw_import_wisdom_from_filename(path) != 0
            if ok { state.wisdomLoaded = true }
            return ok
        }
    }

    /// Writes the wisdom accumulated so far to a file. - Returns: whether FFTW wrote it.
    @discardableResult
    public func exportWisdom(toFile path: String) -> Bool {
        state.withLock { _ in fftw_export_wisdom_to_filename(path) != 0 }
    }

    /// The FFTW library version string, for reports.
    public static var libraryVersion: String { String(cString: plmkit_fftw_version()) }
}
