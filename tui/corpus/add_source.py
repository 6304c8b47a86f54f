"""`drawdown add-source`: bring a document into a corpus without touching anything already there.

The document is copied byte for byte, and its entry appended as text to seeds/sources.toml:
nothing is rewritten, nothing is overwritten. Everything is checked before the first write,
so a refusal leaves the corpus as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli
from pydantic import ValidationError

from .layout import SOURCES_FILE
from .load import CATALOG_LIMIT, SOURCE_TEXT_LIMIT, load_context
from .model import Source
from .reading import FileReport, decode
from .regular_file import ReadRefused, read_regular
from .toml_text import value

# The order of the keys in the entry, as the bundled catalog writes them.
ORDER = ("id", "file", "sha256", "title", "title_basis", "outlet", "author", "published", "published_basis", "kind", "url", "note")


class AddSourceError(Exception):
    """Why nothing was written."""


@dataclass(frozen=True, slots=True)
class Added:
    document: Path  # the copy in seeds/
    catalog: Path  # seeds/sources.toml
    entry: str  # the text appended to it


def add_source(corpus: Path, document: Path, fields: dict[str, Any], *, file_name: str | None = None) -> Added:
    """Copy `document` into `corpus`/seeds/ and append its [[sources]] entry; AddSourceError and no write if anything is off.

    `fields` holds the entry's keys (id, title, kind, ...) but not `file` and `sha256`, which come from the document.
    """
    raw = _read_document(document)
    name = file_name or document.name
    seeds = corpus / "seeds"
    target = seeds / name
    if Path(name).name != name or name in ("", ".", ".."):
        raise AddSourceError(f"'{name}' is not a plain file name; the document goes straight into seeds/")
    if name == SOURCES_FILE.name:
        raise AddSourceError(f"'{name}' is the catalog's own name; give the document another with --file-name")
    if target.exists():
        raise AddSourceError(f"seeds/{name} already exists; not overwriting it (give another name with --file-name)")
    entry_fields = {key: item for key, item in {**fields, "file": name, "sha256": hashlib.sha256(raw).hexdigest()}.items() if item is not None}
    _check_entry(entry_fields)
    catalog = corpus / SOURCES_FILE
    existing = _read_catalog(catalog) if catalog.exists() else b""
    known = load_context(corpus).sources if catalog.exists() else {}
    if entry_fields["id"] in known or entry_fields["id"] in _ids_in(existing):
        raise AddSourceError(f"a source with id '{entry_fields['id']}' is already in seeds/sources.toml; not adding another")
    entry = _render(entry_fields)
    separator = "" if not existing or existing.endswith(b"\n\n") else "\n" if existing.endswith(b"\n") else "\n\n"
    appended = separator + entry
    _check_catalog(existing, appended, entry_fields["id"])

    seeds.mkdir(parents=True, exist_ok=True)
    # Exclusive creation: a file that appears between the check and the write is not overwritten.
    with target.open("xb") as out:
        out.write(raw)
    try:
        with catalog.open("ab") as out:
            out.write(appended.encode("utf-8"))
    except OSError:
        target.unlink()  # the copy this call made: without its entry it is only clutter
        raise
    return Added(target, catalog, entry)


def _read_catalog(catalog: Path) -> bytes:
    try:
        return read_regular(catalog, CATALOG_LIMIT, "seeds/sources.toml")  # a pipe there would block for ever
    except ReadRefused as refused:
        raise AddSourceError(refused.message) from None


def _read_document(document: Path) -> bytes:
    try:
        size = document.stat().st_size
        if not document.is_file():
            raise AddSourceError(f"{document}: not a file")
        if size > SOURCE_TEXT_LIMIT:
            raise AddSourceError(f"{document} is {size:,} bytes; a document may have at most {SOURCE_TEXT_LIMIT:,}")
        raw = document.read_bytes()
    except OSError as exc:
        raise AddSourceError(f"{document}: {exc.strerror or exc}") from None
    probe = FileReport(document)
    decode(raw, probe)
    problems = [d for d in probe.diagnostics if d.is_error]
    if problems:
        first = problems[0]
        raise AddSourceError(f"{document}:{first.line}:{first.col}: {first.message}; save the document as UTF-8 text first")
    return raw


def _check_entry(fields: dict[str, Any]) -> None:
    try:
        Source.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"]) or "entry"
        raise AddSourceError(f"{key}: {error['msg']}") from None
    if "published" in fields and "published_basis" not in fields:
        raise AddSourceError("--published needs --published-basis: 'stated' if the document prints the date, else 'inferred'")
    if "published_basis" in fields and "published" not in fields:
        raise AddSourceError("--published-basis goes with --published")


def _ids_in(existing: bytes) -> set[str]:
    # The loader skips broken entries; an id there is still taken.
    try:
        data = tomli.loads(existing.decode("utf-8"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError):
        return set()
    items = data.get("sources", [])
    return {item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)} if isinstance(items, list) else set()


def _check_catalog(existing: bytes, appended: str, source_id: str) -> None:
    """The catalog with the entry appended must parse, and hold the entry as written."""
    try:
        text = existing.decode("utf-8")
    except UnicodeDecodeError:
        raise AddSourceError("seeds/sources.toml is not valid UTF-8; fix it first (drawdown validate)") from None
    try:
        data = tomli.loads(text + appended)
    except tomli.TOMLDecodeError as exc:
        raise AddSourceError(f"seeds/sources.toml would not parse with the entry appended ({exc}); fix it first (drawdown validate)") from None
    items = data.get("sources")
    if not isinstance(items, list) or not items or not isinstance(items[-1], dict) or items[-1].get("id") != source_id:
        raise AddSourceError("seeds/sources.toml does not end in a place where a [[sources]] entry can be appended; fix it first")


def _render(fields: dict[str, Any]) -> str:
    lines = ["[[sources]]"] + [f"{key} = {value(fields[key])}" for key in ORDER if key in fields]
    return "\n".join(lines) + "\n"


def parse_date(text: str) -> dt.date:
    """A YYYY-MM-DD date, as TOML writes one."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AddSourceError(f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2025-03-03") from None
