import Foundation
import GRDB
import PLMKit

/// The results database of a batch, `DIR/plm.sqlite`: one row per recording in `recordings`, one
/// row per scored night in `nights`. The schema and its migrations are described in docs/batch.md.
///
/// Only one process writes it: the local `plm batch`, or `plm batch collect` (never a Slurm array
/// task). Each recording is stored in one transaction that replaces its earlier rows, so loading
/// the same result twice changes nothing and an interrupted batch leaves whole recordings only.
public final class ResultsDatabase {
    /// The database file's name inside the batch folder.
    public static let fileName = "plm.sqlite"

    private let queue: DatabaseQueue
    public let path: String

    /// Opens (creating when missing) the database at `path` and migrates it to the current schema.
    /// - Throws: ``AnalysisError`` (exit 74) naming the path.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw AnalysisError("\(path): cannot open the results database: \(error)", exitStatus: .ioError)
        }
    }

    /// Stores `outcome`, replacing the recording's earlier rows and nights.
    public func store(_ outcome: RecordingOutcome) throws { try store([outcome]) }

    /// Stores `outcomes` in one transaction (one commit, so one round of `fsync`s for all of them),
    /// each replacing its recording's earlier rows and nights.
    public func store(_ outcomes: [RecordingOutcome]) throws {
        guard !outcomes.isEmpty else { return }
        try guarded("store \(outcomes.count == 1 ? "recording \(outcomes[0].id)" : "\(outcomes.count) recordings")") {
            try queue.write { db in
                for outcome in outcomes { try Self.insert(outcome, into: db) }
            }
        }
    }

    private static func insert(_ outcome: RecordingOutcome, into db: Database) throws {
        try db.execute(sql: "DELETE FROM nights WHERE recordingId = ?", arguments: [outcome.id])
        try db.execute(sql: "DELETE FROM recordings WHERE id = ?", arguments: [outcome.id])
        let columns = BatchSchema.recordingColumns.map(\.name)
        try db.execute(
            sql: "INSERT INTO recordings (\(columns.joined(separator: ", "))) VALUES (\(Self.placeholders(columns.count)))",
            arguments: StatementArguments(BatchSchema.recordingValues(outcome)))
        let nightColumns = BatchSchema.nightColumns.map(\.name)
        let insertNight = "INSERT INTO nights (\(nightColumns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(Self.placeholders(nightColumns.count)))"
        for night in outcome.nights {
            try db.execute(sql: insertNight, arguments: StatementArguments(try BatchSchema.nightValues(night, recordingID: outcome.id)))
        }
    }

    /// The stored status of every recording, by id.
    public func statuses() throws -> [String: RecordingOutcome.Status] {
        try guarded("read the recordings") {
            try queue.read { db in
                var out: [String: RecordingOutcome.Status] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, status FROM recordings") {
                    let id: String = row["id"]
                    let status: String = row["status"]
                    out[id] = RecordingOutcome.Status(rawValue: status)
                }
                return out
            }
        }
    }

    /// When each stored recording's run started, by id: a result file with the same stamp is stored already.
    public func runStamps() throws -> [String: String] {
        try guarded("read the recordings") {
            try queue.read { db in
                var out: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT id, startedAt FROM recordings") { out[row["id"]] = row["startedAt"] }
                return out
            }
        }
    }

    /// Every night of every done recording, ordered by recording id and night: the columns of
    /// `nights` with their values (nil for SQL NULL).
    public func nights() throws -> (columns: [String], rows: [[DatabaseValue]]) {
        try guarded("read the nights") {
            try queue.read { db in
                let columns = BatchSchema.nightColumns.map(\.name)
                let sql = "SELECT \(columns.map { "n.\"\($0)\"" }.joined(separator: ", ")) FROM nights n JOIN recordings r ON r.id = n.recordingId "
                    + "WHERE r.status = 'done' ORDER BY n.recordingId, n.night"
                let rows = try Row.fetchAll(db, sql: sql).map { row in columns.indices.map { row[$0] as DatabaseValue } }
                return (columns, rows)
            }
        }
    }

    /// The failed recordings, ordered by id: id, exit class and message.
    public func failures() throws -> [(id: String, exitClass: String, message: String)] {
        try guarded("read the failures") {
            try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT id, exitClass, errorMessage FROM recordings WHERE status = 'failed' ORDER BY id").map {
                    (id: $0["id"] ?? "", exitClass: $0["exitClass"] ?? "", message: $0["errorMessage"] ?? "")
                }
            }
        }
    }

    /// Number of recordings and nights stored.
    public func counts() throws -> (recordings: Int, nights: Int) {
        try guarded("count the rows") {
            try queue.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM recordings") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM nights") ?? 0)
            }
        }
    }

    private func guarded<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as AnalysisError { throw error } catch {
            throw AnalysisError("\(path): cannot \(what) in the results database: \(error)", exitStatus: .ioError)
        }
    }

    private static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// The schema's migrations, applied in order; GRDB records the applied ones in `grdb_migrations`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-recordings-and-nights") { db in
            let recordingColumns = BatchSchema.recordingColumns.map { "\($0.name) \($0.type)" }.joined(separator: ",\n  ")
            try db.execute(sql: """
                CREATE TABLE recordings (
                  \(recordingColumns),
                  CHECK (status IN ('done', 'failed'))
                )
                """)
            let nightColumns = BatchSchema.nightColumnsV1.map { "\"\($0.name)\" \($0.type)" }.joined(separator: ",\n  ")
            try db.execute(sql: """
                CREATE TABLE nights (
                  \(nightColumns),
                  PRIMARY KEY (recordingId, night),
                  FOREIGN KEY (recordingId) REFERENCES recordings(id) ON DELETE CASCADE
                )
                """)
        }
        migrator.registerMigration("v2-night-dates-and-sleep") { db in
            for column in BatchSchema.nightColumnsAddedV2 {
                try db.execute(sql: "ALTER TABLE nights ADD COLUMN \"\(column.name)\" \(column.type)")
            }
        }
        return migrator
    }
}
