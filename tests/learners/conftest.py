import pytest
from django.test import Client
from django.utils import translation


@pytest.fixture
def client() -> Client:
    """A browser asking for English pages, also after logging out (which clears the cookies)."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture(autouse=True)
def in_english():
    """Pages and messages are read in English: the source the Dutch catalogue follows."""
    with translation.override("en"):
        yield
