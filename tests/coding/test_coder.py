"""Constructions the coder must handle (sentences written for these tests)."""

import pytest


def _find(events, ptype):
    return [e for e in events if e.plover_type == ptype]


def _assert_actor(events, side, text):
    """Some event has this source or target phrase (shows every event's rule and phrase if none has)."""
    def phrase(e):
        actor = getattr(e, side)
        return actor and actor.text

    assert events and any(phrase(e) == text for e in events), [(e.rule, phrase(e)) for e in events]


def test_threat_with_complement_is_threat_and_intended_event(code_sentence):
    evs = code_sentence("Russian President Vladimir Putin threatened to arm North Korea.")
    threat = _find(evs, "THREATEN")
    assert threat and threat[0].source.code == "RUSGOV" and threat[0].target.code == "PRK"
    assert threat[0].modality == "asserted"
    aid = _find(evs, "AID")
    assert aid and aid[0].modality == "threatened"  # never counted as having happened


def test_light_verb_noun_trigger(code_sentence):
    evs = code_sentence("The European Union imposed sanctions on Iran on Monday.")
    e = _find(evs, "COERCE")[0]
    assert e.cameo == "163" and e.source.code == "IGOEU" and e.target.country == "IRN"
    assert e.sentence[e.trigger.start:e.trigger.end] == e.trigger.text == "imposed sanctions"


def test_passive_voice(code_sentence):
    e = _find(code_sentence("The embassy was attacked by armed rebels."), "ASSAULT")[0]
    assert e.source.text == "armed rebels" and e.source.sector == "REB" and e.target.text == "embassy"


def test_planned_and_negated_and_hypothetical(code_sentence):
    planned = code_sentence("The United States will deploy more troops to Poland.")
    deploy = [e for e in planned if e.trigger.text == "deploy"]
    assert deploy and deploy[0].modality == "planned" and deploy[0].target.code == "POL"
    assert code_sentence("Pakistan plans to mobilize its reserves.")[0].modality == "planned"
    negated = code_sentence("Israel did not attack the convoy.")
    assert _find(negated, "ASSAULT")[0].modality == "negated"
    hypo = code_sentence("China could impose sanctions on Japan.")
    assert _find(hypo, "COERCE")[0].modality == "hypothetical"


def test_reported_and_attribution(code_sentence):
    evs = code_sentence("North Korean troops allegedly fired on South Korean soldiers.")
    assert evs and evs[0].modality == "reported"
    evs = code_sentence("Israeli warplanes struck Hamas positions in Gaza, the army said.")
    e = _find(evs, "ASSAULT")[0]
    assert e.attribution is not None and e.attribution.text == "army"


def test_reciprocal_talks_both_ways(code_sentence):
    evs = _find(code_sentence("Japan and South Korea held talks in Tokyo."), "CONSULT")
    pairs = {(e.source.code, e.target.code) for e in evs}
    assert {("JPN", "KOR"), ("KOR", "JPN")} <= pairs


def test_no_event_in_weather_report(code_sentence):
    assert code_sentence("Temperatures will climb to 24 degrees on Saturday with light winds.") == []


@pytest.mark.parametrize("text,ptype", [
    ("Iran condemned the attack on its embassy.", "ACCUSE"),
    ("The rebels rejected the peace proposal.", "REJECT"),
    ("Egypt urged Israel to allow aid into Gaza.", "REQUEST"),
    ("The president praised the agreement.", "SUPPORT"),
    ("Police arrested dozens of protesters in Istanbul.", "COERCE"),
    ("Thousands of students demonstrated in Belgrade against the government.", "PROTEST"),
])
def test_basic_types(code_sentence, text, ptype):
    assert ptype in {e.plover_type for e in code_sentence(text)}


def test_offsets_are_exact(code_sentence):
    for e in code_sentence("Hungarian and Romanian officials agreed to cooperate, a spokesman said."):
        for x in (e.source, e.target):
            if x is not None:
                assert e.sentence[x.start:x.end] == x.text
        assert e.sentence[e.trigger.start:e.trigger.end] == e.trigger.text


