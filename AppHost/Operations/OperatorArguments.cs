namespace ReliefPlatform.AppHost.Operations;

/// <summary><c>--name value</c> pairs of an operator command; a flag without a value is "true".</summary>
internal static class OperatorArguments
{
    public static Dictionary<string, string> Parse(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    options[name] = "true";
                }

                name = arg[2..];
            }
            else if (name is not null)
            {
                options[name] = arg;
                name = null;
            }
        }

        if (name is not null)
        {
            options[name] = "true";
        }

        return options;
    }
}
