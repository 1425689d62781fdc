using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>
/// Recognises the database or data folder refusing a write (read-only folder or file, full disk, I/O error), so that a
/// save can answer "the server cannot save right now" (UiText / AdminText <see cref="TextKey"/>) instead of a 500, and
/// log why in one line (<see cref="Describe"/>). Reading keeps working in these states; only writes fail.
/// </summary>
public static class StorageFaults
{
    /// <summary>The localized sentence, in UiText (public pages) and AdminText (admin pages, sign-in).</summary>
    public const string TextKey = "Storage.CannotSave";

    // SQLite result codes (https://sqlite.org/rescode.html); extended codes keep the primary code in the low byte.
    private const int Perm = 3, ReadOnly = 8, IoErr = 10, Corrupt = 11, Full = 13, CantOpen = 14, NotADb = 26;

    /// <summary>True when <paramref name="exception"/> or one inside it says the storage cannot be written.</summary>
    public static bool IsStorageFault(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is Perm or ReadOnly or IoErr or Corrupt or Full or CantOpen or NotADb:
                    return true;
                // After a full disk or an I/O error SQLite has already rolled the transaction back, so EF Core's own
                // rollback fails with this and hides the first error: Describe then says what the folder looks like.
                case SqliteException sqlite when sqlite.Message.Contains("cannot rollback - no transaction is active", StringComparison.Ordinal):
                    return true;
                case IOException or UnauthorizedAccessException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>What is wrong with the data folder, as far as can be seen from outside SQLite: for the log line.</summary>
    public static string Describe(string databaseFile, Exception exception)
    {
        var folder = Path.GetDirectoryName(databaseFile) ?? ".";
        var facts = new List<string>();
        try
        {
            if (File.Exists(databaseFile) && new FileInfo(databaseFile).IsReadOnly)
                facts.Add($"{databaseFile} is read-only");
            if (!CanCreateFileIn(folder))
                facts.Add($"nothing can be written in {folder}");
            var drive = new DriveInfo(Path.GetFullPath(folder));
            if (drive.IsReady && drive.AvailableFreeSpace < 1024 * 1024)
                facts.Add($"the disk holding {folder} has {drive.AvailableFreeSpace} bytes free");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            facts.Add($"{folder} cannot be inspected ({e.Message})");
        }
        facts.Add($"SQLite said: {ExceptionChain.Innermost(exception).Message}");
        return $"database {databaseFile}: {string.Join("; ", facts)}";
    }

    /// <summary>One line for the log when the database cannot be used at start: the path, what is wrong, what to do.</summary>
    public static string StartupProblem(string databaseFile, Exception exception)
    {
        var code = exception is SqliteException sqlite ? sqlite.SqliteErrorCode & 0xFF : -1;
        var (wrong, todo) = code switch
        {
            NotADb or Corrupt => ("the file is not a SQLite database or is damaged",
                "restore it from a backup, or move it aside to start with an empty database (the articles are imported again from content/)"),
            Full => ("the disk is full", "free disk space"),
            _ => ("it cannot be opened or written", "check that the folder exists and that the account running Portal may read and write it"),
        };
        return $"database {databaseFile}: {wrong} ({ExceptionChain.Innermost(exception).Message}). What to do: {todo}; or set Portal:DataDirectory to another folder.";
    }

    private static bool CanCreateFileIn(string folder)
    {
        var probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
