"""The stance model's files, its candidates and its training data generator."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from monitor.classify import build_classifier, load_gazetteer
from monitor.classify.candidates import analysed, row_window, windows
from monitor.classify.model import (
    FILES,
    LABELS,
    MODEL_DIR,
    ModelFileError,
    read_manifest,
    sha256_of,
)

ROOT = Path(__file__).resolve().parents[2]


def _model_dir(tmp_path: Path) -> Path:
    for name in FILES:
        (tmp_path / name).write_bytes(f"contents of {name}".encode())
    manifest = {
        "version": "stance-model-test",
        "labels": list(LABELS),
        "sha256": {name: sha256_of(tmp_path / name) for name in FILES},
        "seed": 1,
        "data_digest": "x",
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return tmp_path


def test_manifest_that_matches_its_files_is_read(tmp_path: Path) -> None:
    manifest = read_manifest(_model_dir(tmp_path))
    assert manifest.version == "stance-model-test"
    assert manifest.labels == LABELS


def test_altered_weights_are_a_clear_error_naming_the_file(tmp_path: Path) -> None:
    directory = _model_dir(tmp_path)
    (directory / "model.onnx").write_bytes(b"something else")
    with pytest.raises(ModelFileError, match=r"model\.onnx does not match the sha256"):
        read_manifest(directory)


def test_missing_file_and_other_labels_are_errors(tmp_path: Path) -> None:
    directory = _model_dir(tmp_path)
    (directory / "head.npz").unlink()
    with pytest.raises(ModelFileError, match=r"head\.npz is missing"):
        read_manifest(directory)
    directory = _model_dir(tmp_path)
    raw = json.loads((directory / "manifest.json").read_text("utf-8"))
    raw["labels"] = ["none", "yes", "no"]
    (directory / "manifest.json").write_text(json.dumps(raw), "utf-8")
    with pytest.raises(ModelFileError, match="labels"):
        read_manifest(directory)


def test_model_mode_with_a_broken_model_dir_fails_at_build(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match=r"manifest\.json is missing"):
        build_classifier(mode="model", model_dir=tmp_path)
    with pytest.raises(ValueError, match="classifier mode"):
        build_classifier(mode="neural")


def test_windows_mark_every_country_with_spans_in_the_window() -> None:
    text = (
        "Polish Prime Minister Anna Novak met allies on Monday. "
        "She said her country would not send troops to Ukraine. "
        "Ukraine thanked Germany, France and the Baltic states."
    )
    gazetteer = load_gazetteer()
    found = windows(text, analysed(text, gazetteer))
    by_sentence = {w.sentence: w for w in found}
    second = by_sentence[1]
    assert [t.actor for t in second.targets] == ["PL"]  # from the context sentence
    assert "PL" not in second.own
    third = by_sentence[2]
    actors = [t.actor for t in third.targets]
    assert "UA" not in actors  # the host is never a target
    assert {"DE", "FR", "EE", "LV", "LT"} <= set(actors)
    for w in found:
        assert text[w.start : w.end] == w.text
        for t in w.targets:
            for a, b in t.spans:
                assert w.text[a:b].strip() and text[w.start + a : w.start + b] == w.text[a:b]


def test_row_window_covers_the_whole_row() -> None:
    text = "Canada will deploy a brigade to Latvia. Japan ruled out sending troops."
    w = row_window(text, load_gazetteer())
    assert w is not None and w.text == text
    assert {t.actor for t in w.targets} == {"CA", "LV", "JP"}
    assert row_window("No country here.", load_gazetteer()) is None


def test_generator_is_deterministic_and_its_gold_countries_are_found() -> None:
    sys.path.insert(0, str(ROOT / "model"))
    try:
        from generate import digest, generate
    finally:
        sys.path.remove(str(ROOT / "model"))
    rows = generate(7, 300)
    assert digest(rows) == digest(generate(7, 300))
    assert digest(rows) != digest(generate(8, 300))
    gazetteer = load_gazetteer()
    gold = found = 0
    stances: set[str] = set()
    for row in rows:
        w = row_window(str(row["text"]), gazetteer)
        targets = {t.actor for t in w.targets} if w else set()
        for label in row["labels"]:  # type: ignore[attr-defined]
            gold += 1
            found += label["actor"] in targets
            stances.add(label["stance"])
    assert stances == set(LABELS) - {"none"}
    assert found / gold > 0.95


def test_a_long_window_is_cropped_around_its_countries_mentions() -> None:
    from monitor.classify.model import StanceModel

    text = (
        "After a long night of talks in the capital with ministers, diplomats, generals and "
        "advisers from many countries about the war, the ceasefire, the sanctions and the aid, "
        "Norway said it could deploy a mine-clearing unit to Ukraine once a peace deal is "
        "finalised, and Denmark agreed."
    )
    (w,) = [w for w in windows(text, analysed(text, load_gazetteer())) if w.targets]
    model = StanceModel(crop=16)
    ((ids, positions),) = model._inputs([w])
    ((full_ids, full_positions),) = StanceModel(crop=0)._inputs([w])
    assert len(full_ids) > 18 and len(ids) == 18  # [CLS] + 16 + [SEP]
    assert ids[0] == full_ids[0] and ids[-1] == full_ids[-1]
    by_actor = dict(zip([t.actor for t in w.targets], positions, strict=True))
    full = dict(zip([t.actor for t in w.targets], full_positions, strict=True))
    assert StanceModel().crop == read_manifest(MODEL_DIR).crop  # as the shipped model was measured
    # Norway's mention tokens are the same tokens after the cut
    assert by_actor["NO"] and [ids[k] for k in by_actor["NO"]] == [full_ids[k] for k in full["NO"]]


def test_the_encoder_reads_no_country_the_rules_judged_elsewhere_in_the_article() -> None:
    from monitor.classify.hybrid import ModelClassifier
    from monitor.classify.records import StanceFinding

    shipped = build_classifier(mode="model")
    assert isinstance(shipped, ModelClassifier)
    text = (
        "Finland is ready to send soldiers to Ukraine after a ceasefire, its president said. "
        "Talks with Sweden and Finland on a force for Ukraine went on, and Sweden's troops "
        "could be sent as well, officials said."
    )
    a = shipped.rules.analyse(text, "")
    assert {f.actor for f in a.findings} >= {"FI"}
    by_sentence: dict[int, list[tuple[StanceFinding, tuple[bool, bool]]]] = {}
    ends = {s.end: k for k, s in enumerate(a.sentences)}
    for f, scope in zip(a.findings, a.scopes, strict=True):
        by_sentence.setdefault(ends.get(f.end, -1), []).append((f, scope))
    read = shipped._candidates(text, a, by_sentence, [], set())
    targets = {t.actor for w in read for t in w.targets}
    assert "FI" not in targets  # its model stance would be dropped: not worth a pass
    every = ModelClassifier(shipped.rules, shipped.model, veto=0.5)  # the model may overrule
    assert "FI" in {
        t.actor for w in every._candidates(text, a, by_sentence, [], set()) for t in w.targets
    }


def test_the_committed_cv_report_uses_the_default_fold_count() -> None:
    """`make cv` (bench/eval_stances.py --cv without --folds) must rewrite the report it
    commits with the same folds, or README and `make eval` quote another split's figures."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import eval_stances
    finally:
        sys.path.remove(str(ROOT / "bench"))
    report = json.loads((ROOT / "model" / "cv-report.json").read_text("utf-8"))
    assert report["folds"] == eval_stances.DEFAULT_FOLDS
    make_cv = (ROOT / "Makefile").read_text("utf-8").split("\ncv:")[1].split("\n\n")[0]
    assert "eval_stances.py --cv" in make_cv and "--folds" not in make_cv
