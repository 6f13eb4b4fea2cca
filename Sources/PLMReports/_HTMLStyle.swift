/// Colours and the style sheet of the HTML report.
///
/// Colours are from the Okabe-Ito palette (distinguishable with the common colour-vision
/// deficiencies); every colour distinction is doubled by a shape, a lane or a fill pattern so
/// that a greyscale print still reads.
enum _HTMLStyle {
    static let ink = "#1a1a1a"
    static let muted = "#5f5f5f"
    static let grid = "#d9d9d9"
    /// PLM (periodic CLM): vermillion, drawn as a filled triangle in the top lane.
    static let periodic = "#D55E00"
    /// Non-periodic CLM: blue, drawn as an open circle in the middle lane.
    static let nonPeriodic = "#0072B2"
    /// Candidate movement that is not a CLM: grey cross in the bottom lane.
    static let nonCandidate = "#6b6b6b"
    /// Series bands: orange, translucent.
    static let series = "#E69F00"
    /// Sleep lane: sky blue (reads as mid grey in print, distinct from the black lights bar).
    static let sleep = "#56B4E9"
    /// Activity trace fill.
    static let trace = "#7f7f7f"
    /// IMI histogram bars.
    static let imiBars = "#0072B2"
    /// ln(IMI) histogram bars.
    static let lnIMIBars = "#009E73"
    /// Severity bands, light to dark (sequential, reads in greyscale).
    static let severityFills = ["#f2f2f2", "#fdd0a2", "#f4a259", "#d55e00", "#8c3a00", "#4d1f00"]

    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: #1a1a1a;
          background: #ffffff; margin: 0; font-size: 14px; line-height: 1.4; }
        main { max-width: 1160px; margin: 0 auto; padding: 20px 28px 40px; }
        header.report { border-bottom: 3px solid #1a1a1a; padding-bottom: 10px; margin-bottom: 14px; }
        h1 { font-size: 24px; margin: 0 0 2px; letter-spacing: -0.01em; }
        h1 .sub { font-weight: normal; color: #5f5f5f; font-size: 17px; }
        h2 { font-size: 16px; margin: 22px 0 8px; padding-bottom: 3px; border-bottom: 1px solid #bdbdbd;
          text-transform: uppercase; letter-spacing: 0.04em; color: #333333; }
        h3 { font-size: 14px; margin: 10px 0 4px; }
        .meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 14px;
          font-size: 13px; margin: 8px 0 0; }
        .meta dt { color: #5f5f5f; }
        .meta dd { margin: 0; overflow-wrap: anywhere; }
        .screening { display: inline-block; margin-top: 8px; padding: 3px 8px; border: 1px solid #1a1a1a;
          font-size: 12px; font-weight: bold; letter-spacing: 0.03em; }
        .verdict { font-size: 16px; margin: 4px 0 10px; padding: 8px 12px; border: 1px solid #1a1a1a;
          border-left: 8px solid #D55E00; background: #fffaf5; }
        .figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
        .figure { border: 1px solid #bdbdbd; border-radius: 4px; padding: 8px 10px; background: #fafafa;
          break-inside: avoid; }
        .figure.primary { grid-row: span 2; border: 2px solid #1a1a1a; background: #ffffff; }
        .figure .label { font-size: 12px; color: #5f5f5f; text-transform: uppercase; letter-spacing: 0.03em; }
        .figure .value { font-size: 26px; font-weight: bold; font-variant-numeric: tabular-nums; }
        .figure.primary .value { font-size: 46px; line-height: 1.1; }
        .figure .unit { font-size: 14px; font-weight: normal; color: #5f5f5f; margin-left: 3px; }
        .figure .detail { font-size: 12px; color: #333333; }
        .figure.unknown .value { color: #8a8a8a; font-size: 20px; }
        .figure .sep { color: #8a8a8a; font-weight: normal; }
        .severity { margin-top: 8px; }
        .plot { width: 100%; height: auto; display: block; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: #333333; margin: 4px 0 0; }
        .legend svg { vertical-align: middle; margin-right: 4px; }
        .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px 24px; }
        .chart { break-inside: avoid; }
        .chart h3 { margin-top: 4px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e0e0e0; vertical-align: top; }
        th { background: #f0f0f0; font-weight: 600; }
        td.num, th.num { text-align: right; }
        .note { border-left: 4px solid #1a1a1a; background: #f6f6f6; padding: 8px 14px; }
        .note p { margin: 6px 0; }
        .small { font-size: 12px; color: #5f5f5f; }
        footer { margin-top: 26px; font-size: 11px; color: #5f5f5f; border-top: 1px solid #bdbdbd; padding-top: 6px; }
        h2, h3 { break-after: avoid; }
        tr, .chart, .figure, svg.plot, .note, .legend { break-inside: avoid; }
        @media (max-width: 800px) { .figures { grid-template-columns: repeat(2, 1fr); }
          .charts { grid-template-columns: 1fr; } .meta { grid-template-columns: max-content 1fr; } }
        @page { size: A4 portrait; margin: 12mm; }
        @media print { body { font-size: 10.5px; } main { max-width: none; padding: 0; }
          h2 { margin-top: 12px; } .figure .value { font-size: 20px; } .figure.primary .value { font-size: 34px; }
          .figures { grid-template-columns: repeat(4, 1fr); } .charts { grid-template-columns: 1fr 1fr; }
          section.night { break-before: auto; } .figure { background: #ffffff; } }
        """
}
