"""The deploy network (BatchNorm folded), static int8 calibration, and ONNX export (fp32 and QDQ int8).

Quantization recipe (see README): weights int8 symmetric per output channel (zero point 0, scale max|w|/127);
activations per tensor, calibrated on training windows; every activation after ReLU covers [0, 255*scale] (int8
zero point -128 while training and calibrating, written to the file as uint8 with zero point 0: the same grid) so
ONNX Runtime drops the ReLU and fuses DQ->Conv->Q into QLinearConv (QGemm for Gemm);
biases int32 with scale = activation scale x weight scale (what QLinearConv/QGemm expect). The normalised input
is quantized asymmetrically over its calibrated range (0 always representable, so zero padding stays exact).
The last Gemm keeps a float output (QGemm with float output) so the Sigmoid probabilities keep full resolution.

torch 1.13 exports torch.fake_quantize_per_tensor_affine / torch.fake_quantize_per_channel_affine (range
-128..127 only) as QuantizeLinear/DequantizeLinear pairs; the exported weights are still float, behind a
QuantizeLinear. `postprocess` rewrites the graph into the canonical QDQ form: int8 weight initializers, int32
biases behind DequantizeLinear, Constant nodes as initializers.
"""
import copy
import os
import tempfile

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto
import torch
from torch import nn
import torch.nn.functional as F

from . import contract, onnx_tools
from .model import blur_kernel, depthwise_low_pass, fold_batchnorm, low_pass_at, pool_time

QMIN, QMAX = -128, 127
POINTS = ("input", "conv1", "conv2", "conv3", "conv4", "pool", "hidden")  # activation quantization points


