"""The CI workflow `editorial init --ci github` writes: `editorial check` on every pull request.

Written to pass zizmor's audits: actions pinned to full commit ids (with the release in a
comment), no token left in the checkout, no permission beyond reading the repository, and
no `${{ }}` expression inside a `run:` script.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from editorial import __version__
from editorial.core.files import ChangeSet
from editorial.errors import RefusedError, UsageError

GITHUB_WORKFLOW = Path(".github") / "workflows" / "editorial.yml"
CI_KINDS = ("github",)
# Release commits of the actions used, looked up on their repositories' release tags.
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
SETUP_PYTHON = "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0"
# Safe both inside YAML flow lists and unquoted in a shell command.
BRANCH_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


def default_requirement() -> str:
    return f"editorial=={__version__}"


def check_branch(branch: str) -> None:
    if not BRANCH_NAME.match(branch) or ".." in branch:
        raise UsageError(f"{branch!r} is not a branch name the workflow can use",
                         hint="pass --base-branch with letters, digits, '.', '_', '-', '/'")


def github_workflow(branch: str, requirement: str) -> str:
    check_branch(branch)
    return f"""\
# Runs `editorial check` on every pull request to {branch}: the pull request fails when it
# breaks an article's front matter, rewrites its history, records a step its author could
# not take, changes a handed-off translation or a published text without a correction.
# The pull request is judged by {branch}'s editorial.yaml and workflows, never its own; a
# change to them must come from a person editorial.yaml's `governance: {{config: [...]}}`
# names (by default the publishers).
#
# Who took each step is told, as editorial.yaml's `authorship` says, by
#   email   (the default) the commit's author and committer emails, which anyone can set:
#           this catches honest mistakes, not forgery;
#   signed  a signature by a key the person lists under `signing_keys` in editorial.yaml,
#           verified by git: this catches forgery. Sign with `git config gpg.format ssh`,
#           `git config user.signingKey ~/.ssh/KEY` and `git config commit.gpgSign true`.
# Protect this file with branch protection and code owners: a pull request runs its own
# copy of it.
# Written by `editorial init --ci github`; see the README of editorial.
name: editorial

on:
  pull_request:
    branches: [{branch}]

permissions: {{}}

# A new push to the pull request makes the previous run's verdict moot.
concurrency:
  group: editorial-${{{{ github.event.pull_request.number }}}}
  cancel-in-progress: true

jobs:
  check:
    name: editorial check
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - name: Check out the newsroom with its whole history
        uses: {CHECKOUT}
        with:
          # The check compares each article with its state where the pull request began,
          # so it needs the history, not a depth-1 copy.
          fetch-depth: 0
          persist-credentials: false
      - name: Set up Python
        uses: {SETUP_PYTHON}
        with:
          python-version: "3.12"
      - name: Install editorial
        env:
          # Where the desk installs editorial from: a release, or a git URL pinned to a commit.
          EDITORIAL_REQUIREMENT: {json.dumps(requirement)}
        run: python -m pip install "$EDITORIAL_REQUIREMENT"
      - name: editorial check
        run: editorial check --base origin/{branch} --format github
"""


def add_ci(changes: ChangeSet, root: Path, kind: str, branch: str, requirement: str) -> Path:
    """Queue the CI file; refuse to replace a different one. Returns its path."""
    if kind not in CI_KINDS:
        raise UsageError(f"unknown CI {kind!r}", hint="known: " + ", ".join(CI_KINDS))
    return _write_once(changes, root, GITHUB_WORKFLOW, github_workflow(branch, requirement))


def _write_once(changes: ChangeSet, root: Path, relative: Path, text: str) -> Path:
    """Queue a CI file; refuse to replace a different one. Returns its path."""
    path = root / relative
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() != data:
        raise RefusedError(f"{relative} already exists and differs from the one "
                           "editorial writes; nothing was changed",
                           hint="remove or rename it first to have it written again")
    changes.write(path, data)
    return path


# -- the dashboard on GitHub Pages (`init --ci github --dashboard`) ---------------------------

GITHUB_DASHBOARD_WORKFLOW = Path(".github") / "workflows" / "editorial-dashboard.yml"
UPLOAD_PAGES = "actions/upload-pages-artifact@7b1f4a764d45c48632c6b24a0339c27f5614fb0b # v4.0.0"
DEPLOY_PAGES = "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5"


def dashboard_workflow(branch: str, requirement: str) -> str:
    check_branch(branch)
    return f"""\
# Builds the desk's dashboard (`editorial report --html`) and publishes it with GitHub Pages:
# on every push to {branch}, and each morning, so that the time each article has spent in
# its stage stays true on a quiet day. Turn Pages on first: Settings > Pages > Source:
# GitHub Actions. The page shows titles, people and stages of articles in progress: if the
# repository is private, check who can see its Pages site before turning this on.
# Written by `editorial init --ci github --dashboard`; see the README of editorial.
name: editorial dashboard

on:
  push:
    branches: [{branch}]
  schedule:
    - cron: "17 5 * * *"
  workflow_dispatch:

permissions: {{}}

# One deployment at a time, and a newer one waits rather than cancelling one under way.
concurrency:
  group: editorial-dashboard
  cancel-in-progress: false

jobs:
  build:
    name: build the dashboard
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
    steps:
      - name: Check out the newsroom
        uses: {CHECKOUT}
        with:
          persist-credentials: false
      - name: Set up Python
        uses: {SETUP_PYTHON}
        with:
          python-version: "3.12"
      - name: Install editorial
        env:
          # Where the desk installs editorial from: a release, or a git URL pinned to a commit.
          EDITORIAL_REQUIREMENT: {json.dumps(requirement)}
        run: python -m pip install "$EDITORIAL_REQUIREMENT"
      - name: editorial report
        run: editorial report --html _site
      - name: Hand the page to Pages
        uses: {UPLOAD_PAGES}
        with:
          path: _site

  deploy:
    name: publish the dashboard
    needs: build
    runs-on: ubuntu-latest
    timeout-minutes: 10
    # Only what deploying to Pages needs.
    permissions:
      pages: write     # to replace the published site
      id-token: write  # to prove to Pages that this run of this repository deploys
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: {DEPLOY_PAGES}
"""


def add_dashboard(changes: ChangeSet, root: Path, branch: str, requirement: str) -> Path:
    """Queue the dashboard's Pages workflow; refuse to replace a different one."""
    return _write_once(changes, root, GITHUB_DASHBOARD_WORKFLOW,
                       dashboard_workflow(branch, requirement))
