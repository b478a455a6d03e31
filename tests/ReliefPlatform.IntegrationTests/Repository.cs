namespace ReliefPlatform.IntegrationTests;

/// <summary>Files of the repository the tests run from (scripts the AppHost uses, e.g. under <c>AppHost/infra</c>).</summary>
internal static class Repository
{
    /// <summary>The path of a file given relative to the repository root (the folder holding ReliefPlatform.sln).</summary>
    public static string File(params string[] relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "ReliefPlatform.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("The repository root (ReliefPlatform.sln) was not found above the test binaries.");
        return Path.Combine([root, .. relative]);
    }
}
