using AudioEdge.Audio;
using AudioEdge.Audio.Sources;

namespace AudioEdge.Benchmarking;

/// <summary>
/// The bench's audio: a recording (the demo's: household noise, a temporal-3 smoke alarm, a glass break) followed by
/// a few seconds of <see cref="SyntheticAudioSource"/> (a temporal-4 CO-alarm tone in white noise), played in a loop.
/// So the pipeline sees quiet, alarms and a transient, and the detector's event paths run as well as its idle path.
/// </summary>
public static class BenchAudio
{
    /// <summary>Seconds of synthetic CO alarm appended to the recording.</summary>
    public const double SyntheticSeconds = 6;

    /// <summary>The loop: <paramref name="recording"/> (16 kHz mono) then <see cref="SyntheticSeconds"/> of synthetic audio.</summary>
    public static float[] Create(ReadOnlySpan<float> recording, int seed = 5)
    {
        var options = new SyntheticAudioOptions
        {
            Tones = [new SyntheticTone(3100, 0.25)],
            Cadence = AlarmCadences.TemporalFour,
            NoiseRms = 0.003,
            Seed = seed,
            Duration = TimeSpan.FromSeconds(SyntheticSeconds),
        };
        using var source = new SyntheticAudioSource(options);
        int synthetic = (int)(SyntheticSeconds * AudioSource.TargetSampleRate);
        var loop = new float[recording.Length + synthetic];
        recording.CopyTo(loop);
        int filled = 0;
        while (filled < synthetic)
        {
            int read = source.Read(loop.AsSpan(recording.Length + filled, synthetic - filled));
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return loop;
    }
}
