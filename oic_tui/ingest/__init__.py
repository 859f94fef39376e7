"""Turns a news text into a corpus document with draft annotations; imports only oic_tui.store."""
