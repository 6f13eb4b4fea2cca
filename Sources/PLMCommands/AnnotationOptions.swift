import ArgumentParser

/// The polysomnography annotations scoring can use: shared by `plm analyze` and `plm score`.
struct AnnotationOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Respiratory events (apnoeas, hypopnoeas) from the PSG: CSV with start_s,end_s (seconds since the recording start) or clock times; leg movements linked to them are not counted as PLMs.",
        valueName: "file"))
    var respiratory: String?

    @Option(help: ArgumentHelp("Arousals from the PSG: CSV with start_s,end_s; PLMs with an arousal are counted.", valueName: "file"))
    var arousals: String?

    @Option(help: ArgumentHelp(
        "Hypnogram from the PSG: CSV with a stage column, one row per 30-s epoch; gives the PLMS index per hour of sleep.",
        valueName: "file"))
    var hypnogram: String?
}
