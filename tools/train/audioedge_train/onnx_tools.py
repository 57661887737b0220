"""ONNX inspection without torch: the model contract check, MAC/weight counting from the graph, and a small
numpy evaluator for exactly the operators our exporter emits (ONNX 1.12 has no onnx.reference)."""
import json

import numpy as np
import onnx
from onnx import numpy_helper, shape_inference, TensorProto

from . import contract

MAC_OPS = ("Conv", "Gemm", "MatMul")
ALLOWED_OPS = {"Conv", "Gemm", "Relu", "Sigmoid", "Sub", "Mul", "Add", "Div", "ReduceMax", "ReduceMean",
               "Concat", "Flatten", "Reshape", "QuantizeLinear", "DequantizeLinear", "MaxPool", "AveragePool",
               "GlobalAveragePool", "GlobalMaxPool", "Identity"}


class ContractError(Exception):
    """The model breaks the contract (one-line message)."""


# ---------------------------------------------------------------------------------------------- graph helpers
class Graph:
    def __init__(self, model):
        self.model = model
        self.g = model.graph
        self.init = {t.name: numpy_helper.to_array(t) for t in self.g.initializer}
        for n in self.g.node:  # Constant nodes behave like initializers for inspection
            if n.op_type == "Constant":
                for a in n.attribute:
                    if a.name == "value":
                        self.init[n.output[0]] = numpy_helper.to_array(a.t)
        self.producer = {o: n for n in self.g.node for o in n.output}
        self.consumers = {}
        for n in self.g.node:
            for i in n.input:
                self.consumers.setdefault(i, []).append(n)

    def const(self, name):
        return self.init.get(name)

    def prod(self, name):
        return self.producer.get(name)

    def cons(self, name):
        return self.consumers.get(name, [])


def attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return onnx.helper.get_attribute_value(a)
    return default


def _dims(value_info):
    t = value_info.type.tensor_type
    return [d.dim_value if d.HasField("dim_value") else None for d in t.shape.dim], t.elem_type


def shapes(model):
    """name -> dims for every tensor whose shape ONNX shape inference can tell."""
    inferred = shape_inference.infer_shapes(model)
    out = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        out[vi.name] = _dims(vi)[0]
    for t in model.graph.initializer:
        out[t.name] = list(t.dims)
    return out


def layer_table(model):
    """One row per Conv/Gemm/MatMul: name, op, weight shape, output shape, MACs, weight parameters."""
    g = Graph(model)
    shp = shapes(model)
    rows = []
    for n in g.g.node:
        if n.op_type not in MAC_OPS:
            continue
        wname = n.input[1]
        w = g.const(wname)
        if w is None:  # weight behind a DequantizeLinear
            dq = g.prod(wname)
            w = g.const(dq.input[0]) if dq is not None and dq.op_type == "DequantizeLinear" else None
        if w is None:
            raise ContractError(f"{n.op_type} {n.name}: weight is not a constant")
        out = shp.get(n.output[0])
        if not out or any(d is None for d in out):
            raise ContractError(f"{n.op_type} {n.name}: output shape unknown")
        if n.op_type == "Conv":
            macs = int(np.prod(out)) * int(np.prod(w.shape[1:]))  # per output: Cin/group * kh * kw
        elif n.op_type == "Gemm":
            k = w.shape[1] if attr(n, "transB", 0) else w.shape[0]
            macs = int(np.prod(out)) * int(k)
        else:
            macs = int(np.prod(out)) * int(w.shape[0])
        rows.append({"name": n.name or n.output[0], "op": n.op_type, "weight_shape": list(w.shape),
                     "output_shape": out, "macs": macs, "weights": int(w.size)})
    return rows


def metadata(model):
    return {p.key: p.value for p in model.metadata_props}


