"""The Markdown export: a briefing that reads well rendered on a code host (GitHub-flavoured Markdown).

Text from files is escaped so it renders as typed: a title such as `*x* [y](javascript:z)`
stays text, never emphasis or a link. Each quote becomes a numbered footnote citing
its document.
"""

from __future__ import annotations

import re

from ..control_chars import visible
from ..crossref import citation_words, date_text
from ..model import Option, Quote, Source, Step, troops_text
from ..paragraphs import paragraphs
from .resolve import Resolved

# Characters that start emphasis, links, code, HTML, entities, tables, strikethrough or math anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$])")
# At the start of a line: headings, list items, setext underlines, ordered lists ("2011. ").
_LINE_START = re.compile(r"^(?:([#+=-])|(\d+)([.)]))")


def escape(text: str) -> str:
    """File text as one line of Markdown that renders literally."""
    flat = " ".join(visible(text).split())
    flat = _INLINE.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", flat)


def escape_block(text: str, indent: str = "") -> str:
    """File text as Markdown paragraphs that render literally; `indent` keeps them inside a list item."""
    return f"\n\n{indent}".join(escape(paragraph) for paragraph in paragraphs(text))


def escape_cell(text: str) -> str:
    """File text in a table cell, which holds no paragraphs: a blank line becomes two line breaks."""
    return "<br><br>".join(escape(paragraph) for paragraph in paragraphs(text))


# Inside an autolink a backslash is a literal character, so an address is never backslash-escaped:
# it is percent-encoded where an autolink cannot hold the character (the model already refuses
# spaces). An `&` that would read as an entity (`&amp;`) is percent-encoded too: cmark-gfm decodes
# it and pandoc's gfm reader does not, so only `%26` reaches both as typed.
_NOT_IN_AUTOLINK = re.compile(r"[<>\x00-\x20\x7f]|&(?=#?[0-9A-Za-z]+;)")


def link(url: str) -> str:
    """A web address as a GFM autolink: `_` and `&` stay as typed, where escaping would break them."""
    return "<" + _NOT_IN_AUTOLINK.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), url) + ">"


def citation(source: Source) -> str:
    """A citation in Markdown: the words escaped, the address a link."""
    text = escape(citation_words(source))
    return f"{text}. {link(source.url)}" if source.url else text


class _Footnotes:
    """Quotes in order of first mention, each a footnote with a unique number."""

    def __init__(self, resolved: Resolved) -> None:
        self.resolved = resolved
        self.lines: list[str] = []

    def refs(self, quotes: list[Quote]) -> str:
        # Adjacent references `[^13][^14]` render as one number, "1314": a comma keeps them apart.
        return ",".join(self._add(quote) for quote in quotes)

    def _add(self, quote: Quote) -> str:
        number = len(self.lines) + 1
        pinned = self.resolved.anchor(quote)
        self.lines.append(f"[^{number}]: “{escape(pinned.exact)}” — {citation(pinned.doc.meta)}")
        return f"[^{number}]"


def render(resolved: Resolved) -> str:
    scenario = resolved.scenario
    meta = scenario.scenario
    notes = _Footnotes(resolved)
    out = [f"# {escape(meta.title)}", ""]
    facts = [f"Drawdown scenario `{meta.id}`", f"**As of** {date_text(meta.date, meta.date_basis)}"]
    if meta.tags:
        facts.append("tags: " + ", ".join(escape(tag) for tag in meta.tags))
    out += [" · ".join(facts), "", f"> **The question:** {escape(meta.question)}", "", escape_block(meta.summary), ""]

    if scenario.options:
        out += ["## Options", "", "| Option | Troops | What it means |", "| --- | ---: | --- |"]
        for option in scenario.options:
            troops = troops_text(option.troops) if option.troops is not None else "—"
            out.append(f"| {escape(option.label)}{notes.refs(option.quotes)} | {troops} | {escape_cell(option.summary or '')} |")
        out.append("")

    if scenario.steps:
        out += ["## Steps", ""]
        for number, step in enumerate(scenario.steps, 1):
            marker = f"{number}. "
            out += [marker + _step_heading(step, resolved), ""]
            indent = " " * len(marker)
            out += [indent + escape_block(step.summary, indent) + notes.refs(step.quotes), ""]

    if scenario.figures:
        out += ["## Cited figures", "", "| What is counted | Value | As of | Series |", "| --- | ---: | --- | --- |"]
        for figure in scenario.figures:
            series = resolved.series(figure.series)
            as_of = date_text(figure.as_of, figure.as_of_basis) if figure.as_of else "the scenario's date"
            out.append(
                f"| {escape(figure.label)}{notes.refs([figure.quote])} | {troops_text(figure.value)} | {as_of} "
                f"| {escape(series.label if series else figure.series)} |"
            )
        out.append("")

    if resolved.actors:
        out += ["## Actors", ""]
        for actor in resolved.actors:
            out.append(f"- **{escape(actor.name)}** ({actor.kind}, {escape(actor.side)}): {escape_block(actor.description, '  ')}")
        out.append("")

    out += ["## Sources", ""]
    for doc in resolved.sources:
        line = f"- {citation(doc.meta)}"
        if doc.meta.note:
            line += f"  \n  {escape_block(doc.meta.note, '  ')}"
        out.append(line)
    out.append("")

    if notes.lines:
        out += notes.lines + [""]
    return "\n".join(out)


def _step_heading(step: Step, resolved: Resolved) -> str:
    parts = [step.kind.capitalize()]
    badge = step.stance or step.status
    if badge:
        parts.append(f"`{badge.upper()}`")
    actor = resolved.actor(step.actor)
    if actor is not None:
        parts.append(f"**{escape(actor.name)}**")
    for verb, option_id in (("toward", step.toward), ("enacts", step.enacts)):
        option = resolved.option(option_id)
        if option is not None:
            parts.append(f"{verb} {_option_name(option)}")
    if step.date is not None:
        parts.append(date_text(step.date, step.date_basis))
    return " · ".join(parts)


def _option_name(option: Option) -> str:
    troops = f" ({troops_text(option.troops)} troops)" if option.troops is not None else ""
    return f"*{escape(option.label)}*{troops}"