def test_speaker_demands_of_the_clause_subject(code_sentence):
    evs = code_sentence("Beijing says Manila must stop its patrols near the islands.")
    req = [e for e in evs if e.rule.endswith("pattern:say+must")]
    assert req and req[0].source.country == "CHN" and req[0].target.country == "PHL" and req[0].cameo.startswith("10")
    demanded = [e for e in evs if e is not req[0]]
    assert all(e.modality != "asserted" for e in demanded)  # what is demanded has not happened


@pytest.mark.parametrize("text,cameo", [
    ("The rebels halted their offensive in the north.", "087"),
    ("Dock workers called off the strike on Friday.", "082"),
    ("Turkey ended talks with the separatists.", "164"),
])
def test_ending_an_act_reverses_it(code_sentence, text, cameo):
    evs = code_sentence(text)
    assert any(e.cameo == cameo and "light-end:" in e.rule for e in evs), [(e.cameo, e.rule) for e in evs]


@pytest.mark.parametrize("text,target", [
    ("The opposition demanded that the president resign.", "president"),  # complement subject
    ("Rebels violated the truce in Darfur on Sunday.", "Darfur"),  # the place it happens in
    ("Tokyo lifted sanctions imposed on Iran in 2019.", "Iran"),  # actor under a participle
    ("Police arrested dozens of protesters in the capital.", "dozens of protesters"),  # partitive phrase
    ("The ministry rejected Moscow's proposal.", "Moscow's proposal"),  # the argument, coded as its proposer
    ("Hackers defaced Danish government websites.", "Danish government websites"),  # a thing an actor owns
    ("Iraq expelled the UN weapons inspectors.", "UN weapons inspectors"),  # an object inside the trigger
    ("The junta banned two opposition newspapers.", "two opposition newspapers"),
    ("Russia withdrew its peacekeepers from Abkhazia.", "Abkhazia"),  # what is withdrawn is not the target
    ("Brazil agreed to set up a new research institute in Recife.", "new research institute in Recife"),  # a place
    ("Japan will build a hospital in Kenya.", "Kenya"),  # what is created is not the target; where it is
    ("The junta declared a state of emergency in Mandalay.", "Mandalay"),  # "state" here is no government
])
def test_target_choice(code_sentence, text, target):
    _assert_actor(code_sentence(text), "target", target)


def test_force_used_on_a_place_in_a_country_is_coded_with_that_country(code_sentence):
    """What force was used on is the target, with the country it stands in (not the country alone)."""
    evs = [e for e in code_sentence("Taliban fighters overran an army base in northern Afghanistan.") if e.target]
    assert evs and evs[0].target.text == "army base in northern Afghanistan" and evs[0].target.code == "AFGMIL"


@pytest.mark.parametrize("text,span,head,code", [
    ("Iran condemned the U.S. Supreme Court decision on Monday.", "U.S. Supreme Court decision", "Court", "USAJUD"),
    ("The ministry rejected Moscow's proposal.", "Moscow's proposal", "Moscow", "RUSGOV"),
    ("Israel shelled positions of the Palestinian security forces.", "positions of the Palestinian security forces",
     "forces", "PSECOP"),
])
def test_target_span_is_the_argument_and_code_its_actor(code_sentence, text, span, head, code):
    """An actor inside a larger argument: the span is what was acted on, head and code name whose it is."""
    evs = [e for e in code_sentence(text) if e.target and e.target.text == span]
    assert evs, [(e.rule, e.target and e.target.text) for e in code_sentence(text)]
    t = evs[0].target
    assert t.code == code and "inside the argument" in t.evidence and head in t.text
    assert text[t.start:t.end] == span  # offsets point at the whole argument


