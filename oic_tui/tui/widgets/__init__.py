"""Dumb widgets: they take model objects and post messages."""
