using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AudioEdge.Detection;

namespace AudioEdge.Cli.Classification;

/// <summary>
/// <c>--format jsonl</c>: one JSON object per line on stdout and nothing else, so that <c>jq</c> and scripts can
/// rely on every line. Event: <c>{"file","label","start","end","confidence","detected_at","model"}</c>; failed
/// file: <c>{"file","error"}</c>; with <c>--frames</c>, per window: <c>{"file","time","scores":{label: p}}</c>.
/// Times are seconds of the file (3 decimals), probabilities 4 decimals.
/// </summary>
internal sealed class JsonLinesReport : IClassifyReport
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Paths and messages as people wrote them (JSON allows any Unicode); the line is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    public JsonLinesReport(TextWriter output) => _output = output;

    public void Event(string file, DetectionEvent detection)
    {
        WriteLine(writer =>
        {
            writer.WriteString("file", file);
            writer.WriteString("label", detection.Label);
            writer.WriteNumber("start", Math.Round(detection.Start, 3));
            writer.WriteNumber("end", Math.Round(detection.End ?? detection.Start, 3));
            writer.WriteNumber("confidence", Math.Round(detection.Confidence, 4));
            writer.WriteNumber("detected_at", Math.Round(detection.DetectedAt, 3));
            writer.WriteString("model", detection.Model);
        });
    }

    public void Scores(string file, double time, IReadOnlyList<string> labels, ReadOnlySpan<float> scores)
    {
        // A span cannot enter the lambda: copy the handful of values out first.
        var values = new double[labels.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Round(scores[i], 4);
        }

        WriteLine(writer =>
        {
            writer.WriteString("file", file);
            writer.WriteNumber("time", Math.Round(time, 3));
            writer.WriteStartObject("scores");
            for (int i = 0; i < values.Length; i++)
            {
                writer.WriteNumber(labels[i], values[i]);
            }

            writer.WriteEndObject();
        });
    }

    public void Error(string file, string message)
    {
        WriteLine(writer =>
        {
            writer.WriteString("file", file);
            writer.WriteString("error", message);
        });
    }

    public void Complete(string model, int files) => _output.Flush();

    private void WriteLine(Action<Utf8JsonWriter> body)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        _output.WriteLine(Encoding.UTF8.GetString(_buffer.WrittenSpan));
    }
}