def test_conjoined_modifiers_keep_their_own_spans(code_sentence):
    evs = [e for e in code_sentence("Hungarian and Romanian officials met the Pope.") if e.source]
    assert {e.source.text for e in evs} == {"Hungarian", "Romanian officials"}, [e.source.text for e in evs]


def test_conjoined_subjects_are_each_others_targets(code_sentence):
    evs = _find(code_sentence("Armenia and Azerbaijan agreed to a ceasefire."), "AGREE")
    assert {(e.source.code, e.target.code) for e in evs} >= {("ARM", "AZE"), ("AZE", "ARM")}


@pytest.mark.parametrize("text,pairs", [
    ("Japanese and Chinese diplomats agreed to resume flights.", {("JPN", "CHN"), ("CHN", "JPN")}),  # modifiers
    ("The talks between Serbia and Kosovo failed to reach a deal.", {("SRB", "XKX"), ("XKX", "SRB")}),  # parties
])
def test_partners_named_together_are_each_others_targets(code_sentence, text, pairs):
    evs = [e for e in code_sentence(text) if e.source and e.target and e.plover_type]
    assert {(e.source.country, e.target.country) for e in evs} >= pairs, [(e.source.text, e.target.text) for e in evs]


@pytest.mark.parametrize("text,target", [
    ("Brazil is ready to contribute more to peacekeeping operations in Haiti.", "HTI"),
    ("The Red Cross has agreed to set up three clinics in Mosul.", "IRQ"),
])
def test_with_nothing_acted_on_the_one_place_of_the_act_is_the_target(code_sentence, text, target):
    evs = [e for e in code_sentence(text) if e.plover_type]
    got = {e.target.country if e.target else None for e in evs}
    assert evs and (target in got if target else got == {None}), [(e.target.text if e.target else None) for e in evs]


@pytest.mark.parametrize("text,target", [
    ("The court rejected an appeal filed by the Kenyan government.", "Kenyan government"),  # who made it
    ("Ukraine rejected a peace plan proposed by China.", "China"),
    ("Ukraine rejected a peace plan proposed last week.", "peace plan"),  # trap: no maker named
])
def test_a_rejected_proposal_points_to_who_made_it(code_sentence, text, target):
    _assert_actor(_find(code_sentence(text), "REJECT"), "target", target)


def test_a_name_headed_by_its_last_word_is_an_actor(code_sentence):
    # the parse heads "King Abdullah II" by "II": still the partner, not the place of the talks
    _assert_actor(_find(code_sentence("The senator and his aides held talks in Jordan with King Abdullah II."), "CONSULT"),
                  "target", "King Abdullah II")


@pytest.mark.parametrize("text,source", [
    ("Rockets fired by Hamas militants hit a town in southern Israel.", "Hamas militants"),
    ("An attack carried out by the rebels killed four soldiers.", "rebels"),
])
def test_what_an_actor_fired_or_carried_out_acts_for_it(code_sentence, text, source):
    _assert_actor(code_sentence(text), "source", source)


@pytest.mark.parametrize("text,target", [
    ("Erdogan discussed the Libyan crisis with President Putin by phone.", "President Putin"),
    ("Dutch prosecutors shared evidence with the Belgian police.", "Belgian police"),  # the partner's own span
])
def test_topics_are_not_partners(code_sentence, text, target):
    _assert_actor(code_sentence(text), "target", target)


def test_an_answered_appeal_belongs_to_who_made_it(code_sentence):
    evs = code_sentence("The high court rejected the appeal of the Nigerian journalist.")
    rej = _find(evs, "REJECT")
    assert rej and rej[0].source.text.endswith("court"), [(e.plover_type, e.source and e.source.text) for e in evs]
    # the appeal is the journalist's, never the court's
    assert not any(e.cameo.startswith("02") and e.source and e.source.text.endswith("court") for e in evs)


