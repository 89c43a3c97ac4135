using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Gpunomics.Storage;

/// <summary>A saved scenario: a name, notes, and the scenario file's JSON (the format <c>--scenario</c> reads).</summary>
/// <param name="Id">Store id.</param>
/// <param name="Name">Unique name.</param>
/// <param name="Notes">Free text.</param>
/// <param name="Body">Scenario file JSON.</param>
/// <param name="CreatedUtc">When it was first saved.</param>
/// <param name="UpdatedUtc">When it last changed.</param>
public sealed record SavedScenario(long Id, string Name, string Notes, string Body, DateTimeOffset CreatedUtc, DateTimeOffset UpdatedUtc);

/// <summary>A store operation refused because of what the caller asked (duplicate name, unknown id).</summary>
public sealed class ScenarioStoreException(string message, bool notFound = false) : Exception(message)
{
    /// <summary>True when the scenario does not exist.</summary>
    public bool NotFound { get; } = notFound;
}

/// <summary>
/// The scenario database itself cannot be used: damaged, of another schema or a newer version,
/// read-only, or on a full disk. The message says which and names the file.
/// </summary>
public sealed class ScenarioDatabaseException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Saved scenarios in an embedded SQLite database: WAL journal, synchronous FULL (every acknowledged
/// save is on disk before the call returns), schema versioned by numbered migrations, SQL only
/// through parameters. The clock is passed in.
/// </summary>
public sealed class ScenarioStore
{
    /// <summary>
    /// The default database file: <c>gpunomics/gpunomics.db</c> in the user's data directory
    /// (<c>$XDG_DATA_HOME</c>, else <c>~/.local/share</c>; on Windows the local application data folder),
    /// so that serving never writes into the working tree.
    /// </summary>
    /// <param name="environment">Reads an environment variable (passed in, so that the caller owns the environment).</param>
    public static string DefaultPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var xdg = environment("XDG_DATA_HOME");
        var root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(root, "gpunomics", "gpunomics.db");
    }

    private static readonly string[] Migrations =
    [
        // 1: the scenarios table.
        """
        CREATE TABLE scenarios (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            notes TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        );
        """,
    ];

    private readonly string _connectionString;
    private readonly Func<DateTimeOffset> _clock;

    /// <summary>Opens (creating and migrating when needed) the database at <paramref name="path"/>.</summary>
    public ScenarioStore(string path, Func<DateTimeOffset> clock)
    {
        ArgumentNullException.ThrowIfNull(path);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        DatabasePath = path;
        Guard(() =>
        {
            using var c = Open();
            var check = Convert.ToString(Scalar(c, "PRAGMA quick_check;"), CultureInfo.InvariantCulture);
            if (check != "ok")
                throw new ScenarioDatabaseException($"the scenario database '{path}' is damaged (SQLite quick_check: {check}); restore it from a backup or start a new file with --db");
            CheckSchema(c, path);
            Execute(c, "PRAGMA journal_mode=WAL;");
            Migrate(c);
            return 0;
        });
    }

    /// <summary>
    /// What a database failure means for the user, or null when <paramref name="e"/> is not one:
    /// read-only file, full disk, damaged file.
    /// </summary>
    public string? DescribeFailure(Exception e) => Describe(e, DatabasePath);

    private static string? Describe(Exception e, string path) => e switch
    {
        ScenarioDatabaseException d => d.Message,
        SqliteException { SqliteErrorCode: 8 } => $"the scenario database '{path}' is read-only: saving needs write access to the file and its folder",
        SqliteException { SqliteErrorCode: 13 } => $"the disk holding the scenario database '{path}' is full: nothing was saved",
        SqliteException { SqliteErrorCode: 11 or 26 } => $"the scenario database '{path}' is damaged or not a Gpunomics database; restore it from a backup or start a new file with --db",
        SqliteException { SqliteErrorCode: 10 or 14 } sq => $"the scenario database '{path}' cannot be read or written: {sq.Message}",
        _ => null,
    };

    // Runs a store operation; a failure of the database itself becomes a ScenarioDatabaseException that says what happened.
    private T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException e) when (Describe(e, DatabasePath) is { } message)
        {
            throw new ScenarioDatabaseException(message, e);
        }
    }

    // A file of another application, or of a newer version of this one, is refused rather than migrated over.
    private static void CheckSchema(SqliteConnection c, string path)
    {
        var version = Convert.ToInt32(Scalar(c, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
            throw new ScenarioDatabaseException($"the scenario database '{path}' has schema version {version}, newer than this version of Gpunomics knows ({Migrations.Length}); use a newer Gpunomics or another file");
        var tables = new List<string>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
            using var r = cmd.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        var ours = version == 0 ? tables.Count == 0 : tables.Contains("scenarios");
        if (!ours)
            throw new ScenarioDatabaseException($"'{path}' is not a Gpunomics scenario database (it holds the tables {string.Join(", ", tables.DefaultIfEmpty("(none)"))}); give another file with --db");
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The schema version in force.</summary>
    public int SchemaVersion
    {
        get
        {
            using var c = Open();
            return Convert.ToInt32(Scalar(c, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Every saved scenario, by name.</summary>
    public IReadOnlyList<SavedScenario> List()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, name, notes, body, created_utc, updated_utc FROM scenarios ORDER BY name COLLATE NOCASE;";
        return ReadAll(cmd);
    }

    /// <summary>One scenario, or null.</summary>
    public SavedScenario? Find(long id)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, name, notes, body, created_utc, updated_utc FROM scenarios WHERE id = $id;";
        cmd.Parameters.AddWithValue("$id", id);
        return ReadAll(cmd).SingleOrDefault();
    }

    /// <summary>Saves a new scenario; the name must be unused.</summary>
    public SavedScenario Create(string name, string notes, string body)
    {
        var now = Stamp();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO scenarios (name, notes, body, created_utc, updated_utc) VALUES ($name, $notes, $body, $now, $now) RETURNING id;";
        cmd.Parameters.AddWithValue("$name", name);
        cmd.Parameters.AddWithValue("$notes", notes);
        cmd.Parameters.AddWithValue("$body", body);
        cmd.Parameters.AddWithValue("$now", now);
        try
        {
            var id = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            return Find(id)!;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ScenarioStoreException($"a scenario named '{name}' already exists");
        }
    }

    /// <summary>Replaces a scenario's notes and body.</summary>
    public SavedScenario Update(long id, string notes, string body) =>
        Change(id, "UPDATE scenarios SET notes = $notes, body = $body, updated_utc = $now WHERE id = $id;",
            ("$notes", notes), ("$body", body));

    /// <summary>Renames a scenario; the new name must be unused.</summary>
    public SavedScenario Rename(long id, string name) =>
        Change(id, "UPDATE scenarios SET name = $name, updated_utc = $now WHERE id = $id;", ("$name", name));

    /// <summary>Copies a scenario under a new name.</summary>
    public SavedScenario Duplicate(long id, string name)
    {
        var s = Find(id) ?? throw new ScenarioStoreException($"no scenario with id {id}", notFound: true);
        return Create(name, s.Notes, s.Body);
    }

    /// <summary>Deletes a scenario.</summary>
    public void Delete(long id)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM scenarios WHERE id = $id;";
        cmd.Parameters.AddWithValue("$id", id);
        if (cmd.ExecuteNonQuery() == 0) throw new ScenarioStoreException($"no scenario with id {id}", notFound: true);
    }

    /// <summary>Runs SQLite's own integrity check; "ok" when the file is sound.</summary>
    public string IntegrityCheck()
    {
        using var c = Open();
        return Convert.ToString(Scalar(c, "PRAGMA integrity_check;"), CultureInfo.InvariantCulture) ?? "";
    }

    private SavedScenario Change(long id, string sql, params (string Name, string Value)[] values)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$now", Stamp());
        foreach (var (n, v) in values) cmd.Parameters.AddWithValue(n, v);
        try
        {
            if (cmd.ExecuteNonQuery() == 0) throw new ScenarioStoreException($"no scenario with id {id}", notFound: true);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ScenarioStoreException($"a scenario named '{values[0].Value}' already exists");
        }
        return Find(id)!;
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        Execute(c, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        return c;
    }

    private static void Migrate(SqliteConnection c)
    {
        var version = Convert.ToInt32(Scalar(c, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        for (var v = version; v < Migrations.Length; v++)
        {
            using var tx = c.BeginTransaction();
            Execute(c, Migrations[v], tx);
            Execute(c, $"PRAGMA user_version = {v + 1};", tx);
            tx.Commit();
        }
    }

    private string Stamp() => _clock().ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static List<SavedScenario> ReadAll(SqliteCommand cmd)
    {
        var list = new List<SavedScenario>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new SavedScenario(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
                DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture), DateTimeOffset.Parse(r.GetString(5), CultureInfo.InvariantCulture)));
        }
        return list;
    }

    private static void Execute(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
