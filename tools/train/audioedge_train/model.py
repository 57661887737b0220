"""The detector CNN, BatchNorm folding and the analytic MAC/weight table.

Input [B, 1, 96, 64] raw log-mel (time x mel band). Inside the graph: a fixed per-band affine normalisation
(training-set mean/std), four 3x3 conv blocks (Conv -> BatchNorm -> ReLU; strides shrink time and frequency),
then pooling over TIME only (max and mean), so the head still sees where in frequency the energy is (a 3 kHz
alarm tone and a 1 kHz appliance beep differ mainly by band), a hidden Gemm with ReLU and a 2-way Gemm.
"""
from dataclasses import dataclass, asdict

import torch
from torch import nn
import torch.nn.functional as F

from . import contract


@dataclass(frozen=True)
class Arch:
    channels: tuple = (8, 16, 32, 64)
    strides: tuple = ((2, 2), (2, 2), (2, 2), (2, 1))  # (time, frequency) per conv block
    hidden: int = 32
    dropout: float = 0.2
    anti_alias: bool = False  # low-pass along time before every time-strided convolution (see `blur_kernel`)

    def to_json(self):
        d = asdict(self)
        d["strides"] = [list(s) for s in self.strides]
        d["channels"] = list(self.channels)
        return d


# Anti-aliasing (Zhang 2019, "Making convolutional networks shift-invariant again"): a stride-2 convolution samples
# every other time step of its input, so a sound 10 ms (one frame) later can land between the samples and score
# quite differently; 0.1.4's glass score moves by up to 0.5 between windows one frame apart. A [1, 2, 1] / 4
# low-pass along time before the subsampling removes what would alias. Before conv1 it is folded into the kernel
# (input to a linear layer: 3x3 -> 5x3, exact); before the later ones, whose inputs are ReLU outputs (>= 0), it is a
# depthwise 3x1 convolution followed by a ReLU, an identity there, so that the int8 graph keeps the one
# Conv -> Relu -> QuantizeLinear pattern that ONNX Runtime fuses into QLinearConv. Time only: the stream shifts
# the sound in time, never in frequency.
BLUR = (0.25, 0.5, 0.25)


def low_pass_at(arch, i):
    """Where conv block i's anti-aliasing low-pass goes: "kernel" (folded into conv1's), "depthwise" (its own
    convolution before the block) or None (no anti-aliasing, or the block does not subsample time)."""
    if not arch.anti_alias or arch.strides[i][0] == 1:
        return None
    return "kernel" if i == 0 else "depthwise"


def depthwise_low_pass(x, kernel):
    """`kernel` (from `blur_kernel`, possibly fake-quantized) applied to each channel of x along time."""
    return F.conv2d(x, kernel, padding=(1, 0), groups=kernel.shape[0])


def blur_kernel(channels):
    """The depthwise low-pass weight [channels, 1, 3, 1]."""
    return torch.tensor(BLUR, dtype=torch.float32).reshape(1, 1, 3, 1).repeat(channels, 1, 1, 1)


def blurred(weight):
    """A conv kernel [O, I, 3, 3] convolved along time with BLUR: [O, I, 5, 3], the same map as blurring first."""
    out = weight.new_zeros(weight.shape[0], weight.shape[1], weight.shape[2] + 2, weight.shape[3])
    for k, b in enumerate(BLUR):
        out[:, :, k:k + weight.shape[2], :] = out[:, :, k:k + weight.shape[2], :] + b * weight
    return out


def conv_out(n, stride):
    return (n + 2 - 3) // stride + 1  # 3x3 kernel, padding 1 (a 5x3 kernel with time padding 2 gives the same)


def layer_shapes(arch, frames=contract.WINDOW_FRAMES, bands=contract.BANDS):
    """[(name, kind, weight shape, output shape [C, T, F] or [N], MACs)] for every Conv/Gemm."""
    rows, c_in, t, f = [], 1, frames, bands
    for i, (c, (st, sf)) in enumerate(zip(arch.channels, arch.strides)):
        low_pass = low_pass_at(arch, i)
        kt = 5 if low_pass == "kernel" else 3
        if low_pass == "depthwise":
            rows.append((f"blur{i + 1}", "Conv", (c_in, 1, 3, 1), (c_in, t, f), c_in * t * f * 3))
        t, f = conv_out(t, st), conv_out(f, sf)
        rows.append((f"conv{i + 1}", "Conv", (c, c_in, kt, 3), (c, t, f), c * t * f * c_in * kt * 3))
        c_in = c
    features = 2 * c_in * f  # max and mean over time, per channel and frequency position
    rows.append(("fc1", "Gemm", (arch.hidden, features), (arch.hidden,), arch.hidden * features))
    n = len(contract.LABELS)
    rows.append(("fc2", "Gemm", (n, arch.hidden), (n,), n * arch.hidden))
    return rows