# --------------------------------------------------------------------------------------------- contract check
def check(model, kind="auto", max_macs=contract.MAX_MACS, max_weight_bytes=contract.MAX_INT8_WEIGHT_BYTES):
    """Checks the model against the contract. Returns (kind, summary dict); raises ContractError otherwise."""
    errors = []
    try:
        onnx.checker.check_model(model)
    except onnx.checker.ValidationError as e:
        raise ContractError("onnx checker: " + str(e).strip().splitlines()[0]) from e
    opsets = {o.domain or "ai.onnx": o.version for o in model.opset_import}
    if opsets.get("ai.onnx") != contract.OPSET or len(opsets) != 1:
        errors.append(f"opset imports {opsets}, expected only ai.onnx {contract.OPSET}")

    g = Graph(model)
    init_names = {t.name for t in g.g.initializer}
    inputs = [i for i in g.g.input if i.name not in init_names]
    if [i.name for i in inputs] != [contract.INPUT_NAME]:
        errors.append(f"inputs are {[i.name for i in inputs]}, expected ['{contract.INPUT_NAME}']")
    else:
        dims, et = _dims(inputs[0])
        if et != TensorProto.FLOAT or tuple(dims) != contract.INPUT_SHAPE:
            errors.append(f"input {contract.INPUT_NAME} is {TensorProto.DataType.Name(et)}{dims}, "
                          f"expected FLOAT{list(contract.INPUT_SHAPE)}")
    if [o.name for o in g.g.output] != [contract.OUTPUT_NAME]:
        errors.append(f"outputs are {[o.name for o in g.g.output]}, expected ['{contract.OUTPUT_NAME}']")
    else:
        dims, et = _dims(g.g.output[0])
        if et != TensorProto.FLOAT or tuple(dims) != contract.OUTPUT_SHAPE:
            errors.append(f"output {contract.OUTPUT_NAME} is {TensorProto.DataType.Name(et)}{dims}, "
                          f"expected FLOAT{list(contract.OUTPUT_SHAPE)}")
        last = g.prod(contract.OUTPUT_NAME)
        if last is None or last.op_type != "Sigmoid":
            errors.append("scores must come from a Sigmoid (probabilities)")
    bad_ops = sorted({n.op_type for n in g.g.node} - ALLOWED_OPS - {"Constant"})
    if bad_ops:
        errors.append(f"unexpected operators {bad_ops} (BatchNorm/Dropout must be folded away)")

    has_q = any(n.op_type in ("QuantizeLinear", "DequantizeLinear") for n in g.g.node)
    if kind == "auto":
        kind = "int8" if has_q else "fp32"
    if kind == "fp32" and has_q:
        errors.append("fp32 model contains QuantizeLinear/DequantizeLinear")
    if kind == "int8":
        errors.extend(_check_qdq(g))
    if errors:
        raise ContractError(errors[0] + (f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""))

    rows = layer_table(model)
    macs = sum(r["macs"] for r in rows)
    weight_bytes = sum(r["weights"] for r in rows)  # int8: one byte per weight; fp32: counted as if int8
    if macs > max_macs:
        raise ContractError(f"{macs} MACs > budget {max_macs}")
    if weight_bytes > max_weight_bytes:
        raise ContractError(f"{weight_bytes} int8 weight bytes > budget {max_weight_bytes}")
    meta = metadata(model)
    if contract.META_LABELS in meta and json.loads(meta[contract.META_LABELS]) != list(contract.LABELS):
        raise ContractError(f"metadata labels {meta[contract.META_LABELS]} != {list(contract.LABELS)}")
    return kind, {"kind": kind, "macs": macs, "int8_weight_bytes": weight_bytes, "layers": rows,
                  "file_bytes": model.ByteSize(), "metadata": meta}


def _scalar(a):
    return a is not None and a.size == 1


