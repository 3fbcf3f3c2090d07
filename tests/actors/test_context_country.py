"""A role without a country takes the country the sentence frames it in; names of bodies through "for"/
"without"; hyphenated "rebel-held"; places named "West ..."; bombs, creeds and places of worship as actors.
Sentences are written for these tests (never gold sentences)."""

from __future__ import annotations

import pytest

from flashpoint.actors.resolver import ActorResolver
from flashpoint.models import ActorMention, ParsedSentence


def first(resolver: ActorResolver, sent: ParsedSentence, word: str) -> ActorMention:
    return resolver.resolve_all(sent, next(t.i for t in sent.tokens if t.text == word))[0]


@pytest.mark.parametrize("text,word,code", [
    ("Police detained dozens of students, the Kenyan interior ministry said.", "students", "KENEDU"),
    ("A judge ordered the arrest of three Peruvian officials.", "judge", "PERJUD"),
    ("The minister said Ghana would repay its debts.", "minister", "GHAGOV"),
    ("Egyptian police arrested dozens of Islamic fundamentalists.", "fundamentalists", "EGYREB"),
    ("Vice-President Moses Kuria refused to resign despite pressure by the Kenya Anti-Corruption Commission.",
     "Kuria", "KENGOV"),  # a home body frames an official
])
def test_a_role_takes_the_country_of_the_sentences_home_actors(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    m = first(resolver, parse(text), word)
    assert m.code == code and "home actors" in m.evidence, m


@pytest.mark.parametrize("text,word", [
    ("Soldiers fired on Palestinian protesters.", "Soldiers"),  # an army acts abroad; protesters are no frame
    ("Rebels fled to Uganda.", "Rebels"),  # a destination is not a home
    ("The foreign minister met the Chinese president.", "minister"),  # a diplomat's counterpart
    ("The foreign minister met the Chinese president in Beijing.", "minister"),  # nor where a diplomat goes
    ("Police and Kenyan officials met on Monday.", "Police"),  # a conjoined partner is another actor
    ("Students protested against the Turkish and Greek governments.", "Students"),  # two countries
    ("A regional peacekeeping force entered the Liberian capital.", "force"),
    ("Rebels attacked a Russian convoy.", "Rebels"),
    ("President Gayoom sent his sympathy to the Chinese government.", "Gayoom"),  # another government
    ("The minister expressed condolences to all the people of Israel.", "minister"),  # a complement
    ("Students asked the Armed Forces of the Philippines for help.", "Students"),  # inside a military name
])
def test_no_home_country_when_the_sentence_does_not_frame_one(resolver, parse, text, word):  # type: ignore[no-untyped-def]
    m = first(resolver, parse(text), word)
    assert m.country is None, m


def test_ethnic_home_gives_way_to_the_sentences_country(resolver, parse):  # type: ignore[no-untyped-def]
    here = first(resolver, parse("Shona rebels attacked a police station, the Mozambican government said."), "rebels")
    assert here.code == "MOZREB", here
    alone = first(resolver, parse("Shona rebels attacked a police station."), "rebels")
    assert alone.code == "ZWEREB", alone


def test_town_of_a_place_is_a_location_whatever_the_tagger_says(resolver, parse):  # type: ignore[no-untyped-def]
    m = first(resolver, parse("A car bomb killed four soldiers in the town of Kirkuk."), "soldiers")
    assert m.code == "IRQMIL" and "place the sentence is in" in m.evidence, m


def test_modifier_of_a_hyphenated_participle(resolver, parse):  # type: ignore[no-untyped-def]
    m = first(resolver, parse("The army shelled Georgian rebel-held villages."), "rebel")
    assert m.code == "GEOREB", m


@pytest.mark.parametrize("text,word,code", [
    ("Police arrested members of the Movement for the Actualization of the Sovereign State of Biafra.",
     "Movement", "NGASEPMAS"),
    ("The Movement for Democratic Change won the vote.", "Movement", "ZWEOPPMDC"),
    ("Doctors Without Borders opened a clinic.", "Doctors", "NGOMSF"),
])
def test_names_of_bodies_go_on_through_for_and_without(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).code == code


def test_without_a_common_noun_is_not_part_of_the_name(resolver, parse):  # type: ignore[no-untyped-def]
    m = first(resolver, parse("Troops without Russian support withdrew."), "Troops")
    assert m.text == "Troops" and m.country is None, m


@pytest.mark.parametrize("text,word,code", [
    ("The West Bengal government banned the rally.", "government", "INDGOV"),
    ("The West condemned the vote.", "West", "WST"),
])
def test_west_places_are_not_the_west(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).code == code


def test_medical_relief_bodies_are_health_sector(resolver, parse):  # type: ignore[no-untyped-def]
    m = first(resolver, parse("The Red Cross delivered medicine."), "Cross")
    assert (m.code, m.sector) == ("NGOIRC", "HLH"), m


def test_a_participle_clause_given_as_head_stands_for_its_subject(resolver, parse):  # type: ignore[no-untyped-def]
    m = first(resolver, parse("The Red Cross operating in the region said supplies were short."), "operating")
    assert m.code == "NGOIRC", m


def test_a_name_after_a_title_noun_takes_the_title(resolver, parse):  # type: ignore[no-untyped-def]
    m = first(resolver, parse("The government banned the opposition newspaper El Diario."), "Diario")
    assert m.sector == "MED" and "newspaper" in m.text, m


@pytest.mark.parametrize("text,word,code", [
    ("A regional peacekeeping force entered the Liberian capital.", "force", "IGOMIL"),
    ("Peacekeepers patrolled the border near Sudan.", "Peacekeepers", "IGOMIL"),
    ("Nigerian peacekeepers left Liberia.", "peacekeepers", "NGAMIL"),  # trap: a country of its own
])
def test_peacekeepers_of_no_country_are_an_international_force(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).code == code


@pytest.mark.parametrize("text,word,country", [
    ("Rival militias clashed in Tripoli, the Lebanese army said.", "militias", "LBN"),
    ("Rival militias clashed in Tripoli.", "militias", "LBY"),
    ("Tripoli rejected the Lebanese proposal, the Libyan foreign ministry said.", "Tripoli", "LBY"),  # both named
])
def test_a_shared_place_name_is_the_one_the_sentence_speaks_of(resolver, parse, text, word, country):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).country == country


