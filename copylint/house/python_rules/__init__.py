"""House rules written in Python; each module registers itself on import."""
