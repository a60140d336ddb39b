"""Acceptable learner-workplace pairs: the common currency of candidates, scoring and allocation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Pairs"]


@dataclass(frozen=True, eq=False)
class Pairs:
    """One row per acceptable (learner, workplace) pair, as parallel numpy arrays.

    Learners and workplaces are indices (0 .. n-1) into the caller's own lists. Ranks are 1 for the
    most preferred; equal ranks are allowed and are broken as documented in `allocation`. `score`
    is the pair's weighted score in [0, 1] (or any real number in a file given to the command).
    `minutes` is the travel time of the pair, or -1 where unknown.
    """

    learner: np.ndarray  # int32
    workplace: np.ndarray  # int32
    learner_rank: np.ndarray  # int32, 1 = the learner's first choice
    workplace_rank: np.ndarray  # int32, 1 = the workplace's first choice
    score: np.ndarray  # float64
    minutes: np.ndarray  # int32, -1 = unknown

    def __post_init__(self) -> None:
        n = len(self.learner)
        for name in ("workplace", "learner_rank", "workplace_rank", "score", "minutes"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"Pairs.{name} has {len(getattr(self, name))} rows, expected {n}")

    def __len__(self) -> int:
        return len(self.learner)

    @classmethod
    def build(
        cls,
        learner,
        workplace,
        learner_rank=None,
        workplace_rank=None,
        score=None,
        minutes=None,
    ) -> Pairs:
        """Pairs from any sequences; missing ranks follow the score (highest first), missing score is 0."""
        learner = np.asarray(learner, dtype=np.int32)
        workplace = np.asarray(workplace, dtype=np.int32)
        n = len(learner)
        score = np.zeros(n) if score is None else np.asarray(score, dtype=np.float64)
        if learner_rank is None:
            learner_rank = ranks_by_score(learner, workplace, score)
        if workplace_rank is None:
            workplace_rank = ranks_by_score(workplace, learner, score)
        return cls(
            learner=learner,
            workplace=workplace,
            learner_rank=np.asarray(learner_rank, dtype=np.int32),
            workplace_rank=np.asarray(workplace_rank, dtype=np.int32),
            score=score,
            minutes=np.full(n, -1, np.int32) if minutes is None else np.asarray(minutes, dtype=np.int32),
        )


def ranks_by_score(owner: np.ndarray, other: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Rank 1, 2, ... within each owner by descending score; ties go to the lower index of `other`."""
    n = len(owner)
    ranks = np.empty(n, dtype=np.int32)
    if n == 0:
        return ranks
    order = np.lexsort((other, -score, owner))
    sorted_owner = owner[order]
    starts = np.r_[0, np.flatnonzero(sorted_owner[1:] != sorted_owner[:-1]) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, n]))
    ranks[order] = np.arange(n) - group_start + 1
    return ranks