@pytest.mark.parametrize("text,word,sector", [
    ("The president barred opposition candidates from the vote.", "candidates", "OPP"),
    ("The president barred government candidates from the vote.", "candidates", "GOV"),
])
def test_opposition_modifier_makes_the_role_opposition(resolver, parse, text, word, sector):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).sector == sector


@pytest.mark.parametrize("text,word,code", [
    ("Police attacked the Serbian population of the town in Kosovo.", "population", "XKXCVL"),
    ("The Russian minority in Latvia protested against the law.", "minority", "LVACVL"),
    ("Soldiers protected the Serbian population.", "population", "SRBCVL"),  # nothing says where: the demonym
])
def test_a_community_is_coded_where_it_lives(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).code == code


@pytest.mark.parametrize("text,word,code", [
    ("The Uttar Pradesh government banned the march.", "government", "INDGOV"),
    ("A court in Bavaria convicted two men.", "court", "DEUJUD"),
    ("The Texas attorney general sued the company.", "general", "USAJUD"),
    ("Militants operating in Rakhine State attacked a village.", "Militants", "MMRREB"),
    ("Georgia accused Russia of aggression.", "Georgia", "GEO"),  # trap: the country, not the US state
])
def test_states_and_provinces_give_their_country(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).code == code


def test_a_first_name_that_is_a_state_is_no_place(resolver, parse):  # type: ignore[no-untyped-def]
    m = first(resolver, parse("Victoria Nuland met the Ukrainian foreign minister."), "Nuland")
    assert m.country is None, m


@pytest.mark.parametrize("date,code", [("1965-03-01", "HTIGOV"), ("1980-03-01", "HTIGOV"), ("1990-03-01", "HTIELI")])
def test_a_family_name_of_older_leaders_takes_the_role_of_the_date(resolver, parse, date, code):  # type: ignore[no-untyped-def]
    sent = parse("Duvalier demanded a meeting of the Security Council.")
    m = resolver.resolve(sent, next(t.i for t in sent.tokens if t.text == "Duvalier"), date=date)
    assert m.code == code, m


@pytest.mark.parametrize("text,word,code", [
    ("Police in São Paulo arrested ten men.", "Police", "BRACOP"),  # diacritics folded in names
    ("A court in Bogotá sentenced the former mayor.", "court", "COLJUD"),
    ("Zairean troops crossed the border.", "troops", "CODMIL"),  # a former name of a state
    ("Czechoslovakia expelled two diplomats.", "Czechoslovakia", "CZE"),
    ("Haaretz reported the deal on Monday.", "Haaretz", "ISRMED"),  # a national news outlet
    ("The Foreign Office summoned the ambassador.", "Office", "GBRGOV"),
    ("The Duma passed the law.", "Duma", "RUSLEG"),  # trap: not a town of the same name
    ("Dominican police arrested two men.", "police", "DOMCOP"),  # the Dominican Republic, not Dominica
])
def test_names_folded_former_and_national_outlets(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).code == code


