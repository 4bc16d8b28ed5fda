"""Sentence vectors from WordLlama's packaged weights, loaded offline.

`WordLlama.load()` tries to download the tokenizer from a hub; both files ship inside the wheel, so
we build the inference object from them directly and never touch the network. If wordllama is not
installed, `available()` is False and the reranker drops the embedding features (weight 0).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np


@lru_cache(maxsize=1)
def _model() -> Any | None:
    try:
        import wordllama
        from safetensors import safe_open
        from tokenizers import Tokenizer
        from wordllama.inference import WordLlamaInference
    except ImportError:
        return None
    base = Path(wordllama.__file__).parent
    weights = base / "weights" / "l2_supercat_256.safetensors"
    tokenizer = base / "tokenizers" / "l2_supercat_tokenizer_config.json"
    if not (weights.exists() and tokenizer.exists()):
        return None
    with safe_open(str(weights), framework="np", device="cpu") as f:
        embedding = f.get_tensor("embedding.weight")
    return WordLlamaInference(embedding, Tokenizer.from_file(str(tokenizer)))


def available() -> bool:
    return _model() is not None


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (256 dims)."""
    model = _model()
    if model is None or not texts:
        return np.zeros((len(texts), 1), dtype=np.float32)
    vectors = np.asarray(model.embed(texts, norm=True), dtype=np.float32)
    return vectors
