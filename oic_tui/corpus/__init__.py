"""Compiling a corpus folder (documents and TOML annotations) into a store: read only by
`oic_tui.store`. Imports the store layer and nothing above it."""
