using System.Text;
using Microsoft.Extensions.Configuration;
using ReliefPlatform.AppHost.Infrastructure;

namespace ReliefPlatform.AppHost.Operations;

/// <summary>
/// Keeps the county's keys apart from its data: exports them into a passphrase-protected bundle, and restores them.
/// The passphrase comes from <c>RELIEF_KEYS_PASSPHRASE</c> or the first line of standard input.
/// </summary>
/// <example>
/// dotnet ReliefPlatform.AppHost.dll keys export --to county.keys --data-directory /srv/relief   (a county the AppHost runs)
/// dotnet ReliefPlatform.AppHost.dll keys export --to county.keys    (from PersonalData__*, Identity__* as the services get them)
/// dotnet ReliefPlatform.AppHost.dll keys restore --from county.keys --data-directory /srv/relief-restored
/// dotnet ReliefPlatform.AppHost.dll keys restore --from county.keys --to-env-file keys.env   (for a secret store)
/// </example>
internal static class KeysCommand
{
    public const string Name = "keys";

    public const string PassphraseVariable = "RELIEF_KEYS_PASSPHRASE";

    private const string Usage = """
        usage: keys export --to <bundle> [--data-directory <kept data folder>]
               keys restore --from <bundle> (--data-directory <folder> | --to-env-file <file>)
        The passphrase is read from RELIEF_KEYS_PASSPHRASE or the first line of standard input.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = OperatorArguments.Parse(args.Skip(1));
        try
        {
            switch (args.FirstOrDefault())
            {
                case "export" when options.TryGetValue("to", out var to):
                    return await ExportAsync(to, options.GetValueOrDefault("data-directory"));
                case "restore" when options.TryGetValue("from", out var from)
                    && (options.ContainsKey("data-directory") ^ options.ContainsKey("to-env-file")):
                    return await RestoreAsync(from, options.GetValueOrDefault("data-directory"), options.GetValueOrDefault("to-env-file"));
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (KeyBundleException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task<int> ExportAsync(string to, string? dataDirectory)
    {
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (dataDirectory is not null)
        {
            foreach (var (secret, setting) in CountyKeys.Settings)
            {
                var file = LocalState.SecretFile(Path.GetFullPath(dataDirectory), secret);
                keys[setting] = File.Exists(file)
                    ? (await File.ReadAllTextAsync(file)).Trim()
                    : throw new KeyBundleException($"{dataDirectory} has no key '{secret}' (.secrets/{secret}): nothing exported.");
            }

            keys[CountyKeys.ActiveKeySetting] = CountyKeys.PersonalDataKeyId;
        }
        else
        {
            // As the services are configured: every personal-data key (old ones still open old data), the active one's id,
            // the blind-index key and the identity keys.
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            foreach (var key in configuration.GetSection("PersonalData:Keys").GetChildren())
            {
                keys[$"PersonalData:Keys:{key.Key}"] = key.Value ?? "";
            }

            foreach (var setting in CountyKeys.Settings.Values.Where(s => !s.StartsWith("PersonalData:Keys:", StringComparison.Ordinal)).Append(CountyKeys.ActiveKeySetting))
            {
                keys[setting] = configuration[setting] is { Length: > 0 } value
                    ? value
                    : throw new KeyBundleException($"{setting} is not set (environment variable {CountyKeys.Environment(setting)}): nothing exported.");
            }

            if (!keys.ContainsKey($"PersonalData:Keys:{keys[CountyKeys.ActiveKeySetting]}"))
            {
                throw new KeyBundleException($"PersonalData:Keys:{keys[CountyKeys.ActiveKeySetting]} (the active key) is not set: nothing exported.");
            }
        }

        var bundle = KeyBundle.Seal(keys, await PassphraseAsync());
        await WritePrivateAsync(to, bundle);
        Console.WriteLine($"Keys exported to {to}: {string.Join(", ", keys.Keys)}.");
        Console.WriteLine("Keep the bundle and its passphrase apart from the data and its backups (e.g. two people, two places).");
        return 0;
    }

    private static async Task<int> RestoreAsync(string from, string? dataDirectory, string? envFile)
    {
        if (!File.Exists(from))
        {
            throw new KeyBundleException($"{from} does not exist.");
        }

        var keys = KeyBundle.Open(await File.ReadAllBytesAsync(from), await PassphraseAsync());
        if (envFile is not null)
        {
            var lines = new StringBuilder();
            foreach (var (setting, value) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                lines.Append(CountyKeys.Environment(setting)).Append('=').Append(value).Append('\n');
            }

            await WritePrivateAsync(envFile, Encoding.UTF8.GetBytes(lines.ToString()));
            Console.WriteLine($"Keys restored to {envFile} ({keys.Count} settings, as environment variables for the county's secret store).");
            return 0;
        }

        await RestoreIntoAsync(keys, Path.GetFullPath(dataDirectory!));
        return 0;
    }

    /// <summary>Restores a bundle into a kept data folder's secrets, as the AppHost reads them.</summary>
    public static async Task RestoreIntoAsync(string bundle, string root) =>
        await RestoreIntoAsync(KeyBundle.Open(await File.ReadAllBytesAsync(bundle), await PassphraseAsync()), root);

    private static async Task RestoreIntoAsync(Dictionary<string, string> keys, string root)
    {
        if (keys.GetValueOrDefault(CountyKeys.ActiveKeySetting) != CountyKeys.PersonalDataKeyId
            || keys.Keys.Count(k => k.StartsWith("PersonalData:Keys:", StringComparison.Ordinal)) != 1)
        {
            throw new KeyBundleException(
                $"The bundle holds rotated personal-data keys (active '{keys.GetValueOrDefault(CountyKeys.ActiveKeySetting)}'); a county the AppHost runs keeps one (k1). Restore with --to-env-file for the secret store instead.");
        }

        // Check everything before writing anything: a folder half restored would start with a mix of keys.
        var files = new List<(string File, string Value)>();
        foreach (var (secret, setting) in CountyKeys.Settings)
        {
            var value = keys.GetValueOrDefault(setting) ?? throw new KeyBundleException($"The bundle has no {setting}.");
            var file = LocalState.SecretFile(root, secret);
            if (File.Exists(file) && (await File.ReadAllTextAsync(file)).Trim() != value)
            {
                throw new KeyBundleException($"{file} holds another key: the folder belongs to another county's keys. Nothing restored.");
            }

            files.Add((file, value));
        }

        foreach (var (file, value) in files)
        {
            await WritePrivateAsync(file, Encoding.UTF8.GetBytes(value));
        }

        Console.WriteLine($"Keys restored into {Path.Combine(root, ".secrets")}: {string.Join(", ", CountyKeys.Settings.Keys)}.");
    }

    private static async Task<string> PassphraseAsync()
    {
        var passphrase = Environment.GetEnvironmentVariable(PassphraseVariable);
        if (string.IsNullOrEmpty(passphrase))
        {
            if (!Console.IsInputRedirected)
            {
                await Console.Error.WriteAsync("Passphrase: ");
            }

            passphrase = await Console.In.ReadLineAsync();
        }

        return string.IsNullOrEmpty(passphrase)
            ? throw new KeyBundleException($"No passphrase: set {PassphraseVariable} or give it on standard input.")
            : passphrase;
    }

    /// <summary>Written whole or not at all, readable by its owner only.</summary>
    public static async Task WritePrivateAsync(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var part = path + ".part";
        await File.WriteAllBytesAsync(part, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(part, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(part, path, overwrite: true);
    }
}
