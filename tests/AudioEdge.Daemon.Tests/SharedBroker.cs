using AudioEdge.Testing;

namespace AudioEdge.Daemon.Tests;

/// <summary>
/// One real mosquitto for the whole test assembly (starting one costs ~50 ms, but every host test needs it, and
/// each test uses its own device id, so their topics never meet).
/// </summary>
[SetUpFixture]
public sealed class SharedBroker
{
    private static MosquittoBroker? _broker;

    /// <summary>The running broker.</summary>
    internal static MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("The shared broker has not been started.");

    /// <summary>Starts the broker before any test of the assembly.</summary>
    [OneTimeSetUp]
    public void StartBroker()
    {
        _broker = new MosquittoBroker();
        _broker.Start();
    }

    /// <summary>Stops it after the last test.</summary>
    [OneTimeTearDown]
    public void StopBroker()
    {
        _broker?.Dispose();
        _broker = null;
        TestRecordings.DeleteAll();
    }
}