@pytest.mark.parametrize("text,cameo,target", [
    ("The junta ordered the radio station to suspend broadcasts for a month.", "1721", "radio station"),
    ("The judge ordered the two activists jailed.", "173", "two activists"),
    ("The court ordered the minister to appear for questioning.", None, "minister"),  # trap: a summons stays one
])
def test_an_ordered_coercive_act_is_the_act_of_who_ordered_it(code_sentence, text, cameo, target):
    evs = [e for e in code_sentence(text) if e.trigger.text.startswith("ordered")]
    assert evs and evs[0].target and evs[0].target.text == target, [(e.cameo, e.target and e.target.text) for e in evs]
    if cameo:
        assert evs[0].cameo == cameo and evs[0].plover_type == "COERCE", [(e.cameo, e.rule) for e in evs]
    else:
        assert evs[0].cameo_root != "17", [(e.cameo, e.rule) for e in evs]


def test_a_noun_trigger_in_a_verbs_phrase_is_governed_by_the_verb(parser, rules_coder):
    from flashpoint.coding.syntax import Tree

    sent = next(iter(parser.pipe_sentences(["India is ready to step in with financial assistance to Sri Lanka."])))
    tree = Tree(sent)
    aid = next(t.i for t in sent.tokens if t.text == "assistance")
    cands = [c for c in rules_coder.finder.noun_candidates(tree, set()) if c.trigger == aid]
    # the planned stepping in governs the assistance (its modality), not the preposition "with"
    assert cands and tree.lemma(cands[0].governor) == "step", [(c.rule, tree.lemma(c.governor)) for c in cands]


def test_a_call_made_to_congratulate_is_the_congratulation(parser, rules_coder):
    sents = parser.parse_text("The Kenyan president called his Ugandan counterpart to congratulate him.")
    evs = [e for e in rules_coder.code_batch(sents)[0] if e.plover_type]
    phoned = [e for e in evs if e.trigger.text.startswith("called")]
    assert phoned and all(e.cameo_root == "05" for e in phoned), [(e.trigger.text, e.cameo) for e in evs]


@pytest.mark.parametrize("text,root,side,actor", [
    ("The detained journalist died after torture in a police station.", "18", "target", "detained journalist"),
    ("A US-led strike on a convoy killed six fighters.", "19", "source", "US"),  # a strike ON something
    ("The dock workers' strike entered its third week.", "14", None, None),  # trap: a walkout stays one
    ("The senator called out the governor for lying.", "11", None, None),
    ("The cabinet decided to lift the sanctions on Qatar.", "08", "target", "Qatar"),  # decided: the act itself
    ("Italy returned a statue of Emperor Hadrian to the Libyan ambassador.", "08", "target", "Libyan ambassador"),
])
def test_more_noun_events_find_their_actors(code_sentence, text, root, side, actor):
    evs = [e for e in code_sentence(text) if e.cameo_root == root]
    assert evs, [(e.cameo, e.rule) for e in code_sentence(text)]
    if side:
        assert any((getattr(e, side).text if getattr(e, side) else None) == actor for e in evs), [
            (e.source and e.source.text, e.target and e.target.text) for e in evs]


def test_failing_to_agree_is_a_rejection(code_sentence):
    evs = [e for e in code_sentence("Egypt and Ethiopia failed to reach an agreement on the dam.") if e.plover_type]
    assert evs and all(e.cameo.startswith("12") and e.modality == "negated" for e in evs), [
        (e.cameo, e.modality) for e in evs]
    assert {(e.source.country, e.target.country) for e in evs} >= {("EGY", "ETH"), ("ETH", "EGY")}


def test_willing_subject_is_the_source(code_sentence):
    evs = code_sentence("Syria is willing to withdraw its troops from Lebanon.")
    assert any(e.source and e.source.code == "SYR" for e in evs)


@pytest.mark.parametrize("text,target", [
    ("Militants hit the army base with a rocket.", "army base"),  # an instrument is not the target
    ("Nigeria announced the deployment of 300 troops to Mali.", "Mali"),  # what is sent is not the target
])
def test_instruments_and_sent_forces_are_not_targets(code_sentence, text, target):
    _assert_actor(code_sentence(text), "target", target)


