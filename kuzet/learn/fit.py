"""Fitting the event reader's decisions (scikit-learn's logistic regression) and measuring a model.

Training needs scikit-learn; reading does not (a model is its weights, see extract/event_model.py).
Each decision is an L2-regularised logistic regression over binary features; features seen in
fewer than two examples are dropped, so that a single sentence's words cannot carry a decision.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, datetime

from kuzet.errors import ModelError
from kuzet.evaluate import Score, score
from kuzet.extract.event_model import DECISIONS, Linear, ReaderModel
from kuzet.extract.pipeline import extract_record
from kuzet.learn.corpus import GoldDoc
from kuzet.learn.examples import Examples, examples

# Regularisation per decision, chosen by cross-validation over documents (tools/train_reader.py --search).
C = {"act": 1.0, "date": 0.5, "victim": 0.5}
MIN_COUNT = 2


def _fit(rows: list[tuple[list[str], int]], c: float) -> Linear:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for feats, _ in rows for f in set(feats))
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    labels = [y for _, y in rows]
    if len(set(labels)) < 2:
        raise ModelError(f"training needs examples of both outcomes, got only {set(labels)}")
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1.0 for f in feats if f in keep} for feats, _ in rows])
    clf = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 1e-5}
    return Linear(float(clf.intercept_[0]), weights)


def fit(train: Examples, *, info: dict | None = None, c: dict[str, float] | None = None) -> ReaderModel:
    """A reader model fitted on labelled examples.

    RETURNS (ReaderModel): the model, with counts of what it learned from in `info`.
    """
    c = {**C, **(c or {})}
    parts = {d: _fit(getattr(train, d), c[d]) for d in DECISIONS}
    meta = {"trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "examples": {d: len(getattr(train, d)) for d in DECISIONS}, **(info or {})}
    return ReaderModel(info=meta, **parts)


def train_model(docs: list[GoldDoc], *, info: dict | None = None, c: dict[str, float] | None = None) -> ReaderModel:
    """A model trained on annotated documents."""
    return fit(examples(docs), info={"documents": len(docs), **(info or {})}, c=c)


def read(model: ReaderModel | None, docs: list[GoldDoc]) -> list[dict]:
    """A model's records of annotated documents, each read with its annotation's date (None: the bundled model)."""
    return [extract_record(d.text, path=d.name, doc_date=d.doc_date, model=model) for d in docs]


def measure(model: ReaderModel | None, docs: list[GoldDoc]) -> Score:
    """Score a model's reading of annotated documents (None: the bundled model)."""
    return score([d.gold for d in docs], read(model, docs))


def split(docs: list[GoldDoc], held_share: float = 0.2) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """Documents for training and held back for measuring, by a hash of their names (the same split every run)."""
    held = [d for d in docs if int(hashlib.sha256(d.name.encode()).hexdigest()[:8], 16) % 1000 < held_share * 1000]
    names = {d.name for d in held}
    return [d for d in docs if d.name not in names], held
