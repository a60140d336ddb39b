"""The matching engine: candidates, explained scores, broader matches, allocation and gaps.

A pure Python library over numpy arrays: no Django import, so it runs the same in a request, a task,
a benchmark or the command `python -m werkbrug.matching`. `werkbrug.placements` feeds it plain data
and turns its reason codes into sentences.
"""

from .allocation import Assignment, GroupRow, Report, optimal, report, stable
from .broader import BroaderMatch, broader_matches
from .candidates import Candidates, NoCandidate, candidates
from .explain import Component, Explanation, Reason, explain
from .gaps import competence_gaps, demand_gaps, more_places_here, new_place_in, unplaced
from .pairs import Pairs, ranks_by_score
from .region import (
    COMPONENTS,
    MODES,
    LearnerRow,
    Learners,
    MentorReadiness,
    Profile,
    Region,
    Travel,
    Weights,
    WorkplaceRow,
    Workplaces,
    learners_from,
    mode_mask,
    workplaces_from,
)

__all__ = [
    "COMPONENTS",
    "MODES",
    "Assignment",
    "BroaderMatch",
    "Candidates",
    "Component",
    "Explanation",
    "GroupRow",
    "LearnerRow",
    "Learners",
    "MentorReadiness",
    "NoCandidate",
    "Pairs",
    "Profile",
    "Reason",
    "Region",
    "Report",
    "Travel",
    "Weights",
    "WorkplaceRow",
    "Workplaces",
    "broader_matches",
    "candidates",
    "competence_gaps",
    "demand_gaps",
    "explain",
    "learners_from",
    "mode_mask",
    "more_places_here",
    "new_place_in",
    "optimal",
    "ranks_by_score",
    "report",
    "stable",
    "unplaced",
    "workplaces_from",
]
