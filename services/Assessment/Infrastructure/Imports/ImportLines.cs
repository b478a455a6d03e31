using System.Buffers;
using System.Text;

namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>A line of an import file, as bytes, with its number and the file offset just after it.</summary>
public readonly record struct FileLine(long Number, ReadOnlyMemory<byte> Bytes, long EndOffset);

/// <summary>
/// Splits a stream of chunks into lines at '\n' bytes (safe for UTF-8 and GBK, where 0x0A never occurs inside a
/// character), keeping only the current line in memory however large the file is.
/// </summary>
public static class ImportLines
{
    public static async IAsyncEnumerable<FileLine> ReadAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks, long startOffset, long firstLineNumber)
    {
        var pending = new ArrayBufferWriter<byte>(4096);
        var offset = startOffset;
        var number = firstLineNumber;
        await foreach (var chunk in chunks)
        {
            var rest = chunk;
            while (true)
            {
                var newline = rest.Span.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    pending.Write(rest.Span);
                    break;
                }

                ReadOnlyMemory<byte> line;
                if (pending.WrittenCount > 0)
                {
                    pending.Write(rest.Span[..newline]);
                    line = pending.WrittenMemory.ToArray();
                    pending.ResetWrittenCount();
                }
                else
                {
                    line = rest[..newline];
                }

                offset += line.Length + 1;
                yield return new FileLine(number++, TrimCarriageReturn(line), offset);
                rest = rest[(newline + 1)..];
            }
        }

        if (pending.WrittenCount > 0)
        {
            var line = pending.WrittenMemory.ToArray();
            offset += line.Length;
            yield return new FileLine(number, TrimCarriageReturn(line), offset);
        }
    }

    /// <summary>
    /// The file's text encoding: UTF-8 when its opening bytes decode as UTF-8, GBK (GB 18030's two-byte subset, what
    /// Chinese Excel writes) when they decode as that instead, otherwise none.
    /// </summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        // Judge whole lines only: the sample may end inside a character.
        var lastNewline = head.LastIndexOf((byte)'\n');
        var sample = lastNewline > 0 ? head[..lastNewline] : head;
        if (IsValid(Utf8Strict, sample))
        {
            return "utf-8";
        }

        return IsValid(GbkStrict, sample) ? "gbk" : null;
    }

    public static readonly Encoding Utf8Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static readonly Encoding GbkStrict = CreateGbk();

    public static Encoding For(string name) => name == "gbk" ? GbkStrict : Utf8Strict;

    private static Encoding CreateGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Decodes without a fallback and yields text people write: no control characters, no private-use code points.</summary>
    private static bool IsValid(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            foreach (var c in encoding.GetString(bytes))
            {
                if ((char.IsControl(c) && c is not ('\t' or '\r' or '\n')) || c is >= '\uE000' and <= '\uF8FF')
                {
                    return false;
                }
            }

            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
