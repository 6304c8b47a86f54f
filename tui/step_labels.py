"""How steps are named on screen: kind marks, stance words, side colours, actor names.

Shared by the step list, the step view, the source reader and the command palette so
a pressure looks the same wherever it appears. Only plain strings and colours here;
each widget decides the styling (from app.tcss) of the pieces.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import TYPE_CHECKING

from textual.color import Color

from .corpus.control_chars import visible

if TYPE_CHECKING:  # the home screen's first frame uses these labels before pydantic is imported
    from .corpus.model import Actor, Option, Step

KIND_MARK = {"event": "●", "pressure": "▶", "outcome": "■"}
KIND_LEGEND = "● event ▶ pressure ■ outcome"
STANCE_WORD = {"public": "PUBLIC", "private": "PRIVATE", "reported": "REPORTED"}
STANCE_MEANING = {
    "public": "said or done openly, on the record",
    "private": "said behind closed doors; known through advisers, a cable or a leak",
    "reported": "attributed by a third party or anonymous sources, or the writer's own reading",
}
STATUS_WORD = {"reported": "REPORTED", "confirmed": "CONFIRMED", "denied": "DENIED", "unresolved": "UNRESOLVED"}
BADGE_WIDTH = max(len(word) for word in STANCE_WORD.values())


@lru_cache(maxsize=512)
def side_colour(side: str, dark: bool = True) -> Color:
    """A colour for a side slug that never changes between runs or corpora.

    The hue comes from a checksum of the slug, so a side keeps its colour when other
    sides are added. Only the lightness follows the theme, to stay readable on it.
    """
    hue = (zlib.crc32(side.encode("utf-8")) % 360) / 360
    return Color.from_hsl(hue, 0.65, 0.62 if dark else 0.34)


def actor_name(actors: dict[str, Actor], actor_id: str | None) -> str:
    if actor_id is None:
        return "No actor given"
    actor = actors.get(actor_id)
    return one_line(actor.name if actor else actor_id)


def step_title(step: Step, actors: dict[str, Actor]) -> str:
    """A short plain name for a step in lists: its actor, or for an actorless step its summary."""
    if step.actor:
        return actor_name(actors, step.actor)
    return visible(step.summary)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# A title, a name or a label is one line of a list: past this many characters it is cut with "…"
# (a pane still wraps what is left, so a narrow one shows two or three lines of it, never a screenful).
ONE_LINE_LIMIT = 120
# A question or a summary shown inside a card of a list, not in a pane of its own.
CARD_TEXT_LIMIT = 400


def one_line(text: str, limit: int = ONE_LINE_LIMIT) -> str:
    """A one-line field from a file, literal, as lists show it: at most `limit` characters."""
    return shorten(visible(text), limit)


# Where a stance word must fit a table cell (the pressure matrix); the full word everywhere else.
STANCE_SHORT = {"public": "PUB", "private": "PRIV", "reported": "REP"}


def option_name(options: dict[str, Option], option_id: str | None) -> str:
    """An option as a list names it: its label, or what a pressure without `toward` means."""
    if option_id is None:
        return "no option named"
    option = options.get(option_id)
    return one_line(option.label if option else option_id)
