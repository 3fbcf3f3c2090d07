"""CAMEO coverage and complement composition (sentences written for these tests)."""

import pytest

from flashpoint.coding.complements import load_complements, parse_complements
from flashpoint.coding.lexicon import load_lexicon
from flashpoint.coding.ontology import is_known_code, plover_for
from flashpoint.errors import LexiconError


def _reachable_codes() -> set[str]:
    lex = load_lexicon()
    codes = {e.cameo for es in lex.verbs.values() for e in es} | {e.cameo for e in lex.nouns.values()}
    return codes | load_complements().reachable_codes()


def test_at_least_200_distinct_codes_and_every_root_are_reachable():
    codes = _reachable_codes()
    assert len({c for c in codes if len(c) >= 3}) >= 200
    assert {c[:2] for c in codes} >= {f"{i:02d}" for i in range(1, 21)}
    assert all(is_known_code(c) for c in codes)


def test_composed_codes_are_typed_and_stay_in_their_family():
    table = load_complements()
    for (family, _topic), code in table.compose.items():
        assert plover_for(code) is not None, code
        if len(family) == 3 and not family.endswith("0"):
            assert code.startswith(family), (family, code)  # 084 + persons -> 0841, never a sibling


def test_code_for_keeps_specific_lexicon_codes():
    table = load_complements()
    assert table.code_for("100", "leadership") == "1041"  # unspecified demand -> demand leadership change
    assert table.code_for("033", "mil_aid") == "0332"  # intent to give aid -> intent to give military aid
    assert table.code_for("033", "meet") is None  # ... but never becomes a sibling (036)
    assert table.intent_code("042") == "036"  # "will visit" announces a meeting
    assert table.intent_code("163") == "1312"  # "will impose sanctions" threatens them
    assert table.intent_code("084", negated=True) == "1243"  # "will not release" rejects a release


def test_retyped_candidate_keeps_its_topic():
    table = load_complements()
    assert table.retyped_code("0353", "YIELD") == "084"  # intent to release, re-typed as the release
    assert table.retyped_code("0841", "AGREE") == "0353"
    assert table.retyped_code("1041", "REJECT") == "1231"
    assert table.retyped_code("190", "CONSULT") is None  # no family: the type's default code is used


def test_complement_table_validation_names_file_and_line():
    with pytest.raises(LexiconError, match="complements.tsv line 3: unknown CAMEO code"):
        parse_complements([(3, ["compose", "10", "release", "9999"])])
    with pytest.raises(LexiconError, match="line 5: duplicate word 'aid'"):
        parse_complements([(4, ["word", "aid", "aid"]), (5, ["word", "aid", "hum_aid"])])
    with pytest.raises(LexiconError, match="no code or word has topic 'nothing'"):
        parse_complements([(2, ["word", "aid", "aid"]), (3, ["compose", "02", "nothing", "023"])])
    with pytest.raises(LexiconError, match="line 7: expected"):
        parse_complements([(7, ["word", "aid"])])


@pytest.fixture(scope="module")
def rule_codes(parser, rules_coder):  # type: ignore[no-untyped-def]
    """CAMEO codes of all events the rules (no type model) find in one sentence."""

    def run(text: str) -> list[str]:
        return [e.cameo for s in parser.parse_text(text) for e in rules_coder(s)]

    return run


@pytest.mark.parametrize("text,code", [
    # demands (10) by what is demanded
    ("The opposition demanded the resignation of the interior minister.", "1041"),
    ("The rebels demanded the release of all political prisoners.", "1053"),
    ("Moscow demanded the withdrawal of NATO troops from the region.", "106"),
    ("Pakistan demanded an immediate ceasefire in Kashmir.", "107"),
    # appeals (02)
    ("Human rights groups called for the release of the detained journalists.", "0253"),
    ("The United Nations appealed for humanitarian aid for the flood victims.", "0233"),
    ("Kenya asked Japan for military aid.", "0232"),
    ("The president called for talks with the rebel leaders.", "026"),
    ("The European Union urged both sides to agree to a ceasefire.", "0256"),
    ("The opposition urged the government to lift the state of emergency.", "0251"),
    ("The minister called on the West to lift the sanctions.", "0254"),
    # intents (03), including announced future acts
    ("The king promised democratic reforms.", "0344"),
    ("The rebels offered to release the hostages.", "0353"),
    ("Egypt offered to mediate between Israel and Hamas.", "039"),
    ("The two countries agreed to resume peace talks.", "036"),
    ("The United States will provide humanitarian aid to Haiti.", "0333"),
    ("The French president will visit China next month.", "036"),
    ("The government will lift the curfew in the capital.", "0351"),
    # rejections (12)
    ("The government rejected the proposal to negotiate with the rebels.", "125"),
    ("Israel refused to release the prisoners.", "1243"),
    ("Turkey rejected calls for economic aid to Syria.", "1221"),
    ("The rebels declined to resign from the council.", "1231"),
    # threats (13)
    ("Iran threatened to impose sanctions on the company.", "1312"),
    ("North Korea threatened to attack South Korea.", "1384"),
    ("China threatened to cut diplomatic ties with Lithuania.", "1313"),
    ("The army threatened to impose a curfew in the city.", "1323"),
    ("Militants threatened to carry out suicide attacks.", "1383"),
    # protests (14) by what they are for
    ("Students demonstrated in the capital to demand the president's resignation.", "1411"),
    ("Workers went on strike to demand higher wages.", "1432"),
    ("Prisoners began a hunger strike to demand their rights.", "1423"),
    ("Villagers blocked the highway demanding democratic reforms.", "1444"),
    ("Inmates rioted in the prison, setting fire to their cells.", "145"),  # what they did, not what for
    # accusations (11) by the charge
    ("The prosecutor accused the minister of corruption.", "1121"),
    ("Amnesty International accused the army of torture.", "1122"),
    ("Russia accused Ukraine of aggression.", "1123"),
    ("The government accused the rebels of war crimes.", "1124"),
    ("Iran accused the British diplomat of espionage.", "1125"),
    # yielding, aid, investigation and violence by their object or means
    ("Police released the detained journalists.", "0841"),
    ("The coast guard returned the seized fishing boat.", "0842"),
    ("Japan halted humanitarian aid to Sudan.", "1623"),
    ("The court investigated allegations of corruption against the mayor.", "091"),
    ("A suicide bomber killed twelve people at a market in Baghdad.", "1831"),
    ("A car bomb killed three soldiers in Kabul.", "1832"),
    ("Israeli aircraft attacked targets in Gaza.", "195"),
    ("The army shot down a drone over the border.", "195"),
    ("Rebels vowed to attack the capital.", "1384"),  # a vow of violence is a threat
    ("Mobs torched shops in the old city.", "1712"),
])
def test_complement_composition(rule_codes, text, code):
    codes = rule_codes(text)
    assert code in codes, codes


def test_noun_that_only_names_the_demand_is_no_event(rule_codes):
    # "the resignation" is what was demanded, not a resignation that happened
    assert rule_codes("Protesters demanded the resignation of the mayor.") == ["1041"]
