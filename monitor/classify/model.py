"""The stance model at run time: a fine-tuned MiniLM encoder in ONNX (int8) and a linear
head, run with onnxruntime on (window, target country) pairs.

The encoder reads the window once; each target's features are the [CLS] vector and the
mean of the vectors of its mention tokens, so several countries in one sentence cost one
pass. The files ship in monitor/classify/model/ and are checked against manifest.json
(sha256, labels) before use; nothing is downloaded. Training lives in model/train.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from monitor.classify.candidates import Window

LABELS = ("none", "willing", "open", "undecided", "declined", "opposed")
MODEL_DIR = Path(__file__).resolve().parent / "model"
FILES = ("model.onnx", "head.npz", "tokenizer.json")
MAX_LEN = 128
BATCH = 16

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]


class ModelFileError(RuntimeError):
    """A model file is missing or does not match its manifest."""


@dataclass(frozen=True, slots=True)
class Manifest:
    version: str
    labels: tuple[str, ...]
    sha256: dict[str, str]
    seed: int
    data_digest: str
    max_len: int
    crop: int  # a window is cut to this many tokens around its countries (0: never)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_manifest(directory: Path) -> Manifest:
    path = directory / "manifest.json"
    if not path.exists():
        raise ModelFileError(f"stance model: {path} is missing (run `make model`)")
    raw = json.loads(path.read_text("utf-8"))
    manifest = Manifest(
        version=str(raw["version"]),
        labels=tuple(raw["labels"]),
        sha256={str(k): str(v) for k, v in raw["sha256"].items()},
        seed=int(raw["seed"]),
        data_digest=str(raw["data_digest"]),
        max_len=int(raw.get("max_len", MAX_LEN)),
        crop=int(raw.get("crop", 0)),
    )
    if manifest.labels != LABELS:
        raise ModelFileError(
            f"stance model: {path} labels {list(manifest.labels)} differ from {list(LABELS)}"
        )
    for name in FILES:
        file = directory / name
        if not file.exists():
            raise ModelFileError(f"stance model: {file} is missing (run `make model`)")
        if sha256_of(file) != manifest.sha256.get(name):
            raise ModelFileError(f"stance model: {file} does not match the sha256 in {path}")
    return manifest


def token_masks(offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> list[int]:
    """Token positions whose characters overlap one of `spans` ([CLS]/[SEP] have (0, 0))."""
    out = []
    for k, (a, b) in enumerate(offsets):
        if b > a and any(a < end and b > start for start, end in spans):
            out.append(k)
    return out


class StanceModel:
    """Probabilities over LABELS for each target of each window."""

    def __init__(self, directory: Path = MODEL_DIR, crop: int | None = None) -> None:
        # Imported here so that the rules mode needs neither onnxruntime nor tokenizers.
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.manifest = read_manifest(directory)
        self.version = self.manifest.version
        # tokens kept of a longer window (0: all); the manifest's, as the model was measured
        self.crop = self.manifest.crop if crop is None else crop
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.manifest.max_len)
        self.tokenizer.no_padding()
        head = np.load(directory / "head.npz")
        self.weight: Floats = head["weight"].astype(np.float32)  # (labels, features)
        self.bias: Floats = head["bias"].astype(np.float32)
        # One core: no thread pool to spin, nodes run in order, every graph fusion on.
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(directory / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def predict(self, windows: Sequence[Window]) -> list[list[Floats]]:
        """Per window, per target (in `window.targets` order): label probabilities."""
        out: list[list[Floats]] = [[] for _ in windows]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i].text))
        for n in range(0, len(order), BATCH):
            chunk = order[n : n + BATCH]
            for i, probs in zip(chunk, self._batch([windows[i] for i in chunk]), strict=True):
                out[i] = probs
        return out

    def _inputs(self, windows: Sequence[Window]) -> list[tuple[list[int], list[list[int]]]]:
        """Per window: token ids and, per target, the positions of its mention tokens. A
        window longer than `crop` tokens is cut to `crop` tokens from a quarter of them
        before its first mention ([CLS] and [SEP] kept): the encoder's cost is linear in
        tokens, and a stance is said near the country."""
        out = []
        for w, e in zip(
            windows, self.tokenizer.encode_batch([w.text for w in windows]), strict=True
        ):
            ids = list(e.ids)
            positions = [token_masks(e.offsets, t.spans) for t in w.targets]
            if self.crop and len(ids) > self.crop + 2:
                first = min((p[0] for p in positions if p), default=1)
                a = max(1, min(first - self.crop // 4, len(ids) - 1 - self.crop))
                ids = [ids[0], *ids[a : a + self.crop], ids[-1]]
                positions = [[k - a + 1 for k in p if a <= k < a + self.crop] for p in positions]
            out.append((ids, positions))
        return out

    def _batch(self, windows: Sequence[Window]) -> list[list[Floats]]:
        inputs = self._inputs(windows)
        width = max(len(i) for i, _ in inputs)
        ids: Ints = np.zeros((len(windows), width), dtype=np.int64)
        mask: Ints = np.zeros((len(windows), width), dtype=np.int64)
        for b, (tokens, _) in enumerate(inputs):
            ids[b, : len(tokens)] = tokens
            mask[b, : len(tokens)] = 1
        hidden: Floats = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        result = []
        for b, (_, positions) in enumerate(inputs):
            feats = []
            for pos in positions:
                pooled = hidden[b, pos].mean(axis=0) if pos else hidden[b, 0]
                feats.append(np.concatenate([hidden[b, 0], pooled]))
            logits = np.stack(feats) @ self.weight.T + self.bias
            logits -= logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(axis=1, keepdims=True)
            result.append([p.astype(np.float32) for p in probs])
        return result
