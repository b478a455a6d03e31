using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace ReliefPlatform.UnitTests.Deployment;

/// <summary>
/// One overlay of <c>deploy/k8s</c> as <c>kubectl kustomize</c> renders it, and what a pod of it would be given: its
/// environment (env and the ConfigMaps of envFrom, <c>$(VAR)</c> expanded as the kubelet does, secrets left as references).
/// </summary>
internal sealed partial class KubernetesManifests
{
    private KubernetesManifests(string overlay, IReadOnlyList<JsonObject> objects)
    {
        Overlay = overlay;
        Objects = objects;
    }

    public string Overlay { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Kind(o) == kind);

    public JsonObject Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Name(o) == name)
        ?? throw new Xunit.Sdk.XunitException($"{Overlay}: no {kind} named '{name}' in the rendered manifests.");

    /// <summary>The platform's own Deployments (not the operators' clusters).</summary>
    public IEnumerable<JsonObject> Deployments => OfKind("Deployment");

    public static string Kind(JsonNode node) => (string)node["kind"]!;

    public static string Name(JsonNode node) => (string)node["metadata"]!["name"]!;

    public static JsonObject Container(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single()!.AsObject();

    public static JsonObject PodLabels(JsonObject deployment) => deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReliefPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    public static KubernetesManifests Render(string overlay)
    {
        var directory = Path.Combine(RepositoryRoot(), "deploy", "k8s", "overlays", overlay);
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl is not installed: these tests render deploy/k8s with `kubectl kustomize` (.ci/run installs it).", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} failed: {error.Result}");
            var stream = new YamlStream();
            stream.Load(new StringReader(output));
            var objects = stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>().ToList();
            Assert.NotEmpty(objects);
            return new KubernetesManifests(overlay, objects);
        }
    }

    /// <summary>
    /// The configuration the container's process would read (environment variables, <c>__</c> as <c>:</c>): env in order, each
    /// <c>$(NAME)</c> replaced by a variable defined before it (else left as written, as the kubelet does), envFrom ConfigMaps
    /// first; a secret's value is <c>secret:&lt;name&gt;/&lt;key&gt;</c>.
    /// </summary>
    public Dictionary<string, string> Environment(JsonObject deployment)
    {
        var container = Container(deployment);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container["envFrom"]?.AsArray() ?? [])
        {
            var map = Single("ConfigMap", (string)source!["configMapRef"]!["name"]!);
            foreach (var (key, value) in map["data"]!.AsObject())
            {
                environment[key] = (string)value!;
            }
        }

        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            var name = (string)variable!["name"]!;
            if (variable["valueFrom"]?["secretKeyRef"] is { } reference)
            {
                environment[name] = $"secretref.{(string)reference["name"]!}.{(string)reference["key"]!}";
                continue;
            }

            Assert.True(variable["valueFrom"] is null, $"{Name(deployment)}: {name} takes its value from something other than a Secret or a literal");
            var defined = new Dictionary<string, string>(environment, StringComparer.Ordinal);
            environment[name] = Reference().Replace((string?)variable["value"] ?? "", m =>
                defined.TryGetValue(m.Groups[1].Value, out var earlier) ? earlier : m.Value);
        }

        return environment;
    }

    /// <summary>The names of a container's env entries that only feed other entries through <c>$(NAME)</c>.</summary>
    public static ISet<string> Helpers(JsonObject deployment)
    {
        var values = (Container(deployment)["env"]?.AsArray() ?? []).Select(v => (string?)v!["value"] ?? "");
        return values.SelectMany(v => Reference().Matches(v).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
    }

    public IConfiguration Configuration(JsonObject deployment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Environment(deployment).Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    public static partial Regex Reference();

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Value: null or "null" or "~", Style: YamlDotNet.Core.ScalarStyle.Plain } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
