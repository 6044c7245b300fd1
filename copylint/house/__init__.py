"""House rules: the project's own checks, in Python and as data."""
