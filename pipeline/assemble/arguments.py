"""An incident's arguments: everything its sentences say, gathered once, with its type and roles decided."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span

from models.taxonomy import event_family

from ..casualties.links import CasualtyLink
from .event_type import STATE_KINDS, arrest_of_operation, operation_or_arrest, refine_type
from .participants import participants
from .roles import roles
from .segmentation import PERIOD_KINDS, Incident, is_topic
from .targets import event_targets
from .types import ActorRole, ModalityChoice
from .view import DocView
from .weapons import used_weapons


@dataclass(frozen=True)
class IncidentArguments:
    type: str
    trigger: Span
    """The evidence of the act: the first mention of its kind in the story's lead."""
    triggers: tuple[Span, ...]
    sentences: tuple[int, ...]
    modality: ModalityChoice
    links: tuple[CasualtyLink, ...]
    places: tuple[Span, ...]
    dates: tuple[Span, ...]
    roles: tuple[ActorRole, ...]
    weapons: tuple[Span, ...]
    implied_weapons: tuple[str, ...]
    """Weapon kinds the triggers imply ("suicide bomber": a suicide vest)."""
    targets: tuple[Span, ...]
    part: int = 0
    """0, or which of several incidents one sentence tells ("attacks in Bannu and Lakki Marwat")."""


def sketch(view: DocView, incident: Incident, skip_links: set[int]) -> IncidentArguments:
    """Everything the incident's sentences say but its actors' roles (what deciding a merge needs)."""
    rules = view.rules.triggers
    sentences = sorted(set(incident.sentences))
    triggers = [t for t in incident.triggers if t.kb_id_ in rules] or incident.triggers
    ranked = sorted((t for t in triggers if t.kb_id_ in rules), key=lambda t: -rules[t.kb_id_].priority)
    # The highest-priority trigger names the type ("bomb blast" over "attack").
    event_type = rules[ranked[0].kb_id_].type.value if ranked else "other"
    main = _evidence_trigger(view, ranked[0] if ranked else triggers[0], triggers)
    spans = [view.sentences[s] for s in sentences]
    links = [link for s in spans for link in s.links if link.id not in skip_links]
    if event_type == "other" and any(link.outcome == "kidnapped" for s in spans for link in s.links):
        event_type = "kidnapping"
    if event_type in {"protest", "riot"}:
        # "a protest against the killing of a shopkeeper": the death protested is not the protest's toll.
        links = [link for link in links if not is_topic(view, view.doc[link.cue[0] : link.cue[1]])]
    weapons = used_weapons(view, (w for s in spans for w in s.weapons))
    implied = sorted({k for k in (rules[t.kb_id_].weapon for t in triggers if t.kb_id_ in rules) if k})
    event_type = refine_type(view, event_type, {w.label_ for w in weapons} | set(implied), triggers, links)
    event_type = arrest_of_operation(event_type, links)
    dates = [d for s in spans for d in s.dates if not view.names_period(d) or d.label_ not in PERIOD_KINDS]
    return IncidentArguments(
        type=event_type, trigger=main, triggers=tuple(triggers), sentences=tuple(sentences),
        modality=incident.modality, links=tuple(links), places=tuple(p for s in spans for p in s.places),
        dates=tuple(dates), roles=(), weapons=tuple(weapons), implied_weapons=tuple(implied),
        targets=tuple(t for s in spans for t in s.targets))


def with_roles(view: DocView, event: IncidentArguments) -> IncidentArguments:
    """The incident with its actors' roles, and the type they make of it (a security operation, an arrest)."""
    cues = [view.doc[link.cue[0] : link.cue[1]] for link in event.links]
    actors = [a for s in event.sentences for a in view.sentences[s].actors]
    found = roles(view, actors, [*event.triggers, *cues])
    event_type = operation_or_arrest(view, event.type, list(event.triggers), list(event.links), found)
    if event_type in {"protest", "riot", "arrest"}:
        # Police and troops at a protest or a riot answer it, and make the arrests ("dispersed the crowd
        # and arrested twelve"): the protesters, the rioters and the arresting forces are the actors.
        state = {"protest": "responder", "riot": "responder", "arrest": "perpetrator"}[event_type]
        found = [replace(r, role=state) if r.role in {"perpetrator", "responder"} and r.span.label_ in STATE_KINDS
                 else r for r in found]
    if event_type in {"protest", "riot"} and not any(r.role == "perpetrator" for r in found):
        found = [*found, *participants(view, event.triggers, event_type)]
    return replace(event, type=event_type, roles=tuple(found),
                   targets=event_targets(event.targets, [*event.triggers, *cues],
                                         [*actors, *(view.doc[link.phrase[0] : link.phrase[1]] for link in event.links)],
                                         event.weapons))


def _evidence_trigger(view: DocView, main: Span, triggers: list[Span]) -> Span:
    """The evidence of the act: the first mention of its kind in the story's lead, not a later restatement."""
    rules = view.rules.triggers
    if main.kb_id_ not in rules:
        return main
    family = event_family(rules[main.kb_id_].type)
    lead = sorted((t for t in triggers if t.kb_id_ in rules and event_family(rules[t.kb_id_].type) == family
                   and not rules[t.kb_id_].anaphoric_only), key=lambda t: (view.in_headline(t), t.start))
    if lead and (lead[0].start < main.start or view.in_headline(main)):
        return lead[0]
    return main
