"""Command line: argument parsing and Rich output; imports the layers below the explorer
(store, corpus, search, present, ingest), Textual never."""
