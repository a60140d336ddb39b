"""These tests read pages in English."""

from ..english import client, in_english  # noqa: F401 - fixtures for this folder
