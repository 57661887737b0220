using System.ComponentModel;
using System.Diagnostics;
using AudioEdge.Audio.Wav;

namespace AudioEdge.Audio.Sources;

/// <summary>
/// Plays a recording in any format sox reads (FLAC, Ogg Vorbis, AIFF, MP3 with libsox-fmt-mp3, …) through the
/// <see cref="AudioSource"/> seam, streamed: sox decodes in a child process and writes 32-bit float WAV to a
/// pipe, which a <see cref="WavFileSource"/> downmixes and resamples.
/// </summary>
/// <remarks>
/// <para>
/// Why sox and not a managed decoder: no FLAC/Vorbis/MP3 decoder in the package registry is both maintained and
/// streaming, and Debian's sox (already a dependency of the tools) decodes them bit-exactly. Why sox only decodes:
/// downmix and resampling stay the project's own, so a FLAC file and a WAV file of the same audio give the same
/// samples, and the same timing, as the WAV path — and as the daemon.
/// </para>
/// <para>
/// Failures sox reports — an unreadable or corrupt file, an unknown format — become one-line
/// <see cref="InvalidAudioFileException"/>s naming the file: when opening, or at the end of the stream for a file
/// that breaks off part way (the audio before the damage has been delivered by then).
/// </para>
/// </remarks>
public sealed class SoxFileSource : AudioFileSource
{
    // sox exits within milliseconds of failing or of closing its output; these bound the wait for one that is
    // still writing because we stopped reading (at the end of the stream that cannot happen: it closed it).
    private static readonly TimeSpan FailureExitWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EndExitWait = TimeSpan.FromSeconds(10);

    private readonly string _path;
    private readonly Process _sox;
    private readonly Task<string> _soxErrors;
    private readonly WavFileSource _decoded;
    private readonly List<string> _warnings = [];
    private bool _checkedExit;
    private bool _stopped;

    /// <summary>Starts sox on <paramref name="path"/>.</summary>
    /// <param name="path">The recording.</param>
    /// <param name="realTime">Pace reads to the sample rate, as a live device would deliver them.</param>
    /// <param name="timeProvider">Clock for pacing; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="soxExecutable">The sox program; <c>sox</c> from <c>PATH</c> when null.</param>
    /// <exception cref="InvalidAudioFileException">sox is not installed, or cannot decode the file; the message starts with the path.</exception>
    public SoxFileSource(string path, bool realTime = false, TimeProvider? timeProvider = null, string? soxExecutable = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;

        // The full path, so that a file name starting with '-' cannot be read as an option. -V2: failures and
        // warnings (a FLAC file that breaks off is a "FAIL" line with exit 0: sox delivers what it decoded).
        var start = new ProcessStartInfo(soxExecutable ?? "sox")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-V2", Path.GetFullPath(path), "-t", "wav", "-e", "floating-point", "-b", "32", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _sox = Process.Start(start) ?? throw new InvalidAudioFileException($"{path}: sox did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidAudioFileException(
                $"{path}: not a WAV file, and reading other formats needs sox, which cannot be started ({ex.Message}); on Debian: apt-get install sox", ex);
        }

        _soxErrors = _sox.StandardError.ReadToEndAsync();
        WavReader reader;
        try
        {
            reader = new WavReader(_sox.StandardOutput.BaseStream);
        }
        catch (InvalidAudioFileException ex)
        {
            // sox failed and wrote nothing: its own message says why, the WAV decoder's would not.
            string? failure = WaitForFailure(FailureExitWait);
            Stop();
            throw new InvalidAudioFileException(failure ?? Unusable(ex), ex);
        }
        catch
        {
            Stop();
            throw;
        }

        try
        {
            _decoded = new WavFileSource(reader, $"wav:{Path.GetFileName(path)}", realTime, timeProvider);
        }
        catch (InvalidAudioFileException ex)
        {
            // sox's output is fine but cannot be played (a sample rate the resampler cannot take): our message.
            Stop();
            throw new InvalidAudioFileException(Unusable(ex), ex);
        }

        Description = $"sox:{Path.GetFileName(path)}";
    }

    public override int SampleRate => TargetSampleRate;

    public override string Description { get; }

    public override long Position => _decoded.Position;

    public override double? DeclaredSeconds => _decoded.DeclaredSeconds;

    /// <summary>What sox reported while decoding successfully (e.g. a FLAC stream that breaks off); complete once the end was reached.</summary>
    public override IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The format sox decodes to (float WAV at the recording's own rate and channel count).</summary>
    public WavFormat DecodedFormat => _decoded.SourceFormat;

    /// <summary>Returns the next samples; 0 at the end of the recording.</summary>
    /// <exception cref="InvalidAudioFileException">sox stopped with an error (a damaged file); everything it decoded before was returned.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled while a paced read was waiting.</exception>
    public override int Read(Span<float> destination, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        int read;
        try
        {
            read = _decoded.Read(destination, cancellationToken);
        }
        catch (InvalidAudioFileException ex)
        {
            throw new InvalidAudioFileException(WaitForFailure(FailureExitWait) ?? Unusable(ex), ex);
        }

        if (read == 0 && !destination.IsEmpty && !_checkedExit)
        {
            _checkedExit = true;
            if (WaitForFailure(EndExitWait) is string failure)
            {
                throw new InvalidAudioFileException(failure);
            }
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stop();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Waits for sox to exit; its failure as one line naming the file, or null when it succeeded (what it said
    /// then goes to <see cref="Warnings"/>) or did not exit: a sox still writing (we stopped reading because its
    /// output was unusable, e.g. a sample rate the resampler cannot take) would wait for us for ever, so it is
    /// given <paramref name="wait"/> and then stopped.
    /// </summary>
    private string? WaitForFailure(TimeSpan wait)
    {
        if (!_sox.WaitForExit(wait))
        {
            Stop();
            return null;
        }

        IEnumerable<string> lines = _soxErrors.GetAwaiter().GetResult()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.StartsWith("sox FAIL ", StringComparison.Ordinal) || line.StartsWith("sox WARN ", StringComparison.Ordinal) ? line[9..] : line)
            // About the pipe sox writes to, not about the recording.
            .Where(line => !line.Contains("can't seek", StringComparison.Ordinal));
        if (_sox.ExitCode == 0)
        {
            _warnings.AddRange(lines.Select(line => line.StartsWith("sox: ", StringComparison.Ordinal) ? line : $"sox: {line}"));
            return null;
        }

        string message = string.Join(' ', lines);
        return $"{_path}: sox cannot decode it (exit {_sox.ExitCode}): {(message.Length == 0 ? "no message" : message)}";
    }

    /// <summary>sox decoded, but what it gave cannot be used (e.g. a sample rate the resampler cannot take).</summary>
    private string Unusable(InvalidAudioFileException ex)
    {
        const string WavPrefix = "Invalid WAV file: ";
        string reason = ex.Message.StartsWith(WavPrefix, StringComparison.Ordinal) ? ex.Message[WavPrefix.Length..] : ex.Message;
        return $"{_path}: {reason}";
    }

    private void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (!_sox.HasExited)
        {
            try
            {
                _sox.Kill();
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }

        _sox.WaitForExit();
        _decoded?.Dispose();
        _sox.Dispose();
    }
}
