using System.IO.Compression;
using Portal.Hosting;
using Portal.Upload;

namespace Portal.Batch;

/// <summary>
/// A zip of .eml files (any file of it is taken for a message; folders and macOS's <c>__MACOSX/</c> and dot files are
/// left out). Bounded before anything is analyzed: file count, each file's and the total inflated size as the central
/// directory declares them, the compression ratio, and no archive inside (by name and by its first bytes). A file
/// that inflates to more than it declared is cut at the declared size and reported as too large.
/// </summary>
public sealed class ZipMailbox : Mailbox
{
    /// <summary>Below this an entry cannot be a bomb whatever its ratio (a file of blank lines compresses a thousand times).</summary>
    private const long RatioCheckedFrom = 1024 * 1024;

    private static readonly string[] ArchiveExtensions =
        [".zip", ".gz", ".tgz", ".7z", ".rar", ".tar", ".bz2", ".tbz2", ".xz", ".txz", ".zst", ".lz", ".lzma", ".cab", ".jar"];

    private static readonly byte[][] ArchiveMagic =
    [
        "PK\u0003\u0004"u8.ToArray(), "PK\u0005\u0006"u8.ToArray(), [0x1F, 0x8B], [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],
        "Rar!"u8.ToArray(), "BZh"u8.ToArray(), [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], [0x28, 0xB5, 0x2F, 0xFD], "MSCF"u8.ToArray(),
    ];

    private readonly ZipArchive _archive;
    private readonly List<ZipArchiveEntry> _entries;
    private readonly Lock _reading = new();

    private ZipMailbox(ZipArchive archive, List<ZipArchiveEntry> entries) => (_archive, _entries) = (archive, entries);

    public override string Kind => ZipKind;

    public override int Count => _entries.Count;

    public static MailboxOpening Load(ReadOnlyMemory<byte> data, MailboxLimits limits)
    {
        // ZipArchive builds an object per entry before anyone can count them: a 25 MB zip can declare some 300,000.
        // The end record says how many there are; far more than the limit (folders are entries too) is refused unread.
        if (DeclaredEntryCount(data.Span) > 2L * limits.MaxMessages + FolderAllowance)
            return MailboxOpening.Refused(UploadRejection.TooManyMessages);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(StreamOver(data), ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException)
        {
            return MailboxOpening.Refused(UploadRejection.ArchiveDamaged);
        }
        var refusal = Check(archive, limits, out var entries);
        if (refusal is not null)
        {
            archive.Dispose();
            return refusal;
        }
        return new MailboxOpening(new ZipMailbox(archive, entries), null);
    }

    private static MailboxOpening? Check(ZipArchive archive, MailboxLimits limits, out List<ZipArchiveEntry> entries)
    {
        entries = [];
        try
        {
            entries = archive.Entries.Where(IsMessageFile).ToList();
        }
        catch (InvalidDataException)
        {
            return MailboxOpening.Refused(UploadRejection.ArchiveDamaged);
        }
        if (entries.Count > limits.MaxMessages)
            return MailboxOpening.Refused(UploadRejection.TooManyMessages);

        long total = 0;
        foreach (var entry in entries)
        {
            if (ArchiveExtensions.Any(extension => entry.Name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)))
                return MailboxOpening.Refused(UploadRejection.NestedArchive, entry.FullName);
            if (entry.IsEncrypted)
                return MailboxOpening.Refused(UploadRejection.ArchiveDamaged, entry.FullName);
            if (entry.Length > limits.MaxEntryBytes)
                return MailboxOpening.Refused(UploadRejection.ArchiveEntryTooLarge, entry.FullName);
            if (entry.Length >= RatioCheckedFrom && entry.Length > (double)Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio)
                return MailboxOpening.Refused(UploadRejection.CompressionRatio, entry.FullName);
            total += entry.Length;
            if (total > limits.MaxInflatedBytes)
                return MailboxOpening.Refused(UploadRejection.ArchiveTooLarge, entry.FullName);
        }

        // An archive renamed to .eml is still an archive: the first bytes of each file say so (inflating them costs a few KB each).
        Span<byte> start = stackalloc byte[8];
        foreach (var entry in entries)
        {
            try
            {
                using var stream = entry.Open();
                var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
                foreach (var magic in ArchiveMagic)
                    if (start[..read].StartsWith(magic))
                        return MailboxOpening.Refused(UploadRejection.NestedArchive, entry.FullName);
            }
            catch (InvalidDataException)
            {
                return MailboxOpening.Refused(UploadRejection.ArchiveDamaged, entry.FullName);
            }
        }
        return null;
    }

    private const int FolderAllowance = 1000;

    /// <summary>The entry count of the end of central directory record (0 when there is none; zip64 counts are checked by ZipArchive).</summary>
    private static long DeclaredEntryCount(ReadOnlySpan<byte> zip)
    {
        const int recordLength = 22, maxComment = ushort.MaxValue;
        var tail = zip[Math.Max(0, zip.Length - recordLength - maxComment)..];
        var at = tail.LastIndexOf("PK\u0005\u0006"u8);
        return at < 0 || at + recordLength > tail.Length ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(tail[(at + 10)..]);
    }

    private static bool IsMessageFile(ZipArchiveEntry entry) =>
        entry.Name.Length > 0
        && !entry.Name.StartsWith('.')
        && !entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal);

    public override MailboxMessage Read(int index)
    {
        var entry = _entries[index];
        lock (_reading)
        {
            try
            {
                using var stream = entry.Open();
                var buffer = new byte[entry.Length];
                var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                // The declared size was checked against the limits; a file that holds more than it declared is not trusted with the rest.
                if (stream.ReadByte() >= 0)
                    return new MailboxMessage(index, entry.FullName, ReadOnlyMemory<byte>.Empty, UploadRejection.ArchiveEntryTooLarge);
                return new MailboxMessage(index, entry.FullName, buffer.AsMemory(0, read));
            }
            catch (InvalidDataException)
            {
                return new MailboxMessage(index, entry.FullName, ReadOnlyMemory<byte>.Empty, UploadRejection.ArchiveDamaged);
            }
        }
    }

    public override void Dispose() => _archive.Dispose();
}
