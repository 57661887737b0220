using AudioEdge.Daemon.Configuration;

namespace AudioEdge.Daemon.Tests;

/// <summary>A bad model or an unusable state directory is a configuration error at start (exit 78), not a crash later.</summary>
public sealed class StartupFailureTests
{
    private TemporaryDirectory _directory = null!;
    private DaemonOptions _options = null!;

    [SetUp]
    public void CreateOptions()
    {
        _directory = new TemporaryDirectory();
        _options = DaemonHarness.CreateOptions(TestRecordings.DemoWav);
        _options.Outbox.Path = _directory.File("state/outbox.db");
    }

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    [Test]
    public void CorruptedModelIsAConfigurationError()
    {
        _options.Model.Manifest = TestModel.CopyTo(_directory.File("models"));
        TestModel.CorruptOnnxFiles(_directory.File("models"));

        var exception = Assert.Throws<DaemonConfigurationException>(() => DaemonHost.Build(_options));

        Assert.That(exception!.Problems, Has.Count.EqualTo(1));
        Assert.That(exception.Problems[0], Does.StartWith("Model: ").And.Contain("model.int8.onnx"), exception.Problems[0]);
        Assert.That(File.Exists(_options.Outbox.Path), Is.False, "nothing is created before the model is known to be good");
    }

    [Test]
    public void MissingModelFileIsAConfigurationError()
    {
        _options.Model.Manifest = TestModel.CopyTo(_directory.File("models"));
        File.Delete(_directory.File("models/model.int8.onnx"));

        var exception = Assert.Throws<DaemonConfigurationException>(() => DaemonHost.Build(_options));

        Assert.That(exception!.Problems.Single(), Does.StartWith("Model: "));
    }

    [Test]
    public void ModelThatPassesTheChecksumButDoesNotRunIsAConfigurationError()
    {
        _options.Model.Manifest = TestModel.CopyTo(_directory.File("models"));
        TestModel.MakeUnrunnable(_directory.File("models"));

        var exception = Assert.Throws<DaemonConfigurationException>(() => DaemonHost.Build(_options));

        Assert.That(exception!.Problems.Single(), Does.StartWith("Model: ").And.Contain("ONNX Runtime cannot load"), exception.Problems[0]);
    }

    [Test]
    public void OutboxInAnUncreatableDirectoryIsAConfigurationError()
    {
        string file = _directory.File("not-a-directory");
        File.WriteAllText(file, "a file where the state directory should be");
        _options.Outbox.Path = Path.Combine(file, "outbox.db");

        var exception = Assert.Throws<DaemonConfigurationException>(() => DaemonHost.Build(_options));

        Assert.That(exception!.Problems.Single(), Does.StartWith("Outbox: ").And.Contain(file));
    }

    [Test]
    public void CorruptOutboxIsAConfigurationError()
    {
        Directory.CreateDirectory(_directory.File("state"));
        byte[] garbage = new byte[8192];
        new Random(3).NextBytes(garbage);
        File.WriteAllBytes(_options.Outbox.Path, garbage);

        var exception = Assert.Throws<DaemonConfigurationException>(() => DaemonHost.Build(_options));

        Assert.That(exception!.Problems.Single(), Does.StartWith("Outbox: ").And.Contain("outbox.db"));
        Assert.That(exception.Problems.Single(), Does.Not.Contain("\n"));
    }
}
