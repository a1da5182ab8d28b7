"""The event reader's trained decisions: three logistic models stored as feature weights.

A model file (``kuzet/data/models/reader.json``, built by ``tools/train_reader.py`` from the
annotated documents in ``kuzet/data/training/``; or one that ``kuzet train`` kept for a database)
holds, for each decision (act, date, victim), a bias and a weight per feature string. Reading needs
no learning library: a decision's probability is the logistic of the bias plus the weights of the
features present.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kuzet.errors import ModelError

DECISIONS = ("act", "date", "victim")
FORMAT = "kuzet.reader-model/1"


@dataclass(frozen=True, slots=True)
class Linear:
    """A logistic model over binary string features."""

    bias: float
    weights: dict[str, float]
    threshold: float = 0.5

    def score(self, features: list[str]) -> float:
        # A feature the model has no weight for adds nothing (get -> None, left out by filter).
        return self.bias + sum(filter(None, map(self.weights.get, features)))

    def prob(self, features: list[str]) -> float:
        s = self.score(features)
        return 1.0 / (1.0 + math.exp(-s)) if s > -30 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"bias": self.bias, "threshold": self.threshold,
                "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5}}


@dataclass(frozen=True, slots=True)
class ReaderModel:
    """The three decisions of the event reader, with where they were trained."""

    act: Linear
    date: Linear
    victim: Linear
    info: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "info": self.info, **{d: getattr(self, d).to_json() for d in DECISIONS}}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=0, sort_keys=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReaderModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} model")
        parts = {d: Linear(float(data[d]["bias"]), {str(k): float(v) for k, v in data[d]["weights"].items()},
                           float(data[d].get("threshold", 0.5))) for d in DECISIONS}
        return cls(info=dict(data.get("info") or {}), **parts)

    @classmethod
    def load(cls, path: str | Path) -> ReaderModel:
        """A model file (`kuzet train --output`); one that cannot be read is a ModelError naming it."""
        try:
            return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise ModelError(f"not a reader model: {err}", path=str(path)) from None


@cache
def bundled_model() -> ReaderModel:
    """The model shipped with Kuzet (trained on its bundled annotated documents)."""
    text = resources.files("kuzet.data").joinpath("models/reader.json").read_text(encoding="utf-8")
    return ReaderModel.from_json(json.loads(text))