def _check_qdq(g):
    """QDQ structure: every Conv/Gemm reads DQ(Q(activation)), DQ(int8 per-channel symmetric weight), DQ(int32
    bias with scale = activation scale x weight scale); Conv(+Relu) outputs are quantized as uint8 with zero point 0."""
    errs = []
    for n in g.g.node:
        if n.op_type == "QuantizeLinear":
            zp = g.const(n.input[2]) if len(n.input) > 2 else None
            if zp is None or zp.dtype != np.uint8:
                errs.append(f"QuantizeLinear {n.name}: zero point must be a uint8 constant (activations 0..255, "
                            f"ORT's U8S8 format)")
            if g.const(n.input[0]) is not None:
                errs.append(f"QuantizeLinear {n.name} quantizes a constant: store int8 weights instead")
            s = g.const(n.input[1])
            if not _scalar(s) or not s.reshape(()) > 0:
                errs.append(f"QuantizeLinear {n.name}: activation scale must be one positive number (per-tensor)")
        if n.op_type not in ("Conv", "Gemm"):
            continue
        name = f"{n.op_type} {n.name}"
        dq = [g.prod(i) for i in n.input]
        if any(d is None or d.op_type != "DequantizeLinear" for d in dq):
            errs.append(f"{name}: every input must come from DequantizeLinear")
            continue
        a_dq, w_dq = dq[0], dq[1]
        a_q = g.prod(a_dq.input[0])
        if a_q is None or a_q.op_type != "QuantizeLinear":
            errs.append(f"{name}: activation DequantizeLinear is not fed by QuantizeLinear")
            continue
        a_scale = g.const(a_dq.input[1])
        same = all(len(q.input) > 2 for q in (a_q, a_dq)) and all(
            g.const(x) is not None and np.array_equal(g.const(x), g.const(y))
            for x, y in zip(a_q.input[1:3], a_dq.input[1:3]))
        if not _scalar(a_scale) or not same:
            errs.append(f"{name}: activation Q/DQ pair must share one scale and zero point")
            continue
        w = g.const(w_dq.input[0])
        w_scale = g.const(w_dq.input[1])
        w_zp = g.const(w_dq.input[2]) if len(w_dq.input) > 2 else None
        axis = attr(w_dq, "axis", 1)
        if w is None or w.dtype != np.int8:
            errs.append(f"{name}: weight must be an int8 initializer")
            continue
        if w_scale is None or w_scale.shape != (w.shape[0],) or axis != 0:
            errs.append(f"{name}: weight must be quantized per output channel (scale [{w.shape[0]}], axis 0)")
            continue
        if n.op_type == "Gemm" and not attr(n, "transB", 0):
            errs.append(f"{name}: Gemm weight must be transposed (transB=1) so axis 0 is the output channel")
        if w_zp is None or w_zp.dtype != np.int8 or np.any(w_zp != 0):
            errs.append(f"{name}: weight zero points must be int8 zeros (symmetric)")
        if np.any(w_scale <= 0):
            errs.append(f"{name}: weight scales must be positive")
        if len(dq) > 2:
            b_dq = dq[2]
            b = g.const(b_dq.input[0])
            b_scale = g.const(b_dq.input[1])
            b_zp = g.const(b_dq.input[2]) if len(b_dq.input) > 2 else np.zeros(1, np.int32)
            if b is None or b.dtype != np.int32:
                errs.append(f"{name}: bias must be an int32 initializer")
            elif b_scale is None or b_scale.shape != w_scale.shape or not np.allclose(
                    b_scale, a_scale.reshape(()) * w_scale, rtol=1e-5, atol=0):
                errs.append(f"{name}: bias scale must be activation scale x weight scale")
            elif np.any(b_zp != 0):
                errs.append(f"{name}: bias zero point must be 0")
        # Output: Conv -> Relu -> QuantizeLinear(uint8, zero point 0); a hidden Gemm likewise; the last Gemm is float.
        after = g.cons(n.output[0])
        if len(after) == 1 and after[0].op_type == "Relu":
            q = g.cons(after[0].output[0])
            if len(q) != 1 or q[0].op_type != "QuantizeLinear":
                errs.append(f"{name}: Relu output must go to exactly one QuantizeLinear")
            else:
                zp = g.const(q[0].input[2]) if len(q[0].input) > 2 else None
                if zp is None or zp.reshape(-1)[0] != 0:
                    errs.append(f"{name}: QuantizeLinear after Relu needs zero point 0 (else ORT keeps float "
                                f"FusedConv instead of QLinearConv), got {None if zp is None else zp.tolist()}")
        elif n.op_type == "Conv":
            errs.append(f"{name}: Conv output must go Relu -> QuantizeLinear")
    return errs


# ----------------------------------------------------------------------------------------- numpy evaluator
def run(model, feeds):
    """Evaluates the graph with numpy (float32, QDQ as defined by ONNX). Returns {output name: array}."""
    g = Graph(model)
    env = dict(g.init)
    env.update({k: np.asarray(v) for k, v in feeds.items()})
    for n in g.g.node:
        if n.op_type == "Constant":
            continue
        fn = _OPS.get(n.op_type)
        if fn is None:
            raise NotImplementedError(f"numpy evaluator: no {n.op_type}")
        ins = [env[i] if i else None for i in n.input]
        outs = fn(n, *ins)
        for name, value in zip(n.output, outs if isinstance(outs, tuple) else (outs,)):
            env[name] = value
    return {o.name: env[o.name] for o in g.g.output}


