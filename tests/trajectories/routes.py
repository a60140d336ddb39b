"""The trajectory pages in the access registry, a list per part of the app."""

from .routes_evaluations import ROUTES as EVALUATIONS
from .routes_followup import ROUTES as FOLLOWUP
from .routes_lifecycle import ROUTES as LIFECYCLE
from .routes_overview import ROUTES as OVERVIEW
from .routes_pdf import ROUTES as PDF
from .routes_plan import ROUTES as PLAN

TRAJECTORY_ROUTES = [*OVERVIEW, *PLAN, *PDF, *EVALUATIONS, *FOLLOWUP, *LIFECYCLE]