class DeployNet(nn.Module):
    """BatchNorm-folded network. quant=False: plain fp32. quant=True: fake-quantized exactly like the int8 graph."""

    def __init__(self, net):
        super().__init__()
        self.norm = copy.deepcopy(net.norm)
        self.strides = []
        for i, (w, b, stride) in enumerate(fold_batchnorm(net)):
            self.register_buffer(f"w{i}", w)
            self.register_buffer(f"b{i}", b)
            self.strides.append(stride)
        self.n_conv = len(self.strides)
        # Conv blocks preceded by the depthwise anti-aliasing low-pass (model.BLUR; conv1's is in its kernel).
        self.blurs = [i for i in range(self.n_conv) if low_pass_at(net.arch, i) == "depthwise"]
        for i in self.blurs:
            self.register_buffer(f"blur{i}", blur_kernel(getattr(self, f"w{i}").shape[1]))
        self.register_buffer("fc1_w", net.fc1.weight.detach().clone())
        self.register_buffer("fc1_b", net.fc1.bias.detach().clone())
        self.register_buffer("fc2_w", net.fc2.weight.detach().clone())
        self.register_buffer("fc2_b", net.fc2.bias.detach().clone())
        self.quant = False
        self.act = None      # point -> (scale, zero point)
        self.wq = None       # layer -> (per-channel scale tensor, zero point tensor, bias on the int32 grid)

    # ------------------------------------------------------------------------------------------------ layers
    def _layers(self):
        names = [(f"w{i}", f"b{i}") for i in range(self.n_conv)] + [("fc1_w", "fc1_b"), ("fc2_w", "fc2_b")]
        return [(getattr(self, w), getattr(self, b)) for w, b in names]

    def _aq(self, x, point):
        if not self.quant:
            return x
        scale, zp = self.act[point]
        return torch.fake_quantize_per_tensor_affine(x, scale, zp, QMIN, QMAX)

    def _wb(self, i):
        w, b = self._layers()[i]
        if not self.quant:
            return w, b
        scale, zp, b_q = self.wq[i]
        return torch.fake_quantize_per_channel_affine(w, scale, zp, 0, QMIN, QMAX), b_q

    def forward(self, x, record=None):
        """x: raw log-mel [B, 1, 96, 64]. Returns probabilities; `record` (dict) collects float activations."""
        x = self._aq(self.norm(x), "input")
        if record is not None:
            record.setdefault("input", []).append(x.detach())
        for i in range(self.n_conv):
            if i in self.blurs:
                # ReLU of a low-passed ReLU output is the identity: it is there for the int8 graph's fused pattern.
                # The output keeps its input's quantization (a weighted mean never leaves the input's range).
                k = getattr(self, f"blur{i}")
                if self.quant:  # 0.5 -> 127 and 0.25 -> 64 (0.252) on the per-channel int8 grid
                    k = torch.fake_quantize_per_channel_affine(k, torch.full((k.shape[0],), 0.5 / 127),
                                                               torch.zeros(k.shape[0], dtype=torch.int32), 0, QMIN, QMAX)
                x = self._aq(F.relu(depthwise_low_pass(x, k)), f"conv{i}")
            w, b = self._wb(i)
            pad = (w.shape[2] // 2, w.shape[3] // 2)
            x = self._aq(F.relu(F.conv2d(x, w, b, stride=self.strides[i], padding=pad)), f"conv{i + 1}")
            if record is not None:
                record.setdefault(f"conv{i + 1}", []).append(x.detach())
        x = self._aq(pool_time(x), "pool")
        w, b = self._wb(self.n_conv)
        x = self._aq(F.relu(F.linear(x, w, b)), "hidden")
        if record is not None:
            record.setdefault("hidden", []).append(x.detach())
        w, b = self._wb(self.n_conv + 1)
        return torch.sigmoid(F.linear(x, w, b))

    # ----------------------------------------------------------------------------------------------- calibrate
    def calibrate(self, windows, method="percentile", percentile=99.99, batch=256, seed=0):
        """Sets activation and weight quantization parameters from float activations on `windows`."""
        self.quant = False
        record = {}
        with torch.no_grad():
            for start in range(0, len(windows), batch):
                self(torch.from_numpy(windows[start:start + batch]).unsqueeze(1), record)
        rng = np.random.default_rng(seed)
        act, ranges = {}, {}
        for point in POINTS:
            if point == "pool":
                continue
            v = torch.cat([t.reshape(-1) for t in record[point]]).numpy()
            if v.size > 4_000_000:
                v = rng.choice(v, 4_000_000, replace=False)
            if method == "minmax":
                lo, hi = float(v.min()), float(v.max())
            else:
                lo, hi = (float(p) for p in np.percentile(v, [100 - percentile, percentile]))
            if point == "input":
                lo, hi = min(lo, 0.0), max(hi, 0.0)
                scale = max(hi - lo, 1e-6) / (QMAX - QMIN)
                zp = int(np.clip(round(QMIN - lo / scale), QMIN, QMAX))
            else:  # after ReLU: [0, 255 * scale] with zero point -128 (QLinearConv fusion in ORT)
                scale = max(hi, 1e-6) / (QMAX - QMIN)
                zp = QMIN
            scale = float(np.float32(scale))
            act[point] = (scale, zp)
            ranges[point] = {"min": lo, "max": hi, "scale": scale, "zero_point": zp}
        # Pooling (max and mean over time) never leaves the range of its input: reuse its quantization.
        last = f"conv{self.n_conv}"
        act["pool"] = act[last]
        ranges["pool"] = dict(ranges[last], shared_with=last)
        self.act = act
        # Weights: symmetric per output channel. Bias on the int32 grid of (input scale x weight scale).
        inputs = ["input"] + [f"conv{i + 1}" for i in range(self.n_conv - 1)] + ["pool", "hidden"]
        self.wq = []
        for (w, b), point in zip(self._layers(), inputs):
            maxabs = w.detach().abs().reshape(w.shape[0], -1).amax(dim=1)
            scale = torch.where(maxabs > 0, maxabs / 127.0, torch.full_like(maxabs, 1 / 127.0)).float()
            b_scale = torch.tensor(act[point][0], dtype=torch.float32) * scale
            b_int = torch.clamp(torch.round(b.detach() / b_scale), -2 ** 31, 2 ** 31 - 1)
            self.wq.append((scale, torch.zeros(w.shape[0], dtype=torch.int32), (b_int * b_scale).float()))
        return ranges


# ---------------------------------------------------------------------------------------------------- export
def export(deploy, path, quant, metadata=None):
    """Exports fp32 (quant=False) or int8 QDQ (quant=True) ONNX to `path` (written atomically)."""
    deploy = deploy.eval()
    deploy.quant = quant
    dummy = torch.zeros(contract.INPUT_SHAPE, dtype=torch.float32)
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw.onnx")
        with torch.no_grad():
            torch.onnx.export(deploy, dummy, raw, opset_version=contract.OPSET, do_constant_folding=True,
                              input_names=[contract.INPUT_NAME], output_names=[contract.OUTPUT_NAME])
        model = postprocess(onnx.load(raw), metadata or {})
    save(model, path)
    return model


def save(model, path):
    onnx.checker.check_model(model)
    tmp = path + ".tmp"
    onnx.save(model, tmp)
    os.replace(tmp, path)


def set_metadata(model, metadata):
    del model.metadata_props[:]
    for k, v in sorted(metadata.items()):
        model.metadata_props.add(key=k, value=v)


def postprocess(model, metadata):
    """Constants -> initializers; QuantizeLinear(float weight) -> int8 initializer; float Conv/Gemm biases in a
    QDQ graph -> DequantizeLinear(int32, scale = activation scale x weight scale); drops unused initializers."""
    g = model.graph
    inits = {t.name: t for t in g.initializer}

    def add_init(name, array):
        t = numpy_helper.from_array(array, name)
        inits[name] = t
        g.initializer.append(t)
        return name

    keep = []
    for n in g.node:
        if n.op_type == "Constant":
            add_init(n.output[0], numpy_helper.to_array(n.attribute[0].t))
        else:
            keep.append(n)
    del g.node[:]
    g.node.extend(keep)

    def arr(name):
        return numpy_helper.to_array(inits[name]) if name in inits else None

    renames = {}
    keep = []
    for n in g.node:
        if n.op_type == "QuantizeLinear" and n.input[0] in inits:
            q = onnx_tools._quantize(n, arr(n.input[0]), arr(n.input[1]), arr(n.input[2]))
            renames[n.output[0]] = add_init(n.input[0] + "_quantized", q)
        else:
            keep.append(n)
    del g.node[:]
    g.node.extend(keep)
    for n in g.node:
        for i, name in enumerate(n.input):
            if name in renames:
                n.input[i] = renames[name]

    producer = {o: n for n in g.node for o in n.output}
    new_nodes = []
    for n in g.node:
        if n.op_type in ("Conv", "Gemm") and len(n.input) > 2 and n.input[2] in inits:
            a_dq, w_dq = producer.get(n.input[0]), producer.get(n.input[1])
            if not (a_dq and w_dq and a_dq.op_type == w_dq.op_type == "DequantizeLinear"):
                continue
            b = arr(n.input[2]).astype(np.float32)
            b_scale = (arr(a_dq.input[1]).astype(np.float32).reshape(()) * arr(w_dq.input[1]).astype(np.float32))
            b_int = np.clip(np.rint(b / b_scale), -2 ** 31, 2 ** 31 - 1).astype(np.int32)
            base = n.input[2]
            add_init(base + "_quantized", b_int)
            add_init(base + "_scale", b_scale.astype(np.float32))
            add_init(base + "_zero_point", np.zeros(b_int.shape, np.int32))
            dq = helper.make_node("DequantizeLinear", [base + "_quantized", base + "_scale", base + "_zero_point"],
                                  [base + "_dequantized"], name=(n.name or base) + "/bias/DequantizeLinear", axis=0)
            new_nodes.append((n, dq))
            n.input[2] = base + "_dequantized"
    for n, dq in new_nodes:  # insert each bias DQ right before its consumer (topological order)
        idx = list(g.node).index(n)
        g.node.insert(idx, dq)

    used = {i for n in g.node for i in n.input}
    kept = [inits[name] for name in dict.fromkeys(t.name for t in g.initializer) if name in used]
    del g.initializer[:]
    g.initializer.extend(kept)
    graph_inputs = [i for i in g.input if i.name not in inits]
    del g.input[:]
    g.input.extend(graph_inputs)
    _rename(g)
    _activations_to_uint8(g)
    model.producer_name = "audioedge-train"
    model.producer_version = "1"
    model.doc_string = ("AudioEdge detector: logmel [1,1,96,64] raw natural-log mel -> scores [1,2] sigmoid "
                        "probabilities for " + ", ".join(contract.LABELS))
    set_metadata(model, metadata)
    return model


def _activations_to_uint8(g):
    """Activation Q/DQ pairs int8 (zero point z) -> uint8 (zero point z + 128): the same quantization grid, the
    same dequantized values. Why: ORT runs QLinearConv with uint8 activations (U8S8, its own default format) and
    on x86 converts int8 pairs to uint8 itself, but only where a QuantizeLinear feeds exactly one
    DequantizeLinear. The last conv's output feeds both time poolings (max and mean), so its pair stayed int8 and
    ORT ran that conv as a float Conv on dequantized weights. Weights stay int8 (symmetric, zero point 0)."""
    producer = {o: n for n in g.node for o in n.output}
    names = set()
    for n in g.node:
        if n.op_type == "QuantizeLinear" and len(n.input) > 2:
            names.add(n.input[2])
        elif n.op_type == "DequantizeLinear" and len(n.input) > 2:
            src = producer.get(n.input[0])
            if src is not None and src.op_type == "QuantizeLinear":
                names.add(n.input[2])
    for t in g.initializer:
        if t.name in names:
            zp = numpy_helper.to_array(t)
            if zp.dtype != np.int8:
                raise ValueError(f"activation zero point {t.name} is {zp.dtype}, expected int8")
            t.CopyFrom(numpy_helper.from_array((zp.astype(np.int16) + 128).astype(np.uint8), t.name))


def _rename(g):
    """Readable names: layers conv1..convN, fc1, fc2; their int8 weights/int32 biases and quantization params
    `<layer>.weight_*`, `<layer>.bias_*`; activation quantization `<tensor>.scale/.zero_point` after `input`
    (normalised log-mel), `<layer>.out` (after ReLU) and `pool` (time-pooled features)."""
    producer = {o: n for n in g.node for o in n.output}
    init_map, node_names = {}, {}
    layers = [n for n in g.node if n.op_type in ("Conv", "Gemm")]
    n_conv = sum(n.op_type == "Conv" for n in layers)
    for k, n in enumerate(layers):
        layer = f"conv{k + 1}" if n.op_type == "Conv" else f"fc{k + 1 - n_conv}"
        node_names[id(n)] = layer
        for slot, what in ((1, "weight"), (2, "bias")):
            dq = producer.get(n.input[slot]) if len(n.input) > slot else None
            if dq is not None and dq.op_type == "DequantizeLinear":
                node_names[id(dq)] = f"{layer}/{what}/DequantizeLinear"
                for name, suffix in zip(dq.input, ("_quantized", "_scale", "_zero_point")):
                    init_map.setdefault(name, f"{layer}.{what}{suffix}")
            elif len(n.input) > slot:
                init_map.setdefault(n.input[slot], f"{layer}.{what}")
    layer_of = {id(n): node_names[id(n)] for n in layers}
    for n in g.node:
        if n.op_type != "QuantizeLinear":
            continue
        src = producer.get(n.input[0])
        if src is not None and src.op_type == "Relu":
            src = producer.get(src.input[0])
        tag = layer_of.get(id(src), None)
        tag = f"{tag}.out" if tag else ("pool" if src is not None and src.op_type == "Flatten" else "input")
        node_names[id(n)] = f"{tag}/QuantizeLinear"
        for name, suffix in zip(n.input[1:], (".scale", ".zero_point")):
            init_map.setdefault(name, tag + suffix)
        for c in g.node:
            if c.op_type == "DequantizeLinear" and c.input[0] == n.output[0]:
                node_names[id(c)] = f"{tag}/DequantizeLinear"
    taken = set()
    for old, new in list(init_map.items()):
        if new in taken:
            del init_map[old]
        taken.add(new)
    for t in g.initializer:
        t.name = init_map.get(t.name, t.name)
    for i, n in enumerate(g.node):
        for j, name in enumerate(n.input):
            n.input[j] = init_map.get(name, name)
        n.name = node_names.get(id(n), n.name or f"{n.op_type}_{i}")
