using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace ReliefPlatform.AppHost.Infrastructure;

/// <summary>
/// Where this run keeps its files and secrets. By default a fresh temporary folder per run (older runs'
/// folders are removed at the next start); with <c>Infrastructure:DataDirectory</c> a folder that is kept,
/// secrets included, so kept data stays readable. A secret set as <c>Secrets:&lt;name&gt;</c> wins.
/// </summary>
internal sealed class LocalState
{
    private readonly IConfiguration _configuration;
    private readonly Dictionary<string, string> _generated = new(StringComparer.Ordinal);

    private LocalState(IConfiguration configuration, string root, bool ephemeral)
    {
        _configuration = configuration;
        Root = root;
        Ephemeral = ephemeral;
    }

    public string Root { get; }

    public bool Ephemeral { get; }

    public static LocalState Prepare(IConfiguration configuration)
    {
        var configured = configuration["Infrastructure:DataDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var root = Path.GetFullPath(configured);
            Directory.CreateDirectory(Path.Combine(root, ".secrets"));
            return new LocalState(configuration, root, ephemeral: false);
        }

        var runs = Path.Combine(Path.GetTempPath(), "reliefplatform");
        Directory.CreateDirectory(runs);
        RemoveRunsOfExitedProcesses(runs);
        var run = Path.Combine(runs, $"run-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMddHHmmss}");
        Directory.CreateDirectory(run);
        return new LocalState(configuration, run, ephemeral: true);
    }

    /// <summary>A random hex secret (or a password shaped for the identity policy), stable for this data folder.</summary>
    public string Secret(string name, Func<string>? generate = null)
    {
        if (_configuration[$"Secrets:{name}"] is { Length: > 0 } configured)
        {
            return configured;
        }

        generate ??= () => RandomNumberGenerator.GetHexString(32, lowercase: true);
        if (Ephemeral)
        {
            if (!_generated.TryGetValue(name, out var value))
            {
                _generated[name] = value = generate();
            }

            return value;
        }

        var file = SecretFile(Root, name);
        if (!File.Exists(file))
        {
            File.WriteAllText(file, generate());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return File.ReadAllText(file).Trim();
    }

    /// <summary>
    /// A county key (<see cref="CountyKeys"/>): a secret like any other, except that a kept folder which already holds a
    /// database never gets a new one — data written under the old key would be unreadable, silently. Its keys come back
    /// from the key bundle (<c>keys restore</c>) instead.
    /// </summary>
    public string Key(string name, Func<string> generate)
    {
        if (!Ephemeral && _configuration[$"Secrets:{name}"] is not { Length: > 0 }
            && !File.Exists(SecretFile(Root, name)) && File.Exists(Path.Combine(Root, "postgres", "PG_VERSION")))
        {
            throw new InvalidOperationException(
                $"{Root} holds a database but not its key '{name}': without it the personal data and tokens there cannot be read. " +
                $"Restore the county's keys first: dotnet ReliefPlatform.AppHost.dll keys restore --from <bundle> --data-directory {Root}");
        }

        return Secret(name, generate);
    }

    /// <summary>Where a kept folder keeps a secret.</summary>
    public static string SecretFile(string root, string name) => Path.Combine(root, ".secrets", name);

    /// <summary>Upper, lower and digits, 16 characters: passes the identity service's password policy.</summary>
    public static string NewPassword() => $"Hs{RandomNumberGenerator.GetHexString(12, lowercase: true)}9Q";

    /// <summary>32 random bytes in base64: a personal-data key.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A 2048-bit RSA private key, PKCS#8 DER in base64: a token signing key.</summary>
    public static string NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    }

    private static void RemoveRunsOfExitedProcesses(string runs)
    {
        foreach (var directory in Directory.EnumerateDirectories(runs, "run-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length >= 2 && int.TryParse(parts[1], out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // A server of that run may still be shutting down; the next start tries again.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
