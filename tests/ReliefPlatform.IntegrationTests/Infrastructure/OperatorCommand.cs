using System.Diagnostics;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// Programs run as operations staff run them: the AppHost's operator commands (keys, restore, reconcile) as a process of
/// the built AppHost, and PostgreSQL's own tools.
/// </summary>
internal static class OperatorCommand
{
    private static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    /// <param name="environment">Secrets the command reads from its environment (passwords, passphrases), never from its arguments.</param>
    public static Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        TypedAsync(environment, null, arguments);

    /// <param name="input">A line typed at the command's prompt (a passphrase), or null.</param>
    public static Task<(int ExitCode, string Output)> TypedAsync(IReadOnlyDictionary<string, string> environment, string? input, params string[] arguments) =>
        ProcessAsync("dotnet", environment, [Repository.File("AppHost", "bin", Configuration, "net10.0", "ReliefPlatform.AppHost.dll"), .. arguments], input);

    /// <summary>A program that must succeed; its standard error is the failure's message.</summary>
    public static async Task ToolAsync(string file, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (exitCode, output) = await ProcessAsync(file, environment ?? NoEnvironment, arguments, null);
        Assert.True(exitCode == 0, $"{file} {string.Join(' ', arguments)}: {output}");
    }

    /// <summary>The newest installed PostgreSQL's own program (pg_dump, pg_restore, pg_ctl).</summary>
    public static string PostgresTool(string name) =>
        Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", name)).Where(File.Exists)
            .OrderBy(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).Last();

    private static async Task<(int ExitCode, string Output)> ProcessAsync(
        string file, IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments, string? input)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = input is not null, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
