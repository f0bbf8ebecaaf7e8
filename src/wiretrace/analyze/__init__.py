"""Per-article analysis."""
