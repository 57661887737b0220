"""Window-level metrics and per-class threshold selection (numpy only)."""
import numpy as np


def roc_auc(y, s):
    """Area under the ROC curve (Mann-Whitney U with average ranks for ties); None without both classes."""
    y = np.asarray(y) > 0.5
    s = np.asarray(s, dtype=np.float64)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def average_precision(y, s):
    """Area under the precision-recall curve as the mean of precision at each positive (ties grouped)."""
    y = np.asarray(y) > 0.5
    if not y.any():
        return None
    cuts = _cuts(y, np.asarray(s, dtype=np.float64))
    recall_steps = np.diff(np.concatenate([[0.0], cuts["recall"]]))
    return float(np.sum(recall_steps * cuts["precision"]))


def _cuts(y, s):
    """Precision/recall for every distinct score used as threshold (score >= t is positive), high to low."""
    order = np.argsort(-s, kind="mergesort")
    s_sorted, y_sorted = s[order], y[order]
    tp = np.cumsum(y_sorted)
    fp = np.cumsum(~y_sorted)
    last = np.r_[np.flatnonzero(np.diff(s_sorted) != 0), len(s) - 1]  # last index of each distinct score
    tp, fp, t = tp[last], fp[last], s_sorted[last]
    next_lower = np.r_[s_sorted[last[:-1] + 1], -np.inf]
    return {"threshold": t, "next_lower": next_lower, "tp": tp, "fp": fp,
            "precision": tp / np.maximum(tp + fp, 1), "recall": tp / max(int(y.sum()), 1)}


def choose_threshold(y, s, min_precision=0.98):
    """The threshold with the highest recall whose precision on (y, s) is >= min_precision.

    The threshold sits halfway (in score) between the chosen cut and the next lower score, so small numeric
    differences between runtimes do not flip the decision at the boundary. If no cut reaches the precision
    target, the cut with the best F1 is taken and `met` is False.
    """
    y = np.asarray(y) > 0.5
    s = np.asarray(s, dtype=np.float64)
    if not y.any() or y.all():
        return {"threshold": 0.5, "met": False, "rule": "degenerate split: 0.5"}
    c = _cuts(y, s)
    ok = np.flatnonzero(c["precision"] >= min_precision)
    if ok.size:
        i = ok[np.argmax(c["recall"][ok])]  # first = highest threshold among the cuts with the best recall
        rule = f"max recall with precision >= {min_precision}"
        met = True
    else:
        f1 = 2 * c["precision"] * c["recall"] / np.maximum(c["precision"] + c["recall"], 1e-12)
        i = int(np.argmax(f1))
        rule = f"precision {min_precision} unreachable: max F1"
        met = False
    return {"threshold": _halfway(c, i), "met": met, "rule": rule}


def _halfway(cuts, i):
    """Cut i's threshold placed halfway (in score) to the next lower score, so that small numeric differences
    between runtimes do not flip the decision at the boundary."""
    hi, lo = cuts["threshold"][i], cuts["next_lower"][i]
    return float(hi if not np.isfinite(lo) else (hi + lo) / 2)


def choose_threshold_fpr(y, s, max_fpr):
    """The threshold with the highest recall that leaves at most `max_fpr` of the negatives at or above it.

    A false-positive-rate target depends on the negatives alone. A precision target also depends on how many
    positives share the top scores, so at 0.995 a handful of negative windows near the top moved it by 0.1 between
    two trainings of equal average precision (see tools/train/README.md). Placed halfway to the next lower score
    like choose_threshold's; `met` is False only if even the top cut holds more negatives than allowed (ties).
    """
    y = np.asarray(y) > 0.5
    s = np.asarray(s, dtype=np.float64)
    if not y.any() or y.all():
        return {"threshold": 0.5, "met": False, "rule": "degenerate split: 0.5"}
    c = _cuts(y, s)
    allowed = int(np.floor(max_fpr * int((~y).sum()) + 1e-9))
    ok = np.flatnonzero(c["fp"] <= allowed)
    met = bool(ok.size)
    i = ok[np.argmax(c["recall"][ok])] if met else 0
    return {"threshold": _halfway(c, i), "met": met,
            "rule": f"max recall with false-positive rate <= {max_fpr} ({allowed} of {int((~y).sum())} negative windows)"}


def binary_metrics(y, s, threshold):
    y = np.asarray(y) > 0.5
    p = np.asarray(s) >= threshold
    tp, fp = int(np.sum(p & y)), int(np.sum(p & ~y))
    fn, tn = int(np.sum(~p & y)), int(np.sum(~p & ~y))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (2 * precision * recall / (precision + recall)) if precision and recall else 0.0
    return {"threshold": float(threshold), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": precision, "recall": recall, "f1": f1,
            "false_positive_rate": fp / (fp + tn) if fp + tn else None}


def evaluate(labels, scores, label_names, thresholds):
    """Per-class metrics at the given thresholds and at 0.5, plus ROC-AUC and average precision."""
    out = {}
    for k, name in enumerate(label_names):
        y, s = labels[:, k], scores[:, k]
        out[name] = {"positives": int(np.sum(y > 0.5)), "negatives": int(np.sum(y <= 0.5)),
                     "roc_auc": roc_auc(y, s), "average_precision": average_precision(y, s),
                     "at_threshold": binary_metrics(y, s, thresholds[name]),
                     "at_0.5": binary_metrics(y, s, 0.5)}
    aps = [v["average_precision"] for v in out.values() if v["average_precision"] is not None]
    return out, (float(np.mean(aps)) if aps else 0.0)


def breakdown(meta, labels, scores, label_names, thresholds, max_values=80):
    """For string-valued meta keys with few distinct values: per value, windows, recall and false positives."""
    keys = {}
    for m in meta:
        for key, v in m.items():
            if isinstance(v, str):
                keys.setdefault(key, set()).add(v)
    out = {}
    for key, values in sorted(keys.items()):
        if not 2 <= len(values) <= max_values:
            continue
        col = np.array([m.get(key, "") for m in meta])
        per = {}
        for v in sorted(values):
            sel = col == v
            entry = {"windows": int(sel.sum())}
            for k, name in enumerate(label_names):
                y = labels[sel, k] > 0.5
                p = scores[sel, k] >= thresholds[name]
                if y.any():
                    entry[f"{name}_recall"] = round(float(np.mean(p[y])), 4)
                if (~y).any():
                    entry[f"{name}_false_positives"] = int(np.sum(p & ~y))
            per[v] = entry
        out[key] = per
    return out
