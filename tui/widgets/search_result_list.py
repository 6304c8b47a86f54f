"""The search screen's results: a header per scenario, then each hit with what and where it matched.

One option per hit, two lines (three for a match through another spelling of a name):
what matched and where, then the surrounding text on one line with every match marked.
Scenario headers are disabled options, so the cursor skips them.

Every line is cut to the list's width, so a hit's height is known without drawing it, and
its text is put together only when it scrolls into view: a keystroke that finds 200 hits
builds the dozen on screen. A resize rebuilds the list at the new width.
"""

from __future__ import annotations

from typing import Callable, ClassVar, NamedTuple

from textual import events
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..corpus.control_chars import visible
from ..corpus.load import Corpus
from ..corpus.model import ScenarioFile
from ..corpus.search import Hit, HitGroup, SearchResults
from ..step_labels import KIND_MARK, STANCE_WORD, shorten, step_title
from .theme_follower import FollowsTheme

_GROUP = ".search-result-list--group"
_COUNT = ".search-result-list--count"
_WHAT = ".search-result-list--what"
_WHERE = ".search-result-list--where"
_KIND = ".search-result-list--kind"
_VIA = ".search-result-list--via"
_UNCHECKED = ".search-result-list--unchecked"
_MATCH = "search-result-list--match"
_BADGES = ("search-result-list--public", "search-result-list--private", "search-result-list--reported")
_INDENT = 3  # the excerpt and the "via" line sit under the label, a little in
WHAT = {"summary": "Summary", "quote": "Quote", "source": "Document"}


class HitKey(NamedTuple):
    """What a hit is, whatever the query: keeps the reader's place when the corpus reloads."""

    kind: str
    scenario_id: str | None
    holder: str | None
    index: int | None
    quote_index: int | None
    source_id: str | None
    start: int


def hit_key(hit: Hit) -> HitKey:
    return HitKey(hit.kind, hit.scenario_id, hit.holder, hit.index, hit.quote_index, hit.source_id, hit.snippet_start)


class _LazyPrompt(Visual):
    """A prompt of a known height, put together the first time it is drawn."""

    def __init__(self, build: Callable[[], Content], height: int) -> None:
        self._build = build
        self._height = height
        self._content: Content | None = None

    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = self._build()
        return self._content

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._height


