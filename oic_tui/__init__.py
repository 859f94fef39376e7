"""OIC CFM Explorer: a terminal explorer of the 42nd OIC Council of Foreign Ministers."""

__version__ = "0.1.0"
