# Arabic and Persian digits are the point of this module.
# ruff: noqa: RUF002

"""Eastern Arabic (٠-٩) and Persian (۰-۹) digits written as Western ones.

Its own module, without the number analysis: the source fingerprint, which `status` works
out for every handed-off article, needs only this.
"""

from __future__ import annotations

import re

_DIGITS = str.maketrans({
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
})
# Runs of the characters above. str.translate looks every character of non-ASCII text up in
# the table, several times slower on an Arabic article than finding these runs.
_NON_ASCII_NUMERALS = re.compile("[" + "".join(map(chr, _DIGITS)) + "]+")


def western(text: str) -> str:
    """The text with Eastern Arabic and Persian digits and separators written as Western
    ones, "١٥١٦" as "1516"; the rest as it is."""
    return _NON_ASCII_NUMERALS.sub(lambda run: run.group().translate(_DIGITS), text)