@pytest.mark.parametrize("text,trigger,target", [
    ("Chile said it will withdraw its soldiers from Haiti next year.", "withdraw", "Haiti"),  # the place left
    ("The junta mobilized the army for a campaign against the rebels.", "mobilized", "rebels"),
    ("The government mobilized thousands of troops after the riots.", "mobilized", None),  # own forces: none
    ("Kenya withdrew Somali troops from the border town.", "withdrew", "Somali troops"),  # trap: another's forces
])
def test_the_movers_own_forces_are_not_targets(code_sentence, text, trigger, target):
    evs = [e for e in code_sentence(text) if trigger in e.trigger.text]
    assert evs, text
    got = [e.target.text if e.target else None for e in evs]
    assert any(g == target or (g and target and target in g) for g in got), (text, got)


@pytest.mark.parametrize("text,source", [
    ("The journalist was arrested in Egypt on Monday.", "Egypt"),  # agentless passive: the state it happened in
    ("Dozens of refugees evacuated by the Red Cross reached the port.", "Red Cross"),  # agent of a participle
    ("The Ethiopian government is committed to opening up the economy.", "Ethiopian government"),
    ("The Kenyan parliament passed a motion condemning the Somali militants.", "Kenyan parliament"),  # document
    ("Malaysian authorities began the process of returning the statues to Nigeria.", "Malaysian authorities"),
])
def test_sources_of_passives(code_sentence, text, source):
    _assert_actor(code_sentence(text), "source", source)


@pytest.mark.parametrize("text,target", [
    ("Dock workers went on strike, protesting the ministry's decision.", "ministry's decision"),
    ("Students began a hunger strike in protest against the junta.", "junta"),
    ("Greece refused to allow the ship to dock.", "ship"),  # the complement clause's subject
])
def test_protest_and_complement_targets(code_sentence, text, target):
    _assert_actor(code_sentence(text), "target", target)


def test_statements_are_events_with_the_speaker_as_source(code_sentence):
    evs = code_sentence("China's foreign ministry said on Monday that Japan's actions were provocative.")
    st = [e for e in evs if e.rule == "statement:say"]
    assert st and st[0].cameo == "010" and st[0].plover_type is None
    assert st[0].source.code == "CHNGOV" and st[0].target.country == "JPN"
    c = st[0].to_contract()
    assert c["plover"] == {} and c["cameo_root"] == "01" and c["quad_class"] == 1


def test_statement_does_not_hide_the_event_it_reports(code_sentence):
    evs = code_sentence("The army said rebels attacked a convoy near the border.")
    attack = [e for e in evs if e.plover_type == "ASSAULT"]
    assert attack and attack[0].attribution is not None and attack[0].attribution.text == "army"
    assert any(e.rule == "statement:say" and e.source.text == "army" for e in evs)


def test_denial_is_a_statement_code(code_sentence):
    evs = code_sentence("Iran denied responsibility for the attack on the tanker.")
    assert any(e.cameo.startswith("01") for e in evs), [(e.cameo, e.rule) for e in evs]


def test_the_escalation_story_in_the_brief(code_sentence):
    """Three clauses joined by semicolons: each is coded on its own, with its own actors and modality."""
    evs = code_sentence("Russian President Vladimir Putin threatened to arm North Korea; Western leaders "
                        "condemned the move; the United States announced it will deploy more troops to Eastern Europe.")
    threat = _find(evs, "THREATEN")
    assert any(e.source.code == "RUSGOV" and e.target.code == "PRK" and e.modality == "asserted" for e in threat)
    assert any(e.modality == "threatened" and e.target.code == "PRK" for e in _find(evs, "AID"))
    assert any(e.source.code == "WST" and e.cameo.startswith("11") for e in _find(evs, "ACCUSE"))
    deploy = [e for e in evs if e.trigger.text == "deploy"]
    assert deploy and deploy[0].source.code == "USA" and deploy[0].modality == "planned"


