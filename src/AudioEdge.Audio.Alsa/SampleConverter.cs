using System.Runtime.InteropServices;

namespace AudioEdge.Audio.Alsa;

/// <summary>
/// Interleaved little-endian integer frames to mono float in [-1, 1). Scalar on purpose: at 48 kHz stereo this is
/// about 100 k samples/s, far below anything worth vectorizing on a Cortex-A53.
/// </summary>
internal static class SampleConverter
{
    /// <summary>2^-15: full-scale S16 maps to [-1, 1) exactly.</summary>
    private const float S16Scale = 1f / 32768f;

    /// <summary>2^-31: a power of two, so 24-bit-in-32 samples convert exactly.</summary>
    private const float S32Scale = 1f / 2147483648f;

    /// <summary>Converts <paramref name="frames"/> frames of <paramref name="interleaved"/> into <paramref name="destination"/>.</summary>
    public static void ToMono(
        ReadOnlySpan<byte> interleaved,
        int frames,
        AlsaSampleFormat format,
        int channels,
        AlsaChannelSelection selection,
        Span<float> destination)
    {
        // The byte reinterpretation assumes a little-endian CPU, which every target (arm64, armhf, x64 Linux) is.
        if (format == AlsaSampleFormat.S16LE)
        {
            ReadOnlySpan<short> samples = MemoryMarshal.Cast<byte, short>(interleaved)[..(frames * channels)];
            ToMono(samples, frames, channels, selection, S16Scale, destination);
        }
        else
        {
            ReadOnlySpan<int> samples = MemoryMarshal.Cast<byte, int>(interleaved)[..(frames * channels)];
            ToMono(samples, frames, channels, selection, S32Scale, destination);
        }
    }

    private static void ToMono<T>(ReadOnlySpan<T> samples, int frames, int channels, AlsaChannelSelection selection, float scale, Span<float> destination)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        Span<float> output = destination[..frames];
        if (selection == AlsaChannelSelection.Average && channels > 1)
        {
            float averageScale = scale / channels;
            for (int frame = 0, i = 0; frame < output.Length; frame++)
            {
                // Summed in long: two full-scale S32 samples overflow int.
                long sum = 0;
                for (int channel = 0; channel < channels; channel++, i++)
                {
                    sum += long.CreateTruncating(samples[i]);
                }

                output[frame] = sum * averageScale;
            }

            return;
        }

        int slot = selection == AlsaChannelSelection.Right ? 1 : 0;
        for (int frame = 0, i = slot; frame < output.Length; frame++, i += channels)
        {
            output[frame] = int.CreateTruncating(samples[i]) * scale;
        }
    }
}
