using System.Text;

namespace AudioEdge.DatasetBuilder.Data;

/// <summary>Reads labels.csv (RFC 4180: comma-separated, fields with commas or quotes are quoted, "" escapes a quote).</summary>
internal static class LabelsCsv
{
    public static readonly string[] Columns = ["path", "label", "category", "source", "licence", "weak_label", "notes"];

    private static readonly string[] Labels = [LabelRow.GlassBreak, LabelRow.SmokeAlarm, LabelRow.None];

    /// <exception cref="BuildException">The file is missing, lacks a column, or a row is malformed.</exception>
    public static List<LabelRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BuildException(ExitCodes.NoInput, $"{path} does not exist");
        }

        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    public static List<LabelRow> Parse(string text, string name)
    {
        List<List<string>> records = Split(text, name);
        if (records.Count == 0)
        {
            throw new BuildException(ExitCodes.DataError, $"{name} is empty");
        }

        List<string> header = [.. records[0].Select(h => h.Trim().TrimStart('\uFEFF'))];
        int[] index = new int[Columns.Length];
        for (int c = 0; c < Columns.Length; c++)
        {
            index[c] = header.IndexOf(Columns[c]);
            if (index[c] < 0)
            {
                throw new BuildException(ExitCodes.DataError, $"{name} has no '{Columns[c]}' column (expected {string.Join(',', Columns)})");
            }
        }

        var rows = new List<LabelRow>(records.Count - 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int r = 1; r < records.Count; r++)
        {
            List<string> record = records[r];
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }

            if (record.Count != header.Count)
            {
                throw new BuildException(ExitCodes.DataError, $"{name} line {r + 1}: {record.Count} fields, the header has {header.Count}");
            }

            string rowPath = record[index[0]].Trim().Replace('\\', '/');
            string label = record[index[1]].Trim();
            string weak = record[index[5]].Trim();
            if (rowPath.Length == 0 || rowPath.StartsWith('/') || rowPath.Split('/').Contains(".."))
            {
                throw new BuildException(ExitCodes.DataError, $"{name} line {r + 1}: path '{rowPath}' must be relative and stay inside the data directory");
            }

            if (!Labels.Contains(label))
            {
                throw new BuildException(ExitCodes.DataError, $"{name} line {r + 1}: label '{label}' is not one of {string.Join(", ", Labels)}");
            }

            if (weak is not ("yes" or "no" or ""))
            {
                throw new BuildException(ExitCodes.DataError, $"{name} line {r + 1}: weak_label '{weak}' must be yes or no");
            }

            if (!seen.Add(rowPath))
            {
                throw new BuildException(ExitCodes.DataError, $"{name} line {r + 1}: {rowPath} is listed twice");
            }

            rows.Add(new LabelRow(rowPath, label, record[index[2]], record[index[3]], record[index[4]], weak == "yes", record[index[6]]));
        }

        return rows;
    }

    private static List<List<string>> Split(string text, string name)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                any = false;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new BuildException(ExitCodes.DataError, $"{name}: a quoted field is not closed");
        }

        if (any)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
