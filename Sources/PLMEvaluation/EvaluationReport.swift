import Foundation
import PLMCore

/// The evaluation of one or more nights: per night, pooled over nights, and the PLM index
/// agreement across nights (`plm-evaluation/1`).
public struct EvaluationReport: Sendable, Hashable, Codable {
    public var format: String = "plm-evaluation/1"
    public var options: EvaluationOptions
    public var nights: [NightEvaluation]
    /// Event counts summed over nights (both legs).
    public var pooled: DetectionCounts
    /// PLM index agreement over the nights with an index on both sides; nil for fewer than 2.
    public var plmIndexAgreement: AgreementStatistics?
    /// Sensitivity by peak deviation summed over the nights whose reference gives peak
    /// deviations; nil when none does.
    public var pooledByPeakDeviation: [PeakDeviationBin]?

    public init(nights: [NightEvaluation], options: EvaluationOptions = .standard) {
        self.options = options
        self.nights = nights
        self.pooled = nights.reduce(DetectionCounts(referenceCount: 0, detectedCount: 0, truePositives: 0)) { $0 + $1.total }
        self.pooledByPeakDeviation = PeakDeviationBin.sum(nights.compactMap(\.sensitivityByPeakDeviation))
        let paired = nights.compactMap { n -> (Double, Double)? in
            guard let r = n.referencePLMIndex, let d = n.detectedPLMIndex else { return nil }
            return (r, d)
        }
        plmIndexAgreement = AgreementStatistics(reference: paired.map(\.0), detected: paired.map(\.1))
    }

    /// Deterministic JSON (sorted keys, pretty-printed, trailing newline).
    public func jsonBytes() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [10]
    }

    /// Writes the JSON atomically (temporary file in the same folder, then rename).
    public func write(toPath path: String) throws(EvaluationError) {
        let bytes: [UInt8]
        do {
            bytes = try jsonBytes()
        } catch {
            throw .writeFailed(path: path, reason: "cannot encode the evaluation (\(error))")
        }
        do {
            try AtomicFileWriter.write(bytes, to: path)
        } catch {
            throw .writeFailed(path: path, reason: "cannot \(error.operation) the file: \(error.reason)")
        }
    }

    /// An aligned plain-text summary for the terminal.
    public func text() -> String {
        func pct(_ v: Double?) -> String { v.map { fixed($0 * 100, 1) + " %" } ?? "-" }
        func num(_ v: Double?, _ d: Int) -> String { v.map { fixed($0, d) } ?? "-" }
        // Sensitivity by peak deviation: one column per bin when any reference gives peak deviations.
        let binHeadings = pooledByPeakDeviation.map { $0.map { "sens " + $0.label } } ?? []
        func binCells(_ bins: [PeakDeviationBin]?) -> [String] {
            guard !binHeadings.isEmpty else { return [] }
            guard let bins, bins.count == binHeadings.count else { return binHeadings.map { _ in "-" } }
            return bins.map { b in b.referenceCount > 0 ? "\(pct(b.sensitivity)) (\(b.referenceCount))" : "-" }
        }
        var rows: [[String]] = [["night", "profile", "ref LMs", "in gaps", "found", "matched", "sensitivity", "PPV", "F1", "onset err (median / mean |e|) s", "PLMI ref", "PLMI found"] + binHeadings]
        for (k, n) in nights.enumerated() {
            let onset = n.onsetError.map { "\(fixed($0.medianS, 2)) / \(fixed($0.meanAbsoluteS, 2))" } ?? "-"
            rows.append([
                "\(k + 1)", n.profile ?? "-", "\(n.total.referenceCount)", "\(n.total.referenceInExcludedTime)", "\(n.total.detectedCount)", "\(n.total.truePositives)",
                pct(n.total.sensitivity), pct(n.total.positivePredictiveValue), pct(n.total.f1), onset,
                num(n.referencePLMIndex, 1), num(n.detectedPLMIndex, 1),
            ] + binCells(n.sensitivityByPeakDeviation))
        }
        if nights.count > 1 {
            rows.append([
                "all", "", "\(pooled.referenceCount)", "\(pooled.referenceInExcludedTime)", "\(pooled.detectedCount)", "\(pooled.truePositives)",
                pct(pooled.sensitivity), pct(pooled.positivePredictiveValue), pct(pooled.f1), "", "", "",
            ] + binCells(pooledByPeakDeviation))
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in rows {
            out += r.enumerated().map { i, c in i < 2 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[i] - c.count) + c }.joined(separator: "  ")
            out += "\n"
        }
        for (k, n) in nights.enumerated() {
            out += "night \(k + 1): reference \(n.referenceSource), detection \(n.detectedSource)"
            out += "; left \(pct(n.left.sensitivity)) / \(pct(n.left.positivePredictiveValue)), right \(pct(n.right.sensitivity)) / \(pct(n.right.positivePredictiveValue)) (sensitivity / PPV)"
            if let o = n.offsetError { out += "; offset error median \(fixed(o.medianS, 2)) s, mean |e| \(fixed(o.meanAbsoluteS, 2)) s" }
            if let e = n.plmIndexError { out += "; PLM index error \(fixed(e, 1)) /h" }
            out += "\n"
        }
        if let a = plmIndexAgreement {
            out += "PLM index agreement over \(a.nightCount) nights: bias \(fixed(a.bias, 2)) /h, limits of agreement \(fixed(a.lowerLimitOfAgreement, 2)) to \(fixed(a.upperLimitOfAgreement, 2)) /h"
            out += ", ICC(A,1) \(a.iccAbsoluteAgreement.map { fixed($0, 3) } ?? "undefined")\n"
        }
        return out
    }
}

/// `value` with `decimals` decimals (the project's one formatter, ``DecimalText``).
func fixed(_ value: Double, _ decimals: Int) -> String {
    DecimalText.fixed(value, decimals, nonFinite: "\(value)")
}