@pytest.mark.parametrize("text,word,code", [
    ("The Kenyan Union of Teachers called off the strike.", "Union", "KENEDU"),
    ("The National Federation of Journalists condemned the arrest.", "Federation", "NGOMED"),
    ("The Council of Churches condemned the attack.", "Council", "REL"),
    ("The Union of Soviet Socialist Republics protested.", "Union", "RUS"),  # trap: a state, not a labour union
])
def test_a_named_body_of_a_profession_has_its_members_sector(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).code == code


@pytest.mark.parametrize("text,word,country", [
    ("Police stopped a march by students at the university in Sivas.", "students", "TUR"),  # NER may miss it
    ("Aid reached thousands of people hit by floods in Malawi, Mozambique and Zimbabwe.", "people", None),
    ("A group of asylum-seekers went on hunger strike at a refugee centre in Kerry.", "group", None),
])
def test_located_names_whatever_ner_says_but_not_people_or_lists(resolver, parse, text, word, country):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).country == country


@pytest.mark.parametrize("text,word,code", [
    ("The Tatmadaw shelled villages near the border.", "Tatmadaw", "MMRMIL"),
    ("Janjaweed fighters burned the village.", "fighters", "SDNMILJAN"),
    ("The Revolutionary Guards seized a tanker.", "Guards", "IRNMIL"),
    ("Polisario rejected the plan.", "Polisario", "ESHREBPOL"),
])
def test_armed_forces_and_groups(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    assert first(resolver, parse(text), word).code == code


@pytest.mark.parametrize("text,word", [
    ("The senator and his aides held talks in Jordan with the king.", "senator"),  # a visitor
    ("The senator held talks with the king in Amman.", "senator"),
    ("Missiles fired by the army struck a depot near Damascus.", "Missiles"),  # an attacker, not the attacked
    ("Gunmen attacked Kenya's parliament on Monday.", "Gunmen"),  # nor the attacked country's home frame
    ("The defence ministry said troops had been deployed in Somalia.", "ministry"),  # a speaker
    ("Hundreds of workers arrived in Greece on Monday.", "workers"),  # a destination
    ("The president met the delegates in Nairobi.", "delegates"),  # the other party of a meeting
    ("Norway settled its fishing dispute with its European partners.", "partners"),  # a possessor's partners
    ("Norway thanked its allies for their help.", "allies"),
    ("Two soldiers abused prisoners in Iraq, the ministry said.", "soldiers"),  # troops act abroad
    ("The minister offered condolences to the families of the workers killed in Ghana.", "families"),
])
def test_no_country_from_a_venue_a_target_or_an_owner(resolver, parse, text, word):  # type: ignore[no-untyped-def]
    m = first(resolver, parse(text), word)
    assert m.country is None, m


@pytest.mark.parametrize("text,word,code", [
    ("Two policemen on patrol in Kabul arrested a man.", "policemen", "AFGCOP"),  # in the actor's own phrase
    ("Guerrillas operating in Macedonia laid down their arms.", "Guerrillas", "MKDREB"),
    ("Workers at a copper mine in Peru went on strike.", "Workers", "PERLAB"),
    ("Students demonstrated in Serbia on Tuesday.", "Students", "SRBEDU"),  # an intransitive act there
    ("Prisoners rioted at a jail in Dili.", "Prisoners", "TLSCVL"),
    ("Gunmen stormed an army base in Mali, killing 19 soldiers.", "soldiers", "MLIMIL"),  # the victims
    ("Police detained dozens of students in Yerevan.", "students", "ARMEDU"),
    ("The army lifted a curfew in Montenegro, where 28 people were killed.", "people", "MNECVL"),
    ("Opposition leaders agreed to postpone the rally in Baku.", "leaders", "AZEOPP"),  # a protest's organisers
    ("Militants held hundreds of civilians as human shields in Mosul.", "civilians", "IRQCVL"),  # not "held talks"
])
def test_a_place_that_locates_the_actor_gives_its_country(resolver, parse, text, word, code):  # type: ignore[no-untyped-def]
    m = first(resolver, parse(text), word)
    assert m.code == code and "place the sentence is in" in m.evidence, m


def test_gunmen_take_no_country_from_the_place_they_attack(resolver, parse):  # type: ignore[no-untyped-def]
    sent = parse("Gunmen stormed an army base in Mali, killing 19 soldiers.")
    assert first(resolver, sent, "Gunmen").country is None
