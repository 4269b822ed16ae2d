"""The posting contract every layer shares, defined once at the bottom: it imports nothing of ours."""
