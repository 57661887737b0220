"""Tests for tools/train: /usr/bin/python3 -m unittest discover -s tools/train/tests -v  (about half a minute)."""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN = os.path.dirname(HERE)
sys.path.insert(0, TRAIN)

from audioedge_train import contract, metrics, onnx_tools, shards  # noqa: E402
import make_fake_shards  # noqa: E402


class MetricsTests(unittest.TestCase):
    def test_roc_auc_matches_pairwise_count(self):
        rng = np.random.default_rng(1)
        y = rng.random(200) < 0.3
        s = np.round(rng.random(200) + y * 0.3, 1)  # many ties
        pos, neg = s[y], s[~y]
        pairs = (pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean()
        self.assertAlmostEqual(metrics.roc_auc(y, s), pairs, places=12)

    def test_threshold_meets_precision_with_max_recall(self):
        y = np.array([1, 1, 1, 0, 1, 0, 0, 1, 0, 0])
        s = np.array([.95, .9, .85, .8, .7, .6, .5, .4, .3, .2])
        t = metrics.choose_threshold(y, s, min_precision=0.8)
        self.assertTrue(t["met"])
        m = metrics.binary_metrics(y, s, t["threshold"])
        self.assertGreaterEqual(m["precision"], 0.8)
        self.assertEqual(m["tp"], 4)  # cut at 0.7: 4 TP, 1 FP (precision 0.8); lower cuts fall below 0.8
        self.assertTrue(0.6 < t["threshold"] < 0.7)  # halfway to the next lower score

    def test_unreachable_precision_falls_back_to_f1(self):
        y = np.array([0, 1, 0, 1])
        s = np.array([.9, .8, .7, .6])
        t = metrics.choose_threshold(y, s, min_precision=0.99)
        self.assertFalse(t["met"])

    def test_fpr_threshold_allows_that_share_of_negatives_with_max_recall(self):
        y = np.array([1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0])
        s = np.array([.95, .9, .85, .8, .7, .6, .5, .45, .4, .3, .2, .1])
        t = metrics.choose_threshold_fpr(y, s, max_fpr=2 / 7)  # 7 negatives: two may score at or above it
        self.assertTrue(t["met"])
        m = metrics.binary_metrics(y, s, t["threshold"])
        self.assertEqual((m["tp"], m["fp"]), (4, 2))  # cut at 0.6; 0.5 would be a third negative
        self.assertTrue(0.5 < t["threshold"] < 0.6)
        self.assertIn("2 of 7 negative windows", t["rule"])
        strict = metrics.choose_threshold_fpr(y, s, max_fpr=0.1)  # none allowed: above the first negative
        self.assertTrue(0.9 < strict["threshold"] < 0.95)
        # Unlike a precision target, adding positives at the top does not move it.
        y2, s2 = np.r_[[1] * 20, y], np.r_[np.full(20, 0.99), s]
        self.assertEqual(metrics.choose_threshold_fpr(y2, s2, 2 / 7)["threshold"], t["threshold"])

    def test_average_precision_perfect_ranking(self):
        self.assertEqual(metrics.average_precision([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.2]), 1.0)


class ShardTests(unittest.TestCase):
    def test_fake_shards_load_and_bad_manifest_is_rejected(self):
        with tempfile.TemporaryDirectory() as d:
            make_fake_shards.write(d, n_train=6, n_validation=4, shard_size=4, seed=3)
            s = shards.load(d)
            self.assertEqual((len(s.train), len(s.validation)), (6, 4))
            self.assertEqual(s.train.features.shape[1:], (96, 64))
            self.assertGreater(s.train.features.min(), contract.LOG_FLOOR - 1e-3)
            path = os.path.join(d, "manifest.json")
            with open(path, encoding="utf-8") as f:
                m = json.load(f)
            m["labels"] = ["glass_break", "alarm"]
            with open(path, "w", encoding="utf-8") as f:
                json.dump(m, f)
            with self.assertRaises(shards.ShardError):
                shards.load(d)


class SamplingTests(unittest.TestCase):
    def test_label_shares_and_sqrt_strata(self):
        from audioedge_train import pipeline
        labels = np.array([[0, 0]] * 50 + [[1, 0]] * 36 + [[1, 0]] * 4 + [[0, 1]] * 10, np.float32)
        strata = ["x"] * 50 + ["synthetic"] * 36 + ["real"] * 4 + ["real"] * 10
        p = pipeline.sampling_weights(labels, 0.5, strata)
        self.assertAlmostEqual(p[:50].sum(), 0.5)
        self.assertAlmostEqual(p[50:90].sum(), 0.25)
        self.assertAlmostEqual(p[90:].sum(), 0.25)
        # alarm: synthetic 36 vs real 4 -> shares 6:2 (sqrt), not 36:4
        self.assertAlmostEqual(p[50:86].sum() / p[86:90].sum(), 3.0)

    def test_hard_negatives_are_drawn_more_often_without_changing_label_shares(self):
        from audioedge_train import pipeline
        labels = np.array([[0, 0]] * 4 + [[1, 0]] * 2 + [[0, 1]] * 2, np.float32)
        base = pipeline.sampling_weights(labels, 0.5)
        negatives = np.all(labels < 0.5, axis=1)
        p = pipeline.hard_negative_weights(base, negatives, np.array([0.0, 0.0, 1.0, 0.5]), strength=4.0)
        self.assertAlmostEqual(p.sum(), 1.0)
        self.assertAlmostEqual(p[:4].sum(), base[:4].sum())
        np.testing.assert_allclose(p[4:], base[4:])
        # weights 1 : 1 : 5 : 3 over the negatives
        np.testing.assert_allclose(p[:4] / p[0], [1.0, 1.0, 5.0, 3.0])
        # strength 0 or all-zero scores leave the base weights alone
        np.testing.assert_allclose(pipeline.hard_negative_weights(base, negatives, np.zeros(4), 4.0), base)
        np.testing.assert_allclose(pipeline.hard_negative_weights(base, negatives, np.array([0.0, 0.0, 1.0, 0.5]), 0.0), base)


class ThresholdRuleTests(unittest.TestCase):
    """The alarm threshold does not count appliance beeps and ringtones (the cadence decoder rejects them);
    the glass threshold counts every window; reported metrics always count every window."""

    def split(self):
        # alarm scores: 8 alarm windows (one at 0.995, seven 0.90..0.55), 4 appliance-beep negatives at
        # 0.99..0.96 (tones like an alarm's), 8 other negatives at 0.50..0.15
        alarm = np.r_[[0.995], np.linspace(0.90, 0.55, 7), [0.99, 0.98, 0.97, 0.96], np.linspace(0.50, 0.15, 8)]
        labels = np.zeros((20, 2), np.float32)
        labels[:8, 0] = 1
        labels[[0, 12], 1] = 1  # glass: one positive high, one among the negatives' scores
        meta = ([{"category": "smoke_t3"}] * 8 + [{"category": "appliance_beeps"}] * 4
                + [{"category": "kitchen: plates"}] * 8)
        scores = np.stack([alarm, np.r_[[0.95], np.full(11, 0.1), [0.9], np.full(7, 0.2)]], axis=1)
        return shards.Split("validation", scores.astype(np.float32), labels, meta), scores

    def cfg(self, skip, alarm_max_fpr=0.0):
        return {"min_precision": 0.98, "alarm_min_precision": 0.995, "alarm_max_fpr": alarm_max_fpr,
                "alarm_threshold_skip": skip}

    def test_alarm_threshold_by_false_positive_rate_counts_the_same_windows(self):
        from audioedge_train import pipeline
        split, scores = self.split()
        thr, res = pipeline.evaluate(scores, split, self.cfg(["appliance_beeps", "ringtone"], alarm_max_fpr=0.1))
        self.assertTrue(0.50 < thr["alarm"] < 0.55)  # 8 plates counted, none may pass: every alarm window does
        self.assertIn("false-positive rate <= 0.1 (0 of 8", res["classes"]["alarm"]["threshold_rule"])
        thr_all, _ = pipeline.evaluate(scores, split, self.cfg([], alarm_max_fpr=0.25))
        # 12 counted and 3 may pass, but letting the beeps at 0.99-0.97 through gains no alarm window: of equal
        # recall the highest cut is taken, as for a precision target.
        self.assertTrue(0.99 < thr_all["alarm"] < 0.995)
        self.assertEqual(thr_all["glass_break"], thr["glass_break"])  # glass keeps its precision target

    def test_alarm_threshold_ignores_the_skipped_categories_only(self):
        from audioedge_train import pipeline
        split, scores = self.split()
        thr, res = pipeline.evaluate(scores, split, self.cfg(["appliance_beeps", "ringtone"]))
        self.assertTrue(0.50 < thr["alarm"] < 0.55)  # every alarm window, none of the plates
        at = res["classes"]["alarm"]["at_threshold"]
        self.assertEqual((at["tp"], at["fp"]), (8, 4))  # the beeps still count in what is reported
        self.assertIn("4 negative windows of appliance_beeps, ringtone not counted", res["classes"]["alarm"]["threshold_rule"])
        self.assertTrue(res["classes"]["alarm"]["precision_target_met"])

        thr_all, res_all = pipeline.evaluate(scores, split, self.cfg([]))
        self.assertTrue(0.99 < thr_all["alarm"] < 0.995)  # counted, the beeps push it above all but one alarm
        self.assertEqual(res_all["classes"]["alarm"]["at_threshold"]["tp"], 1)
        self.assertEqual(thr_all["glass_break"], thr["glass_break"])  # glass counts every window either way

    def test_numeric_check_allows_a_rounding_flip_but_not_a_wrong_graph(self):
        from audioedge_train import pipeline
        flips = np.zeros(32)
        flips[[3, 17]] = [0.022, 0.004]  # what int8 rounding ties did on real trainings
        self.assertIsNone(pipeline.numeric_verdict("int8", flips, 0.05))
        self.assertIn("> 0.02 on one window", pipeline.numeric_verdict("int8", flips, 0.02))
        shifted = np.full(32, 3e-3)  # every window a little off: a wrong scale, not a tie
        self.assertIn("median", pipeline.numeric_verdict("int8", shifted, 0.05))
        self.assertIsNone(pipeline.numeric_verdict("fp32", np.full(32, 2e-6), 0.05))
        self.assertIsNotNone(pipeline.numeric_verdict("fp32", flips, 0.05))  # fp32 has no rounding excuse

    def test_train_py_rejects_a_bad_alarm_precision(self):
        for option, value in (("--alarm-min-precision", "1.5"), ("--alarm-max-fpr", "-0.1"), ("--alarm-max-fpr", "1")):
            r = subprocess.run([sys.executable, os.path.join(TRAIN, "train.py"), "--smoke", "--out", "/nonexistent",
                                option, value], capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 64, (option, value))
            self.assertIn(option, r.stderr)


class FoldingTests(unittest.TestCase):
    def test_batchnorm_folding_and_budget(self):
        import torch
        from audioedge_train import model, quant
        torch.manual_seed(0)
        net = model.Net(model.Arch(), np.full(64, -5.0), np.full(64, 3.0))
        for bn in net.bns:  # non-trivial statistics
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2.0)
            bn.weight.data.uniform_(0.5, 1.5)
            bn.bias.data.uniform_(-0.2, 0.2)
        net.eval()
        x = torch.randn(4, 1, 96, 64) * 4 - 5
        with torch.no_grad():
            a = torch.sigmoid(net(x))
            b = quant.DeployNet(net).eval()(x)
        self.assertLess((a - b).abs().max().item(), 1e-5)
        b = model.budget(model.Arch())
        self.assertEqual((b["macs"], b["int8_weight_bytes"]), (1_912_896, 57_096))


