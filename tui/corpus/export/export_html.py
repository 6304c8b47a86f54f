"""The HTML export: one self-contained page, readable on a phone, safe whatever the files hold.

No scripts, no external assets, no web fonts: the page is inline CSS and text. Every
text from a file goes through `escape` (html.escape with quote=True): the page is
built with `element`, which escapes every plain string it is given, so only the
page's own markup is ever `Markup`.
"""

from __future__ import annotations

import html

from .. import control_chars
from ..crossref import date_text
from ..model import Actor, Figure, Option, Quote, Source, Step, troops_text
from ..paragraphs import paragraphs
from .resolve import Resolved


class Markup(str):
    """HTML that is already safe: the page's own tags around escaped text."""


def escape(text: str) -> Markup:
    # Control characters become visible pictures: they are not text a reader can see.
    return Markup(html.escape(control_chars.visible(text), quote=True))


Child = str | Markup | None


def element(tag: str, *children: Child, cls: str | None = None, **attrs: str) -> Markup:
    attributes = {"class": cls, **attrs}
    opening = "".join(f' {name}="{escape(value)}"' for name, value in attributes.items() if value is not None)
    return Markup(f"<{tag}{opening}>{join(*children)}</{tag}>")


def join(*children: Child) -> Markup:
    return Markup("".join(child if isinstance(child, Markup) else escape(child) for child in children if child))


def prose(text: str | None, cls: str | None = None) -> Markup | None:
    """A text from a file as one <p> per paragraph (a blank line starts one), or nothing when blank."""
    return join(*(element("p", paragraph, cls=cls) for paragraph in paragraphs(text or ""))) or None


