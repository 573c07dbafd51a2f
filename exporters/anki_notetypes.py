"""The four Anki note types Factdeck writes, with every id pinned.

Anki recognises a note type by its id, and since 23.10 merges a changed note type field by field
and template by template using their ids. So the model id, each field id and each template id
here are fixed constants: never change one, only add new ones. Templates are the same for every
language; the few labels they show come from the stylesheet, chosen by the note's `lang`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import genanki


@dataclass(frozen=True)
class Field:
    name: str
    id: int


@dataclass(frozen=True)
class Template:
    name: str
    id: int
    front: str
    back: str


@dataclass(frozen=True)
class NoteType:
    key: str
    model_id: int
    name: str
    fields: tuple[Field, ...]
    templates: tuple[Template, ...]
    cloze: bool = False

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


CSS = """\
.card {
  --fd-fg: #1f2328;
  --fd-muted: #59636e;
  --fd-bg: #ffffff;
  --fd-panel: #f6f8fa;
  --fd-line: #d1d9e0;
  --fd-accent: #0969da;
  --fd-good: #1a7f37;
  --fd-good-bg: #dafbe1;
  --fd-warn: #7d4e00;
  --fd-warn-bg: #fff8c5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue",
    Arial, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  color: var(--fd-fg);
  background-color: var(--fd-bg);
  text-align: left;
}
.card.nightMode, .nightMode .card, .card.night_mode, .night_mode .card {
  --fd-fg: #e6edf3;
  --fd-muted: #9198a1;
  --fd-bg: #1f2023;
  --fd-panel: #2a2c31;
  --fd-line: #3d444d;
  --fd-accent: #4493f8;
  --fd-good: #3fb950;
  --fd-good-bg: #12361f;
  --fd-warn: #e3b341;
  --fd-warn-bg: #3a2e0a;
}
.fd { max-width: 38em; margin: 0 auto; padding: 0.5em 0.75em; overflow-wrap: anywhere; }
.fd-prompt { font-size: 1.15em; font-weight: 600; text-align: center; margin: 0.5em 0 0.75em; }
.fd hr#answer { border: 0; border-top: 1px solid var(--fd-line); margin: 0.75em 0; }
.fd-answer { font-size: 1.15em; font-weight: 600; text-align: center; }
.fd-cloze .fd-prompt { font-weight: 400; }
.fd .cloze { color: var(--fd-accent); font-weight: 700; }
.fd-options { margin: 0.5em auto; padding-left: 2.2em; }
.fd-options li { margin: 0.35em 0; padding: 0.2em 0.4em; border-radius: 6px; }
.fd-options .fd-correct { color: var(--fd-good); background: var(--fd-good-bg); }
.fd-options .fd-wrong { color: var(--fd-muted); }
.fd #typeans { width: 100%; box-sizing: border-box; font-size: 1em; padding: 0.3em 0.4em; }
.fd-accepted { color: var(--fd-muted); font-size: 0.85em; margin-top: 0.5em; }
.fd-accepted::before { content: "Also accepted: "; }
.fd-accepted:lang(ru)::before { content: "Также принимается: "; }
.fd-dispute {
  margin: 0.75em 0; padding: 0.5em 0.75em; border-left: 4px solid var(--fd-warn);
  background: var(--fd-warn-bg); font-size: 0.9em;
}
.fd-dispute::before { content: "Sources differ: "; font-weight: 700; color: var(--fd-warn); }
.fd-dispute:lang(ru)::before { content: "Источники расходятся: "; }
.fd-context { margin: 0.75em 0; font-size: 0.9em; }
.fd-sources { font-size: 0.8em; color: var(--fd-muted); }
.fd-source {
  margin: 0.5em 0; padding: 0.4em 0.75em; background: var(--fd-panel); border-radius: 6px;
}
.fd-source blockquote { margin: 0; font-style: italic; }
.fd-source cite { display: block; margin-top: 0.25em; font-style: normal; }
.fd-source cite::before { content: "— "; }
.fd-page::before { content: ", p. "; }
.fd-page:lang(ru)::before { content: ", с. "; }
.fd-items {
  display: inline-block; margin: 0.5em 0.75em; padding-left: 1.8em;
  text-align: left; font-size: 0.87em; font-weight: 400;
}
.fd-items li { margin: 0.2em 0; }
.fd-match { display: flex; flex-wrap: wrap; justify-content: center; }
.fd-pairs { border-collapse: collapse; margin: 0.5em auto; text-align: left; }
.fd-pairs td { border-top: 1px solid var(--fd-line); padding: 0.25em 0.5em; vertical-align: top; }
"""


def _card(kind: str, body: str) -> str:
    # tex2jax_ignore / mathjax_ignore: deck text such as "\(" must never be typeset as maths.
    return (
        f'<div class="fd fd-{kind} tex2jax_ignore mathjax_ignore" lang="{{{{Lang}}}}">{body}</div>'
    )


_DISPUTE = '{{#Dispute}}<div class="fd-dispute">{{Dispute}}</div>{{/Dispute}}'
_CONTEXT = '{{#Context}}<div class="fd-context">{{Context}}</div>{{/Context}}'
_SOURCES = '{{#Sources}}<div class="fd-sources">{{Sources}}</div>{{/Sources}}'
_TAIL = _DISPUTE + _CONTEXT + _SOURCES
_ANSWER_RULE = '<hr id="answer">'


def _prompt(field: str) -> str:
    return f'<div class="fd-prompt">{{{{{field}}}}}</div>'


BASIC = NoteType(
    key="basic",
    model_id=1319134423,
    name="Factdeck Basic (optional reverse)",
    fields=(
        Field("Front", 3264224795770578894),
        Field("Back", 1119290164119254951),
        Field("Reverse Front", 385803948194596010),
        Field("Reverse Back", 1391619995972931846),
        Field("Context", 551182583388358639),
        Field("Sources", 3149940324137074854),
        Field("Dispute", 2393467148233507966),
        Field("Lang", 3285975874730388157),
    ),
    templates=(
        Template(
            "Card 1",
            3435105291941568080,
            front=_card("basic", _prompt("Front")),
            back=_card(
                "basic",
                _prompt("Front") + _ANSWER_RULE + '<div class="fd-answer">{{Back}}</div>' + _TAIL,
            ),
        ),
        Template(
            "Reverse",
            2310525185991017707,
            # The whole front sits inside the section, so an empty Reverse Front makes no card.
            front="{{#Reverse Front}}"
            + _card("basic", _prompt("Reverse Front"))
            + "{{/Reverse Front}}",
            back=_card(
                "basic",
                _prompt("Reverse Front")
                + _ANSWER_RULE
                + '<div class="fd-answer">{{Reverse Back}}</div>'
                # The reverse asks for the rest of the fact, so its back already is the context.
                + _DISPUTE
                + _SOURCES,
            ),
        ),
    ),
)

CLOZE = NoteType(
    key="cloze",
    model_id=1882941765,
    name="Factdeck Cloze",
    fields=(
        Field("Text", 1693684956178743733),
        Field("Context", 3785054044817489955),
        Field("Sources", 3918191945013523123),
        Field("Dispute", 4427626211514560065),
        Field("Lang", 884739571898933474),
    ),
    templates=(
        Template(
            "Cloze",
            430728786135116117,
            front=_card("cloze", _prompt("cloze:Text")),
            back=_card("cloze", _prompt("cloze:Text") + _ANSWER_RULE + _TAIL),
        ),
    ),
    cloze=True,
)

MULTIPLE_CHOICE = NoteType(
    key="multiple_choice",
    model_id=2097293810,
    name="Factdeck Multiple Choice",
    fields=(
        Field("Question", 3332922644177945505),
        Field("Options", 679694383076282158),
        Field("Answer", 4449449728090910354),
        Field("Answer Key", 1844839698950214411),
        Field("Context", 3692094082129116687),
        Field("Sources", 3026051128775649740),
        Field("Dispute", 2042975792475422711),
        Field("Lang", 2602163838972239533),
    ),
    templates=(
        Template(
            "Choice",
            2547466679436651591,
            front=_card("choice", _prompt("Question") + "{{Options}}"),
            back=_card("choice", _prompt("Question") + _ANSWER_RULE + "{{Answer Key}}" + _TAIL),
        ),
    ),
)

TYPED = NoteType(
    key="typed",
    model_id=1321791282,
    name="Factdeck Typed Answer",
    fields=(
        Field("Question", 2021525889627466654),
        Field("Answer", 4507554367966175568),
        Field("Accepted", 2686958057855299351),
        Field("Context", 1576635097421966405),
        Field("Sources", 2723341625387646993),
        Field("Dispute", 3891177930721151381),
        Field("Lang", 3154200863617580216),
    ),
    templates=(
        Template(
            "Typed",
            3582853733896269067,
            front=_card("typed", _prompt("Question") + "{{type:Answer}}"),
            back=_card(
                "typed",
                _prompt("Question")
                + _ANSWER_RULE
                + "{{type:Answer}}"
                + '{{#Accepted}}<div class="fd-accepted">{{Accepted}}</div>{{/Accepted}}'
                + _TAIL,
            ),
        ),
    ),
)

NOTE_TYPES: tuple[NoteType, ...] = (BASIC, CLOZE, MULTIPLE_CHOICE, TYPED)


@cache
def genanki_model(note_type: NoteType) -> genanki.Model:
    """The genanki model for a note type, with the pinned field and template ids in its JSON."""
    return genanki.Model(
        model_id=note_type.model_id,
        name=note_type.name,
        fields=[{"name": f.name, "id": f.id} for f in note_type.fields],
        templates=[
            {"name": t.name, "id": t.id, "qfmt": t.front, "afmt": t.back}
            for t in note_type.templates
        ],
        css=CSS,
        model_type=genanki.Model.CLOZE if note_type.cloze else genanki.Model.FRONT_BACK,
    )