@pytest.mark.parametrize("text,cameo", [
    ("The ministry declined to comment on the report.", "011"),
    ("The rebels rejected accusations of looting the town.", "016"),
    ("Moscow refuted the reports.", "016"),
])
def test_comment_and_denial_statements(code_sentence, text, cameo):
    evs = code_sentence(text)
    assert any(e.cameo == cameo and e.plover_type is None for e in evs), [(e.cameo, e.rule) for e in evs]


@pytest.mark.parametrize("text,cameo,target", [
    ("Norway summoned the Iranian envoy over the arrests.", "111", "Iranian envoy"),
    ("The supreme court quashed the ban on the rally.", "120", None),
    ("A Paris court issued an arrest warrant for the Syrian general.", "173", "Syrian general"),
    ("Ukraine awarded the medal to the Polish volunteers.", "051", None),
    ("Chile and Peru began a second round of joint naval exercises.", "062", "Peru"),  # a round of exercises
    ("Kenyan troops took part in the peacekeeping mission in Somalia.", "074", "Somalia"),  # peacekeeping: aid
    ("Kenyan troops took part in joint operations with Ugandan forces.", "062", "Ugandan forces"),
])
def test_summons_rulings_warrants_and_honours(code_sentence, text, cameo, target):
    evs = [e for e in code_sentence(text) if e.cameo == cameo]
    assert evs, [(e.cameo, e.rule) for e in code_sentence(text)]
    if target:
        assert any(e.target and e.target.text == target for e in evs), [e.target for e in evs]


@pytest.mark.parametrize("text,org", [
    ("Members of Hamas fired rockets at Israel.", "Hamas"),
    ("Leaders of the opposition coalition rejected the budget.", "coalition"),
    ("Workers affiliated with the Teamsters union blocked the depot.", "union"),
])
def test_members_act_for_their_organisation(code_sentence, text, org):
    """The phrase stays whole; its head word is the organisation the members act for."""
    evs = [e for e in code_sentence(text) if e.source and f"acting for {org!r}" in e.source.evidence]
    assert evs, [(e.source and e.source.text, e.source and e.source.evidence) for e in code_sentence(text)]
    assert evs[0].source.text.endswith(org) or org in evs[0].source.text


@pytest.mark.parametrize("text,cameo", [
    ("Thousands of farmers protested the new tax in Lima.", "141"),  # a crowd demonstrates
    ("Palestinians protested the closure of the crossing.", "141"),
    ("China protested the visit of the Dalai Lama.", "110"),  # a state complains
])
def test_who_protests_decides_between_demonstration_and_complaint(code_sentence, text, cameo):
    evs = code_sentence(text)
    assert any(e.cameo == cameo for e in evs), [(e.cameo, e.rule) for e in evs]


def test_considering_an_act_is_a_014_statement_beside_the_hypothetical_act(code_sentence):
    evs = code_sentence("The Japanese government is considering sending aid to Nepal.")
    st = [e for e in evs if e.cameo == "014"]
    act = [e for e in evs if e.plover_type == "AID"]
    assert st and st[0].plover_type is None and st[0].target.code == "NPL" and st[0].source.code == "JPNGOV"
    assert act and act[0].modality == "hypothetical"


def test_attacks_of_arms_stay_assaults(code_sentence):
    evs = code_sentence("Rebels launched an attack on the army base, killing four soldiers.")
    assert any(e.cameo_root == "19" and "attack" in e.trigger.text for e in evs), [(e.cameo, e.rule) for e in evs]


def test_dispersing_a_crowd_is_coercion_shooting_at_it_assault(code_sentence):
    evs = code_sentence("Riot police used water cannon to disperse the protesters.")
    assert any(e.cameo == "175" and e.plover_type == "COERCE" for e in evs), [(e.cameo, e.plover_type) for e in evs]