def _axis_shape(scale, x, axis):
    if scale.size == 1:
        return scale.reshape(())
    shape = [1] * x.ndim
    shape[axis % x.ndim] = scale.size
    return scale.reshape(shape)


def _quantize(n, x, scale, zp=None):
    zp = np.zeros((), np.uint8) if zp is None else zp
    axis = attr(n, "axis", 1)
    s = _axis_shape(scale.astype(np.float32), x, axis)
    z = _axis_shape(zp.astype(np.int32), x, axis)
    info = np.iinfo(zp.dtype)
    q = np.rint(x.astype(np.float32) / s) + z
    return np.clip(q, info.min, info.max).astype(zp.dtype)


def _dequantize(n, x, scale, zp=None):
    axis = attr(n, "axis", 1)
    s = _axis_shape(scale.astype(np.float32), x, axis)
    z = 0 if zp is None else _axis_shape(zp.astype(np.int32), x, axis)
    return ((x.astype(np.int32) - z).astype(np.float32) * s).astype(np.float32)


def _conv(n, x, w, b=None):
    group = attr(n, "group", 1)
    if any(d != 1 for d in attr(n, "dilations", [1, 1])) or group not in (1, x.shape[1]) or (
            group > 1 and w.shape[:2] != (x.shape[1], 1)):
        raise NotImplementedError("numpy evaluator: only plain or depthwise, dilation-1 convolutions")
    sh, sw = attr(n, "strides", [1, 1])
    pt, pl, pb, pr = attr(n, "pads", [0, 0, 0, 0])
    kh, kw = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (pt, pb), (pl, pr)))
    win = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
    if group > 1:  # depthwise: output channel c reads input channel c only
        y = np.einsum("nchwij,cij->nchw", win.astype(np.float64), w[:, 0].astype(np.float64))
    else:
        y = np.einsum("nchwij,ocij->nohw", win.astype(np.float64), w.astype(np.float64))
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y.astype(np.float32)


def _gemm(n, a, b, c=None):
    a = a.T if attr(n, "transA", 0) else a
    b = b.T if attr(n, "transB", 0) else b
    y = attr(n, "alpha", 1.0) * (a.astype(np.float64) @ b.astype(np.float64))
    if c is not None:
        y = y + attr(n, "beta", 1.0) * c
    return y.astype(np.float32)


def _reduce(fn):
    def op(n, x, *_):
        axes = attr(n, "axes")
        return fn(x, axis=tuple(axes) if axes is not None else None, keepdims=bool(attr(n, "keepdims", 1)))
    return op


def _pool(fn):
    def op(n, x):
        if any(attr(n, "pads", [0, 0, 0, 0])) or attr(n, "ceil_mode", 0):
            raise NotImplementedError("numpy evaluator: pooling without padding only")
        kh, kw = attr(n, "kernel_shape")
        sh, sw = attr(n, "strides", [1, 1])
        win = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
        return fn(win, axis=(4, 5)).astype(np.float32)
    return op


def _flatten(n, x):
    axis = attr(n, "axis", 1)
    return x.reshape(int(np.prod(x.shape[:axis])), -1)


_OPS = {
    "QuantizeLinear": _quantize, "DequantizeLinear": _dequantize, "Conv": _conv, "Gemm": _gemm,
    "Relu": lambda n, x: np.maximum(x, 0).astype(x.dtype),
    "Sigmoid": lambda n, x: (1 / (1 + np.exp(-x.astype(np.float64)))).astype(np.float32),
    "Sub": lambda n, a, b: (a - b).astype(np.float32), "Add": lambda n, a, b: (a + b).astype(np.float32),
    "Mul": lambda n, a, b: (a * b).astype(np.float32), "Div": lambda n, a, b: (a / b).astype(np.float32),
    "ReduceMax": _reduce(np.max), "ReduceMean": _reduce(np.mean),
    "Concat": lambda n, *xs: np.concatenate(xs, axis=attr(n, "axis")), "Flatten": _flatten,
    "Reshape": lambda n, x, s: x.reshape(s), "Identity": lambda n, x: x,
    "MaxPool": _pool(np.max), "AveragePool": _pool(np.mean),
    "GlobalAveragePool": lambda n, x: x.mean(axis=(2, 3), keepdims=True),
    "GlobalMaxPool": lambda n, x: x.max(axis=(2, 3), keepdims=True),
}
