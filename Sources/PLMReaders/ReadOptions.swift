import PLMCore
/// How `RecordingReader` should read a file: which layout, and for files the reader cannot
/// describe by itself, what their columns, time format and units are.
///
/// Every field defaults to "work it out from the file" (`nil` or `.auto`); a value given here
/// overrides what the reader would detect. The fields mirror the command-line options of
/// `plm` (`--format`, `--units`, `--rate`, `--columns`, `--time-format`, `--delimiter`,
/// `--decimal`, `--skip-lines`).
public struct ReadOptions: Sendable, Hashable {
    /// Which layout to read; `.auto` recognises it from the file's first lines.
    public var format: FormatChoice
    /// Unit of the acceleration values in the file; `nil` = the layout's own (g for every
    /// device export, or what a header/units row says).
    public var units: AccelerationUnit?
    /// Sampling rate in Hz for files without a time column (and without a header that states it).
    public var rateHz: Double?
    /// Role of each column, in file order (e.g. `time,x,y,z` or `-,time,x,y,z`); `nil` = from
    /// the header row or the layout.
    public var columns: [ColumnRole]?
    /// How the time column is written; `nil` = recognised from the first data row.
    public var timeFormat: TimeFormat?
    /// Field separator (`,` `;` or tab); `nil` = detected.
    public var delimiter: Character?
    /// Decimal mark of the numbers (`.` or `,`); `nil` = detected (`.` unless a `;`/tab file
    /// writes `0,123`).
    public var decimalMark: Character?
    /// Lines to skip before the header row or the first data row; `nil` = detected.
    public var skipLines: Int?
    /// Offset of the file's clock from UTC, seconds, for files whose times carry none
    /// (`nil` = unknown, unless the file states it).
    public var utcOffsetS: Int?

    /// Options that detect everything from the file.
    public init() {
        format = .auto
        units = nil
        rateHz = nil
        columns = nil
        timeFormat = nil
        delimiter = nil
        decimalMark = nil
        skipLines = nil
        utcOffsetS = nil
    }
}

/// The layout to read, or `.auto` to recognise it.
public enum FormatChoice: String, Sendable, Hashable, Codable, CaseIterable {
    case auto, actigraph, geneactiv, axivity, generic
    /// Axivity binary `.cwa`.
    case cwa
    /// GENEActiv binary `.bin`.
    case geneactivBin = "geneactiv-bin"
    /// ActiGraph `.gt3x`.
    case gt3x
}

/// Unit of the acceleration values written in a file. The reader converts everything to g.
public enum AccelerationUnit: Sendable, Hashable {
    /// Standard gravity units (what every device export writes).
    case g
    /// Thousandths of g (Garmin-style exports, UK Biobank summaries).
    case milliG
    /// m/s² (Shimmer, phone sensor loggers); divided by ``standardGravity``.
    case metresPerSecondSquared
    /// Raw integer counts: `g = (value - zero) / perG` (Empatica E4: 64 per g, zero 0).
    case counts(perG: Double, zero: Double)

    /// Standard acceleration of gravity, m/s², used to convert m/s² to g.
    /// Source: 3rd CGPM (1901), 9.80665 m/s² exactly.
    public static let standardGravity = 9.80665

    /// Parses a command-line spelling: `g`, `mg`, `m/s2` (`m/s^2`, `mps2`), or
    /// `counts:PER_G[:ZERO]`. Returns nil for anything else.
    public init?(argument: String) {
        let text = argument.lowercased().filter { $0 != " " }
        switch text {
        case "g": self = .g
        case "mg", "millig", "milli-g": self = .milliG
        case "m/s2", "m/s^2", "m/s²", "mps2", "m/(s^2)", "ms-2", "m.s-2": self = .metresPerSecondSquared
        default:
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3, parts[0] == "counts",
                let perG = Double(parts[1]), perG > 0, perG.isFinite
            else { return nil }
            var zero = 0.0
            if parts.count == 3 {
                guard let z = Double(parts[2]), z.isFinite else { return nil }
                zero = z
            }
            self = .counts(perG: perG, zero: zero)
        }
    }

