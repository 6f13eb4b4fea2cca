import ArgumentParser
import PLMKit

/// How to read the sensor files: shared by `plm analyze` and `plm inspect`.
///
/// Every option defaults to "recognise it from the file"; give one only when `plm inspect`
/// says the file cannot be read without it.
struct FileReadingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "File layout: auto (recognise it), actigraph (ActiLife raw CSV), geneactiv (GENEActiv CSV), axivity (cwa-convert CSV), generic (a time column and x, y, z), or the binary cwa (Axivity AX3/AX6), geneactiv-bin (GENEActiv .bin), gt3x (ActiGraph).",
        valueName: "layout"))
    var format: String = "auto"

    @Option(help: ArgumentHelp(
        "Unit of the acceleration values when the file does not say: g, mg, m/s2, or counts:PER_G:ZERO for raw integer counts.",
        valueName: "unit"))
    var units: String?

    @Option(help: ArgumentHelp("Sample rate in Hz, for files without a time column or header that states it.", valueName: "Hz"))
    var rate: Double?

    @Option(help: ArgumentHelp(
        "Role of each column in order, for files without a usable header: e.g. time,x,y,z or -,time,x,y,z (- skips a column).",
        valueName: "roles"))
    var columns: String?

    @Option(help: ArgumentHelp(
        "How times are written: iso8601, unix-s, unix-ms, excel, or a strptime pattern such as '%d/%m/%Y %H:%M:%S'.",
        valueName: "format"))
    var timeFormat: String?

    @Option(help: ArgumentHelp("Field separator: ',', ';' or 'tab'.", valueName: "char"))
    var delimiter: String?

    @Option(help: ArgumentHelp("Decimal mark of the numbers: '.' or ','.", valueName: "char"))
    var decimal: String?

    @Option(help: ArgumentHelp("Lines to skip before the header or the first data row.", valueName: "n"))
    var skipLines: Int?

    @Option(help: ArgumentHelp(
        "The file clock's offset from UTC, e.g. +01:00, when the file does not state it.", valueName: "offset"))
    var utcOffset: String?

    /// The reader's options, or a usage error naming the option.
    func readOptions() throws -> ReadOptions {
        var options = ReadOptions()
        guard let choice = FormatChoice(rawValue: format.lowercased()) else {
            throw ValidationError("--format \"\(format)\": expected one of \(FormatChoice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        options.format = choice
        if let units {
            guard let unit = AccelerationUnit(argument: units) else {
                throw ValidationError("--units \"\(units)\": expected g, mg, m/s2 or counts:PER_G:ZERO")
            }
            options.units = unit
        }
        if let rate {
            guard rate.isFinite, rate > 0 else { throw ValidationError("--rate \(rate): expected a positive number of Hz") }
            options.rateHz = rate
        }
        if let columns {
            guard let roles = ColumnRole.list(parsing: columns) else {
                throw ValidationError("--columns \"\(columns)\": expected roles such as time,x,y,z (one per column, - to skip)")
            }
            options.columns = roles
        }
        if let timeFormat {
            guard let parsed = TimeFormat(argument: timeFormat) else {
                throw ValidationError("--time-format \"\(timeFormat)\": expected iso8601, unix-s, unix-ms, excel or a strptime pattern with %")
            }
            options.timeFormat = parsed
        }
        if let delimiter {
            switch delimiter.lowercased() {
            case ",": options.delimiter = ","
            case ";": options.delimiter = ";"
            case "tab", "\t": options.delimiter = "\t"
            default: throw ValidationError("--delimiter \"\(delimiter)\": expected ',', ';' or 'tab'")
            }
        }
        if let decimal {
            guard decimal == "." || decimal == "," else { throw ValidationError("--decimal \"\(decimal)\": expected '.' or ','") }
            options.decimalMark = decimal.first
        }
        if let skipLines {
            guard skipLines >= 0 else { throw ValidationError("--skip-lines \(skipLines): expected 0 or more") }
            options.skipLines = skipLines
        }
        if let utcOffset {
            guard let seconds = Self.parseUTCOffset(utcOffset) else {
                throw ValidationError("--utc-offset \"\(utcOffset)\": expected an offset such as +01:00, -05:00 or Z")
            }
            options.utcOffsetS = seconds
        }
        return options
    }

    /// `Z`, `+hh:mm`, `-hh:mm`, `+hhmm` or `+hh` to seconds.
    static func parseUTCOffset(_ text: String) -> Int? {
        if text == "Z" || text == "z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let hours = digits.count == 2 ? value : value / 100
        let minutes = digits.count == 2 ? 0 : value % 100
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}

extension FileReadingOptions {
    func validate() throws { _ = try readOptions() }
}
