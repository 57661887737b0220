"""AudioEdge training, export and quantization (Debian's python3-torch 1.13, python3-onnx 1.12, python3-numpy).

Modules:
  contract    the model and shard contracts shared with the C# code (names, shapes, budgets)
  shards      reading `audioedge-shards/1` directories (numpy only)
  frontend    a numpy log-mel front end with the C# definition (for fake shards only)
  metrics     window-level metrics and threshold selection (numpy only)
  onnx_tools  ONNX graph inspection, MAC counting, contract checks and a small numpy evaluator (no torch)
  model       the CNN, BatchNorm folding, analytic MAC/weight table (torch)
  quant       calibration, the fake-quantized deploy model, ONNX export and QDQ post-processing (torch)
  pipeline    shards -> train -> fold -> export fp32 -> calibrate -> export int8 -> evaluate -> report (torch)
"""