def render(resolved: Resolved) -> str:
    scenario = resolved.scenario
    meta = scenario.scenario
    body = join(
        element(
            "header",
            element("p", "Drawdown scenario · ", _date(meta.date.isoformat(), meta.date_basis), cls="eyebrow"),
            element("h1", meta.title),
            element("p", element("span", "The question", cls="label"), meta.question, cls="question"),
        ),
        prose(meta.summary, cls="summary"),
        element("p", "Tags: " + ", ".join(meta.tags), cls="tags") if meta.tags else None,
        _section("Options", element("ul", *(_option(o, resolved) for o in scenario.options), cls="cards")) if scenario.options else None,
        _section("Steps", element("ol", *(_step(n, s, resolved) for n, s in enumerate(scenario.steps, 1)), cls="steps")) if scenario.steps else None,
        _section("Cited figures", element("ul", *(_figure(f, resolved) for f in scenario.figures), cls="cards")) if scenario.figures else None,
        _section("Actors", element("dl", *(_actor(a) for a in resolved.actors), cls="actors")) if resolved.actors else None,
        _section("Sources", element("ol", *(_source(doc.meta) for doc in resolved.sources), cls="sources")),
        element("footer", f"Exported by Drawdown from scenario {meta.id}. Each quote is shown in its passage of the document; the highlighted words are the document's own."),
    )
    head = join(
        Markup('<meta charset="utf-8">'),
        Markup('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        Markup('<meta name="color-scheme" content="light dark">'),
        element("title", meta.title),
        element("style", Markup(STYLE)),
    )
    return f'<!doctype html>\n<html lang="en">\n<head>{head}</head>\n<body><main>{body}</main></body>\n</html>\n'


def _section(title: str, content: Markup) -> Markup:
    return element("section", element("h2", title), content)


def _date(iso: str, basis: str | None) -> Markup:
    return join(element("time", iso, datetime=iso), element("span", f" (date {basis})", cls="basis") if basis else None)


def _option(option: Option, resolved: Resolved) -> Markup:
    return element(
        "li",
        element("p", element("strong", option.label), " ", _troops(option), cls="card-head"),
        prose(option.summary),
        _quotes(option.quotes, resolved),
        cls="card",
    )


def _troops(option: Option) -> Markup:
    if option.troops is None:
        return element("span", "no troop figure", cls="troops none")
    return element("span", f"{troops_text(option.troops)} troops", cls="troops")


def _step(number: int, step: Step, resolved: Resolved) -> Markup:
    badge = None
    if step.stance:
        badge = element("span", step.stance.upper(), cls=f"badge stance-{step.stance}")
    elif step.status:
        badge = element("span", step.status.upper(), cls="badge status")
    actor = resolved.actor(step.actor)
    lines: list[Child] = [
        element("p", element("span", str(number), cls="number"), element("span", step.kind, cls="kind"), badge, cls="step-head"),
    ]
    if actor is not None:
        lines.append(element("p", element("strong", actor.name), element("span", f" {actor.side}", cls="side"), cls="actor"))
    for verb, option_id in (("toward", step.toward), ("enacts", step.enacts)):
        option = resolved.option(option_id)
        if option is not None:
            lines.append(element("p", f"{verb} ", element("strong", option.label), " ", _troops(option), cls="option-line"))
    if step.date is not None:
        lines.append(element("p", _date(step.date.isoformat(), step.date_basis), cls="when"))
    lines.append(prose(step.summary, cls="step-summary"))
    lines.append(_quotes(step.quotes, resolved))
    return element("li", *lines, cls=f"step kind-{step.kind}", id=f"step-{number}")


def _figure(figure: Figure, resolved: Resolved) -> Markup:
    series = resolved.series(figure.series)
    as_of = _date(figure.as_of.isoformat(), figure.as_of_basis) if figure.as_of else Markup("the scenario's date")
    return element(
        "li",
        element("p", element("strong", troops_text(figure.value)), " ", figure.label, cls="card-head"),
        element("p", "Series: ", series.label if series else figure.series, " · as of ", as_of, cls="meta"),
        _quotes([figure.quote], resolved),
        cls="card",
    )


def _actor(actor: Actor) -> Markup:
    return join(
        element("dt", element("strong", actor.name), element("span", f" {actor.kind} · {actor.side}", cls="side")),
        element("dd", prose(actor.description)),
    )


def _source(meta: Source) -> Markup:
    return element(
        "li",
        _citation(meta),
        prose(meta.note, cls="note"),
        # A link to the document on the web; the page still fetches nothing by itself.
        element("p", f"File seeds/{meta.file}", " · " if meta.url else None, _link(meta.url), cls="meta"),
    )


def _link(url: str | None) -> Markup | None:
    # The model admits only http(s) addresses, so no `javascript:` link can reach the page.
    return element("a", url, href=url, rel="noopener noreferrer") if url else None


def _quotes(quotes: list[Quote], resolved: Resolved) -> Markup | None:
    if not quotes:
        return None
    return join(*(_quote(quote, resolved) for quote in quotes))


def _quote(quote: Quote, resolved: Resolved) -> Markup:
    pinned = resolved.anchor(quote)
    begin, finish = pinned.passage
    text = pinned.text
    passage = element("p", text[begin : pinned.start], element("mark", pinned.exact), text[pinned.end : finish].rstrip())
    return element("figure", element("blockquote", passage), element("figcaption", "— ", _citation(pinned.doc.meta)), cls="quote")


def _citation(meta: Source) -> Markup:
    title = f"“{meta.title}”" + (" (descriptive title)" if meta.title_basis == "inferred" else "")
    return element(
        "cite",
        element("span", "OPINION", cls="badge opinion") if meta.kind == "opinion" else None,
        element("span", meta.outlet, cls="outlet") if meta.outlet else element("span", "no outlet named", cls="no-outlet"),
        f", {meta.author}" if meta.author else None,
        f", {title}, ",
        element("span", date_text(meta.published, meta.published_basis), cls="basis" if meta.published_basis == "inferred" else None),
    )


STYLE = """
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--card:#f6f8fa;--line:#d1d9e0;
--mark:#fff0a0;--public:#1a7f37;--private:#8250df;--reported:#9a6700;--opinion:#cf222e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;
--line:#3d444d;--mark:#6b5500;--public:#238636;--private:#8957e5;--reported:#9e6a03;--opinion:#f85149}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);
font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1.25rem 1rem 3rem;overflow-wrap:anywhere}
h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 1rem}
h2{font-size:1.2rem;margin:2.2rem 0 .8rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
p{margin:.35rem 0}
.eyebrow,.tags,.meta,.when,.side,footer{color:var(--muted);font-size:.9rem}
.basis{font-style:italic}
.question{font-size:1.1rem;border-left:4px solid var(--line);padding:.2rem 0 .2rem .8rem}
.label{display:block;font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.cards,.steps,.sources{list-style:none;padding:0;margin:0}
.card,.step{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem .9rem;margin:0 0 .9rem}
.troops{white-space:nowrap;font-variant-numeric:tabular-nums}
.troops.none{color:var(--muted);font-size:.9rem}
.step-head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:.4rem}
.number{font-weight:700;font-variant-numeric:tabular-nums;min-width:1.6rem}
.kind{text-transform:capitalize;color:var(--muted)}
.badge{display:inline-block;font-size:.75rem;font-weight:700;letter-spacing:.05em;padding:.1rem .45rem;
border-radius:4px;border:1px solid currentColor;line-height:1.4}
.stance-public{background:var(--public);border-color:var(--public);color:#fff}
.stance-private{background:var(--private);border-color:var(--private);color:#fff}
.stance-reported{background:var(--reported);border-color:var(--reported);color:#fff}
.status{color:var(--muted)}
.opinion{color:var(--opinion);margin-right:.35rem}
.step-summary{margin:.5rem 0}
.quote{margin:.7rem 0 0;padding:0}
blockquote{margin:0;padding:.1rem 0 .1rem .8rem;border-left:3px solid var(--line);color:var(--muted)}
mark{background:var(--mark);color:var(--fg);padding:0 .1rem;border-radius:2px}
figcaption{font-size:.85rem;margin:.3rem 0 0 .8rem;color:var(--muted)}
cite{font-style:normal}
.outlet{font-weight:600;color:var(--fg)}
.no-outlet{font-style:italic}
.actors dt{margin-top:.7rem}
.actors dd{margin:.15rem 0 0}
.sources li{margin:0 0 1rem}
.note{font-size:.9rem}
footer{margin-top:2.5rem;border-top:1px solid var(--line);padding-top:.8rem}
"""
