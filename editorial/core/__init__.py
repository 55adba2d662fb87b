"""The newsroom's model and rules: articles, front matter, workflows, checks.

Nothing here imports click, rich or GitPython; the version-control operations the desk needs
are described by `editorial.core.ports.VersionControl` and provided by `editorial.vcs`.
"""
