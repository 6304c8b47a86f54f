"""What an editor shows on hover, as Markdown: a quote in its passage, with the citation; an id's definition.

Text from documents and catalogs is data: every Markdown character in it is escaped, so a
document's `*` or `[` shows as itself and nothing in a source can format (or link) the hover.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .completions import FILE_MODELS, FileKind, choices, field_at
from .id_refs import Definition, citation_facts, schema_path
from .positions import offset_line_col
from .quote_at import QuoteAt, where_found
from .quotes import Ambiguous, Found, NotFound, passage_bounds, spans
from .root_causes import root_for
from .toml_cursor import KeyPath

if TYPE_CHECKING:
    from .load import Context, SourceDoc

# What formats, links or embeds HTML anywhere in a line (CommonMark lets a backslash escape any of it);
# `(` only matters after `]`, `#`, `-`, `+` and `1.` only at a line's start (handled there).
_ACTIVE = frozenset("\\`*_[]<>|~&!#")
_LIST_START = re.compile(r"([-+=]|\d+[.)])(?=\s|$)")
_NOUNS = {"actor": "actor", "option": "option", "source": "source", "series": "series"}


def escape(text: str) -> str:
    """`text` shown literally in Markdown, on one line (a document's line breaks are its layout, not ours)."""
    flat = " ".join(text.split())
    out = "".join("\\" + c if c in _ACTIVE else c for c in flat)
    start = _LIST_START.match(out)
    return out[: start.end() - 1] + "\\" + out[start.end() - 1 :] if start else out


def _marked(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """The passage [lo, hi) with the quoted words [start, end) in bold."""
    before, quoted, after = text[lo:start], text[start:end], text[end:hi]
    # Keep the spaces outside the ** markers: "** word**" is not bold in CommonMark.
    lead = " " if before[-1:].isspace() else ""
    trail = " " if after[:1].isspace() else ""
    return f"{escape(before)}{lead}**{escape(quoted)}**{trail}{escape(after)}".strip()


def citation(doc: SourceDoc) -> str:
    meta = doc.meta
    lines = [f"*{escape(meta.title)}*"]
    for what, value in citation_facts(meta):
        shown = f"<{value}>" if what == "url" and ">" not in value else escape(value)
        lines.append(f"{what}: {shown}")
    return "  \n".join(lines)


def quote_hover(quote: QuoteAt, context: Context | None) -> str | None:
    """The quote's passage with the quoted words in bold, and where it is from; None when it names no source."""
    if context is None or quote.source is None:
        return None
    doc = context.sources.get(quote.source)
    if doc is None:
        broken = root_for(context.roots, "source", quote.source)
        if broken is not None:
            return f"Source '{escape(quote.source)}' is not known: {escape(broken.why)}, so the quote is not checked"
        return f"Unknown source '{escape(quote.source)}': sources are defined in seeds/sources.toml"
    if doc.text is None:
        return f"The document of '{escape(quote.source)}' cannot be read ({escape(doc.problem or 'see seeds/sources.toml')}): the quote is not checked\n\n{citation(doc)}"
    found = where_found(quote, context)
    if found is None:
        return citation(doc)
    _, result = found
    text = doc.text
    if isinstance(result, Found):
        start, end = result.start, result.end
        head = f"Quoted from seeds/{escape(doc.meta.file)}, line {offset_line_col(text, start)[0]}"
    elif isinstance(result, Ambiguous):
        start, end = spans(doc.normalised, quote.text or "")[0]
        lines = ", ".join(str(offset_line_col(text, s)[0]) for s in result.starts[:6])
        head = f"Found {result.count} times (lines {lines}): add a prefix or suffix; the first is shown"
    elif isinstance(result, NotFound) and result.closest:
        start, end = result.closest_start, result.closest_start + len(result.closest)
        head = f"Not found in seeds/{escape(doc.meta.file)}; the closest passage, line {offset_line_col(text, start)[0]}, is shown"
    else:
        return f"Not found in seeds/{escape(doc.meta.file)}, and no passage comes close\n\n{citation(doc)}"
    lo, hi = passage_bounds(text, start, end)
    return f"{head}\n\n> {_marked(text, start, end, lo, hi)}\n\n{citation(doc)}"


def definition_hover(definition: Definition) -> str:
    where = "this file" if definition.local else {"actor": "scenarios/actors.toml", "series": "scenarios/series.toml", "source": "seeds/sources.toml"}.get(definition.kind, "this file")
    lines = [f"**{escape(definition.title)}**" if definition.title else f"**{escape(definition.id)}**", f"{_NOUNS[definition.kind]} `{definition.id}`, defined in {where}"]
    lines += [f"{what}: {escape(value)}" for what, value in definition.facts if what != "file" or definition.kind == "source"]
    return "  \n".join(lines)


def key_hover(kind: FileKind, path: KeyPath) -> str | None:
    """What a key holds, from the model's own description (docs/format.md says the same)."""
    keys = schema_path(path)
    info = field_at(FILE_MODELS[kind], keys) if keys else None
    if info is None:
        return None
    required = "required" if info.is_required() else "optional"
    allowed = choices(info)
    lines = [f"**{keys[-1]}** ({required})", info.description or ""]
    if allowed:
        lines.append("one of: " + ", ".join(f"`{value}`" for value in allowed))
    return "  \n".join(line for line in lines if line)
