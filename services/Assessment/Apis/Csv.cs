namespace ReliefPlatform.Assessment.Apis;

/// <summary>RFC 4180 fields, and a guard against spreadsheet formula injection in what staff open in Excel.</summary>
internal static class Csv
{
    public static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
