#!/usr/bin/python3
"""Regenerates the tiny test models, their manifest and their numpy reference outputs.

Stand-ins for the trained model, with the same contract: ONNX opset 13, input "logmel" float32 [1, 1, 96, 64]
(raw log-mel of the default front end), output "scores" float32 [1, 2], probabilities for
["alarm", "glass_break"]. Fixed, hand-chosen weights (no training) that still respond the right way:

  conv channel 0: mean log-mel of the piezo region (bands 39..47, 2.7-4 kHz) minus its neighbourhood
  conv channel 1: the same for the 520 Hz low-frequency alarm (bands 10..13)
  conv channel 2: high-frequency tilt: bands 50..63 (>= 4.3 kHz) minus bands 20..35
  conv channel 3: overall loudness
  Conv(3x64, pad 1 in time) -> Relu -> GlobalAveragePool -> Flatten -> Gemm(4->2) -> Sigmoid

tiny_int8.onnx is the same network in QDQ form (what the trainer's quantized export looks like): an int8
QuantizeLinear/DequantizeLinear pair on the input, int8 per-channel weights, an int32 bias and an int8
activation with zero point -128 after Conv+Relu, so that ONNX Runtime fuses Conv into QLinearConv.

Needs only Debian's python3-onnx and python3-numpy (no onnxruntime: the reference below is plain numpy).
Usage: /usr/bin/python3 tests/AudioEdge.Inference.Tests/Fixtures/make_tiny_models.py [OUT_DIR]
Writes: tiny_fp32.onnx, tiny_int8.onnx, manifest.json (with their sha256), reference_input.npy (float32,
[cases, 96, 64]), reference_fp32.npy and reference_int8.npy (float64, [cases, 2]).
"""
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tools", "fixtures"))
import make_logmel_fixtures as lm  # noqa: E402  (the numpy log-mel reference of the front end)

FRAMES, BANDS, LABELS = 96, 64, ["alarm", "glass_break"]
FINGERPRINT = ("logmel/htk/hann-periodic sr=16000 win=400 hop=160 fft=512 mels=64 fmin=60 fmax=8000 "
               "floor=1E-10")


def band_weights():
    w = np.zeros((4, BANDS))

    def contrast(c, centre, sides):
        w[c, centre] += 1.0 / len(centre)
        w[c, sides] -= 1.0 / len(sides)

    contrast(0, list(range(39, 48)), list(range(28, 37)) + list(range(50, 59)))
    contrast(1, list(range(10, 14)), list(range(4, 9)) + list(range(15, 21)))
    contrast(2, list(range(50, 64)), list(range(20, 36)))
    w[3, :] = 1.0 / BANDS
    return w


def float_params():
    conv_w = np.repeat(band_weights()[:, None, None, :], 3, axis=2) / 3.0  # [4, 1, 3, 64]
    conv_b = np.array([-0.3, -0.5, 0.0, 14.0])
    gemm_w = np.array([[4.0, 1.5, 0.0, 0.0], [0.0, 0.0, 0.8, 0.05]])
    gemm_b = np.array([-3.0, -5.0])
    return conv_w, conv_b, gemm_w, gemm_b


def conv(x, w, b):
    """x [96, 64] -> [4, 96]: the Conv above (kernel 3 x 64, time padding 1)."""
    padded = np.pad(x, ((1, 1), (0, 0)))
    out = np.empty((w.shape[0], FRAMES))
    for t in range(FRAMES):
        out[:, t] = np.tensordot(w[:, 0], padded[t:t + 3], axes=([1, 2], [0, 1])) + b
    return out


def head(features, gemm_w, gemm_b):
    return 1.0 / (1.0 + np.exp(-(gemm_w @ features + gemm_b)))


def quantize(x, scale, zero_point):
    return np.clip(np.round(x / scale) + zero_point, -128, 127)  # np.round: half to even, as ONNX


