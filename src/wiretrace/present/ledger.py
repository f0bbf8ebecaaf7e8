"""The per-article ledger in the terminal: who said what, on which side, relayed by whom."""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Article

_SIDE_STYLE = {"russia": "red", "ukraine": "blue", "other": "green", "unknown": "dim"}


def ledger_table(art: Article, *, max_claim: int = 220, include_unattributed: bool = True) -> Table:
    """A Rich table of the article's claims.  Article text is untrusted: it is never parsed as markup."""
    table = Table(show_lines=False, expand=True, pad_edge=False, box=None, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("speaker · side · relay", overflow="fold", ratio=2, min_width=18)
    table.add_column("kind", no_wrap=True)
    table.add_column("claim", overflow="fold", ratio=5, min_width=24)
    for i, c in enumerate(art.claims, 1):
        if c.kind == "unattributed" and not include_unattributed:
            continue
        sp = c.speaker
        if sp:
            who = Text(sp.name or sp.text, style="bold")
            if not sp.kb_id:
                who.append("?", style="yellow")
            if sp.descriptor:
                who.append(f" ({sp.descriptor})", style="dim")
            who.append(f" · {sp.side}", style=_SIDE_STYLE.get(sp.side, ""))
        else:
            who = Text("(article's own voice)", style="dim italic")
        if c.relays:
            who.append(" · via " + ", ".join(r.name for r in c.relays), style="magenta")
        claim = c.text if len(c.text) <= max_claim else c.text[: max_claim - 1] + "…"
        body = Text(claim)
        if c.segments:
            body.append(" … " + " … ".join(s.text for s in c.segments))
        if c.hedged:
            body.append("  [hedged: " + ", ".join(c.hedges) + "]", style="yellow")
        table.add_row(str(i), who, Text(c.kind), body)
    return table


def article_panel(art: Article, *, include_unattributed: bool = True) -> Panel:
    kinds = Counter(c.kind for c in art.claims)
    attributed = sum(v for k, v in kinds.items() if k != "unattributed")
    places = Counter((p.canonical, p.variant) for p in art.places)
    head = Text()
    head.append(art.title or "(untitled)", style="bold")
    head.append(f"\n{art.id}  {art.site or '-'}  {art.published or 'no date'}  lang={art.lang}")
    if art.url:
        head.append(f"\n{art.url}", style="dim")
    head.append(f"\n{attributed} attributed claims, {kinds.get('unattributed', 0)} unattributed assertions")
    if places:
        head.append("\nplaces: " + ", ".join(f"{n} [{v}]×{k}" if k > 1 else f"{n} [{v}]" for (n, v), k in places.most_common(8)))
    return Panel(Group(head, ledger_table(art, include_unattributed=include_unattributed)),
                 title=escape(art.source_path or art.id), title_align="left")


def print_article(console: Console, art: Article, *, include_unattributed: bool = True) -> None:
    console.print(article_panel(art, include_unattributed=include_unattributed))
