"""Pages here are read in English, the source of the Dutch catalogue; a running trajectory to test on."""

import pytest

from ..english import client, in_english  # noqa: F401 - fixtures for this folder
from .builders import running_trajectory


@pytest.fixture
def trajectory(cast):
    """The cast learner's running trajectory (a minor, so a parent signs too), plan version 1 drafted."""
    return running_trajectory(cast)


@pytest.fixture
def adult_trajectory(cast):
    return running_trajectory(cast, minor=False)
