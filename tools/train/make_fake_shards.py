#!/usr/bin/python3
"""Writes tiny fake shards in the `audioedge-shards/1` format (numpy only), for tests of the training pipeline.

Audio is synthesised per window (household-like noise, speech-like harmonic babble, hum, knocks and non-alarm
beeps as negatives; T3/T4/continuous smoke- and CO-alarm beeps at 2.8-3.6 kHz or a 520 Hz square wave;
glass breaks as a low thud followed by a high-passed shatter burst and tinkles) and turned into log-mel with
the front-end definition of the C# code. The data is easy on purpose: it proves the plumbing, not accuracy.

Usage: /usr/bin/python3 tools/train/make_fake_shards.py OUT_DIR [--train 600] [--validation 200]
       [--shard-size 256] [--seed 7]
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from audioedge_train import contract, frontend  # noqa: E402

SR = frontend.SR
N = frontend.samples_for_frames(contract.WINDOW_FRAMES)
T = np.arange(N) / SR


def _coloured_noise(rng, exponent):
    spec = np.fft.rfft(rng.standard_normal(N))
    f = np.fft.rfftfreq(N, 1 / SR)
    f[0] = f[1]
    x = np.fft.irfft(spec / f ** (exponent / 2), N)
    return x / (np.std(x) + 1e-12)


def _highpass_noise(rng, cutoff):
    spec = np.fft.rfft(rng.standard_normal(N))
    f = np.fft.rfftfreq(N, 1 / SR)
    spec *= 1 / (1 + (cutoff / np.maximum(f, 1)) ** 4)
    x = np.fft.irfft(spec, N)
    return x / (np.std(x) + 1e-12)


def background(rng):
    x = _coloured_noise(rng, rng.choice([0.0, 1.0, 2.0])) * 10 ** rng.uniform(-2.5, -1)
    kinds = ["noise"]
    if rng.random() < 0.4:  # speech-like babble: harmonics of a gliding f0 with syllable-rate AM
        f0 = rng.uniform(90, 250) * (1 + 0.1 * np.sin(2 * np.pi * rng.uniform(0.5, 2) * T))
        phase = 2 * np.pi * np.cumsum(f0) / SR
        voice = sum(np.sin(k * phase) / k for k in range(1, 20))
        am = 0.5 + 0.5 * np.sin(2 * np.pi * rng.uniform(3, 6) * T + rng.uniform(0, 6.28))
        x += voice * am * 10 ** rng.uniform(-2, -0.7)
        kinds.append("speech")
    if rng.random() < 0.2:
        hum = rng.choice([50.0, 60.0])
        x += sum(np.sin(2 * np.pi * hum * k * T) / k for k in (1, 2, 3)) * 10 ** rng.uniform(-2.5, -1.5)
        kinds.append("hum")
    if rng.random() < 0.2:  # hard negative: a knock (low thud without shatter)
        t0 = rng.uniform(0, 0.8)
        env = np.where(T >= t0, np.exp(-(T - t0) / 0.03), 0)
        x += np.sin(2 * np.pi * rng.uniform(60, 200) * T) * env * 10 ** rng.uniform(-1.2, -0.3)
        kinds.append("knock")
    if rng.random() < 0.2:  # hard negative: an appliance beep away from alarm frequencies
        f = rng.choice([1000.0, 1800.0, 2000.0, 4500.0, 5000.0]) * rng.uniform(0.97, 1.03)
        t0 = rng.uniform(0, 0.7)
        gate = (T >= t0) & (T < t0 + rng.uniform(0.1, 0.3))
        x += np.sin(2 * np.pi * f * T) * gate * 10 ** rng.uniform(-1.5, -0.5)
        kinds.append("beep")
    return x, kinds


def alarm(rng):
    kind = rng.choice(["t3", "t4", "continuous", "low520"])
    if kind == "low520":
        f = 520 * rng.uniform(0.92, 1.08)
        tone = np.sign(np.sin(2 * np.pi * f * T))
    else:
        f = rng.uniform(2800, 3600)
        tone = np.sin(2 * np.pi * f * T) + 0.3 * np.sin(2 * np.pi * 2 * f * T)
    on, period = {"t3": (0.5, 1.0), "t4": (0.1, 0.2), "continuous": (rng.uniform(0.05, 0.3), 0),
                  "low520": (0.5, 1.0)}[kind]
    period = period or on * 2
    t0 = rng.uniform(-0.9 * on, 0.3)  # at least part of a beep inside the window
    gate = ((T - t0) % period < on) & (T >= t0)
    if not gate.any():
        gate = (T >= 0.2) & (T < 0.2 + on)
    return tone * gate * 10 ** rng.uniform(-1.3, -0.2), kind


def glass(rng):
    t0 = rng.uniform(0.02, 0.6)
    after = np.maximum(T - t0, 0) * (T >= t0)
    thud = np.sin(2 * np.pi * rng.uniform(50, 200) * T) * np.exp(-after / 0.02) * (T >= t0)
    t1 = t0 + rng.uniform(0.005, 0.05)
    after1 = np.maximum(T - t1, 0)
    shatter = _highpass_noise(rng, rng.uniform(2500, 4500)) * np.exp(-after1 / rng.uniform(0.05, 0.3)) * (T >= t1)
    tinkles = np.zeros(N)
    for _ in range(rng.integers(2, 8)):
        tt = rng.uniform(t1, min(t1 + 0.6, 0.95))
        tinkles += np.sin(2 * np.pi * rng.uniform(4000, 7800) * T) * np.exp(-np.maximum(T - tt, 0) / 0.02) * (T >= tt)
    x = 0.5 * thud + shatter + 0.3 * tinkles
    return x * 10 ** rng.uniform(-1.3, -0.3), "shatter"


def window(rng):
    x, kinds = background(rng)
    label = np.zeros(len(contract.LABELS), np.float32)
    r = rng.random()
    if r < 0.35 or r >= 0.95:
        a, k = alarm(rng)
        x, label[0] = x + a, 1
        kinds.append(k)
    if 0.35 <= r < 0.65 or r >= 0.95:
        g, k = glass(rng)
        x, label[1] = x + g, 1
        kinds.append(k)
    return frontend.logmel(x), label, {"source": "fake", "kinds": "+".join(kinds), "kind": kinds[-1]}


def write(out_dir, n_train=600, n_validation=200, shard_size=256, seed=7):
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(seed)
    shards, summary = [], {}
    for split, n in (("train", n_train), ("validation", n_validation)):
        counts = {}
        for index, start in enumerate(range(0, n, shard_size)):
            count = min(shard_size, n - start)
            feats = np.empty((count, contract.WINDOW_FRAMES, contract.BANDS), np.float32)
            labels = np.empty((count, len(contract.LABELS)), np.float32)
            metas = []
            for i in range(count):
                feats[i], labels[i], meta = window(rng)
                metas.append(meta)
                key = "+".join(l for l, v in zip(contract.LABELS, labels[i]) if v) or "none"
                counts[key] = counts.get(key, 0) + 1
            stem = f"{split}-{index:04d}"
            np.save(os.path.join(out_dir, stem + ".features.npy"), feats)
            np.save(os.path.join(out_dir, stem + ".labels.npy"), labels)
            with open(os.path.join(out_dir, stem + ".meta.jsonl"), "w", encoding="utf-8") as f:
                f.writelines(json.dumps(m) + "\n" for m in metas)
            shards.append({"split": split, "features": stem + ".features.npy", "labels": stem + ".labels.npy",
                           "meta": stem + ".meta.jsonl", "count": count})
        summary[split] = {"windows": n, "labels": dict(sorted(counts.items()))}
    manifest = {"format": contract.SHARD_FORMAT, "front_end": frontend.FINGERPRINT,
                "window_frames": contract.WINDOW_FRAMES, "bands": contract.BANDS, "labels": list(contract.LABELS),
                "shards": shards, "summary": {"generator": "tools/train/make_fake_shards.py", "seed": seed, **summary}}
    tmp = os.path.join(out_dir, "manifest.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    os.replace(tmp, os.path.join(out_dir, "manifest.json"))
    return manifest


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out_dir")
    p.add_argument("--train", type=int, default=600)
    p.add_argument("--validation", type=int, default=200)
    p.add_argument("--shard-size", type=int, default=256)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args(argv)
    if a.train < 1 or a.validation < 1 or a.shard_size < 1:
        p.error("--train, --validation and --shard-size must be positive")
    m = write(a.out_dir, a.train, a.validation, a.shard_size, a.seed)
    print(f"wrote {len(m['shards'])} shards to {a.out_dir}: {json.dumps(m['summary'])}")


if __name__ == "__main__":
    main()
