import Foundation
import PLMKit
import Testing
@testable import PLMBatch

@Suite struct ManifestTests {
    @Test func readsColumnsAndResolvesRelativePaths() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let path = try folder.write(
            """
            ID,Left,right,lights_off,rules
            # a comment line
            p01,p01/left.csv,/abs/right.csv,2026-01-15T23:00,aasm2007
            p02,,p02/right.csv,,

            """, to: "sub/cohort.csv")
        let manifest = try BatchManifest.read(path: path)
        #expect(manifest.recordings.count == 2)
        let first = manifest.recordings[0]
        #expect(first.id == "p01")
        #expect(first.left == folder.file("sub/p01/left.csv"))
        #expect(first.right == "/abs/right.csv")
        #expect(first.lightsOff == "2026-01-15T23:00")
        #expect(first.rules == "aasm2007")
        #expect(manifest.recordings[1].left == nil)
        #expect(manifest.recordings[1].rules == nil)
    }

    @Test("defect_exclusion reaches the rules as --defect-exclusion does, is hashed with the settings, and a bad name is a usage failure")
    func defectExclusionColumn() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let path = try folder.write(
            """
            id,left,defect_exclusion
            old,l.csv,anyLegDefective
            plain,l.csv,
            typo,l.csv,anyleg

            """, to: "cohort.csv")
        let manifest = try BatchManifest.read(path: path)
        let out = folder.file("out")
        let old = try RecordingJob(recording: manifest.recordings[0], outputRoot: out).analysisRequest()
        #expect(old.rules.defectExclusion == .anyLegDefective)
        let plain = try RecordingJob(recording: manifest.recordings[1], outputRoot: out).analysisRequest()
        #expect(plain.rules.defectExclusion == .noLegRecorded)
        // The rule is always named in the settings, so results from before it (scored under the
        // old rule) do not count as done on a rerun.
        #expect(BatchSettings(manifest.recordings[1]).defectExclusion == "noLegRecorded")
        #expect(try BatchSettings(manifest.recordings[0]).hash() != BatchSettings(manifest.recordings[1]).hash())
        do {
            _ = try RecordingJob(recording: manifest.recordings[2], outputRoot: out).analysisRequest()
            Issue.record("a bad defect_exclusion was accepted")
        } catch let error as AnalysisError {
            #expect(error.exitStatus == .usage)
            #expect(error.description.contains("defect_exclusion \"anyleg\": expected one of noLegRecorded, anyLegDefective"))
        }
        // Written back with every column.
        #expect(try manifest.csvText().contains("old,\(folder.file("l.csv")),,,,,,anyLegDefective,,\n"))
    }

    @Test(arguments: [
        ("id,left,colour\na,x.csv,red\n", ":1:3: unknown column 'colour'"),
        ("id,left\na,x.csv\na,y.csv\n", ":3: id 'a' already used on line 2"),
        ("id,left\n../up,x.csv\n", ":2:1: id '../up'"),
        ("id,left\nslurm,x.csv\n", "reserved"),
        ("id,left\na,x.csv,extra\n", ":2: 3 fields; expected at most 2"),
        ("id,diary\na,d.csv\n", ":1: the header needs an 'id' column and a 'left' and/or 'right' column"),
        ("", "the manifest is empty"),
    ])
    func badManifestsNameTheLine(text: String, expected: String) throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let path = try folder.write(text, to: "m.csv")
        do {
            _ = try BatchManifest.read(path: path)
            Issue.record("expected an error containing \(expected)")
        } catch let error as AnalysisError {
            #expect(error.message.contains(path))
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.exitStatus == .dataError)
        }
    }

    @Test func shardsAreDisjointAndCoverTheManifest() {
        let manifest = BatchManifest(recordings: (0..<11).map { BatchRecording(id: "r\($0)", left: "/x") })
        let shards = (0..<4).map { manifest.shard($0, of: 4).map(\.id) }
        #expect(shards[0] == ["r0", "r4", "r8"])
        #expect(shards[3] == ["r3", "r7"])
        #expect(shards.flatMap { $0 }.sorted() == manifest.recordings.map(\.id).sorted())
        #expect(manifest.shard(4, of: 4).isEmpty)
    }

    @Test func writtenManifestReadsBack() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        let manifest = BatchManifest(recordings: [
            BatchRecording(id: "a", left: "/data/a/left.csv", right: nil, lightsOn: "2026-01-16T06:00", units: "mg"),
            BatchRecording(id: "b", right: "/data/b/right.csv"),
        ])
        let path = try manifest.write(intoBatchFolder: folder.file("out"))
        // Read back, each recording also knows its line (the header is line 1).
        var located = manifest
        located.recordings[0].manifestLocation = path + ":2"
        located.recordings[1].manifestLocation = path + ":3"
        #expect(try BatchManifest.read(path: path) == located)
        let bad = BatchManifest(recordings: [BatchRecording(id: "c", left: "/data/with,comma.csv")])
        #expect(throws: AnalysisError.self) { try bad.csvText() }
    }
}

@Suite struct ManifestPatternTests {
    @Test func starsCaptureTheId() {
        #expect(ManifestPattern.match(Array("*/left.csv.gz".utf8), Array("p01/left.csv.gz".utf8)) == ["p01"])
        #expect(ManifestPattern.match(Array("left/*_night?.csv".utf8), Array("left/p7_night2.csv".utf8)) == ["p7"])
        #expect(ManifestPattern.match(Array("*/left.csv".utf8), Array("a/b/left.csv".utf8)) == nil)
        #expect(ManifestPattern.match(Array("*.csv".utf8), Array("left.csv.gz".utf8)) == nil)
        #expect(ManifestPattern.identifier(["site a", "p01"]) == "site_a-p01")
    }

    @Test func pairsLegsFromAFolder() throws {
        let folder = try BatchTestFolder()
        defer { folder.remove() }
        for name in ["p01/left.csv", "p01/right.csv", "p02/right.csv", "p02/notes.txt", "readme.md"] {
            _ = try folder.write("x", to: "data/" + name)
        }
        let manifest = try ManifestPattern("*/{leg}.csv").manifest(folder: folder.file("data"))
        #expect(manifest.recordings.map(\.id) == ["p01", "p02"])
        #expect(manifest.recordings[0].left == folder.file("data/p01/left.csv"))
        #expect(manifest.recordings[0].right == folder.file("data/p01/right.csv"))
        #expect(manifest.recordings[1].left == nil)
        #expect(throws: AnalysisError.self) { try ManifestPattern("*/left.csv") }
        #expect(throws: AnalysisError.self) { try ManifestPattern("{leg}.csv") }
        #expect(throws: AnalysisError.self) { try ManifestPattern("*/{leg}.cwa").manifest(folder: folder.file("data")) }
    }
}