def reference_inputs():
    rng = np.random.default_rng(3)
    n = 16000 + 15 * 160 + 400  # enough samples for 96+ frames
    t = np.arange(n) / 16000.0
    noise = 0.01 * rng.standard_normal(n)
    beep = (t % 1.0) < 0.5
    cases = [
        np.sin(2 * np.pi * 3100 * t) * 0.4 * beep + 0.1 * np.sin(2 * np.pi * 6200 * t) * beep + noise,  # T3-like
        0.5 * np.sign(np.sin(2 * np.pi * 520 * t)) * beep + noise,  # low-frequency alarm
        noise,  # quiet room
        0.2 * rng.standard_normal(n) * np.exp(-np.maximum(t - 0.5, 0) * 8) * (t > 0.5) + noise,  # crash-like burst
    ]
    windows = [lm.logmel(c.astype(np.float32))[:FRAMES] for c in cases]
    windows.append(np.full((FRAMES, BANDS), np.log(1e-10)))  # digital silence
    windows.append(rng.uniform(-23, 8, size=(FRAMES, BANDS)))  # arbitrary values
    return np.array(windows, dtype=np.float32)


def fp32_graph(conv_w, conv_b, gemm_w, gemm_b):
    nodes = [
        helper.make_node("Conv", ["logmel", "conv_w", "conv_b"], ["conv"], pads=[1, 0, 1, 0], kernel_shape=[3, BANDS]),
        helper.make_node("Relu", ["conv"], ["relu"]),
        helper.make_node("GlobalAveragePool", ["relu"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"]),
        helper.make_node("Gemm", ["flat", "gemm_w", "gemm_b"], ["logits"], transB=1),
        helper.make_node("Sigmoid", ["logits"], ["scores"]),
    ]
    inits = [
        numpy_helper.from_array(conv_w.astype(np.float32), "conv_w"),
        numpy_helper.from_array(conv_b.astype(np.float32), "conv_b"),
        numpy_helper.from_array(gemm_w.astype(np.float32), "gemm_w"),
        numpy_helper.from_array(gemm_b.astype(np.float32), "gemm_b"),
    ]
    return nodes, inits


def int8_graph(conv_w, conv_b, gemm_w, gemm_b, in_scale, in_zp, w_scale, act_scale):
    w_q = quantize(conv_w, w_scale[:, None, None, None], 0).astype(np.int8)
    b_q = np.round(conv_b / (in_scale * w_scale)).astype(np.int32)
    nodes = [
        helper.make_node("QuantizeLinear", ["logmel", "in_scale", "in_zp"], ["logmel_q"]),
        helper.make_node("DequantizeLinear", ["logmel_q", "in_scale", "in_zp"], ["logmel_dq"]),
        helper.make_node("DequantizeLinear", ["conv_w_q", "conv_w_scale", "conv_w_zp"], ["conv_w_dq"], axis=0),
        helper.make_node("DequantizeLinear", ["conv_b_q", "conv_b_scale", "conv_b_zp"], ["conv_b_dq"], axis=0),
        helper.make_node("Conv", ["logmel_dq", "conv_w_dq", "conv_b_dq"], ["conv"], pads=[1, 0, 1, 0], kernel_shape=[3, BANDS]),
        helper.make_node("Relu", ["conv"], ["relu"]),
        helper.make_node("QuantizeLinear", ["relu", "act_scale", "act_zp"], ["relu_q"]),
        helper.make_node("DequantizeLinear", ["relu_q", "act_scale", "act_zp"], ["relu_dq"]),
        helper.make_node("GlobalAveragePool", ["relu_dq"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"]),
        helper.make_node("Gemm", ["flat", "gemm_w", "gemm_b"], ["logits"], transB=1),
        helper.make_node("Sigmoid", ["logits"], ["scores"]),
    ]
    inits = [
        numpy_helper.from_array(np.array(in_scale, dtype=np.float32), "in_scale"),
        numpy_helper.from_array(np.array(in_zp, dtype=np.int8), "in_zp"),
        numpy_helper.from_array(w_q, "conv_w_q"),
        numpy_helper.from_array(w_scale.astype(np.float32), "conv_w_scale"),
        numpy_helper.from_array(np.zeros(4, dtype=np.int8), "conv_w_zp"),
        numpy_helper.from_array(b_q, "conv_b_q"),
        numpy_helper.from_array((in_scale * w_scale).astype(np.float32), "conv_b_scale"),
        numpy_helper.from_array(np.zeros(4, dtype=np.int32), "conv_b_zp"),
        numpy_helper.from_array(np.array(act_scale, dtype=np.float32), "act_scale"),
        numpy_helper.from_array(np.array(-128, dtype=np.int8), "act_zp"),
        numpy_helper.from_array(gemm_w.astype(np.float32), "gemm_w"),
        numpy_helper.from_array(gemm_b.astype(np.float32), "gemm_b"),
    ]
    return nodes, inits, w_q, b_q


def save(nodes, inits, path, name):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("logmel", TensorProto.FLOAT, [1, 1, FRAMES, BANDS])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, [1, len(LABELS)])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_tiny_models.py")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    conv_w, conv_b, gemm_w, gemm_b = float_params()
    inputs = reference_inputs().astype(np.float64)

    # fp32 reference.
    ref_fp32 = np.array([head(np.maximum(conv(x, conv_w, conv_b), 0).mean(axis=1), gemm_w, gemm_b) for x in inputs])

    # Quantization parameters: the input covers the log-mel range (floor ln 1e-10 = -23.03 up to a loud tone);
    # weights per output channel, symmetric; the activation from the float outputs on the reference inputs.
    lo, hi = -23.1, 10.0
    in_scale = np.float32((hi - lo) / 255.0)
    in_zp = int(np.round(-128 - lo / in_scale))
    w_scale = (np.abs(conv_w).reshape(4, -1).max(axis=1) / 127.0).astype(np.float32)
    act_max = max(np.maximum(conv(x, conv_w, conv_b), 0).max() for x in inputs)
    act_scale = np.float32(act_max * 1.1 / 255.0)
    nodes, inits, w_q, b_q = int8_graph(conv_w, conv_b, gemm_w, gemm_b, in_scale, in_zp, w_scale, act_scale)

    # int8 reference: the QDQ graph evaluated literally (quantize, dequantize, float arithmetic).
    s_in, s_act = np.float64(in_scale), np.float64(act_scale)
    w_dq = w_q.astype(np.float64) * w_scale.astype(np.float64)[:, None, None, None]
    b_dq = b_q.astype(np.float64) * (in_scale * w_scale).astype(np.float32).astype(np.float64)
    ref_int8 = []
    for x in inputs:
        x_dq = (quantize(x.astype(np.float32).astype(np.float64), s_in, in_zp) - in_zp) * s_in
        a = np.maximum(conv(x_dq, w_dq, b_dq), 0)
        a_dq = (quantize(a, s_act, -128) + 128) * s_act
        ref_int8.append(head(a_dq.mean(axis=1), gemm_w, gemm_b))
    ref_int8 = np.array(ref_int8)

    save(*fp32_graph(conv_w, conv_b, gemm_w, gemm_b), os.path.join(out_dir, "tiny_fp32.onnx"), "tiny_fp32")
    save(nodes, inits, os.path.join(out_dir, "tiny_int8.onnx"), "tiny_int8")
    np.save(os.path.join(out_dir, "reference_input.npy"), inputs.astype(np.float32))
    np.save(os.path.join(out_dir, "reference_fp32.npy"), ref_fp32)
    np.save(os.path.join(out_dir, "reference_int8.npy"), ref_int8)

    manifest = {
        "id": "tiny-fixture",
        "version": "0.0.1",
        "labels": LABELS,
        "input": {"name": "logmel", "frames": FRAMES, "bands": BANDS},
        "output": {"name": "scores"},
        "hop_frames": 10,
        "front_end": FINGERPRINT,
        "variants": {
            "int8": {"file": "tiny_int8.onnx", "sha256": sha256(os.path.join(out_dir, "tiny_int8.onnx"))},
            "fp32": {"file": "tiny_fp32.onnx", "sha256": sha256(os.path.join(out_dir, "tiny_fp32.onnx"))},
        },
        "default_variant": "int8",
        "thresholds": {"alarm": 0.5, "glass_break": 0.6},
        "data": {"note": "hand-set weights, no training data"},
        "metrics": {},
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")

    names = ["t3-like", "520Hz", "quiet", "burst", "silence", "uniform"]
    for name, a, b in zip(names, ref_fp32, ref_int8):
        print(f"{name:8s} fp32 {a.round(4)}  int8 {b.round(4)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else HERE)
