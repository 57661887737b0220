namespace AudioEdge.Audio.Alsa;

/// <summary>The sample format requested from the device (ALSA's names in the member docs).</summary>
public enum AlsaSampleFormat
{
    /// <summary><c>S16_LE</c>: signed 16-bit little endian, what USB microphones and most codecs deliver.</summary>
    S16LE,

    /// <summary>
    /// <c>S32_LE</c>: signed 32-bit little endian. I2S MEMS microphones (SPH0645, INMP441, ICS-43434) put their
    /// 18–24 significant bits left-justified in 32-bit slots; scaling by 2^-31 gives the right level without
    /// knowing the mic's bit depth, and the low padding bits only add negligible noise.
    /// </summary>
    S32LE,
}
