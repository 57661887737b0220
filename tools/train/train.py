#!/usr/bin/python3
"""AudioEdge training pipeline: shards -> train -> fold BatchNorm -> fp32 ONNX -> calibrate -> int8 QDQ ONNX ->
validation metrics and per-class thresholds -> <out>/training-report.json.

  /usr/bin/python3 tools/train/train.py --shards DIR --out DIR [--epochs 30] [--seed 1] [--threads 1]
  /usr/bin/python3 tools/train/train.py --smoke --out DIR      # seconds, on fake shards it makes itself

Writes <out>/model.fp32.onnx, <out>/model.int8.onnx, <out>/manifest.json (the model manifest the C# runtime
verifies), <out>/training-report.json and <out>/checkpoint.pt.
Exit codes: 0 ok, 64 usage, 65 invalid shards, 66 missing shards, 70 contract/budget/numeric check failed.
Needs Debian's python3-torch, python3-onnx and python3-numpy: run it with /usr/bin/python3.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))



class UsageParser(argparse.ArgumentParser):
    """Usage errors exit 64 (EX_USAGE), like the audioedge CLI, instead of argparse's 2."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(64, f"{self.prog}: {message}\n")

def parse_args(argv):
    p = UsageParser(prog="train.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--shards", help="shard directory with manifest.json (required unless --smoke)")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--smoke", action="store_true",
                   help="tiny end-to-end run in seconds (makes fake shards in OUT/fake-shards if --shards is absent)")
    p.add_argument("--epochs", type=int, default=30, help="maximum epochs")
    p.add_argument("--patience", type=int, default=6, help="early stopping: epochs without validation mAP gain")
    p.add_argument("--epoch-size", type=int, default=8192, help="windows drawn (balanced) per epoch")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3, help="peak learning rate (one-cycle, AdamW)")
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads (keep 1 while others build)")
    p.add_argument("--neg-fraction", type=float, default=0.5, help="share of negative windows in each batch")
    p.add_argument("--balance-key", default="kind",
                   help="meta.jsonl field whose values share each label's draws by sqrt(count) ('' = off; "
                        "ignored when the shards lack it)")
    p.add_argument("--hard-negatives", type=float, default=0.0,
                   help="hard-negative mining strength: a negative window is drawn (1 + S * its current top score) "
                        "times as often, re-scored every epoch (0 = off)")
    p.add_argument("--hard-negatives-from", type=int, default=5,
                   help="epochs trained before hard-negative mining starts (the model must first learn the classes)")
    p.add_argument("--no-augment", dest="augment", action="store_false", help="no gain/mix/masking augmentation")
    p.add_argument("--gain-db", type=float, default=6.0, help="random gain +-dB")
    p.add_argument("--mix-prob", type=float, default=0.5, help="probability of mixing in a background window")
    p.add_argument("--mix-db", type=float, nargs=2, default=(-20.0, -3.0), help="background level range, dB")
    p.add_argument("--time-mask", type=int, default=10, help="max frames of the time mask (p=0.5)")
    p.add_argument("--freq-mask", type=int, default=4, help="max bands of the frequency mask (p=0.5)")
    p.add_argument("--channels", default="8,16,32,64", help="conv channels, one per block")
    p.add_argument("--strides", default="2x2,2x2,2x2,2x1", help="conv strides (time x frequency), one per block")
    p.add_argument("--anti-alias", action="store_true",
                   help="low-pass along time before every time-strided convolution (steadier scores as the sound "
                        "moves through the window; +~0.2 M MACs)")
    p.add_argument("--hidden", type=int, default=32, help="hidden units of the head")
    p.add_argument("--model-id", default="audioedge-cnn", help="manifest id ([A-Za-z0-9._-])")
    p.add_argument("--model-version", default="0.1.0", help="manifest version (events carry id@version)")
    p.add_argument("--min-precision", type=float, default=0.98, help="window precision target for the glass threshold")
    p.add_argument("--alarm-max-fpr", type=float, default=0.003,
                   help="alarm threshold: the lowest that leaves at most this share of the negative windows it counts "
                        "at or above it (0: use --alarm-min-precision instead, the rule up to model 0.1.3)")
    p.add_argument("--alarm-min-precision", type=float, default=0.995,
                   help="window precision target for the alarm threshold, over the windows it counts "
                        "(only with --alarm-max-fpr 0)")
    p.add_argument("--alarm-threshold-skip", default="appliance_beeps,ringtone",
                   help="categories of negative windows not counted for the alarm threshold (the cadence decoder "
                        "rejects them); empty string: count every window")
    p.add_argument("--calibration", choices=("auto", "percentile", "minmax"), default="auto",
                   help="activation ranges; auto keeps the candidate closest to fp32 on held-out training windows")
    p.add_argument("--percentile", type=float, default=99.99, help="activation range percentile (--calibration percentile)")
    p.add_argument("--calib-windows", type=int, default=2048, help="training windows used for calibration")
    p.add_argument("--max-windows", type=int, default=None, help="subsample each split to at most this many")
    p.add_argument("--numeric-windows", type=int, default=32, help="windows for the ONNX-vs-torch numeric check")
    p.add_argument("--int8-numeric-tolerance", type=float, default=0.05,
                   help="max |ONNX - torch fake-quant| score difference on any one window (a rounding tie flips one "
                        "int8 step: up to 0.022 measured); the median must stay <= 1e-3 whatever this says")
    a = p.parse_args(argv)
    if not a.smoke and not a.shards:
        p.error("--shards is required (or use --smoke)")
    try:
        a.channels = [int(c) for c in a.channels.split(",")]
        a.strides = [[int(v) for v in s.split("x")] for s in a.strides.split(",")]
    except ValueError:
        p.error("--channels like 8,16,32,64 and --strides like 2x2,2x2,2x2,2x1")
    if len(a.channels) != len(a.strides) or any(len(s) != 2 or min(s) < 1 for s in a.strides) or min(a.channels) < 1:
        p.error("--channels and --strides need one positive entry per conv block")
    if a.threads < 1 or a.epochs < 1 or a.batch < 1 or a.epoch_size < 1 or not 0 < a.min_precision <= 1 \
            or not 0 < a.alarm_min_precision <= 1 or not 0 <= a.alarm_max_fpr < 1:
        p.error("--threads, --epochs, --batch, --epoch-size must be positive; --min-precision and "
                "--alarm-min-precision in (0, 1]; --alarm-max-fpr in [0, 1)")
    a.alarm_threshold_skip = [c.strip() for c in a.alarm_threshold_skip.split(",") if c.strip()]
    if not a.model_id or not all(c.isascii() and (c.isalnum() or c in "._-") for c in a.model_id):
        p.error("--model-id must be letters, digits, '.', '_' or '-'")
    if not a.model_version.strip():
        p.error("--model-version must not be empty")
    if a.hard_negatives < 0 or a.hard_negatives_from < 0:
        p.error("--hard-negatives and --hard-negatives-from must not be negative")
    if not 0 <= a.neg_fraction < 1:
        p.error("--neg-fraction must be in [0, 1)")
    return a


def main(argv=None):
    a = parse_args(sys.argv[1:] if argv is None else argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # numpy's BLAS too
        os.environ.setdefault(var, str(a.threads))
    from audioedge_train import pipeline, shards  # torch imports after argument errors
    if a.smoke:
        if not a.shards:
            import make_fake_shards
            a.shards = os.path.join(a.out, "fake-shards")
            make_fake_shards.write(a.shards, n_train=192, n_validation=96, shard_size=128, seed=a.seed)
        a.epochs, a.patience = min(a.epochs, 2), min(a.patience, 2)
        a.epoch_size, a.calib_windows, a.numeric_windows = min(a.epoch_size, 256), min(a.calib_windows, 64), 4
    cfg = {k: v for k, v in vars(a).items()}
    cfg["mix_db"] = list(cfg["mix_db"])
    try:
        pipeline.run(cfg)
    except shards.ShardError as e:
        missing = not os.path.isfile(os.path.join(a.shards, "manifest.json"))
        print(f"train.py: {e}", file=sys.stderr)
        return 66 if missing else 65
    except pipeline.PipelineError as e:
        print(f"train.py: {e}", file=sys.stderr)
        return 70
    return 0


if __name__ == "__main__":
    sys.exit(main())
