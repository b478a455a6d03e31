using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Aspire.Hosting.Testing;

namespace ReliefPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// The county's keys kept apart from its data: the AppHost's <c>keys</c> command seals them into a passphrase-protected
/// bundle and takes them back, and a kept data folder whose database has lost its keys is refused rather than given new
/// ones (which would leave every sealed record unreadable). No county is started.
/// </summary>
public sealed class KeyBundleTests : IDisposable
{
    private static readonly string[] Keys = ["personal-data-key", "personal-data-index-key", "token-signing-key", "token-encryption-key"];
    private const string Passphrase = "霍山县 backups 2026 correct horse";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"key-bundle-{Guid.NewGuid():N}");

    [Fact]
    public async Task Keys_exported_to_a_bundle_come_back_whole_with_the_passphrase_and_not_at_all_without_it()
    {
        var source = Path.Combine(_folder, "county");
        Directory.CreateDirectory(Path.Combine(source, ".secrets"));
        var keys = Keys.ToDictionary(k => k, _ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        foreach (var (name, value) in keys)
        {
            await File.WriteAllTextAsync(Path.Combine(source, ".secrets", name), value);
        }

        var bundle = Path.Combine(_folder, "county.keys");
        var export = await KeysAsync(Passphrase, "export", "--to", bundle, "--data-directory", source);
        Assert.True(export.ExitCode == 0, export.Output);
        var sealedText = await File.ReadAllTextAsync(bundle);
        Assert.All(keys.Values, key => Assert.DoesNotContain(key, sealedText.Replace("\\u002B", "+", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains("\"iterations\": 600000", sealedText, StringComparison.Ordinal);

        var wrong = await KeysAsync("not the passphrase at all", "restore", "--from", bundle, "--data-directory", Path.Combine(_folder, "wrong"));
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("wrong passphrase", wrong.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "wrong", ".secrets")));

        var tampered = Path.Combine(_folder, "tampered.keys");
        await File.WriteAllTextAsync(tampered, sealedText.Replace("600000", "600001", StringComparison.Ordinal));
        var changed = await KeysAsync(Passphrase, "restore", "--from", tampered, "--data-directory", Path.Combine(_folder, "tampered"));
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("the file was changed", changed.Output, StringComparison.Ordinal);

        var restored = Path.Combine(_folder, "restored");
        var restore = await KeysAsync(Passphrase, "restore", "--from", bundle, "--data-directory", restored);
        Assert.True(restore.ExitCode == 0, restore.Output);
        foreach (var (name, value) in keys)
        {
            Assert.Equal(value, (await File.ReadAllTextAsync(Path.Combine(restored, ".secrets", name))).Trim());
        }

        var envFile = Path.Combine(_folder, "keys.env");
        var toEnv = await KeysAsync(Passphrase, "restore", "--from", bundle, "--to-env-file", envFile);
        Assert.True(toEnv.ExitCode == 0, toEnv.Output);
        var lines = await File.ReadAllLinesAsync(envFile);
        Assert.Contains($"PersonalData__Keys__k1={keys["personal-data-key"]}", lines);
        Assert.Contains("PersonalData__ActiveKey=k1", lines);
        Assert.Contains($"PersonalData__IndexKey={keys["personal-data-index-key"]}", lines);
        Assert.Contains($"Identity__SigningKey={keys["token-signing-key"]}", lines);
        Assert.Contains($"Identity__EncryptionKey={keys["token-encryption-key"]}", lines);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(envFile));
        }
    }

    [Fact]
    public async Task A_kept_folder_with_a_database_but_without_its_keys_is_refused_with_a_message_naming_the_key_bundle()
    {
        var restored = Path.Combine(_folder, "restored-without-keys");
        Directory.CreateDirectory(Path.Combine(restored, "postgres"));
        await File.WriteAllTextAsync(Path.Combine(restored, "postgres", "PG_VERSION"), "15\n");

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ReliefPlatform_AppHost>(
                [$"--Infrastructure:DataDirectory={restored}", "--Infrastructure:Mode=executables", "--Demo:Seed=false"]);
            await using var app = await builder.BuildAsync();
        });

        var message = Flatten(refused);
        Assert.Contains("keys restore --from <bundle>", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(restored, ".secrets")), f => Keys.Contains(Path.GetFileName(f)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Flatten(Exception exception)
    {
        var text = new StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text.AppendLine(e.Message);
        }

        return text.ToString();
    }

    /// <summary>The <c>keys</c> command with its passphrase typed at the prompt (standard input), as an operator would.</summary>
    private static Task<(int ExitCode, string Output)> KeysAsync(string passphrase, params string[] arguments) =>
        OperatorCommand.TypedAsync(new Dictionary<string, string>(), passphrase, ["keys", .. arguments]);
}
