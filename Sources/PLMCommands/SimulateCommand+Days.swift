import ArgumentParser
import PLMKit

/// `plm simulate --three-days` / `--days N`: a multi-day recording with its truth.
extension SimulateCommand {
    func writeDays(_ dayCount: Int, start: RecordingStartTime, layout: SimulatedFileLayout, unit: SimulatedFileUnit) throws {
        // Without --rate, the multi-day simulator's default rate.
        var settings = rate.map { MultiDaySettings.days(dayCount, sampleRateHz: $0, seed: seed) } ?? .days(dayCount, seed: seed)
        let rate = settings.sampleRateHz
        settings.recordingStart = start
        if let noise { settings.noiseG = noise }
        if let share = transitionPlmwShare { settings.plmNightConditions = SimulationConditions(sleepTransitionPLMWShare: share) }
        // Written segment by segment: a long recording is never held whole.
        let (written, truth) = try MultiDayWriter.simulateAndWrite(
            settings, toDirectory: out, layout: layout, units: unit, gzip: gzip)
        print("Wrote \(written.leftPath), \(written.rightPath) and \(written.truthPath)")
        print(
            "\(dayCount) days at \(rate) Hz, seed \(seed): \(truth.nights.count) nights (\(truth.nights.map(\.profile.rawValue).joined(separator: ", "))), "
                + "\(truth.naps.count) nap(s), \(truth.sofaEvenings.count) sofa evening(s), \(truth.nonWear.count) non-wear period(s)")
    }
}
