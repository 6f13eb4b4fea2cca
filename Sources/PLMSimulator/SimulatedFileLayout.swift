/// The CSV layouts the simulator writes: those PLMReaders reads (see FORMATS.md).
public enum SimulatedFileLayout: String, Sendable, Hashable, Codable, CaseIterable {
    /// ActiGraph ActiLife "raw to CSV" export: 10-line header, column header, `M/d/yyyy HH:mm:ss.SSS`
    /// timestamps, g with 3 decimals, CRLF.
    case actigraph
    /// GENEActiv PC-software CSV export: 100 header lines of `Key,Value`, then
    /// `yyyy-MM-dd HH:mm:ss:SSS,x,y,z,lux,button,temperature`, g with 4 decimals, CRLF.
    case geneactiv
    /// Axivity cwa-convert export: no header, Unix seconds with 4 decimals, g with 6 decimals, CRLF.
    case axivity
    /// Generic `timestamp,x,y,z` with a header row and ISO 8601 local timestamps with UTC offset, LF.
    case generic

    /// Decimals written for values in g.
    var decimalsInG: Int {
        switch self {
        case .actigraph: 3
        case .geneactiv: 4
        case .axivity: 6
        case .generic: 5
        }
    }

    var lineEnding: [UInt8] { self == .generic ? [10] : [13, 10] }
}

/// The unit acceleration values are written in.
public enum SimulatedFileUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Standard gravity units.
    case g
    /// Milli-g.
    case mg
    /// Metres per second squared (1 g = 9.80665 m/s^2).
    case metresPerSecondSquared = "m/s2"

    /// Multiplier from g.
    var scaleFromG: Double {
        switch self {
        case .g: 1
        case .mg: 1000
        case .metresPerSecondSquared: standardGravityMPerS2
        }
    }

    /// Decimals written, given the layout's decimals for g.
    func decimals(layout: SimulatedFileLayout) -> Int {
        switch self {
        case .g: layout.decimalsInG
        case .mg: 2
        case .metresPerSecondSquared: 4
        }
    }
}
