"""Labelled development sets: references into ../shared/realdata plus labels, never the text."""
