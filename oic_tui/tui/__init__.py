"""Explorer layer: the Textual app, its screens and widgets; may import every other layer."""
