"""The contract every layer shares, defined once: posting fields, role ids, sources, schedule, crawl identity.

The bottom layer: it imports nothing of ours (an import-linter contract holds that)."""
