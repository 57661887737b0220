namespace AudioEdge.Audio.Alsa.Tests;

/// <summary>
/// Stands in for opening the ALSA device: hands out the given devices in order, or throws the given failures; once
/// the list is used up every open fails with ENODEV (the mic stays unplugged).
/// </summary>
internal sealed class ScriptedOpener
{
    private readonly object[] _results;
    private int _opens;

    /// <param name="results">Each a <see cref="ScriptedPcmDevice"/> to return or an <see cref="AlsaException"/> to throw.</param>
    public ScriptedOpener(params object[] results)
    {
        _results = results;
    }

    public int Opens => Volatile.Read(ref _opens);

    public static AlsaException Unplugged(string device = "scripted") =>
        new($"Cannot open ALSA capture device '{device}': No such device (ENODEV)", -Interop.Errno.ENODEV, device);

    public IPcmCaptureDevice Open(AlsaCaptureOptions options)
    {
        int index = Interlocked.Increment(ref _opens) - 1;
        object result = index < _results.Length ? _results[index] : Unplugged(options.Device);
        return result switch
        {
            ScriptedPcmDevice device => device,
            AlsaException failure => throw failure,
            _ => throw new InvalidOperationException($"Unexpected script entry {result}."),
        };
    }
}
