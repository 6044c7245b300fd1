"""Reporters turn a run's results into text, JSON and the other formats."""
