"""What the explorer and the command line both show: record attributes, citations and
export formats. Imports the store layer and nothing above it."""
