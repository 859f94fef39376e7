"""Screens: they handle widget messages and talk to the store."""
