"""The CI files `editorial init --ci github|gitlab` writes: `editorial check` on every pull
(merge) request.

The GitHub workflow is written to pass zizmor's audits: actions pinned to full commit ids
(with the release in a comment), no token left in the checkout, no permission beyond
reading the repository (the code scanning job alone may write security events), and no
`${{ }}` expression inside a `run:` script.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from editorial import PROJECT_URL, __version__
from editorial.core.files import ChangeSet
from editorial.errors import RefusedError, UsageError

GITHUB_WORKFLOW = Path(".github") / "workflows" / "editorial.yml"
GITLAB_CI = Path(".gitlab-ci.yml")
DEPENDABOT = Path(".github") / "dependabot.yml"
CI_KINDS = ("github", "gitlab")
# Where the GitLab job writes the Code Quality report the merge request shows.
GITLAB_REPORT = "gl-code-quality-report.json"
# Release commits of the actions used, looked up on their repositories' release tags.
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
SETUP_PYTHON = "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0"
UPLOAD_SARIF = ("github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e"
                " # v4.36.2")
# Safe both inside YAML flow lists and unquoted in a shell command.
BRANCH_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


# How a job is stopped when git or pip hangs, long before the host's own limit (six hours
# on GitHub): a check of a large newsroom takes a minute or two.
JOB_TIMEOUT_MINUTES = 15
# Keeps the pinned actions current: Dependabot proposes each new release as a pull
# request, after a week's wait in case a release is pulled or compromised.
DEPENDABOT_CONFIG = """\
# Written by `editorial init --ci github`: pull requests that move the actions the
# editorial workflow pins to their new releases.
version: 2
updates:
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: weekly
    cooldown:
      default-days: 7
"""


def default_requirement(url: str = PROJECT_URL) -> str:
    """editorial's repository at `url`, at the release tag of the version running: editorial
    is not published on PyPI, and a tag names one source that every runner resolves alike."""
    return f"editorial @ git+{url}@v{__version__}"


def _check_branch(branch: str) -> None:
    if not BRANCH_NAME.match(branch) or ".." in branch:
        raise UsageError(f"{branch!r} is not a branch name the workflow can use",
                         hint="pass --base-branch with letters, digits, '.', '_', '-', '/'")


def github_workflow(branch: str, requirement: str, sarif: bool = False) -> str:
    """The check on every pull request; with `sarif`, also a job uploading its problems to
    code scanning."""
    _check_branch(branch)
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
    timeout-minutes: {JOB_TIMEOUT_MINUTES}
    permissions:
      contents: read
{_github_setup_steps(requirement)}\
      - name: editorial check
        run: editorial check --base origin/{branch} --format github
""" + (_code_scanning_job(branch, requirement) if sarif else "")


def _github_setup_steps(requirement: str) -> str:
    """A job's steps up to the check: the newsroom with its history, Python, editorial."""
    return f"""\
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
"""


def _code_scanning_job(branch: str, requirement: str) -> str:
    """A second job that shows the problems in the repository's code scanning alerts and
    on the pull request's diff. It alone may write security events; the verdict stays the
    check job's. GitHub gives a pull request from a fork no such permission, so there the
    upload fails and the check job still decides."""
    return f"""\

  code-scanning:
    name: editorial check (code scanning)
    runs-on: ubuntu-latest
    timeout-minutes: {JOB_TIMEOUT_MINUTES}
    permissions:
      contents: read
      security-events: write
{_github_setup_steps(requirement)}\
      - name: editorial check as SARIF
        # Exit 1 means problems were found: they are the report. Exit 2 (a broken
        # configuration) fails the job.
        run: |
          status=0
          editorial check --base origin/{branch} --format sarif > editorial.sarif || status=$?
          test "$status" -le 1
      - name: Upload to code scanning
        uses: {UPLOAD_SARIF}
        with:
          sarif_file: editorial.sarif
          category: editorial
"""


def gitlab_ci(branch: str, requirement: str) -> str:
    """A merge request pipeline job that runs the check against the merge request's base
    and gives GitLab the Code Quality report it shows on the merge request."""
    _check_branch(branch)
    return f"""\
# Runs `editorial check` on every merge request to {branch}: the pipeline fails when the
# merge request breaks an article's front matter, rewrites its history, records a step its
# author could not take, changes a handed-off translation or a published text without a
# correction. The problems are shown on the merge request as a Code Quality report.
# The merge request is judged by {branch}'s editorial.yaml and workflows, never its own
# (see the README of editorial). Protect this file: a merge request runs its own copy.
# Written by `editorial init --ci gitlab`.
editorial-check:
  image: python:3.12
  timeout: {JOB_TIMEOUT_MINUTES} minutes
  rules:
    - if: $CI_PIPELINE_SOURCE != "merge_request_event"
      when: never
    - if: $CI_MERGE_REQUEST_TARGET_BRANCH_NAME == "{branch}"
  variables:
    # The check compares each article with its state where the merge request began, so it
    # needs the history, not a shallow clone.
    GIT_DEPTH: "0"
    # Where the desk installs editorial from: a release, or a git URL pinned to a commit.
    EDITORIAL_REQUIREMENT: {json.dumps(requirement)}
  script:
    - python -m pip install "$EDITORIAL_REQUIREMENT"
    # The merge base of the merge request and {branch}, as --base origin/{branch} finds it.
    - editorial check --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format gitlab > {GITLAB_REPORT}
  artifacts:
    # The report of a failed check is the one worth reading.
    when: always
    expire_in: 30 days
    reports:
      codequality: {GITLAB_REPORT}
"""


def add_ci(changes: ChangeSet, root: Path, kind: str, branch: str, requirement: str,
           sarif: bool = False) -> list[Path]:
    """Queue the CI files; refuse to replace a different one. Returns their paths."""
    if kind not in CI_KINDS:
        raise UsageError(f"unknown CI {kind!r}", hint="known: " + ", ".join(CI_KINDS))
    files = ({GITHUB_WORKFLOW: github_workflow(branch, requirement, sarif)} if kind == "github"
             else {GITLAB_CI: gitlab_ci(branch, requirement)})
    if kind == "github" and not (root / DEPENDABOT).exists():
        # A desk's own Dependabot configuration is kept: the README says to add the
        # github-actions ecosystem to it.
        files[DEPENDABOT] = DEPENDABOT_CONFIG
    return [_write_once(changes, root, relative, text) for relative, text in files.items()]


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
    _check_branch(branch)
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
    timeout-minutes: {JOB_TIMEOUT_MINUTES}
    permissions:
      contents: read
{_github_setup_steps(requirement)}\
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
    timeout-minutes: {JOB_TIMEOUT_MINUTES}
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
