"""editorial: a translation desk's workflow kept as front matter in a git repository."""

__version__ = "0.1.0"
# Where editorial is developed: the reports and the CI files it writes point here, and CI
# installs editorial from it by default. pyproject.toml's [project.urls] says the same.
PROJECT_URL = "https://github.com/editorial-desk/editorial"
