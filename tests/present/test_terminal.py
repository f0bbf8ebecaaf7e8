"""Nothing printed to a terminal can drive it: escape sequences in article text or file names are dropped."""

from rich.text import Text

from wiretrace.present.terminal import SafeConsole, safe


def test_safe_drops_escapes_controls_and_bidi_overrides():
    hostile = "title\x1b]0;PWNED\x07 and \x1b[2J clear\u202e reversed\x9b31m"
    cleaned = safe(hostile)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\u202e" not in cleaned and "\x9b" not in cleaned
    assert "PWNED" in cleaned and "clear" in cleaned  # the words stay, only the controls go
    assert safe("line one\n\tline two") == "line one\n\tline two"


def test_console_prints_hostile_text_without_its_escapes_but_keeps_its_own_styles(tmp_path):
    path = tmp_path / "out.txt"
    with path.open("w") as fh:
        console = SafeConsole(file=fh, force_terminal=True, color_system="standard", width=200)
        console.print(Text("\x1b]0;PWNED\x07Peskov said", style="bold"), "\x1b[2J", markup=False)
    out = path.read_text()
    assert "\x1b]0;" not in out and "\x1b[2J" not in out
    assert "\x1b[1m" in out  # Rich's own bold is still rendered
    assert "Peskov said" in out
