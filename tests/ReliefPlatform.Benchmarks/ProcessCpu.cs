using System.Globalization;

namespace ReliefPlatform.Benchmarks;

/// <summary>
/// CPU time of the county's processes from /proc (issue 24's "CPU per flow"): each process's user + system time, named by
/// what it is — a service by its assembly, PostgreSQL, RabbitMQ, Redis, DCP — so a run's CPU can be put beside its
/// completed flows, in total and by process. The benchmark itself (load generator, the AppHost it hosts, its bare proxies)
/// is counted apart, and so is everything else on the box.
/// </summary>
internal static class ProcessCpu
{
    public const string Benchmark = "benchmark (load, AppHost)";
    public const string Other = "other processes on the box";

    private static readonly double MsPerTick = 1000.0 / ClockTicksPerSecond();

    /// <summary>CPU milliseconds used so far, by process id, with the process's name.</summary>
    public static Dictionary<int, (string Name, double Ms)> Snapshot()
    {
        var self = Environment.ProcessId;
        var snapshot = new Dictionary<int, (string, double)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // "pid (comm) state ppid …": the fields after the command's closing parenthesis, utime and stime 12th and 13th of them.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var command = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                snapshot[pid] = (NameOf(pid, self, command, arguments), ticks * MsPerTick);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // The process ended while being read.
            }
        }

        return snapshot;
    }

    /// <summary>CPU milliseconds each kind of process used between two snapshots (a process started in between counts whole).</summary>
    public static Dictionary<string, double> Between(Dictionary<int, (string Name, double Ms)> before, Dictionary<int, (string Name, double Ms)> after) =>
        after.GroupBy(p => p.Value.Name)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value.Ms - (before.TryGetValue(p.Key, out var was) && was.Name == p.Value.Name ? was.Ms : 0)));

    /// <summary>The county's share of <paramref name="used"/>: everything but the benchmark and the rest of the box.</summary>
    public static double County(Dictionary<string, double> used) => used.Where(u => u.Key is not (Benchmark or Other)).Sum(u => u.Value);

    private static string NameOf(int pid, int self, string command, string[] arguments)
    {
        if (pid == self || arguments.Contains("--bare-yarp"))
        {
            return Benchmark;
        }

        var program = arguments.Length > 0 ? Path.GetFileName(arguments[0]) : command;
        // A service runs as its apphost (ReliefPlatform.Delivery) or as `dotnet ReliefPlatform.Delivery.dll`; DCP starts it through `dotnet run`.
        var assembly = arguments.Select(Path.GetFileName).FirstOrDefault(a => a!.StartsWith("ReliefPlatform.", StringComparison.Ordinal));
        if (assembly is not null && !arguments.Contains("run"))
        {
            return assembly.Replace("ReliefPlatform.", "", StringComparison.Ordinal).Replace(".dll", "", StringComparison.Ordinal);
        }

        return program switch
        {
            "dotnet" when arguments.Contains("run") => "dotnet run (DCP's wrappers)",
            "postgres" => "PostgreSQL",
            "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost" => "RabbitMQ",
            "redis-server" => "Redis",
            "dcp" or "dcpctrl" or "dcpproc" => "DCP",
            _ => command is "postgres" ? "PostgreSQL" : Other,
        };
    }

    private static long ClockTicksPerSecond()
    {
        try
        {
            using var getconf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd();
            getconf.WaitForExit();
            return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FormatException)
        {
            return 100; // Linux's USER_HZ everywhere it is not configured otherwise
        }
    }
}
