"""Store layer: models, annotations → TinyDB build, read-only loading; imports no other layer."""
