using System.Runtime.InteropServices;

namespace Harness.Models.Formats;

/// <summary>
/// Reads a model folder's files only when they are regular files (after following links) of a plausible size: a
/// FIFO or a device such as /dev/zero would hang a reader or grow it until the machine kills the process, and a
/// symlink loop would surface as a raw IOException. Each failure is one <see cref="ModelFormatException"/> naming
/// the file.
/// </summary>
public static class ModelFile
{
    /// <summary>config.json, generation_config.json, tokenizer_config.json, shard indexes: kilobytes in practice.</summary>
    public const long SmallJsonLimit = 16L << 20;

    /// <summary>tokenizer.json: Llama 3's and Qwen2's are 9 and 7 MB.</summary>
    public const long TokenizerLimit = 256L << 20;

    /// <summary>The file's text, after <see cref="EnsureRegular"/> and the size limit.</summary>
    public static string ReadText(string path, long limit) => System.Text.Encoding.UTF8.GetString(ReadBytes(path, limit));

    /// <summary>The file's bytes, after <see cref="EnsureRegular"/> and the size limit.</summary>
    public static byte[] ReadBytes(string path, long limit)
    {
        var size = EnsureRegular(path);
        if (size > limit)
            throw new ModelFormatException(path, FormattableString.Invariant($"{size:N0} bytes, above the {limit >> 20} MiB limit for this kind of file"));
        return File.ReadAllBytes(path);
    }

    /// <summary>Fails unless <paramref name="path"/> is, after following links, a regular file; returns its size.</summary>
    public static long EnsureRegular(string path)
    {
        if (OperatingSystem.IsLinux()) return LinuxStat(path);
        var info = new FileInfo(path);
        try
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            if (!target.Exists) throw new ModelFormatException(path, Directory.Exists(target.FullName) ? "a directory, not a file" : "file not found");
            return target.Length;
        }
        catch (IOException e)
        {
            throw new ModelFormatException(path, $"cannot be resolved ({e.Message})");
        }
    }

    // statx(2) has one layout on every Linux architecture (unlike struct stat): stx_mode is a u16 at byte 28 and
    // stx_size a u64 at byte 40 of a 256-byte buffer (include/uapi/linux/stat.h).
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1, StatxSize = 0x200;
    private const int ELoop = 40, ENoEnt = 2;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    private static long LinuxStat(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, 0, StatxType | StatxSize, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new ModelFormatException(path, errno switch
            {
                ELoop => "a symbolic link loop",
                ENoEnt => "file not found",
                _ => $"cannot be read (errno {errno})",
            });
        }

        var type = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        var kind = type switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x1000 => "a FIFO (named pipe)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
        if (kind is not null) throw new ModelFormatException(path, $"{kind}, not a regular file; model files must be regular files");
        return (long)BitConverter.ToUInt64(buffer, 40);
    }
}
