"""What reaches a terminal: article text and file names are hostile input, so every printed character that could
drive the terminal (escape sequences that set the window title or clear the screen, other C0 and C1 controls,
bidirectional overrides that reorder what is shown) is dropped before Rich adds its own styling."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embedding/override/isolate marks
_UNSAFE = {c: None for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0),
                             *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def safe(text: str) -> str:
    """`text` without the characters that could drive a terminal."""
    return text.translate(_UNSAFE)


class SafeConsole(Console):
    """A Rich console that prints only safe text: segment text is cleaned, Rich's own control segments and the
    styles it renders are kept.  (Rich strips a few controls itself, but not ESC.)"""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(seg if seg.control else Segment(safe(seg.text), seg.style, seg.control)
                                      for seg in buffer)
