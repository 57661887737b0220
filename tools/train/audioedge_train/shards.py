"""Reads a shard directory written by the C# dataset builder (format `audioedge-shards/1`).

<dir>/manifest.json = {"format": "audioedge-shards/1", "front_end": "...", "window_frames": 96, "bands": 64,
  "labels": ["alarm", "glass_break"], "shards": [{"split": "train"|"validation", "features": "...npy",
  "labels": "...npy", "meta": "...jsonl", "count": N}, ...], "summary": {...}}
features: float32 [N, 96, 64] raw natural-log mel energies; labels: float32 [N, 2] multi-hot; meta: N JSON lines.
"""
import json
import os
from dataclasses import dataclass, field

import numpy as np

from . import contract


class ShardError(Exception):
    """The shard directory does not match the contract (one-line message)."""


@dataclass
class Split:
    name: str
    features: np.ndarray  # float32 [N, frames, bands]
    labels: np.ndarray    # float32 [N, classes]
    meta: list = field(default_factory=list)  # one dict per window (may be empty dicts)

    def __len__(self):
        return self.features.shape[0]

    def label_counts(self):
        """Counts per label combination, e.g. {"none": 10, "alarm": 3, "glass_break": 2, "alarm+glass_break": 1}."""
        counts = {}
        for row in self.labels:
            names = [contract.LABELS[i] for i in np.flatnonzero(row > 0.5)]
            key = "+".join(names) if names else "none"
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))


@dataclass
class ShardSet:
    directory: str
    manifest: dict
    train: Split
    validation: Split


def _require(condition, message):
    if not condition:
        raise ShardError(message)


def load(directory, max_windows=None, rng=None, read_meta=True):
    """Loads and validates every shard. max_windows (per split) subsamples at random with rng."""
    path = os.path.join(directory, "manifest.json")
    _require(os.path.isfile(path), f"no manifest.json in {directory}")
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        raise ShardError(f"cannot read {path}: {e}") from e
    _require(manifest.get("format") == contract.SHARD_FORMAT,
             f"manifest format is {manifest.get('format')!r}, expected {contract.SHARD_FORMAT!r}")
    _require(manifest.get("window_frames") == contract.WINDOW_FRAMES,
             f"window_frames is {manifest.get('window_frames')}, expected {contract.WINDOW_FRAMES}")
    _require(manifest.get("bands") == contract.BANDS, f"bands is {manifest.get('bands')}, expected {contract.BANDS}")
    _require(list(manifest.get("labels", [])) == list(contract.LABELS),
             f"labels are {manifest.get('labels')}, expected {list(contract.LABELS)}")
    _require(isinstance(manifest.get("front_end"), str) and manifest["front_end"], "manifest has no front_end")
    shards = manifest.get("shards")
    _require(isinstance(shards, list) and shards, "manifest lists no shards")

    parts = {"train": ([], [], []), "validation": ([], [], [])}
    for i, shard in enumerate(shards):
        split = shard.get("split")
        _require(split in parts, f"shard {i} has split {split!r}, expected train or validation")
        feats = _load_npy(directory, shard.get("features"), f"shard {i} features")
        labels = _load_npy(directory, shard.get("labels"), f"shard {i} labels")
        count = shard.get("count")
        _require(feats.dtype == np.float32 and feats.ndim == 3
                 and feats.shape[1:] == (contract.WINDOW_FRAMES, contract.BANDS),
                 f"{shard.get('features')}: {feats.dtype}{list(feats.shape)}, expected float32[N, 96, 64]")
        _require(labels.dtype == np.float32 and labels.shape == (feats.shape[0], len(contract.LABELS)),
                 f"{shard.get('labels')}: {labels.dtype}{list(labels.shape)}, expected float32[{feats.shape[0]}, 2]")
        _require(count == feats.shape[0], f"shard {i}: count {count} but {feats.shape[0]} windows")
        _require(np.all(np.isfinite(feats)), f"{shard.get('features')}: non-finite values")
        _require(np.all((labels == 0) | (labels == 1)), f"{shard.get('labels')}: labels must be 0 or 1")
        meta = []
        if read_meta and shard.get("meta"):
            meta_path = os.path.join(directory, shard["meta"])
            _require(os.path.isfile(meta_path), f"missing {meta_path}")
            with open(meta_path, encoding="utf-8") as f:
                meta = [json.loads(line) for line in f if line.strip()]
            _require(len(meta) == count, f"{shard['meta']}: {len(meta)} lines but count {count}")
        else:
            meta = [{} for _ in range(feats.shape[0])]
        parts[split][0].append(feats)
        parts[split][1].append(labels)
        parts[split][2].extend(meta)

    splits = {}
    for name, (feats, labels, meta) in parts.items():
        _require(feats, f"no {name} shards")
        x = np.concatenate(feats) if len(feats) > 1 else np.asarray(feats[0])
        y = np.concatenate(labels) if len(labels) > 1 else np.asarray(labels[0])
        if max_windows is not None and x.shape[0] > max_windows:
            rng = rng or np.random.default_rng(0)
            keep = np.sort(rng.choice(x.shape[0], size=max_windows, replace=False))
            x, y, meta = x[keep], y[keep], [meta[i] for i in keep]
        splits[name] = Split(name, np.ascontiguousarray(x), np.ascontiguousarray(y), meta)
    return ShardSet(directory, manifest, splits["train"], splits["validation"])


def _load_npy(directory, name, what):
    _require(isinstance(name, str) and name, f"{what}: no file name")
    path = os.path.join(directory, name)
    _require(os.path.isfile(path), f"{what}: missing {path}")
    try:
        return np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise ShardError(f"{what}: cannot read {path}: {e}") from e
