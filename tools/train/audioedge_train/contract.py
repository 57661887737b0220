"""The contracts shared with the C# side. Change only together with the C# runtime and dataset builder."""

SHARD_FORMAT = "audioedge-shards/1"
LABELS = ("alarm", "glass_break")
WINDOW_FRAMES = 96
BANDS = 64
LOG_FLOOR = -23.025850929940457  # ln(1e-10), the front end's floor

OPSET = 13
INPUT_NAME = "logmel"
INPUT_SHAPE = (1, 1, WINDOW_FRAMES, BANDS)
OUTPUT_NAME = "scores"
OUTPUT_SHAPE = (1, len(LABELS))

MAX_MACS = 5_000_000          # multiply-accumulates per inference (Conv + Gemm)
MAX_INT8_WEIGHT_BYTES = 250_000  # int8 Conv/Gemm weights (int32 biases are counted separately)

FP32_FILE = "model.fp32.onnx"
INT8_FILE = "model.int8.onnx"
REPORT_FILE = "training-report.json"
VALIDATION_SCORES_FILE = "validation-scores.npz"  # int8/fp32 window scores of the validation split (not shipped)
# The model manifest the C# runtime reads and verifies (src/AudioEdge.Inference/ModelManifest.cs).
MODEL_MANIFEST_FILE = "manifest.json"
MODEL_ID = "audioedge-cnn"
HOP_FRAMES = 10  # score every 100 ms

# Keys of the ONNX metadata_props the exporter writes (ORT C#: InferenceSession.ModelMetadata.CustomMetadataMap).
META_LABELS = "audioedge.labels"            # JSON list, e.g. ["alarm", "glass_break"]
META_FRONT_END = "audioedge.front_end"      # the shard manifest's front_end fingerprint, verbatim
META_THRESHOLDS = "audioedge.thresholds"    # JSON object label -> threshold chosen on validation for this file
META_KIND = "audioedge.kind"                # "fp32" or "int8"
META_WINDOW = "audioedge.window"            # JSON {"frames": 96, "bands": 64}
