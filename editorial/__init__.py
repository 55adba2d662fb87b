"""editorial: a translation desk's workflow kept as front matter in a git repository."""

__version__ = "0.1.0"
