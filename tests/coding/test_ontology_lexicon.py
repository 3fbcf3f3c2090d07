import pytest

from flashpoint.coding.lexicon import load_lexicon, parse_nouns, parse_verbs
from flashpoint.coding.ontology import cameo_info, crosswalk, plover_for
from flashpoint.errors import LexiconError
from flashpoint.models import PLOVER_TYPES


def test_every_cameo_root_and_plover_type_is_reachable_from_the_lexicon():
    lex = load_lexicon()
    codes = {e.cameo for es in lex.verbs.values() for e in es} | {e.cameo for e in lex.nouns.values()}
    roots = {c[:2] for c in codes}
    assert roots >= {f"{i:02d}" for i in range(1, 21)}
    types = {m.type for c in codes if (m := plover_for(c))}
    assert types >= set(PLOVER_TYPES)


def test_crosswalk_and_goldstein():
    assert plover_for("163").type == "COERCE"
    assert plover_for("0871").mode == "ceasefire"
    assert plover_for("1385").type == "THREATEN"
    assert plover_for("020").type == "REQUEST"  # appeals fold into REQUEST
    assert plover_for("010") is None
    assert cameo_info("190").quad_class == 4 and cameo_info("190").goldstein == -10.0
    assert len(crosswalk()) > 200


def test_project_overrides_of_the_crosswalk_carry_their_reason():
    from flashpoint.coding.ontology import _data_text, plover_overrides

    assert plover_for("192").type == "ASSAULT" and plover_for("192").mode == "occupy"  # occupying territory
    assert plover_for("175").type == "COERCE"  # dispersing crowds
    assert plover_for("191").type == "COERCE" and plover_for("193").type == "ASSAULT"  # others keep the crosswalk
    rows = [r.split("\t") for r in _data_text("plover_overrides.tsv").splitlines() if r and not r.startswith("#")]
    assert rows and all(len(r) == 5 and len(r[4]) > 20 for r in rows) and set(plover_overrides()) == {r[0] for r in rows}


def test_lexicon_validation_names_file_and_line():
    with pytest.raises(LexiconError, match="verbs.tsv line 3: unknown CAMEO code"):
        parse_verbs([(3, ["attack", "999"])])
    with pytest.raises(LexiconError, match="line 5: duplicate of line 4"):
        parse_verbs([(4, ["attack", "190"]), (5, ["attack", "190"])])
    with pytest.raises(LexiconError, match="line 7: objects \\['aid', 'medicine'\\] already code 070 on line 6"):
        parse_verbs([(6, ["hand over aid", "070", "aid|medicine"]), (7, ["hand over aid", "073", "aid|medicine|food"])])
    assert parse_verbs([(6, ["give", "070", "aid"]), (7, ["give", "080", "permission"])])  # disjoint objects are fine
    with pytest.raises(LexiconError, match="nouns.tsv line 2"):
        parse_nouns([(2, ["raid"])])
