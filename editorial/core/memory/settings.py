"""The desk's translation memory settings: the `memory:` section of editorial.yaml.

```yaml
memory:
  include: [published, approved]   # which articles the memory learns from (default: published)
  threshold: 75                    # the lowest fuzzy score shown and filled in, in percent
  engine: argos-translate --from ar --to en   # a machine-translation command for `draft`
  timeout: 60                      # seconds the engine may take on one paragraph
```
"""

from __future__ import annotations

from dataclasses import dataclass

from editorial.core.config import Config

SECTION = "memory"
# What `include` may name: published articles, and those an editor approved that are not
# published yet (or any more).
INCLUDABLE = ("published", "approved")
DEFAULT_THRESHOLD = 75
DEFAULT_TIMEOUT = 60
_KEYS = ("include", "threshold", "engine", "timeout")


@dataclass(frozen=True)
class MemorySettings:
    include: tuple[str, ...] = ("published",)
    threshold: int = DEFAULT_THRESHOLD
    engine: str | None = None
    timeout: int = DEFAULT_TIMEOUT


def memory_settings(config: Config) -> MemorySettings:
    """The settings, each wrong one refused with its line in editorial.yaml."""
    section = config.section(SECTION)
    unknown = sorted(str(key) for key in section if key not in _KEYS)
    if unknown:
        raise config.error(f"memory: unknown key {unknown[0]!r}; known: {', '.join(_KEYS)}",
                           (SECTION, unknown[0]))
    include = section.get("include", ["published"])
    if isinstance(include, str):
        include = [include]
    if (not isinstance(include, list) or not include
            or not all(item in INCLUDABLE for item in include)):
        raise config.error(f"memory.include must list some of {', '.join(INCLUDABLE)}",
                           (SECTION, "include"))
    threshold = section.get("threshold", DEFAULT_THRESHOLD)
    # bool is an int to Python, not to a person writing `threshold: yes`.
    if isinstance(threshold, bool) or not isinstance(threshold, int) \
            or not 1 <= threshold <= 100:
        raise config.error("memory.threshold must be a whole percentage from 1 to 100",
                           (SECTION, "threshold"))
    engine = section.get("engine")
    if engine is not None and (not isinstance(engine, str) or not engine.strip()):
        raise config.error("memory.engine must be a command, e.g. engine: argos-translate "
                           "--from ar --to en", (SECTION, "engine"))
    timeout = section.get("timeout", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:
        raise config.error("memory.timeout must be a number of seconds", (SECTION, "timeout"))
    return MemorySettings(tuple(dict.fromkeys(include)), threshold,
                          engine.strip() if engine else None, timeout)
