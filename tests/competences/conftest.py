import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english():
    """The messages asserted here are the English source; the Dutch catalogue follows them."""
    with translation.override("en"):
        yield
