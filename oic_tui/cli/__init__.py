"""Command line: argument parsing and Rich output; imports store and search, Textual never."""
