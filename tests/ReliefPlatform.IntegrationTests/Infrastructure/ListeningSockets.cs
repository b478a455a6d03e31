using System.Globalization;
using System.Net;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>A listening TCP socket of this machine, with the process that holds it (when it could be read).</summary>
public sealed record ListeningSocket(IPAddress Address, int Port, long Inode, int? Pid, string Process)
{
    public bool OnLoopback => IPAddress.IsLoopback(Address);

    public override string ToString() => $"{Address}:{Port} ({Process}, pid {Pid?.ToString(CultureInfo.InvariantCulture) ?? "?"})";
}

/// <summary>Reads listening sockets from /proc/net/tcp and tcp6 and the process tree from /proc (Linux only).</summary>
public static class ListeningSockets
{
    public static IReadOnlyList<ListeningSocket> All()
    {
        var owners = SocketOwners();
        return [.. Read("/proc/net/tcp", owners), .. Read("/proc/net/tcp6", owners)];
    }

    /// <summary>The process and all its descendants (the AppHost runs inside the test process; DCP and everything it starts below it).</summary>
    public static HashSet<int> ProcessTree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var pid in Pids())
        {
            if (ParentOf(pid) is { } parent)
            {
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
            }
        }

        var tree = new HashSet<int> { root };
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid, []))
            {
                if (tree.Add(child))
                {
                    pending.Enqueue(child);
                }
            }
        }

        return tree;
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static IEnumerable<ListeningSocket> Read(string table, Dictionary<long, int> owners)
    {
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            const string listen = "0A";
            if (columns.Length < 10 || columns[3] != listen)
            {
                continue;
            }

            var local = columns[1].Split(':');
            var inode = long.Parse(columns[9], CultureInfo.InvariantCulture);
            var pid = owners.TryGetValue(inode, out var owner) ? owner : (int?)null;
            yield return new ListeningSocket(
                Address(local[0]),
                int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                inode,
                pid,
                pid is { } p ? Name(p) : "?");
        }
    }

    /// <summary>/proc/net writes each 32-bit word of the address in host (little-endian) order.</summary>
    private static IPAddress Address(string hex)
    {
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            for (var i = 0; i < 4; i++)
            {
                bytes[word * 4 + i] = byte.Parse(hex.AsSpan(word * 8 + (3 - i) * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return new IPAddress(bytes);
    }

    private static Dictionary<long, int> SocketOwners()
    {
        var owners = new Dictionary<long, int>();
        foreach (var pid in Pids())
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                    {
                        owners.TryAdd(long.Parse(target[8..^1], CultureInfo.InvariantCulture), pid);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read, or is not ours to read.
            }
        }

        return owners;
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name is { Length: > 0 } && name.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture));

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string Name(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
