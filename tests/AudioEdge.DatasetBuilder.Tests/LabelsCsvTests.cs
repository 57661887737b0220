using AudioEdge.DatasetBuilder.Data;

namespace AudioEdge.DatasetBuilder.Tests;

public class LabelsCsvTests
{
    private const string Header = "path,label,category,source,licence,weak_label,notes\n";

    [Test]
    public void Quoted_fields_with_commas_and_quotes_are_read_whole()
    {
        string text = Header
            + "audioset/alarm/a_b_1.000.flac,smoke_alarm,AudioSet 'Fire alarm' clip,github x,\"rights, with uploaders\",yes,\"audioset labels: Smoke detector, smoke alarm; share of energy in 2.9-3.9 kHz: 0.999\"\r\n"
            + "kitchen20/cutlery/1-2-A-3.flac,none,\"kitchen: \"\"cutlery\"\"\",k20,cc,no,\n";

        List<LabelRow> rows = LabelsCsv.Parse(text, "labels.csv");

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0].Licence, Is.EqualTo("rights, with uploaders"));
        Assert.That(rows[0].Notes, Does.EndWith("0.999"));
        Assert.That(rows[0].WeakLabel, Is.True);
        Assert.That(rows[0].Folder, Is.EqualTo("audioset"));
        Assert.That(rows[1].Category, Is.EqualTo("kitchen: \"cutlery\""));
        Assert.That(rows[1].WeakLabel, Is.False);
        Assert.That(rows[1].Notes, Is.Empty);
    }

    [Test]
    public void A_missing_column_is_a_data_error_naming_it()
    {
        var ex = Assert.Throws<BuildException>(() => LabelsCsv.Parse("path,label,category\nx.wav,none,y\n", "labels.csv"));
        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCodes.DataError));
        Assert.That(ex.Message, Does.Contain("'source'"));
    }

    [TestCase("x.wav,fire,c,s,l,no,n\n", "label 'fire'")]
    [TestCase("x.wav,none,c,s,l,maybe,n\n", "weak_label 'maybe'")]
    [TestCase("../x.wav,none,c,s,l,no,n\n", "inside the data directory")]
    [TestCase("x.wav,none,c,s,l,no\n", "6 fields")]
    [TestCase("x.wav,none,c,s,l,no,n\nx.wav,none,c,s,l,no,n\n", "listed twice")]
    public void Malformed_rows_are_refused_with_their_line(string body, string message)
    {
        var ex = Assert.Throws<BuildException>(() => LabelsCsv.Parse(Header + body, "labels.csv"));
        Assert.That(ex!.Message, Does.Contain("line").And.Contain(message));
    }

    [Test]
    public void A_missing_file_is_reported_as_no_input()
    {
        var ex = Assert.Throws<BuildException>(() => LabelsCsv.Read("/nonexistent/labels.csv"));
        Assert.That(ex!.ExitCode, Is.EqualTo(ExitCodes.NoInput));
    }
}
