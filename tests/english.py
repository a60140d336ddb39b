"""Fixtures for test folders that read pages and messages in English, the source of the Dutch catalogue.

A folder's conftest imports them: `from ..english import client, in_english`.
"""

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