def budget(arch):
    rows = layer_shapes(arch)
    macs = sum(r[4] for r in rows)
    weights = sum(int(torch.Size(r[2]).numel()) for r in rows)
    biases = sum(r[2][0] for r in rows if not r[0].startswith("blur"))  # the low-pass has no bias
    return {"macs": macs, "int8_weight_bytes": weights, "int32_bias_bytes": 4 * biases,
            "layers": [{"name": r[0], "op": r[1], "weight_shape": list(r[2]), "output_shape": list(r[3]),
                        "macs": r[4], "weights": int(torch.Size(r[2]).numel())} for r in rows]}


def format_budget(b):
    lines = [f"{'layer':<6} {'op':<5} {'weight':<16} {'output':<13} {'MACs':>10} {'weights':>8}"]
    for r in b["layers"]:
        lines.append(f"{r['name']:<6} {r['op']:<5} {str(r['weight_shape']):<16} {str(r['output_shape']):<13} "
                     f"{r['macs']:>10,} {r['weights']:>8,}")
    lines.append(f"{'total':<42} {b['macs']:>10,} {b['int8_weight_bytes']:>8,}  (+{b['int32_bias_bytes']} B int32 "
                 f"biases; budget {contract.MAX_MACS:,} MACs, {contract.MAX_INT8_WEIGHT_BYTES:,} B)")
    return "\n".join(lines)


class Normalise(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32).reshape(1, 1, 1, -1))
        self.register_buffer("inv_std", 1.0 / torch.as_tensor(std, dtype=torch.float32).reshape(1, 1, 1, -1))

    def forward(self, x):
        return (x - self.mean) * self.inv_std


def pool_time(x):
    """[B, C, T, F] -> [B, 2*C*F]: max and mean over time."""
    return torch.cat([torch.amax(x, dim=2, keepdim=True), torch.mean(x, dim=2, keepdim=True)], dim=1).flatten(1)


class Net(nn.Module):
    """The training network (with BatchNorm and dropout). forward returns logits."""

    def __init__(self, arch, mean, std):
        super().__init__()
        self.arch = arch
        self.norm = Normalise(mean, std)
        convs, bns, c_in = [], [], 1
        for c, s in zip(arch.channels, arch.strides):
            convs.append(nn.Conv2d(c_in, c, 3, stride=tuple(s), padding=1, bias=False))
            bns.append(nn.BatchNorm2d(c))
            c_in = c
        self.convs, self.bns = nn.ModuleList(convs), nn.ModuleList(bns)
        features = layer_shapes(arch)[-2][2][1]
        self.drop = nn.Dropout(arch.dropout)
        self.fc1 = nn.Linear(features, arch.hidden)
        self.fc2 = nn.Linear(arch.hidden, len(contract.LABELS))

    def forward(self, x):
        x = self.norm(x)
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns)):
            low_pass = low_pass_at(self.arch, i)
            if low_pass == "depthwise":
                x = depthwise_low_pass(x, blur_kernel(x.shape[1]).to(x.dtype))
            if low_pass == "kernel":
                x = F.conv2d(x, blurred(conv.weight), stride=conv.stride, padding=(2, 1))
            else:
                x = conv(x)
            x = F.relu(bn(x))
        x = self.drop(pool_time(x))
        return self.fc2(F.relu(self.fc1(x)))


def fold_batchnorm(net):
    """Returns [(weight, bias, stride)] for the conv blocks with BatchNorm (eval statistics) folded in."""
    folded = []
    with torch.no_grad():
        for i, (conv, bn) in enumerate(zip(net.convs, net.bns)):
            k = bn.weight / torch.sqrt(bn.running_var + bn.eps)
            weight = blurred(conv.weight) if low_pass_at(net.arch, i) == "kernel" else conv.weight
            w = weight * k.reshape(-1, 1, 1, 1)
            b = bn.bias - bn.running_mean * k
            folded.append((w.clone(), b.clone(), tuple(conv.stride)))
    return folded