class PipelineTests(unittest.TestCase):
    """One smoke run of train.py shared by the tests below."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = cls.tmp.name
        r = subprocess.run([sys.executable, os.path.join(TRAIN, "train.py"), "--smoke", "--out", cls.out],
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            raise AssertionError(f"smoke run failed ({r.returncode}): {r.stderr[-2000:]}")
        cls.fp32 = onnx.load(os.path.join(cls.out, contract.FP32_FILE))
        cls.int8 = onnx.load(os.path.join(cls.out, contract.INT8_FILE))
        with open(os.path.join(cls.out, contract.REPORT_FILE), encoding="utf-8") as f:
            cls.report = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check_cli(self, model):
        with tempfile.NamedTemporaryFile(suffix=".onnx") as f:
            onnx.save(model, f.name)
            r = subprocess.run([sys.executable, os.path.join(TRAIN, "check_onnx.py"), f.name, "--run"],
                               capture_output=True, text=True, timeout=120)
        return r.returncode, r.stdout.strip()

    def test_report_has_metrics_thresholds_budget_and_data(self):
        r = self.report
        self.assertLessEqual(r["budget"]["macs"], contract.MAX_MACS)
        self.assertLessEqual(r["budget"]["int8_weight_bytes"], contract.MAX_INT8_WEIGHT_BYTES)
        for kind in ("fp32", "int8"):
            m = r["models"][kind]
            self.assertEqual(set(m["thresholds"]), set(contract.LABELS))
            for label in contract.LABELS:
                c = m["validation"]["classes"][label]
                for key in ("roc_auc", "average_precision", "at_threshold", "positives"):
                    self.assertIn(key, c)
        self.assertEqual(r["data"]["labels"], list(contract.LABELS))
        self.assertIn("torch", r["versions"])

    def test_model_manifest_matches_the_files(self):
        import hashlib
        with open(os.path.join(self.out, contract.MODEL_MANIFEST_FILE), encoding="utf-8") as f:
            m = json.load(f)
        self.assertEqual(m["labels"], list(contract.LABELS))
        self.assertEqual(m["input"], {"name": "logmel", "frames": 96, "bands": 64})
        self.assertEqual(m["output"], {"name": "scores"})
        self.assertEqual(m["default_variant"], "int8")
        self.assertEqual(m["front_end"], self.report["data"]["front_end"])
        for kind, spec in m["variants"].items():
            with open(os.path.join(self.out, spec["file"]), "rb") as f:
                self.assertEqual(spec["sha256"], hashlib.sha256(f.read()).hexdigest(), kind)
        self.assertTrue(all(0 < t < 1 for t in m["thresholds"].values()))
        self.assertEqual(set(m["thresholds"]), set(contract.LABELS))

    def test_both_models_pass_the_check_and_carry_metadata(self):
        for model, kind in ((self.fp32, "fp32"), (self.int8, "int8")):
            code, out = self.check_cli(model)
            self.assertEqual(code, 0, out)
            self.assertTrue(out.startswith(f"OK: {kind}"), out)
            meta = onnx_tools.metadata(model)
            self.assertEqual(json.loads(meta[contract.META_LABELS]), list(contract.LABELS))
            self.assertEqual(set(json.loads(meta[contract.META_THRESHOLDS])), set(contract.LABELS))

    def test_int8_graph_is_canonical_qdq(self):
        g = onnx_tools.Graph(self.int8)
        ops = [n.op_type for n in g.g.node]
        self.assertEqual(ops.count("Conv"), 4)
        self.assertEqual(ops.count("Gemm"), 2)
        weights = [t for t in self.int8.graph.initializer if t.name.endswith(".weight_quantized")]
        self.assertEqual(len(weights), 6)
        self.assertTrue(all(numpy_helper.to_array(t).dtype == np.int8 for t in weights))
        # 4 bytes per float weight in fp32, 1 in int8: the int8 file is much smaller
        self.assertLess(self.int8.ByteSize(), self.fp32.ByteSize() / 2.5)

    def test_fp32_and_int8_agree(self):
        x = np.random.default_rng(5).uniform(-15, 5, contract.INPUT_SHAPE).astype(np.float32)
        a = onnx_tools.run(self.fp32, {"logmel": x})["scores"]
        b = onnx_tools.run(self.int8, {"logmel": x})["scores"]
        self.assertLess(np.abs(a - b).max(), 0.05)

    def mutate(self, model, fn):
        m = copy.deepcopy(model)
        fn(m)
        return m

    def test_check_rejects_broken_models(self):
        def zp_mid(m):  # activation after Conv+ReLU centred on 128: ORT would not fuse QLinearConv
            for t in m.graph.initializer:
                if t.name == "conv2.out.zero_point":
                    t.CopyFrom(numpy_helper.from_array(np.array(128, np.uint8), t.name))

        def zp_int8(m):  # an int8 activation pair that feeds two consumers stays a float Conv in ORT on x86
            for t in m.graph.initializer:
                if t.name == "conv2.out.zero_point":
                    t.CopyFrom(numpy_helper.from_array(np.array(-128, np.int8), t.name))

        def rename_input(m):
            m.graph.input[0].name = "x"
            for n in m.graph.node:
                for i, name in enumerate(n.input):
                    if name == "logmel":
                        n.input[i] = "x"

        def per_tensor_weight(m):
            for t in m.graph.initializer:
                if t.name == "conv3.weight_scale":
                    a = numpy_helper.to_array(t)
                    t.CopyFrom(numpy_helper.from_array(a[:1].copy(), t.name))

        def opset_12(m):
            m.opset_import[0].version = 12

        cases = [(self.int8, zp_mid, "needs zero point 0"), (self.int8, zp_int8, "got -128"),
                 (self.fp32, rename_input, "inputs are"),
                 (self.int8, per_tensor_weight, "per output channel"), (self.fp32, opset_12, "opset")]
        for model, fn, expect in cases:
            code, out = self.check_cli(self.mutate(model, fn))
            self.assertEqual(code, 1, f"{fn.__name__}: {out}")
            self.assertIn(expect, out, fn.__name__)
            self.assertEqual(len(out.splitlines()), 1)


class AntiAliasTests(unittest.TestCase):
    def test_the_folded_first_kernel_is_blurring_then_convolving(self):
        import torch
        import torch.nn.functional as F
        from audioedge_train import model
        torch.manual_seed(0)
        x, w = torch.randn(2, 1, 96, 64), torch.randn(12, 1, 3, 3)
        first_blur = F.conv2d(F.conv2d(F.pad(x, (0, 0, 2, 2)), model.blur_kernel(1)), w, padding=(0, 1), stride=2)
        folded = F.conv2d(x, model.blurred(w), padding=(2, 1), stride=2)
        self.assertLess((first_blur - folded).abs().max().item(), 1e-5)

    def test_deploy_network_and_budget_with_anti_aliasing(self):
        import torch
        from audioedge_train import model, quant
        torch.manual_seed(0)
        arch = model.Arch(channels=(12, 24, 48, 64), anti_alias=True)
        net = model.Net(arch, np.full(64, -5.0), np.full(64, 3.0))
        for bn in net.bns:
            bn.running_mean.uniform_(-0.5, 0.5)
            bn.running_var.uniform_(0.5, 2.0)
        net.eval()
        x = torch.randn(4, 1, 96, 64) * 4 - 5
        with torch.no_grad():
            self.assertLess((torch.sigmoid(net(x)) - quant.DeployNet(net).eval()(x)).abs().max().item(), 1e-5)
        b = model.budget(arch)
        self.assertEqual([r["name"] for r in b["layers"]],
                         ["conv1", "blur2", "conv2", "blur3", "conv3", "blur4", "conv4", "fc1", "fc2"])
        self.assertEqual((b["macs"], b["int8_weight_bytes"]), (3_723_840, 73_872))
        self.assertEqual(b["layers"][0]["weight_shape"], [12, 1, 5, 3])

    def test_anti_aliased_scores_move_less_when_the_sound_moves_one_frame(self):
        # An untrained network already shows it: a click moved frame by frame through the window.
        import torch
        from audioedge_train import model
        spread = {}
        for anti_alias in (False, True):
            torch.manual_seed(3)
            net = model.Net(model.Arch(anti_alias=anti_alias), np.zeros(64), np.ones(64)).eval()
            x = torch.zeros(40, 1, 96, 64)
            for k in range(40):
                x[k, 0, 20 + k, :] = 4.0
            with torch.no_grad():
                logits = net(x)[:, 1]
            spread[anti_alias] = (logits[1:] - logits[:-1]).abs().mean().item()
        self.assertLess(spread[True], 0.5 * spread[False], spread)

    def test_smoke_run_with_anti_aliasing_exports_checked_models(self):
        with tempfile.TemporaryDirectory() as out:
            r = subprocess.run([sys.executable, os.path.join(TRAIN, "train.py"), "--smoke", "--anti-alias", "--out", out],
                               capture_output=True, text=True, timeout=600)
            self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            for name in (contract.FP32_FILE, contract.INT8_FILE):
                kind, summary = onnx_tools.check(onnx.load(os.path.join(out, name)))
                self.assertEqual(len(summary["layers"]), 9, name)
            with open(os.path.join(out, contract.REPORT_FILE), encoding="utf-8") as f:
                self.assertTrue(json.load(f)["architecture"]["anti_alias"])


if __name__ == "__main__":
    unittest.main()
