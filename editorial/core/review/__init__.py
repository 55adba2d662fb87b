"""Editorial review: what editing changed in a translation, word by word, and how much."""
