"""werkbrug: workplace learning for a region."""
