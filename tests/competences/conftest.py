"""The messages asserted here are the English source; the Dutch catalogue follows them."""

from ..english import in_english  # noqa: F401 - a fixture for this folder
