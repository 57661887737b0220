using AudioEdge.Audio.Alsa.Interop;

namespace AudioEdge.Audio.Alsa;

/// <summary>A capture PCM opened through libasound: open, negotiate hardware parameters, start; then wait/read/recover.</summary>
internal sealed unsafe class AlsaPcmDevice : IPcmCaptureDevice
{
    private readonly SafePcmHandle _pcm;

    private AlsaPcmDevice(SafePcmHandle pcm, PcmConfiguration configuration)
    {
        _pcm = pcm;
        Configuration = configuration;
    }

    public PcmConfiguration Configuration { get; }

    /// <summary>Opens <see cref="AlsaCaptureOptions.Device"/> for capture and starts it.</summary>
    /// <exception cref="AlsaException">The device does not exist, is busy, or refuses the requested parameters.</exception>
    public static AlsaPcmDevice Open(AlsaCaptureOptions options)
    {
        SafePcmHandle pcm;
        int err;
        try
        {
            // Non-blocking: open fails with EBUSY instead of hanging on a device held by someone else, and readi
            // never blocks, so the only place the capture thread waits is snd_pcm_wait with its short timeout.
            err = LibAsound.snd_pcm_open(out pcm, options.Device, LibAsound.SND_PCM_STREAM_CAPTURE, LibAsound.SND_PCM_NONBLOCK);
        }
        catch (DllNotFoundException e)
        {
            throw LibraryMissing(e);
        }

        if (err < 0)
        {
            pcm.Dispose();
            throw Error(options.Device, $"Cannot open ALSA capture device '{options.Device}'", err);
        }

        try
        {
            PcmConfiguration configuration = Configure(pcm, options);
            return new AlsaPcmDevice(pcm, configuration);
        }
        catch
        {
            pcm.Dispose();
            throw;
        }
    }

    public int Wait(int timeoutMilliseconds) => LibAsound.snd_pcm_wait(_pcm, timeoutMilliseconds);

    public nint Read(Span<byte> buffer, int frames)
    {
        // Checked here, not trusted: ALSA would write past a short buffer.
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)frames * Configuration.BytesPerFrame, buffer.Length, nameof(frames));
        fixed (byte* data = buffer)
        {
            return LibAsound.snd_pcm_readi(_pcm, data, (nuint)frames);
        }
    }

    public int Recover(int error)
    {
        // silent = 1: the capture loop logs and counts xruns itself, libasound need not print to stderr.
        int err = LibAsound.snd_pcm_recover(_pcm, error, 1);
        if (err < 0)
        {
            return err;
        }

        // recover() leaves a capture stream PREPARED; without a start, snd_pcm_wait would only time out.
        if (LibAsound.snd_pcm_state(_pcm) == LibAsound.SND_PCM_STATE_PREPARED)
        {
            err = LibAsound.snd_pcm_start(_pcm);
        }

        return Math.Min(err, 0);
    }

    public void Dispose() => _pcm.Dispose();

    internal static AlsaException Error(string device, string what, int err)
    {
        string name = Errno.Name(err) is { } symbol ? $" ({symbol})" : $" (error {err})";
        return new AlsaException($"{what}: {LibAsound.StrError(err)}{name}", err, device);
    }

    internal static AlsaException LibraryMissing(DllNotFoundException e) =>
        new("libasound.so.2 could not be loaded; install the ALSA library (Debian: apt install libasound2).", 0, null, e)
        {
            IsPermanent = true,
        };

    private static PcmConfiguration Configure(SafePcmHandle pcm, AlsaCaptureOptions options)
    {
        string device = options.Device;
        int err = LibAsound.snd_pcm_hw_params_malloc(out nint hw);
        if (err < 0)
        {
            throw Error(device, "Cannot allocate ALSA hardware parameters", err);
        }

        try
        {
            Check(LibAsound.snd_pcm_hw_params_any(pcm, hw), "has no usable configuration");
            Check(LibAsound.snd_pcm_hw_params_set_access(pcm, hw, LibAsound.SND_PCM_ACCESS_RW_INTERLEAVED), "does not support interleaved read access");

            int format = options.SampleFormat == AlsaSampleFormat.S32LE ? LibAsound.SND_PCM_FORMAT_S32_LE : LibAsound.SND_PCM_FORMAT_S16_LE;
            Check(LibAsound.snd_pcm_hw_params_set_format(pcm, hw, format), $"does not support format {FormatName(options.SampleFormat)} (try plughw: or the other format)");
            Check(LibAsound.snd_pcm_hw_params_set_channels(pcm, hw, (uint)options.Channels), $"does not support {options.Channels} channel(s)");

            uint rate = (uint)options.SampleRate;
            int dir = 0;
            Check(LibAsound.snd_pcm_hw_params_set_rate_near(pcm, hw, ref rate, ref dir), $"does not support a rate near {options.SampleRate} Hz");

            nuint period = (nuint)options.PeriodFrames;
            dir = 0;
            Check(LibAsound.snd_pcm_hw_params_set_period_size_near(pcm, hw, ref period, ref dir), $"does not support a period near {options.PeriodFrames} frames");

            nuint buffer = (nuint)options.BufferFrames;
            Check(LibAsound.snd_pcm_hw_params_set_buffer_size_near(pcm, hw, ref buffer), $"does not support a buffer near {options.BufferFrames} frames");

            // Installing the parameters also prepares the stream.
            Check(LibAsound.snd_pcm_hw_params(pcm, hw), "rejected the hardware parameters");

            // Started explicitly: capture would otherwise start only at the first readi, and the loop waits before it reads.
            Check(LibAsound.snd_pcm_start(pcm), "could not be started");

            return new PcmConfiguration(options.SampleFormat, options.Channels, checked((int)rate), checked((int)period), checked((int)buffer));
        }
        finally
        {
            LibAsound.snd_pcm_hw_params_free(hw);
        }

        void Check(int result, string what)
        {
            if (result < 0)
            {
                throw Error(device, $"ALSA capture device '{device}' {what}", result);
            }
        }
    }

    internal static string FormatName(AlsaSampleFormat format) => format == AlsaSampleFormat.S32LE ? "S32_LE" : "S16_LE";
}
