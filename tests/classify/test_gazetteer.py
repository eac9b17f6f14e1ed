"""The gazetteer: every UN member, names, demonyms, metonyms, officials, groups, extension."""

from __future__ import annotations

import json
from pathlib import Path

from monitor.classify import Stance, build_classifier, classify, load_gazetteer
from monitor.classify.gazetteer import Kind
from monitor.classify.text import fold, tokenize

_UN = """AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF
BI CV KH CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET
FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI
KP KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM
NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA
SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA
AE GB US UY UZ VU VE VN YE ZM ZW"""
UN_MEMBERS = _UN.split()


def _lookup(name: str) -> tuple[Kind, tuple[str, ...]] | None:
    gazetteer = load_gazetteer()
    folded = fold(name)
    forms = tokenize(folded, 0, len(folded)).forms
    hit = gazetteer.lookup(forms, 0)
    if hit is None or hit[0] != len(forms):
        return None
    return hit[1].kind, hit[1].countries


def test_every_un_member_state_is_covered_with_a_name() -> None:
    assert len(UN_MEMBERS) == 193
    gazetteer = load_gazetteer()
    assert set(UN_MEMBERS) <= gazetteer.countries
    named = {e.countries[0] for e in gazetteer.entries.values() if e.kind == Kind.COUNTRY}
    assert set(UN_MEMBERS) <= named


def test_names_short_names_demonyms_capitals_and_metonyms() -> None:
    assert _lookup("Türkiye") == (Kind.COUNTRY, ("TR",))
    assert _lookup("Turkey") == (Kind.COUNTRY, ("TR",))
    assert _lookup("Britain") == (Kind.COUNTRY, ("GB",))
    assert _lookup("UK") == (Kind.COUNTRY, ("GB",))
    assert _lookup("Czechia") == (Kind.COUNTRY, ("CZ",))
    assert _lookup("Polish") == (Kind.DEMONYM, ("PL",))
    assert _lookup("Canadian") == (Kind.DEMONYM, ("CA",))
    assert _lookup("Ottawa") == (Kind.CAPITAL, ("CA",))
    assert _lookup("Warsaw") == (Kind.CAPITAL, ("PL",))
    for metonym, code in [
        ("Kremlin", "RU"),
        ("Downing Street", "GB"),
        ("Élysée", "FR"),
        ("White House", "US"),
    ]:
        assert _lookup(metonym) == (Kind.COUNTRY, (code,)), metonym


def test_officials_carry_country_and_role() -> None:
    gazetteer = load_gazetteer()
    for name, code, role in [
        ("Carney", "CA", "head_of_government"),
        ("Kosiniak-Kamysz", "PL", "defence_minister"),
        ("Starmer", "GB", "head_of_government"),
        ("Meloni", "IT", "head_of_government"),
    ]:
        hit = gazetteer.lookup(tokenize(name, 0, len(name)).forms, 0)
        assert hit is not None
        assert (hit[1].kind, hit[1].countries, hit[1].role) == (Kind.PERSON, (code,), role)


def test_groups_expand_to_members() -> None:
    result = classify("The Nordic and Baltic countries are ready to send troops to Ukraine.")
    assert {f.actor for f in result.stances} == {"DK", "FI", "IS", "NO", "SE", "EE", "LV", "LT"}
    assert classify("Ships sailed into the Baltic Sea near Ukraine.").countries == ("UA",)


def test_user_extension_in_json_and_toml(tmp_path: Path) -> None:
    text = "Defence Secretary Jane Placeholder said Ruritania is ready to send troops to Ukraine."
    assert classify(text).stances == ()
    extra_json = tmp_path / "extra.json"
    extra_json.write_text(
        json.dumps(
            {
                "countries": {"XR": {"names": ["Ruritania"], "demonyms": ["Ruritanian"]}},
                "officials": [
                    {"name": "Jane Placeholder", "country": "XR", "role": "defence_minister"}
                ],
            }
        )
    )
    extra_toml = tmp_path / "extra.toml"
    extra_toml.write_text(
        '[[officials]]\nname = "Tom Placeholder"\ncountry = "XR"\nrole = "head_of_government"\n'
        '[[groups]]\nnames = ["Placeholder Pact"]\nmembers = ["XR", "PL"]\n'
    )
    classifier = build_classifier([extra_json, extra_toml])
    assert [(f.actor, f.stance) for f in classifier.classify(text).stances] == [
        ("XR", Stance.WILLING)
    ]
    by_person = classifier.classify("Tom Placeholder said he would not send troops to Ukraine.")
    assert [(f.actor, f.stance) for f in by_person.stances] == [("XR", Stance.DECLINED)]
    pact = classifier.classify("The Placeholder Pact has no plans to send troops to Ukraine.")
    assert {f.actor for f in pact.stances} == {"XR", "PL"}
