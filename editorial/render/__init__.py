"""Output for people and programs: rich tables, diffs, JSON."""
