"""A numpy log-mel front end with the same definition as the C# LogMelFrontEnd (README "Front-end choices"):
16 kHz, 25 ms periodic Hann, 10 ms hop, 512-point FFT, 64 HTK-mel triangles peaking at 1.0 from 60 Hz to
8 kHz, natural log with a 1e-10 floor. Used only to make fake shards; real shards come from the C# builder.
"""
import numpy as np

SR, WIN, HOP, NFFT, MELS, FMIN, FMAX, FLOOR = 16000, 400, 160, 512, 64, 60.0, 8000.0, 1e-10
# Exactly AudioEdge.Dsp.FrontEndOptions.Default.Fingerprint(): these features follow the same definition, so a
# model trained on fake shards loads in the C# runtime (which refuses models trained on other features).
FINGERPRINT = "logmel/htk/hann-periodic sr=16000 win=400 hop=160 fft=512 mels=64 fmin=60 fmax=8000 floor=1E-10"


def samples_for_frames(frames):
    return WIN + (frames - 1) * HOP


def _hz_to_mel(f):
    return 2595.0 * np.log10(1.0 + f / 700.0)


def _mel_to_hz(m):
    return 700.0 * (10.0 ** (m / 2595.0) - 1.0)


def mel_matrix():
    centres = _mel_to_hz(np.linspace(_hz_to_mel(FMIN), _hz_to_mel(FMAX), MELS + 2))
    freqs = np.arange(NFFT // 2 + 1) * SR / NFFT
    lo, c, hi = centres[:-2, None], centres[1:-1, None], centres[2:, None]
    return np.clip(np.minimum((freqs - lo) / (c - lo), (hi - freqs) / (hi - c)), 0.0, None)


_MEL = mel_matrix()
_HANN = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(WIN) / WIN)


def band_centres_hz():
    return _mel_to_hz(np.linspace(_hz_to_mel(FMIN), _hz_to_mel(FMAX), MELS + 2))[1:-1]


def logmel(signal):
    """float [samples] -> float32 [frames, 64]."""
    x = np.asarray(signal, dtype=np.float64)
    frames = 0 if x.size < WIN else (x.size - WIN) // HOP + 1
    idx = np.arange(frames)[:, None] * HOP + np.arange(WIN)[None, :]
    spectrum = np.fft.rfft(x[idx] * _HANN, NFFT, axis=1)
    power = spectrum.real ** 2 + spectrum.imag ** 2
    return np.log(np.maximum(power @ _MEL.T, FLOOR)).astype(np.float32)
