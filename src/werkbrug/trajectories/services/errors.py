class TrajectoryError(Exception):
    """A user-facing refusal; the message is translated."""