    /// `g = (value - zeroOffset) / perG` (a division, so that 987 mg is exactly the Double nearest 0.987).
    var perG: Double {
        switch self {
        case .g: 1
        case .milliG: 1000
        case .metresPerSecondSquared: Self.standardGravity
        case .counts(let perG, _): perG
        }
    }

    var zeroOffset: Double {
        if case .counts(_, let zero) = self { return zero }
        return 0
    }

    /// How the unit is spelled on the command line.
    public var argumentSpelling: String {
        switch self {
        case .g: "g"
        case .milliG: "mg"
        case .metresPerSecondSquared: "m/s2"
        case .counts(let perG, let zero): zero == 0 ? "counts:\(DecimalText.short(perG))" : "counts:\(DecimalText.short(perG)):\(DecimalText.short(zero))"
        }
    }
}

/// What a column of a generic CSV holds.
public enum ColumnRole: String, Sendable, Hashable, Codable, CaseIterable {
    case time, x, y, z
    /// A column to skip (gyroscope, temperature, lux, ...).
    case ignore

    /// Parses a comma-separated list of roles, one per file column in order: `time`/`t`,
    /// `x`, `y`, `z`, and `-`/`_`/`skip` for a column to skip. Needs exactly one x, y and z
    /// and at most one time column.
    /// - Returns: the roles, or nil when the list is not valid.
    public static func list(parsing text: String) -> [ColumnRole]? {
        var roles: [ColumnRole] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            switch raw.trimmingSpaces().lowercased() {
            case "time", "t", "timestamp": roles.append(.time)
            case "x": roles.append(.x)
            case "y": roles.append(.y)
            case "z": roles.append(.z)
            case "-", "_", "skip", "ignore", "": roles.append(.ignore)
            default: return nil
            }
        }
        for role in [ColumnRole.x, .y, .z] where roles.filter({ $0 == role }).count != 1 { return nil }
        if roles.filter({ $0 == .time }).count > 1 { return nil }
        return roles
    }
}

/// How a time column is written.
public enum TimeFormat: Sendable, Hashable {
    /// ISO 8601 date and time (`T` or space), optional fraction, optional `Z`/`+hh:mm` offset.
    case iso8601
    /// A strptime-style pattern: `%Y %y %m %d %b %H %M %S %f` (fraction digits) `%z` (offset),
    /// `%F` (= `%Y-%m-%d`), `%T` (= `%H:%M:%S`), `%%`; other characters match themselves.
    case pattern(String)
    /// Seconds since 1970-01-01 UTC (decimals allowed).
    case unixSeconds
    /// Milliseconds since 1970-01-01 UTC (decimals and `1.5E12` notation allowed).
    case unixMilliseconds
    /// Days since 1899-12-30 (spreadsheet serial dates, activPAL), on the local clock.
    case excelDays

    /// Parses a command-line spelling: `iso8601`, `unix`/`unix-s`, `unix-ms`, `excel`, or a
    /// pattern containing `%`. Returns nil for anything else.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "iso", "iso8601", "iso-8601": self = .iso8601
        case "unix", "unix-s", "unix_s", "unixs", "s", "epoch": self = .unixSeconds
        case "unix-ms", "unix_ms", "unixms", "ms": self = .unixMilliseconds
        case "excel", "excel-days", "excel_days", "days": self = .excelDays
        default:
            guard argument.contains("%") else { return nil }
            self = .pattern(argument)
        }
    }

    /// How the format is spelled on the command line.
    public var argumentSpelling: String {
        switch self {
        case .iso8601: "iso8601"
        case .pattern(let p): p
        case .unixSeconds: "unix-s"
        case .unixMilliseconds: "unix-ms"
        case .excelDays: "excel"
        }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\"" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\"" || l == "\r" { s = s.dropLast() }
        return s
    }
}