def test_fighting_a_disease_is_no_assault(code_sentence):
    evs = code_sentence("The ministry sent doctors to fight the cholera epidemic in Haiti.")
    assert not any(e.cameo_root in ("18", "19") for e in evs), [(e.cameo, e.rule) for e in evs]


def test_troops_sent_as_peacekeepers_are_protection_not_force(code_sentence):
    evs = code_sentence("Fiji deployed 300 soldiers as peacekeepers to Lebanon.")
    assert any(e.cameo == "074" for e in evs) and not any(e.cameo_root == "15" for e in evs)


def test_agreeing_with_someone_that_is_a_statement_agreeing_to_act_is_not(code_sentence):
    opinion = code_sentence("The minister agreed with the bishops that the law was unfair.")
    assert any(e.cameo == "010" and e.rule.endswith("agree") for e in opinion), [(e.cameo, e.rule) for e in opinion]
    intent = code_sentence("Chile and Peru agreed to open the border.")
    assert any(e.cameo_root == "03" for e in intent)


@pytest.mark.parametrize("text,cameo_root", [
    ("Norway announced a suspension of aid to Malawi.", "16"),
    ("Hackers launched cyber warfare against the Baltic states.", "19"),
    ("The Commission launched legal action against Hungary.", "11"),
    ("A Lima court found the former mayor guilty of bribery.", "11"),
    ("Prosecutors filed charges against the general.", "11"),
    ("The court revoked the ban on the newspaper.", "08"),
    ("Students burned the flag outside the embassy.", "14"),
    ("The governor granted the activist a full pardon.", "08"),  # allowing is yielding, not aid
    ("The ministry gave the charity permission to enter the camp.", "08"),
    ("Chile and Peru agreed a new fisheries accord.", "05"),  # concluding an agreement (057)
    ("Japan pledged its full support for the Philippine government.", "05"),  # endorsing, not an intent
    ("The senator launched a scathing attack on the finance minister.", "11"),  # an attack of words
    ("The mayor attacked the governor, calling him a coward.", "11"),
    ("Activists called for sanctions against the Belarusian regime.", "11"),  # asking to punish X accuses X
    ("Lawmakers demanded an investigation into the ministry's contracts.", "11"),
    ("The president pardoned the jailed journalist.", "08"),  # a pardon frees: yielding, not forgiving words
    ("The government backed down after the protests.", "08"),
    ("Norway remains the largest donor of aid to the refugees.", "07"),  # the copula's subject gives
    ("The militia was responsible for the killings of dozens of villagers.", "19"),
    ("The junta let free two opposition leaders.", "08"),
    ("Japan made available ten million dollars for the flood victims.", "07"),
    ("The rebels declared a cessation of hostilities.", "08"),
    ("Government forces captured the rebel headquarters in the north.", "19"),  # a place taken: occupation
    ("Interpol sent a team to Lagos to investigate the bank fraud.", "09"),  # the purpose is the event
    ("The council failed to renew the arms embargo on Eritrea.", "08"),  # a measure left to lapse eases it
    ("Washington did not extend the sanctions on Belarus.", "08"),
    ("The governor shortened the curfew in the capital.", "08"),
    ("The Red Cross handed over medicines to the hospital in Aleppo.", "07"),
    ("Ghanaian soldiers participate in peacekeeping operations in Mali.", "07"),  # peacekeeping protects
    ("Chile is opposed to the Bolivian proposal on sea access.", "12"),  # opposing a proposal rejects it
    ("The king gave a warm welcome to the visiting Malian president.", "04"),  # a welcome hosts, gives nothing
    ("Indian and Thai warships began five days of joint exercises.", "06"),  # a span of the act
    ("Sweden announced a large increase in funding for Somalia.", "07"),  # a change in the act
    ("The charity flew medicines into the besieged city.", "07"),
])
def test_more_acts_named_by_a_light_verb_or_object(code_sentence, text, cameo_root):
    evs = code_sentence(text)
    assert any(e.cameo_root == cameo_root for e in evs), [(e.cameo, e.rule) for e in evs]