class SearchResultList(OptionList, FollowsTheme, can_focus=False):
    """The hits of one search. The query's input keeps the focus; the screen moves the cursor here."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(name[1:] for name in (_GROUP, _COUNT, _WHAT, _WHERE, _KIND, _VIA, _UNCHECKED)),
        _MATCH,
        *_BADGES,
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: SearchResults | None = None
        self._corpus: Corpus | None = None
        self._scenarios: dict[str, ScenarioFile] = {}
        self._hits: list[Hit | None] = []  # one per option; None for a scenario header
        self._styles: dict[str, Style] = {}
        self._built_width = 0

    # -- what the screen uses ------------------------------------------------------

    def show_results(self, results: SearchResults, corpus: Corpus, keep: HitKey | None = None) -> None:
        """List the hits, the cursor on the first; or, given `keep`, on that hit if it is still found, else at the same place."""
        if corpus is not self._corpus:
            self._corpus = corpus
            self._scenarios = {e.scenario.scenario.id: e.scenario for e in corpus.scenarios if e.scenario is not None}
        self.results = results
        self._build(keep)

    def clear(self) -> None:
        self.results = None
        self._hits = []
        self.clear_options()

    @property
    def current(self) -> Hit | None:
        if self.highlighted is None or self.highlighted >= len(self._hits):
            return None
        return self._hits[self.highlighted]

    @property
    def hits(self) -> list[Hit]:
        return [hit for hit in self._hits if hit is not None]

    def prompt(self, index: int) -> Content:
        """The text of one option as drawn (a header or a hit)."""
        prompt = self.get_option_at_index(index).prompt
        return prompt.content if isinstance(prompt, _LazyPrompt) else prompt  # type: ignore[return-value]

    def move(self, delta: int) -> None:
        if delta > 0:
            self.action_cursor_down()
        else:
            self.action_cursor_up()

    # -- drawing -------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self._width() != self._built_width and self.results is not None:
            self._build(self._current_key())

    def restyle(self) -> None:
        # Highlights and badges carry a background, which a ".component" span cannot: they are
        # resolved in full, so a theme change rebuilds the prompts with the new colours.
        if self.is_mounted and self.results is not None and self._resolve_styles() != self._styles:
            self._build(self._current_key())

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        # Textual 8.2.8 draws an option through Visual.to_strips, which also looks for links in every
        # segment's meta (each has some: its offset), about 1 ms an option and most of a key's frame.
        # The prompts are Content made from plain text and class names, so they hold no link, and an
        # OptionList allows no text selection: drawn straight from render_strips, as to_strips would
        # draw them without that pass, in a third of the time.
        padding = self.get_component_styles("option-list--option").padding
        cache_key = (option, style, padding)
        if (strips := self._option_render_cache.get(cache_key)) is None:
            width = self.scrollable_content_region.width - self._get_left_gutter_width()
            visual = self._get_visual(option)
            if padding:
                visual = Padding(visual, padding)
            options = RenderOptions(self._get_style, self.styles, None, None)
            meta = {"option": self._option_to_index[option]}
            strips = [strip.extend_cell_length(width, style.rich_style).apply_meta(meta) for strip in visual.render_strips(width, None, style, options)]
            self._option_render_cache[cache_key] = strips
        return strips

    def _current_key(self) -> HitKey | None:
        hit = self.current
        return hit_key(hit) if hit is not None else None

    def _width(self) -> int:
        return self.scrollable_content_region.width - self.get_component_styles("option-list--option").padding.width

    def _resolve_styles(self) -> dict[str, Style]:
        return {name: self.get_visual_style(name) for name in (_MATCH, *_BADGES)}

    def _build(self, keep: HitKey | None) -> None:
        results = self.results
        if results is None:
            return
        previous = self.highlighted
        self._styles = self._resolve_styles()
        width = self._built_width = self._width()
        options: list[Option] = []
        hits: list[Hit | None] = []
        chosen: int | None = None
        for number, group in enumerate(results.groups):
            options.append(Option(self._header(group, width, first=number == 0), disabled=True))
            hits.append(None)
            for hit in group.hits:
                if chosen is None and keep is not None and hit_key(hit) == keep:
                    chosen = len(options)
                prompt = _LazyPrompt(lambda hit=hit: self._prompt(hit, width), 2 + (hit.via is not None))  # type: ignore[misc]
                options.append(Option(prompt))
                hits.append(hit)
        self._hits = hits
        self.set_options(options)
        if chosen is None and keep is not None and previous is not None and hits:
            chosen = min(previous, len(hits) - 1)
            if hits[chosen] is None:  # a header: the hit under it
                chosen += 1
        if chosen is None and len(hits) > 1:
            chosen = 1  # the first hit, under the first header
        self.highlighted = chosen
        if chosen is not None:
            self.scroll_to_highlight()

    def _header(self, group: HitGroup, width: int, *, first: bool) -> Content:
        year = f"{group.year} · " if group.year is not None else ""
        title = group.title if group.scenario_id is not None else f"{group.title} (a document no scenario lists)"
        count = Content.styled(f"  {len(group.hits)} result{'s' * (len(group.hits) != 1)}", _COUNT)
        # A long title gives way to the count, which is cut only on a terminal too narrow for both.
        heading = Content.styled(f"{year}{visible(title)}", _GROUP).truncate(max(width - count.cell_length, 12), ellipsis=True)
        heading = (heading + count).truncate(width, ellipsis=True)
        return heading if first else Content("\n") + heading  # a blank line before every group but the first

    def _prompt(self, hit: Hit, width: int) -> Content:
        # A quote its document could not be checked against says so before where it is, so a cut line keeps it.
        unchecked = ("✖ not checked · ", _UNCHECKED) if hit.quote is not None and hit.quote.span is None else ""
        label = Content.assemble((f"{WHAT[hit.kind]:<9}", _WHAT), unchecked, *self._where(hit)).truncate(width, ellipsis=True)
        line, marks = hit.excerpt(max(width - _INDENT, 10))
        excerpt = Content(" " * _INDENT + line, [Span(a + _INDENT, b + _INDENT, self._styles[_MATCH]) for a, b in marks])
        excerpt = excerpt.truncate(width, ellipsis=True)  # wide characters: the excerpt counts characters, not cells
        lines = [label, excerpt]
        if hit.via is not None:
            lines.append(Content.styled(f"{' ' * _INDENT}matched via {visible(hit.via)}", _VIA).truncate(width, ellipsis=True))
        return Content("\n").join(lines)

    def _where(self, hit: Hit) -> list[str | tuple[str, str | Style]]:
        """Where the hit is: its step (kind, stance, actor), option or figure; or its document and how far in."""
        corpus = self._corpus
        assert corpus is not None
        if hit.kind == "source":
            doc = corpus.sources.get(hit.source_id or "")
            if doc is None:
                return [(hit.source_id or "", _WHERE)]
            name = visible(doc.meta.outlet) if doc.meta.outlet else shorten(visible(doc.meta.title), 40)
            through = round(100 * (hit.offset or 0) / max(len(doc.text or ""), 1))
            return [(name, _WHERE), f" · {through}% into the document"]
        scenario = self._scenarios.get(hit.scenario_id or "")
        if scenario is None or hit.index is None:
            return []
        count = ""
        if hit.holder == "step":
            step = scenario.steps[hit.index]
            if hit.kind == "quote" and len(step.quotes) > 1 and hit.quote_index is not None:
                count = f" · quote {hit.quote_index + 1} of {len(step.quotes)}"
            if step.kind == "pressure" and step.stance:
                badge: tuple[str, str | Style] = (f" {STANCE_WORD[step.stance]} ", self._styles[f"search-result-list--{step.stance}"])
            else:
                badge = (step.kind.upper(), _KIND)
            return [
                f"Step {hit.index + 1} ",
                (f"{KIND_MARK[step.kind]} ", _KIND),
                badge,
                " ",
                (step_title(step, corpus.actors), _WHERE),
                count,
            ]
        if hit.holder == "option":
            option = scenario.options[hit.index]
            if hit.quote_index is not None and len(option.quotes) > 1:
                count = f" · quote {hit.quote_index + 1} of {len(option.quotes)}"
            return ["Option ", (f"“{visible(option.label)}”", _WHERE), count]
        figure = scenario.figures[hit.index]
        return ["Figure ", (f"“{visible(figure.label)}”", _WHERE)]
