/// What the whole-file defect scan (``_DefectScanner``) needs to know of each block of
/// ``_DefectScanner/scanBlock`` rows, gathered by the row parser as it stores the rows, so that the
/// scan does not pass over the sample arrays again to find that nearly every block is regular.
///
/// Block `b` holds rows `1 + b * scanBlock ..< 1 + (b + 1) * scanBlock` (the scan's blocks of
/// steps: row k's step is from row k - 1 to row k; row 0 has none). The scan still applies its
/// per-row rules, on the arrays, to every block these summaries do not show to be regular.
struct _ScanBlockSummaries: Sendable {
    /// Per block: bit 0 set when a row in it is 0,0,0 or equals the row before it on all three
    /// axes (`==` on the stored `Float`s: NaN equals nothing, -0 equals 0); bit 1 set when a time
    /// step in it is NaN.
    var flags: [UInt8] = []
    /// Per block: the smallest and the largest time step of its rows, seconds (empty without a
    /// time column).
    var smallestStepS: [Double] = []
    var largestStepS: [Double] = []

    static let valueBit: UInt8 = 1
    static let nanStepBit: UInt8 = 2

    /// Blocks of steps in `rowCount` rows.
    static func blockCount(rows rowCount: Int) -> Int {
        rowCount <= 1 ? 0 : (rowCount - 1 + _DefectScanner.scanBlock - 1) / _DefectScanner.scanBlock
    }
}

/// Builds ``_ScanBlockSummaries`` one row at a time (the row parser's hot loop: no allocation
/// but one append per block, no branch per row but the block end).
struct _ScanBlockGatherer {
    private(set) var summaries = _ScanBlockSummaries()
    private let withTimes: Bool
    private var rows = 0
    private var inBlock = 0
    private var flags: UInt8 = 0
    private var smallest = Double.infinity, largest = -Double.infinity
    private var previousX: Float = 0, previousY: Float = 0, previousZ: Float = 0
    private var previousTime = 0.0

    init(withTimes: Bool) { self.withTimes = withTimes }

    /// Adds the next row (`timeS` is ignored without times).
    @inline(__always)
    mutating func add(x: Float, y: Float, z: Float, timeS: Double) {
        defer {
            previousX = x
            previousY = y
            previousZ = z
            previousTime = timeS
            rows += 1
        }
        guard rows > 0 else { return }
        let isZero: UInt8 = (x == 0 ? 1 : 0) & (y == 0 ? 1 : 0) & (z == 0 ? 1 : 0)
        let same: UInt8 = (x == previousX ? 1 : 0) & (y == previousY ? 1 : 0) & (z == previousZ ? 1 : 0)
        flags |= isZero | same
        if withTimes {
            let step = timeS - previousTime
            flags |= step.isNaN ? _ScanBlockSummaries.nanStepBit : 0
            smallest = step < smallest ? step : smallest
            largest = step > largest ? step : largest
        }
        inBlock += 1
        if inBlock == _DefectScanner.scanBlock { closeBlock() }
    }

    private mutating func closeBlock() {
        summaries.flags.append(flags)
        if withTimes {
            summaries.smallestStepS.append(smallest)
            summaries.largestStepS.append(largest)
        }
        flags = 0
        smallest = .infinity
        largest = -.infinity
        inBlock = 0
    }

    /// The summaries of every row added (the last block may be partial).
    mutating func finish() -> _ScanBlockSummaries {
        if inBlock > 0 { closeBlock() }
        return summaries
    }
}
