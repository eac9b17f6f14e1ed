"""Stance classification: relevance, countries and each country's stance, with evidence.

Pure: text in, records out. Build a `Classifier` once (it holds the gazetteer) and call
`classify(text, title=...)`; `classify` without a classifier uses the shipped gazetteer.

How a stance is found (one module per step):
  text        fold diacritics and quotes (offsets kept), split sentences, tokenize
  mentions    gazetteer names, demonyms, capitals, metonyms, officials, groups; demonym +
              title becomes a state body ("Polish Defense Minister ...")
  sentence    clauses (contrast, concession, ";", ", and" + new subject), indirect
              questions and requests, relative clauses, speakers of speech verbs
  cues        stance cues by linguistic category (lexicon.Cue): readiness, intention,
              commitment, future and possibility modals, consideration, openness,
              exclusion, undecided, refusal, contrast ("but not with troops"), opposition
  verdict     per cue (reading, verdict_final): negation scope, the verb it governs (must
              send forces), the troop NP it is about (not Ukraine's, not helped or
              trained, not sent elsewhere), hedges, role limits, anaphora ("such a
              move", "do so") -> a stance or nothing
  attribution who holds it (holder): clause subject (with coordination), passive agents
              ("denied by A, B and C"), pronoun -> reporting clause subject / speaker /
              earlier sentences, contrast clause -> subject before, troop owner;
              non-state speakers and generic subjects block
  stance      the clause loop; rejecting foreign troops is opposed, one's own declined;
              Ukraine (the host) gets none; "respectively" pairs subjects with cues
  ellipsis    clauses that reuse the predicate before them ("but Germany is not",
              "and so is France", "but Prague might")
  answers     a direct question answered by the next sentence ("Would Ireland ...? No.")
  classifier  per-sentence findings, conditions, one stance per country per article,
              relevance from stance and deployment-frame sentences
  candidates  (window, country) pairs: a sentence with the one before as context
  model       the fine-tuned MiniLM encoder (ONNX int8) + linear head, onnxruntime
  hybrid      the model classifier: rules for structure, the model decides each pair;
              a cheap relevance gate before any model work
  build       build_classifier(mode="model" | "rules")

`classify()` and `default_classifier()` are the rule engine alone (stance-rules-*);
the product builds its classifier with `build_classifier(mode=...)`.
"""

from monitor.classify.build import TextClassifier, build_classifier
from monitor.classify.classifier import (
    CLASSIFIER_VERSION,
    Classifier,
    classify,
    classify_sentences,
    default_classifier,
    resolve_article,
)
from monitor.classify.gazetteer import Gazetteer, load_gazetteer
from monitor.classify.records import Classification, Stance, StanceFinding

__all__ = [
    "CLASSIFIER_VERSION",
    "Classification",
    "Classifier",
    "Gazetteer",
    "Stance",
    "StanceFinding",
    "TextClassifier",
    "build_classifier",
    "classify",
    "classify_sentences",
    "default_classifier",
    "load_gazetteer",
    "resolve_article",
]
