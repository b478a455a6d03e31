namespace ReliefPlatform.Assessment.Infrastructure.Imports;

/// <summary>RFC 4180 field splitting of one line: commas, double quotes, "" for a quote inside quotes.</summary>
public static class CsvFields
{
    /// <returns>False when a quote is left open (the line is refused rather than guessed at).</returns>
    public static bool TrySplit(string line, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var text = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return false;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    text.Append(line[i++]);
                }

                fields.Add(text.ToString());
                if (i < line.Length && line[i] != ',')
                {
                    return false;
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end]);
                i = end;
            }

            if (i >= line.Length)
            {
                return true;
            }

            i++; // the comma
            if (i == line.Length)
            {
                fields.Add("");
                return true;
            }
        }
    }
}
