"""The rules of `editorial check`: each a small function registered under a stable id.

A rule looks at one article (its files now and, with --base, at the base revision) and yields
findings; the runner turns them into `Problem`s with the rule's id and the severity the
newsroom configured (`rules: {numbers: warning, glossary: off}` in editorial.yaml).
"""
