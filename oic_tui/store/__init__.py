"""Store layer: the models and reading a store read-only (corpus/ builds it); imports no other
layer."""
