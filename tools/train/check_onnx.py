#!/usr/bin/python3
"""Checks an AudioEdge model file against the contract the C# runtime depends on.

  /usr/bin/python3 tools/train/check_onnx.py MODEL.onnx [--kind auto|fp32|int8] [--run] [--front-end STRING]

Checks: ONNX checker; opset 13 only; one input "logmel" float32 [1,1,96,64]; one output "scores" float32 [1,2]
from a Sigmoid; no BatchNorm/Dropout or other unexpected operators; <= 5 M MACs and <= 250 kB int8 weights
(counted from the graph); for int8 (QDQ): every Conv/Gemm reads DequantizeLinear(QuantizeLinear(activation))
with one scale and a uint8 zero point, int8 weight initializers quantized per output channel (axis 0) with zero point 0,
int32 biases with scale = activation scale x weight scale, and Conv (or hidden Gemm) -> Relu -> QuantizeLinear
with uint8 zero point 0. --run evaluates the graph with numpy on a fixed input (scores finite, in [0, 1]);
--front-end compares the model's audioedge.front_end metadata.
Prints "OK ..." and exits 0, or one line "FAIL: reason" and exits 1 (66 if the file is missing or unreadable,
64 on a usage error).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import onnx  # noqa: E402

from audioedge_train import contract, onnx_tools  # noqa: E402



class UsageParser(argparse.ArgumentParser):
    """Usage errors exit 64 (EX_USAGE), like the audioedge CLI, instead of argparse's 2."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(64, f"{self.prog}: {message}\n")

def main(argv=None):
    p = UsageParser(prog="check_onnx.py", description=__doc__.split("\n\n")[0])
    p.add_argument("model")
    p.add_argument("--kind", choices=("auto", "fp32", "int8"), default="auto")
    p.add_argument("--run", action="store_true", help="also evaluate the graph with numpy on a fixed input")
    p.add_argument("--front-end", help="expected audioedge.front_end metadata (the front end's fingerprint)")
    p.add_argument("--json", action="store_true", help="print the summary (layers, MACs, metadata) as JSON")
    a = p.parse_args(argv)
    try:
        model = onnx.load(a.model)
    except Exception as e:  # missing file, not a protobuf, ...
        print(f"FAIL: cannot read {a.model}: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
        return 66
    try:
        kind, info = onnx_tools.check(model, a.kind)
        meta = info["metadata"]
        if a.front_end is not None and meta.get(contract.META_FRONT_END) != a.front_end:
            raise onnx_tools.ContractError(f"front_end metadata {meta.get(contract.META_FRONT_END)!r} != "
                                           f"expected {a.front_end!r}")
        if a.run:
            rng = np.random.default_rng(0)
            x = rng.uniform(-15, 5, contract.INPUT_SHAPE).astype(np.float32)
            for feed in (x, np.full(contract.INPUT_SHAPE, contract.LOG_FLOOR, np.float32)):
                y = onnx_tools.run(model, {contract.INPUT_NAME: feed})[contract.OUTPUT_NAME]
                if y.shape != contract.OUTPUT_SHAPE or not np.all(np.isfinite(y)) or y.min() < 0 or y.max() > 1:
                    raise onnx_tools.ContractError(f"scores {y.tolist()} are not probabilities of shape [1, 2]")
    except (onnx_tools.ContractError, NotImplementedError) as e:
        print(f"FAIL: {e}")
        return 1
    if a.json:
        print(json.dumps(info, indent=2))
    print(f"OK: {kind} model {a.model}: {info['macs']:,} MACs, {info['int8_weight_bytes']:,} B of "
          f"{'int8 ' if kind == 'int8' else ''}weights, {len(info['layers'])} Conv/Gemm layers, "
          f"file {info['file_bytes']:,} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
