"""Rule stage of the coder: find trigger candidates and their actor heads in a dependency tree.

Each Candidate says which lexicon entry fired on which tokens, and which tokens head the source and
target phrases, so every event can explain itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from flashpoint.coding.lexicon import Lexicon, VerbEntry
from flashpoint.coding.modality import CONDITION_MARKS
from flashpoint.coding.syntax import NOMINAL_POS, Tree

LIGHT_VERBS = {"hold", "launch", "impose", "carry", "conduct", "stage", "make", "issue", "give", "provide",
               "raise", "express", "offer", "announce", "file", "lodge", "deliver", "begin", "start", "resume",
               "continue", "mount", "unleash", "wage", "order", "approve", "extend", "open", "level", "voice",
               "take", "step", "intensify", "escalate", "end", "lift", "call", "host", "organize", "organise",
               "join", "lead", "slap", "place", "put", "send", "renew", "reach", "strike", "sign", "seal"}
OBJECT_CONTROL = {"urge", "ask", "force", "order", "persuade", "encourage", "invite", "allow", "help", "tell",
                  "press", "pressure", "push", "call", "compel", "warn", "request", "authorize", "instruct"}
RECIPROCAL = {"agree", "meet", "talk", "negotiate", "clash", "fight", "sign", "discuss", "cooperate", "trade",
              "confer", "consult", "reconcile", "battle", "exchange"}
TARGET_PREPS = ("against", "on", "with", "to", "at", "into", "upon", "toward", "towards", "over", "from", "for",
                "in", "between", "of")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
TRANSFER_LEMMAS = {"extradite", "return", "hand", "send", "give", "provide", "deliver", "sell", "supply", "donate",
                   "grant", "offer", "lend", "transfer", "ship", "repatriate", "deploy", "dispatch", "pledge"}
#: verbs by which a speaker conveys his side's stance: "reiterated Turkey's support", "conveyed Pakistan's solidarity"
CONVEYING_VERBS = {"reiterate", "express", "convey", "voice", "reaffirm", "pledge", "promise", "extend", "offer",
                   "renew", "repeat", "underline", "stress", "emphasize", "emphasise"}
#: labels that praise: "called the talks a success"
PRAISE_LABELS = {"success", "friend", "partner", "ally", "hero", "breakthrough", "victory", "step", "achievement",
                 "model", "leader", "champion", "good", "great", "excellent", "positive", "constructive", "productive",
                 "historic", "important", "fruitful", "successful", "brave", "courageous", "wise"}
#: posts named "X to Y" ("the ambassador to Jordan"): Y is part of the title
ENVOY_NOUNS = {"ambassador", "envoy", "representative", "delegate", "consul", "emissary", "attache", "delegation"}
FORCE_NOUNS = {"troop", "troops", "soldier", "force", "forces", "warship", "jet", "fighter", "marine", "tank",
               "battalion", "brigade", "unit", "army", "aircraft", "warplane", "missile", "weapon", "ship",
               "aid", "assistance", "delegation", "envoy", "ambassador", "team", "monitor", "observer", "peacekeeper"}
#: people in the street: who protests as a crowd rather than as an office
CROWD_NOUNS = {"people", "protester", "demonstrator", "resident", "villager", "citizen", "youth", "woman", "man",
               "activist", "supporter", "crowd", "mob", "marcher", "refugee", "prisoner", "inmate", "pensioner",
               "voter", "fan", "parent", "settler", "opponent", "dissident", "monk", "worshipper", "muslim"}
#: verbs whose object comes into being: the object is no target ("established a research centre in Lagos")
CREATION_VERBS = {"establish", "build", "create", "found", "construct", "form", "install", "erect"}
#: verbs whose object is always what is acted on, even a sent kind of actor ("expelled the ambassador")
PATIENT_VERBS = {"expel", "summon", "arrest", "detain", "kill", "kidnap", "abduct", "deport", "execute", "accept"}
#: missions and offices an actor opens or closes: part of the act, not its target
POSTS = {"embassy", "consulate", "mission", "office"}
PARTITIVE_NOUNS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "score",
                   "scores", "number", "group", "member", "some", "many", "several", "most", "all", "rest",
                   "majority", "handful", "band", "family", "son", "daughter", "relative", "wife", "one", "two",
                   "three", "few", "none", "each", "both"}
# what an actor says, wants or does: "rejected the US offer" is aimed at the US
ABSTRACT_NOUNS = {"proposal", "request", "offer", "demand", "plan", "appeal", "ultimatum", "call", "suggestion",
                  "decision", "effort", "resolution", "mediation", "initiative", "policy", "move", "bid", "pressure",
                  "threat", "statement", "remark", "comment", "accusation", "claim", "election", "failure", "change",
                  "action", "aggression", "occupation", "presence", "role", "interference", "involvement",
                  "program", "programme", "plea", "invitation", "ruling", "order", "warning", "criticism",
                  "attempt", "position", "stance", "refusal", "behaviour", "behavior", "conduct", "idea", "vision",
                  "approach", "strategy", "draft", "formula", "roadmap", "terms", "condition", "mandate", "law",
                  "legislation", "measure", "step", "campaign", "goods", "product", "export", "import", "interest",
                  "sovereignty", "independence", "candidacy", "membership", "leadership", "rule", "authority",
                  "petition", "complaint", "motion", "bill", "lawsuit", "suit", "protest", "charge",
                  "allegation", "report", "verdict", "sentence", "ban", "sanction", "nomination", "deal", "agreement"}
#: ending a conflictual act is yielding: ease dissent (strikes, protests), ease sanctions, de-escalate
ENDING_VERBS = {"end", "lift", "halt", "stop", "cease", "abandon", "drop", "suspend", "scrap", "terminate", "remove",
                "rescind", "revoke"}
ENDED_BY_ROOT = {"14": "082", "16": "085", "17": "081", "15": "087", "18": "087", "19": "087", "20": "087",
                 "13": "087",
                 # dropping an investigation, charges, a demand or a rejection is yielding
                 "09": "080", "10": "080", "11": "080", "12": "080",
                 # ending a cooperative act is reducing relations: halt talks, stop aid, cut cooperation
                 "04": "164", "07": "162", "06": "160", "05": "161", "03": "160"}
STATIVE_PASSIVES = {"commit", "determine", "prepare", "resolve", "oppose", "oblige", "dedicate", "bind",
                    "devote", "inclined", "dispose", "poise", "engage", "involve"}
#: nouns naming part of a place: "in parts of Kashmir", "in the outskirts of Kabul"
PLACE_PARTS = {"part", "area", "region", "outskirts", "suburb", "district", "province", "town", "city", "village",
               "centre", "center", "north", "south", "east", "west", "capital", "border", "county", "state"}
#: verbs whose subject takes part in the act named by their "in" phrase: "was involved in ATTACKS on civilians"
PARTICIPATION_VERBS = {"engage", "involve", "participate", "implicate"}
PURPOSE_VERBS = {"protest", "denounce", "demand", "oppose", "condemn", "urge", "call", "press", "seek", "challenge",
                 "reject", "decry", "criticize", "criticise", "slam", "accuse", "defy", "mark", "support", "show"}
LABOUR_NOUNS = {"worker", "union", "employee", "teacher", "doctor", "nurse", "miner", "driver", "staff", "lecturer",
                "pilot", "docker", "farmer", "trucker", "labourer", "laborer", "student", "porter"}
#: speech verbs coded as statements (CAMEO 010) when their speaker is an actor
STATEMENT_VERBS = {"say", "tell", "state", "declare", "add", "note", "stress", "reiterate", "explain", "insist",
                   "argue", "write", "tweet", "comment", "remark", "emphasize", "emphasise", "assert", "claim"}
#: what one fights without violence: "fight the epidemic", "combat corruption"
NON_VIOLENT_FOES = {"epidemic", "pandemic", "disease", "virus", "outbreak", "ebola", "malaria", "cancer", "aids", "hiv",
                    "poverty", "hunger", "famine", "corruption", "inflation", "unemployment", "fire", "wildfire",
                    "blaze", "flood", "drought", "climate", "change", "illiteracy", "crime", "smuggling", "trafficking",
                    "racism", "discrimination", "misinformation", "disinformation", "covid", "coronavirus"}
PEACEKEEPING_WORDS = {"peacekeeping", "peacekeeper", "peace-keeping", "peace-keeper", "peacekeepers"}
#: nouns that count acts: "a round of talks", "a wave of attacks", "a series of raids"
SERIES_NOUNS = {"round", "series", "wave", "spate", "string", "flurry", "campaign",
                # spans and changes of an act: "ten days of war games", "an increase in funding"
                "day", "week", "month", "hour", "year", "increase", "boost", "surge", "expansion", "doubling",
                "package"}
#: verbs of weighing an act not yet decided: CAMEO 014 with the act as what is considered
CONSIDER_VERBS = {"consider", "mull", "weigh", "contemplate", "ponder"}
DEMAND_MODALS = {"must", "should"}
DEMAND_SPEECH = {"say", "tell", "declare", "insist", "state", "conclude", "stress", "add", "reiterate", "argue",
                 "write", "note", "announce", "maintain", "emphasize", "emphasise", "underline", "believe", "feel"}
#: what is "met" when it is satisfied rather than a partner met: "their demands were met", "met the deadline"
MET_NOT_MEETING = {"demand", "need", "requirement", "condition", "target", "goal", "deadline", "criterion",
                   "standard", "obligation", "expectation", "cost", "payment", "quota", "commitment", "request"}
#: prepositions naming what an act is about rather than whom it hits: "sanctions over the crisis"
TOPIC_PREPS = {"over", "for", "about", "regarding"}
#: entity types that measure rather than act: "shortened by one hour", "cut by 10 percent"
MEASURE_ENTS = {"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "TIME", "DATE", "ORDINAL"}
#: predicates that lay blame on the subject of a reported clause: "said X was RESPONSIBLE for the attack"
BLAME_WORDS = {"responsible", "behind", "guilty", "culpable", "blame", "liable", "accountable"}
#: verbs whose object comes to the subject "from" someone: "received aid from Egypt"
RECEIVING_VERBS = {"receive", "get", "obtain", "secure", "win", "face", "draw", "attract", "incur", "suffer", "endure"}
#: verbs made TO someone ABOUT someone else: the one complained about is the target
COMPLAINT_LEMMAS = {"complain", "protest", "appeal"}
#: nouns that claim what someone did, in a "that" clause: "claims that two servicemen abused children"
CLAIM_NOUNS = {"claim", "allegation", "report", "accusation", "charge", "suspicion", "evidence", "rumour", "rumor"}
#: measures that restrict something named after "on": "restrictions on aid", "a ban on rallies"
RESTRICTION_NOUNS = {"restriction", "ban", "curb", "limit", "block", "embargo", "moratorium", "freeze", "cap"}
#: things two sides share, whose "with" names the other side: "borders with Colombia", "ties with Qatar"
SHARED_NOUNS = {"border", "frontier", "tie", "relation", "relationship", "link", "cooperation", "trade",
                "contact", "dialogue", "talk"}
#: quantifiers that are no actor themselves: "some of", "most of", "all of"
QUANTIFIERS = {"some", "most", "all", "many", "several", "each", "any", "part", "much", "none"}
#: acts whose possessive names who undergoes them: "the tanker's release", "his arrest", "Assange's extradition"
PATIENT_NOUNS = {"release", "arrest", "detention", "extradition", "deportation", "expulsion", "execution",
                 "trial", "imprisonment", "jailing", "abduction", "kidnapping", "assassination", "killing",
                 "murder", "torture", "evacuation", "repatriation", "impeachment", "ouster", "dismissal",
                 "pardon", "acquittal", "conviction", "sentencing", "capture"}
#: CAMEO roots of coercion and force, whose object is what was struck: "raided an office", "shelled a village"
FORCE_ROOTS = ("17", "18", "19", "20")
DEEP_TARGET_PREPS = ("to", "for", "with", "among", "against", "on")
LOCATIVE_PREPS = {"in", "near", "inside", "across", "throughout", "into", "around", "outside"}
WEAPON_NOUNS = {"missile", "rocket", "mortar", "shell", "gun", "rifle", "bomb", "drone", "artillery", "grenade",
                "weapon", "explosive", "knife", "machete", "bullet", "gas", "cannon", "firearm", "pistol",
                "munition", "ammunition", "stone", "rock", "baton", "club", "truncheon", "stick", "device"}
#: verbs that move an actor's own forces: "withdrew its troops from Gaza", "mobilized the army"
FORCE_MOVING_VERBS = {"withdraw", "pull", "remove", "redeploy", "deploy", "send", "dispatch", "mobilize", "mobilise",
                      "station", "move", "mass", "amass", "position", "reinforce", "recall", "evacuate", "relocate",
                      "bring", "reduce", "increase", "boost", "strengthen", "raise"}
#: possessives that refer back to the subject: "its troops", "their forces"
OWN_POSSESSIVES = {"its", "their", "his", "her", "our"}
#: verbs whose object is a topic and whose "with" phrase is the partner
TOPIC_VERBS = {"discuss", "negotiate", "debate", "review", "address", "raise", "sign", "coordinate", "share",
               "exchange", "settle", "resolve"}
#: words that make an "attack" one of words: "a scathing attack on the minister"
VERBAL_ATTACK_WORDS = {"scathing", "verbal", "blistering", "stinging", "withering", "personal", "rhetorical",
                       "bitter", "scornful", "vitriolic", "written", "twitter", "media", "political"}
#: participles that say an attack was spoken: "attacked the government, calling it corrupt"
SPEECH_PARTICIPLES = {"call", "accuse", "brand", "label", "describe", "dub", "say", "denounce", "blame", "charge"}
#: verbs that answer someone else's act named by their object: "rejected the appeal of X" (X appealed)
RESPONSE_VERBS = {"reject", "accept", "dismiss", "deny", "refuse", "heed", "ignore", "welcome", "receive",
                  "answer", "consider", "approve", "grant", "uphold", "overturn", "quash", "decline", "spurn",
                  "rebuff", "hear", "review", "examine", "condemn", "criticize", "criticise", "denounce", "slam",
                  "respond"}
#: what two sides can only have with each other: "upgraded their ties", and words saying so: "joint exercises"
RELATION_NOUNS = {"tie", "ties", "relation", "relations", "relationship"}
MUTUAL_WORDS = {"joint", "jointly", "together", "mutual", "bilateral"}
#: gatherings whose parties act through them: "the summit between the EU and Turkey failed to agree"
MEETING_NOUNS = {"summit", "talks", "talk", "meeting", "negotiation", "negotiations", "dialogue", "conference",
                 "consultation", "consultations", "session", "round"}
#: nouns of leaving a place: their own forces are no target, the place left is
WITHDRAWAL_NOUNS = {"withdrawal", "pullout", "pull-out", "pullback", "retreat", "evacuation", "exit", "drawdown"}
SENDING_NOUNS = {"deployment", "dispatch", "sending", "transfer", "delivery", "shipment", "supply", "sale",
                 "redeployment", "posting", "stationing"}
NOUN_TARGET_PREPS = ("on", "against", "with", "to", "between", "of", "at", "into", "for", "over")
NOUN_SOURCE_PREPS = ("by", "from")


@dataclass
class Candidate:
    trigger: int  # token index of the main trigger word
    trigger_lo: int  # token span of the trigger words shown to users
    trigger_hi: int
    cameo: str
    rule: str
    kind: str  # verb | light | noun | model | statement
    governor: int  # token whose modality/attribution applies (the verb for light-verb nouns)
    sources: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    reciprocal: bool = False
    embedded_in: int | None = None  # trigger index of the candidate this one is a complement of
    subordinate: bool = False  # in a clause under another candidate (complement, adverbial, relative)
    dropped: bool = False  # the type model judged the sentence to report no event


class RuleFinder:
    def __init__(self, lexicon: Lexicon, is_actor: Callable[[Tree, int], bool] | None = None,
                 is_place: Callable[[Tree, int], bool] | None = None) -> None:
        self.lex = lexicon
        self.is_actor = is_actor or self._default_is_actor
        self._known_place = is_place or (lambda tree, i: False)

    def is_place(self, tree: Tree, i: int, ents: Collection[str] = ("GPE", "LOC")) -> bool:
        """A named place: tagged so by the parser, or a country or place the actor dictionary knows (the parser
        takes "Mali" in "an army camp in western Mali" for a person)."""
        return tree.tok(i).ent_type in ents or (tree.tok(i).ent_type in ("", "PERSON", "ORG") and self._known_place(tree, i))

    # --- verbs -----------------------------------------------------------------------------------
    def _attached_words(self, tree: Tree, v: int) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in tree.kids[v]:
            if tree.tok(c).dep == "prep" and (po := tree.pobj(c)) is not None and tree.is_time(po):
                continue  # "called the minister on Saturday" is no "call on"
            if tree.tok(c).dep in ("prt", "prep", "advmod", "dative", "agent", "acomp", "dobj", "attr", "xcomp", "oprd",
                                   "ccomp"):
                out.setdefault(tree.lower(c), c)
                for g in tree.children(c, "prep"):  # "pull out of": of hangs off "out"
                    out.setdefault(tree.lower(g), g)
        for _, m in self._for_clauses(tree, v):  # "called FOR Burma to institute reforms"
            out.setdefault("for", m)
        return out

    @staticmethod
    def _for_clauses(tree: Tree, v: int) -> list[tuple[int, int]]:
        """v's clauses opened by "for" ("called for Burma to institute reforms"): (clause verb, the "for")."""
        return [(x, m) for x in tree.children(v, "advcl", "ccomp") for m in tree.children(x, "mark")
                if tree.lower(m) == "for" and m < x]

    def _object_lemmas(self, tree: Tree, v: int, entry: VerbEntry) -> set[str]:
        objs: set[str] = set()
        for c in tree.kids[v]:
            dep = tree.tok(c).dep
            if dep in ("dobj", "attr", "nsubjpass", "oprd"):
                objs.add(tree.lemma(c))
                objs.add(tree.lower(c))
                objs.update(tree.lemma(g) for g in tree.children(c, "compound", "amod"))
                # "handed over 700 kg OF MEDICINE": a measure's stuff is the object
                objs.update(tree.lemma(p) for g in tree.children(c, "prep") if tree.lower(g) == "of"
                            and (p := tree.pobj(g)) is not None)
            if dep == "prep":
                p = tree.pobj(c)
                if p is not None:
                    objs.add(tree.lemma(p))
                    objs.add(tree.lower(p))
                    objs.update(tree.lemma(g) for g in tree.children(p, "compound"))
        return objs

    def match_verb(self, tree: Tree, v: int) -> VerbEntry | None:
        entries = self.lex.verbs.get(tree.lemma(v))
        if not entries:
            return None
        words: dict[str, int] | None = None  # worked out for the first entry that asks for particles
        objs: set[str] | None = None
        for e in entries:
            if e.particles:
                if words is None:
                    words = self._attached_words(tree, v)
                if not all(p in words for p in e.particles):
                    continue
            if e.objects:
                if objs is None:
                    objs = self._object_lemmas(tree, v, e)
                if not (e.objects & objs):
                    continue
            return e
        return None

    def _subjects(self, tree: Tree, v: int, depth: int = 0) -> list[int]:
        if depth > 4:
            return []
        t = tree.tok(v)
        for a in tree.children(v, "agent"):  # "was attacked by rebels", "people evacuated by the U.S."
            p = tree.pobj(a)
            if p is not None and tree.tok(p).ent_type not in MEASURE_ENTS and not tree.is_time(p):
                return [p]  # not "shortened BY ONE HOUR"
        if tree.is_passive(v):
            subj = tree.children(v, "nsubjpass")
            if subj and tree.lemma(v) in STATIVE_PASSIVES:  # "the government is committed to reform"
                return [subj[0]]
            # "was arrested in Rwanda", "expelled from Iran": the state where it was done
            place = self._place_within(tree, [v], preps=("in", "from"), ents=("GPE",))
            if place is not None:
                return [place]
        else:
            subj = tree.children(v, "nsubj")
            if subj:
                s = subj[0]
                if tree.lower(s) in RELATIVE_PRONOUNS and t.dep == "relcl":
                    return [t.head]
                if tree.lemma(s) in WEAPON_NOUNS or not self.is_actor(tree, s):
                    # "missiles fired by the Israeli military struck": who fired them
                    by = [tree.pobj(g) for a in tree.children(s, "acl") if tree.tok(a).tag == "VBN"
                          for g in tree.children(a, "agent")]
                    if by and by[0] is not None and self.is_actor(tree, by[0]):
                        return [by[0]]
                if tree.lemma(s) in MEETING_NOUNS and not self.is_actor(tree, s):
                    # "talks between Kiev and Moscow failed": the parties act
                    between = tree.prep_object(s, "between")
                    if between is not None:
                        return [between]
                return [s]
        if t.head == v:
            return []
        gov = t.head
        if t.dep == "xcomp":
            if tree.lemma(gov) in OBJECT_CONTROL:
                obj = tree.children(gov, "dobj")
                if obj:
                    return obj
                for p in tree.children(gov, "prep"):
                    if tree.lower(p) in ("on", "upon"):
                        po = tree.pobj(p)
                        if po is not None:
                            return [po]
            return self._subjects(tree, gov, depth + 1)
        if t.dep in ("conj", "advcl", "ccomp") and tree.tok(gov).pos in ("VERB", "AUX"):
            if t.dep == "ccomp" and tree.tok(gov).lemma.lower() in ("say", "tell", "announce"):
                return []
            return self._subjects(tree, gov, depth + 1)
        if t.dep == "acomp" and tree.tok(gov).pos in ("VERB", "AUX"):  # "is willing to withdraw"
            return self._subjects(tree, gov, depth + 1)
        if t.dep == "relcl":
            return [gov]
        if t.dep == "acl" and t.tag == "VBN" and tree.children(v, "dobj") and self.is_actor(tree, gov):
            return [gov]  # "The president shortened ... the curfew" misparsed as a participle on "president"
        if t.dep == "acl" and t.tag == "VBG":
            g = tree.tok(gov)
            if not self.is_actor(tree, gov) and g.dep == "dobj" and tree.tok(g.head).pos == "VERB":
                # "parliament passed a resolution criticizing X": who passed the resolution criticizes
                return self._subjects(tree, g.head, depth + 1)
            return [gov]
        if t.dep == "pcomp":  # "by attacking", "after meeting"
            prep = gov
            verb = tree.tok(prep).head
            undergoer = tree.children(verb, "nsubjpass") if verb != prep and tree.is_passive(verb) else []
            if undergoer:
                return undergoer[:1]  # "was arrested for collaborating with Boko Haram": the one arrested
            return self._subjects(tree, verb, depth + 1) if verb != prep else []
        if t.dep == "dobj" and t.pos == "NOUN" and depth > 0 and tree.tok(gov).pos == "VERB":
            return self._subjects(tree, gov, depth + 1)  # "began the process of returning": who began it
        return []

    def _targets(self, tree: Tree, v: int, entry_preps: tuple[str, ...] = (), exclude: int | None = None) -> list[int]:
        """Target head of verb v, in order: the first actor-like phrase among its objects; the actor subject
        of its complement clause ("demanded that the US cancel", "rejected Netanyahu to postpone"); a place
        the action happens in ("violated the ceasefire in Karabakh"); else the first object."""
        cands = self._target_slots(tree, v, entry_preps, exclude)
        if self._creates(tree, v):
            # "set up a company in Berlin": what is created is not acted on; where it is created is
            objs = tree.children(v, "dobj")
            place = self._place_within(tree, [v, *objs])
            if place is not None:
                return [place]
            cands = [h for h in cands if h not in objs]
        for h in cands:
            found = self.actor_within(tree, h)
            if found is not None:
                return self._struck_object(tree, v, found)
        for s in self._complement_subjects(tree, v):
            found = self.actor_within(tree, s)
            if found is not None and found != exclude:
                return [found]
        for h in cands:  # "provide ammunition alongside assistance TO Turkey": an actor deeper in what is acted on
            deep = [x for po in self._deep_pobjs(tree, h, DEEP_TARGET_PREPS)
                    if (x := self.actor_within(tree, po)) is not None and x != exclude]
            if deep:
                return deep[:1]
        place = self._place_within(tree, [v, *cands] + ([exclude] if exclude is not None else []))
        if place is not None:
            return self._struck_object(tree, v, place)
        if cands:
            return cands[:1]
        # "refused to allow the plane to land": a complement's subject as the last resort
        subj = [s for s in self._complement_subjects(tree, v) if tree.tok(s).pos in ("NOUN", "PROPN") and s != exclude]
        return subj[:1] or self._deeper_place(tree, v, exclude)

    def _deeper_place(self, tree: Tree, v: int, exclude: int | None) -> list[int]:
        """With nothing acted on, the one place the act is done in, however deep its phrase: "agreed to set up
        field hospitals in Louisiana", "provided aid for those affected in Yemen". Two places: none."""
        own = set(tree.subtree(exclude)) if exclude is not None else set()
        for s in self._subjects(tree, v):
            own.update(tree.subtree(s))
        place = self._one_place(tree, [i for i in tree.subtree(v) if i not in own])
        return [place] if place is not None else []

    @staticmethod
    def _locative_objects(tree: Tree, words: list[int]) -> list[int]:
        """Objects of the locative prepositions among `words` ("in Yemen", "near Kabul"), in sentence order."""
        return [po for i in words if tree.tok(i).dep == "prep" and tree.lower(i) in LOCATIVE_PREPS
                and (po := tree.pobj(i)) is not None]

    def _one_place(self, tree: Tree, words: list[int]) -> int | None:
        """The one named place among `words`' locative phrases; none if two or none."""
        places = {po for po in self._locative_objects(tree, words) if self.is_place(tree, po) and self.is_actor(tree, po)}
        return next(iter(places)) if len(places) == 1 else None

    def _reading(self, tree: Tree, v: int, code: str) -> str | None:
        """The code a verb's entry takes in its sentence, or None when the verb is no event here."""
        lemma = tree.lemma(v)
        if lemma == "strike" and not tree.children(v, "dobj") and any(
                tree.lemma(s) in LABOUR_NOUNS for s in tree.children(v, "nsubj")):
            return "143"  # "the teachers struck": a labour strike, not an air strike
        if code[:2] == "11" and lemma == "protest" and any(self._crowd(tree, x) for x in self._subjects(tree, v)):
            return "141"  # "thousands protested": a demonstration, not a diplomat's complaint
        if code[:2] == "19" and lemma in ("fight", "combat", "battle", "tackle") and any(
                tree.lemma(o) in NON_VIOLENT_FOES for o in tree.children(v, "dobj")):
            return None  # "to fight the Ebola epidemic", "combat corruption"
        if code[:2] == "04" and lemma == "meet" and any(tree.lemma(o) in MET_NOT_MEETING
                                                      for o in tree.children(v, "dobj", "nsubjpass")):
            return None  # "until their demands are met", "met the deadline": satisfied, not a meeting
        if code[:2] == "14" and lemma == "demonstrate" and tree.children(v, "dobj", "ccomp"):
            return None  # "the funding demonstrates the US commitment", "demonstrates that": shows, no protest
        if lemma in RECEIVING_VERBS and code[:2] == "04" and any(
                self._noun_entry(tree, x) is not None for o in tree.children(v, "dobj")
                for x in (o, *tree.children(o, "conj"))):
            return None  # "received aid from Egypt": the aid is the event, not a visit
        if code[:2] == "14" and lemma in ("stop", "halt", "suspend") and any(
                tree.lemma(o) == "work" and tree.prep_object(o, "of") is not None for o in tree.children(v, "dobj")):
            return "170"  # "stops the work OF aid groups": stopping others from working coerces them, no strike
        if code[:3] == "084" and lemma == "return" and not tree.is_passive(v) and not tree.children(v, "dobj") and not any(
                tree.tok(o).pos in ("NOUN", "PROPN") and not tree.is_time(o) for o in tree.children(v, "npadvmod", "dep", "attr", "oprd")):
            return None  # "negotiators return to Geneva", "returned to the table": going back, nothing handed back
        if code[:2] == "04" and lemma == "call" and (label := self._labelled(tree, v)) is not None:
            # "called the ambassador a very stupid guy", "called him a traitor": naming, not a phone call
            return "051" if label in PRAISE_LABELS else "111"
        if code[:2] == "19" and lemma == "attack" and self._verbal(tree, v):
            return "111"  # "attacked the president, calling him a liar": criticism
        if (code[:2] in ("15", "06") or lemma == "arrive") and any(
                tree.lemma(i) in PEACEKEEPING_WORDS for i in tree.subtree(v)):
            return "074"  # troops sent "as peacekeepers", "to the UN peacekeeping force": protection, not force
        if lemma == "agree" and any(tree.lower(p) == "with" for p in tree.children(v, "prep")) and any(
                tree.lower(m) == "that" and tree.tok(m).dep == "mark" and tree.tok(tree.tok(m).head).dep in (
                    "ccomp", "relcl") for m in tree.subtree(v)):
            return "010"  # "agreed with the Senate that ...": sharing someone's opinion is a statement
        return code

    @staticmethod
    def _labelled(tree: Tree, v: int) -> str | None:
        """The label in "called X a Y" / "called X Y" (lemma of Y), if the verb names someone something."""
        objs = tree.children(v, "dobj", "oprd")
        for o in objs:
            for x in ([o] if tree.tok(o).dep == "oprd" and len(objs) > 1 else []) + tree.children(o, "appos", "oprd"):
                if tree.tok(x).pos in ("NOUN", "ADJ") and not any(tree.lower(d) == "on" for d in tree.children(v, "prt")):
                    return tree.lemma(x)
        for x in tree.children(v, "ccomp", "xcomp"):  # "called the move unconstitutional"
            if tree.tok(x).pos == "ADJ":
                return tree.lemma(x)
        return None

    @staticmethod
    def _crowd(tree: Tree, i: int) -> bool:
        """People in numbers rather than an office: "thousands", "students", "Palestinians", "residents"."""
        t = tree.tok(i)
        return (tree.lemma(i) in CROWD_NOUNS or tree.lemma(i) in PARTITIVE_NOUNS or tree.lemma(i) in LABOUR_NOUNS
                or (t.ent_type == "NORP" and t.tag in ("NNPS", "NNS")))

    @staticmethod
    def _creates(tree: Tree, v: int) -> bool:
        lemma = tree.lemma(v)
        return lemma in CREATION_VERBS or (lemma == "set" and any(tree.lower(p) == "up" for p in tree.children(v, "prt")))

    def _place_within(self, tree: Tree, heads: list[int], preps: Collection[str] = LOCATIVE_PREPS,
                      ents: Collection[str] = ("GPE", "LOC", "FAC")) -> int | None:
        """A named place in a locative phrase on one of the heads: "in the West Bank", "near Kabul"."""
        for h in heads:
            for p in tree.children(h, "prep"):
                if tree.lower(p) not in preps:
                    continue
                po = tree.pobj(p)
                if po is not None and self.is_place(tree, po, ents) and self.is_actor(tree, po):
                    return po
                of = tree.prep_object(po, "of") if po is not None and tree.lemma(po) in PLACE_PARTS else None
                if of is not None and self.is_place(tree, of, ents) and self.is_actor(tree, of):
                    return po  # "a curfew in parts of Kashmir": the parts, in Kashmir
        return None

    @staticmethod
    def _complement_subjects(tree: Tree, v: int) -> list[int]:
        """Subjects of v's complement clauses: "demanded that the US cancel", "refused to allow the plane to land"."""
        return [s for x in tree.children(v, "ccomp", "xcomp") for s in tree.children(x, "nsubj", "nsubjpass")]

    def _target_slots(self, tree: Tree, v: int, entry_preps: tuple[str, ...], exclude: int | None) -> list[int]:
        """Candidate target heads in order of preference."""
        t = tree.tok(v)
        if tree.is_passive(v) and tree.lemma(v) not in STATIVE_PASSIVES:
            subj = tree.children(v, "nsubjpass")
            if subj:
                s = subj[0]
                return [t.head] if tree.lower(s) in RELATIVE_PRONOUNS and t.dep == "relcl" else [s]
        if t.dep == "acl" and t.tag == "VBN" and not tree.children(v, "dobj"):
            return [t.head]  # "people evacuated by the U.S." (with an object of its own it is an active verb)
        objs: list[int] = []
        for dep in ("dative", "iobj", "dobj", "attr", "oprd"):  # oprd: "called the president" misparsed
            for o in tree.children(v, dep):
                if tree.is_time(o) or o == exclude or tree.tok(o).pos not in NOMINAL_POS:
                    continue
                objs.append(t.head if tree.lower(o) in RELATIVE_PRONOUNS and t.dep == "relcl" else o)
        preps: dict[str, int] = {}
        for p in tree.children(v, "prep", "dative"):  # "for new members for two years": not the time
            name, po = tree.lower(p), tree.pobj(p)
            seen = tree.pobj(preps[name]) if name in preps else None
            if name not in preps or (seen is not None and po is not None and not tree.is_time(po) and (
                    tree.is_time(seen) or self.actor_within(tree, seen) is None and self.actor_within(tree, po) is not None)):
                preps[name] = p  # "called for reform and for minorities' rights": the one naming an actor
        for p in tree.children(v, "prt"):
            preps.update({tree.lower(g): g for g in tree.children(p, "prep")})
        order = tuple(p for p in entry_preps if p in preps) + TARGET_PREPS
        pobjs: list[int] = []
        for name in dict.fromkeys(order):
            if name in preps:
                po = tree.pobj(preps[name])
                if po is not None and not tree.is_time(po) and tree.tok(po).pos in NOMINAL_POS and po != exclude:
                    if name == "with" and tree.lemma(po) in WEAPON_NOUNS:
                        continue  # "hit the base with a missile": an instrument
                    pobjs.append(po)
        lemma = tree.lemma(v)
        if lemma in FORCE_MOVING_VERBS:
            # "withdrew its troops from Gaza", "mobilized the army": the mover's own forces are no target;
            # where they go, or the place they leave, is
            own = [o for o in objs if self._own_forces(tree, o)]
            if own:
                objs = [o for o in objs if o not in own]
                away = [tree.pobj(preps[n]) for n in ("from",) if n in preps]
                # "mobilized troops for a battle against X": X, but not the battle itself
                purpose = [tree.pobj(preps["for"])] if "for" in preps else []
                pobjs = [p for p in away if p is not None] + [p for p in pobjs if p not in away and (
                    p not in purpose or self.actor_within(tree, p) is not None)]
        withs = [preps["with"]] if "with" in preps else [p for o in objs for p in tree.children(o, "prep")
                                                            if tree.lower(p) == "with"]
        if lemma in TOPIC_VERBS and withs and (partner := tree.pobj(withs[0])) is not None:
            # "discussed Libya with Trump", "shared evidence with the Chinese": the partner, not the topic
            objs, pobjs = [partner], [o for o in objs + pobjs if o != partner]
        if lemma in COMPLAINT_LEMMAS:
            # "complained to the UN over Israeli air raids": the complaint is about Israel, made to the UN
            about = [p for n in ("about", "over", "against", "of") if n in preps
                     and (p := tree.pobj(preps[n])) is not None and self.actor_within(tree, p) is not None]
            pobjs = about + [p for p in pobjs if p not in about]
        if lemma in TRANSFER_LEMMAS or any(tree.lemma(o) in FORCE_NOUNS for o in objs):
            # "extradited X to Britain", "deployed troops to Poland": the recipient is the target (also when the
            # parse hangs "to ..." on the object: "returned a sculpture of the emperor to the ambassador")
            titled = [o for o in objs if lemma not in TRANSFER_LEMMAS and tree.lemma(o) in ENVOY_NOUNS]
            for o in objs:
                if o in titled:
                    continue  # "received the ambassador TO Jordan": the envoy's title, not where anyone goes
                for p in tree.children(o, "prep"):
                    if tree.lower(p) in ("to", "into"):
                        preps.setdefault(tree.lower(p), p)
            recip = [tree.pobj(preps[n]) for n in ("to", "into", "toward", "towards") if n in preps
                     and preps[n] - 1 not in titled]
            if not recip:
                # "returned dozens of Mayan artifacts to the Embassy": the recipient hangs deeper in the object
                recip = [r for o in objs if o not in titled for r in self._deep_pobjs(tree, o, ("to",))][:1]
            slots = [r for r in recip if r is not None] + objs + pobjs
        else:
            slots = objs + pobjs
        # "called for Burma to institute reforms", "pushed for the US to support": whom the call is made of
        asked = [sj for x, _ in self._for_clauses(tree, v) for sj in tree.children(x, "nsubj", "nsubjpass")
                 if sj != exclude and self.actor_within(tree, sj) is not None]
        slots = asked[:1] + [s for s in slots if s not in asked[:1]]
        # "threatened to arm North Korea": the complement's object is the target
        for x in tree.children(v, "xcomp", "advcl"):
            if tree.tok(x).dep == "xcomp" or any(tree.lower(a) == "to" for a in tree.children(x, "aux")):
                slots += self.clause_targets(tree, x)
        return list(dict.fromkeys(slots))

    @staticmethod
    def _deep_pobjs(tree: Tree, h: int, names: tuple[str, ...]) -> list[int]:
        """Objects of prepositions `names` anywhere in h's noun phrase, through its own prepositional phrases
        and conjuncts but not into clauses: "dozens of artifacts TO the embassy"."""
        out: list[int] = []
        todo = [h]
        while todo:
            x = todo.pop(0)
            for c in tree.kids[x]:
                dep = tree.tok(c).dep
                if dep == "prep":
                    po = tree.pobj(c)
                    if po is None or tree.lower(c) in ("including", "like", "such", "except", "as"):
                        continue  # "dozens of members, including their chief": the same people, named
                    if tree.lower(c) in names:
                        out.append(po)
                    todo.append(po)
                elif dep in ("conj", "appos"):
                    todo.append(c)
        return out

    @staticmethod
    def _own_forces(tree: Tree, o: int) -> bool:
        """Forces with no owner but the subject: "its troops", "the army", "more soldiers" (not "Russian troops",
        "the rebels' fighters", which name whose forces they are)."""
        if tree.lemma(o) in PARTITIVE_NOUNS:  # "thousands of troops"
            of = tree.prep_object(o, "of")
            return of is not None and RuleFinder._own_forces(tree, of)
        if tree.lemma(o) not in FORCE_NOUNS and tree.lower(o) not in FORCE_NOUNS:
            return False
        for c in tree.kids[o]:
            dep = tree.tok(c).dep
            if dep == "poss" and tree.lower(c) not in OWN_POSSESSIVES:
                return False
            if dep in ("amod", "compound", "nmod") and tree.tok(c).ent_type in ("NORP", "GPE", "ORG"):
                return False
            if dep == "prep" and tree.lower(c) == "of":
                return False
        return True

    def actor_within(self, tree: Tree, h: int, depth: int = 0) -> int | None:
        """h if it is an actor, else an actor inside its phrase: "Trump's plan", "crimes by Croat forces"."""
        if self.is_actor(tree, h):
            return h
        if tree.lemma(h) in SHARED_NOUNS:  # "closed Venezuela's borders WITH Colombia": the other side
            partner = tree.prep_object(h, "with")
            found = self.actor_within(tree, partner, depth + 1) if partner is not None else None
            if found is not None:
                return found
        if tree.lower(h) in QUANTIFIERS:  # "some of its restrictions on aid to North Korea": look through "some"
            of = tree.prep_object(h, "of")
            return self.actor_within(tree, of, depth) if of is not None else None
        if depth >= 2:
            return None
        for c in tree.kids[h]:
            dep = tree.tok(c).dep
            if dep == "poss" or (dep in ("amod", "compound") and tree.tok(c).ent_type in ("NORP", "GPE", "ORG")):
                if not self.is_actor(tree, c):
                    if tree.tok(c).pos == "PRON":
                        continue  # "its restrictions on aid to North Korea": look on inside the phrase
                    return None
                # "rejected Israel's proposal": the proposer; "defaced Danish Web sites": the whole phrase
                return c if tree.lemma(h) in ABSTRACT_NOUNS else h
        for c in tree.children(h, "prep"):
            if tree.lower(c) in ("of", "by", "against", "on", "to", "from", "with", "for"):
                po = tree.pobj(c)
                if po is not None:
                    found = self.actor_within(tree, po, depth + 1)
                    if found is not None:
                        if tree.lower(c) == "of" and (tree.lemma(h) in PARTITIVE_NOUNS or tree.tok(h).ent_type
                                                      in ("CARDINAL", "QUANTITY")):
                            return h  # "dozens of demonstrators", "members of Hamas": the whole phrase
                        return found
        for a in tree.children(h, "acl"):  # "sanctions imposed on India", "aid meant for Yemen"
            if tree.tok(a).tag != "VBN":
                continue
            if tree.tok(h).pos in ("NOUN", "PROPN"):
                # "rejected an offer made by the Taliban", "violations committed by the police": who did it
                by = next((tree.pobj(g) for g in tree.children(a, "agent")), None)
                found = self.actor_within(tree, by, depth + 1) if by is not None else None
                if found is not None:
                    return found
            for c in tree.children(a, "prep"):
                if tree.lower(c) in ("on", "against", "to", "for", "upon"):
                    po = tree.pobj(c)
                    if po is not None:
                        found = self.actor_within(tree, po, depth + 1)
                        if found is not None:
                            return found
        if depth == 0 and tree.tok(h).pos == "NOUN":
            for c in tree.children(h, "conj"):  # "the act of aggression and the threats made by the US"
                found = self.actor_within(tree, c, depth + 1)
                if found is not None and found != c:
                    return found
        return None

    def condition_subject(self, tree: Tree, v: int) -> int | None:
        """The actor a threat or refusal is aimed at through its condition: "will not lift the embargo until Cuba
        reforms", "threatened to strike unless Washington lifts its sanctions", "if Israel did not comply"."""
        t = tree.tok(v)
        verbs = [v, *tree.children(v, "xcomp", "ccomp")] + ([t.head] if t.dep == "xcomp" else [])
        for x in verbs:
            for a in tree.children(x, "advcl"):
                marks = [m for m in tree.children(a, "mark") if tree.lower(m) in CONDITION_MARKS]
                if not marks:
                    continue
                # "until their demands are met by the ministry": who must meet them
                doers = [po for g in tree.children(a, "agent") if (po := tree.pobj(g)) is not None]
                for s in doers + tree.children(a, "nsubj", "nsubjpass"):
                    if s in doers:
                        found = self.actor_within(tree, s)
                        if found is not None:
                            return found
                        continue
                    if not marks[0] < s < a or any(tree.tok(i).text == "," for i in range(marks[0], s)):
                        continue  # a subject outside "unless ... lifts", or after a comma, is a misparse
                    found = self.actor_within(tree, s)
                    if found is not None:
                        return found
        return None

    @staticmethod
    def _default_is_actor(tree: Tree, h: int) -> bool:
        return tree.tok(h).ent_type in ("PERSON", "ORG", "GPE", "NORP")

    def clause_targets(self, tree: Tree, v: int) -> list[int]:
        """Targets of a verb, looking through a light verb's noun trigger ("impose sanctions ON X")."""
        light = self._light_noun(tree, v) if tree.lemma(v) in LIGHT_VERBS else None
        if light is not None:
            noun = light[0]
            own = self._noun_targets(tree, noun)
            if own and (self.is_actor(tree, own[0]) or not any(
                    own[0] in tree.subtree(p) for p in tree.children(noun, "prep") if tree.lower(p) in TOPIC_PREPS)):
                return own
            # "imposed sanctions over the crisis on Myanmar's generals": an actor on the verb beats a topic
            verbs = self._verb_targets_excluding(tree, v, noun)
            return verbs if verbs and self.is_actor(tree, verbs[0]) else own or verbs
        return self._targets(tree, v)

    def verb_candidates(self, tree: Tree) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in tree.toks:
            if tok.pos != "VERB" and not (tok.pos == "AUX" and (tok.dep == "ROOT" or tree.children(tok.i, "acomp"))):
                continue  # a copula counts when it is the root or has a predicate ("said France is ready to")
            if self._noun_as_verb(tree, tok.i) or tok.dep == "amod" or (
                    tok.dep == "compound" and tok.i > 0 and tree.tok(tok.i - 1).text == "-"):
                continue  # "Iran-backed militias", "the PROTESTING drivers": a description, not an event
            entry = self.match_verb(tree, tok.i)
            lemma = tree.lemma(tok.i)
            light = self._light_noun(tree, tok.i) if lemma in LIGHT_VERBS or lemma in ENDING_VERBS else None
            ended = self._ended(tree, tok.i, light[1]) if light is not None else None
            if light is not None and ended is None and (
                    lemma in ENDING_VERBS or (lemma == "call" and tree.children(tok.i, "prt"))):
                light = None  # an ending verb whose noun has no ending code: the verb's own entry decides
            if light is not None and (entry is None or not entry.objects):
                noun, nentry_code, nrule = light
                lo, hi = min(tok.i, noun), max(tok.i, noun) + 1
                lrule = f"light:{lemma}+{nrule}"
                if ended is not None:  # "ended its attacks" is a de-escalation, "ended talks" a cut
                    nentry_code, lrule = ended, f"light-end:{lemma}+{nrule}"
                cand = Candidate(noun, lo, hi, nentry_code, lrule, "light", tok.i)
                cand.sources = self._subjects(tree, tok.i)
                cand.targets = self.clause_targets(tree, tok.i)
                out.append(cand)
                continue
            if entry is None:
                continue
            hi = tok.i + 1
            for c in tree.kids[tok.i]:
                if tree.tok(c).dep == "prt" and tree.lower(c) in entry.particles:
                    hi = max(hi, c + 1)
            code = self._reading(tree, tok.i, entry.cameo)
            if code is None:
                continue
            cand = Candidate(tok.i, tok.i, hi, code, entry.rule, "verb", tok.i)
            cand.sources = self._subjects(tree, tok.i)
            cand.targets = self._targets(tree, tok.i, tuple(p for p in entry.particles))
            if entry.objects:
                # "hold talks with X": the object is part of the trigger, the target hangs off it
                objs = [o for o in tree.children(tok.i, "dobj", "attr") if tree.lemma(o) in entry.objects
                        or tree.lower(o) in entry.objects or any(  # "violated the CEASEFIRE agreement"
                            tree.lemma(m) in entry.objects for m in tree.children(o, "compound", "amod"))]
                objs += [po for p in tree.children(tok.i, "prep") if tree.lower(p) in entry.particles
                         and (po := tree.pobj(p)) is not None and tree.lemma(po) in entry.objects]
                if objs:
                    cand.trigger_hi = max(cand.trigger_hi, objs[0] + 1)
                    inner = self.actor_within(tree, objs[0]) if tree.lemma(objs[0]) != "state" else None
                    partner = tree.prep_object(tok.i, "with") if tree.lemma(objs[0]) in SHARED_NOUNS else None
                    other = self.actor_within(tree, partner) if partner is not None else None
                    if other is not None:
                        inner = other  # "closed its borders ... with Colombia"
                    to = tree.prep_object(tok.i, "to", ("prep", "dative"))
                    if lemma in TRANSFER_LEMMAS and to is not None and self.is_actor(tree, to):
                        inner = to  # "returned a sculpture of an emperor to the ambassador": the recipient
                    if inner is None and lemma in PATIENT_VERBS and tree.tok(objs[0]).pos in ("NOUN", "PROPN"):
                        inner = objs[0]  # "expelled all UNSCOM weapons inspectors": whoever is expelled
                    if inner is not None and (lemma in PATIENT_VERBS or tree.lemma(objs[0]) not in FORCE_NOUNS | POSTS):
                        # "expelled UN inspectors", "banned Pakistani newspapers": the object is acted on
                        # ("declared a state of siege": a state that is no government)
                        cand.targets = [inner]
                        out.append(cand)
                        continue
                    dative = [d for d in tree.children(tok.i, "dative") if self.is_actor(tree, d)]
                    cand.targets = dative[:1] or self._noun_targets(tree, objs[0]) or [
                        t for t in self._targets(tree, tok.i, exclude=objs[0]) if t != objs[0]]
                    if cand.targets and not self.is_actor(tree, cand.targets[0]):
                        # "declared a state of siege in Katanga": the place rather than the siege
                        place = self._place_within(tree, [tok.i, objs[0], *cand.targets])
                        if place is not None:
                            cand.targets = [place]
            out.append(cand)
        return out

    def _struck_object(self, tree: Tree, v: int, place: int) -> list[int]:
        """What force was used on, rather than the place it stands in: "attacked a police station in Kenya" is
        an attack on the station (coded with Kenya by the actor resolver), not on Kenya."""
        t = tree.tok(place)
        if not self.is_place(tree, place) or t.dep != "pobj" or tree.lower(t.head) not in LOCATIVE_PREPS:
            return [place]
        objs = [o for o in tree.children(v, "dobj") if tree.tok(o).pos == "NOUN" and not tree.is_time(o)
                and tree.lemma(o) not in WEAPON_NOUNS and o != place and self._noun_entry(tree, o) is None]
        if not objs:
            return [place]
        entry = self.match_verb(tree, v)  # "imposed a curfew in X": the object is part of the act
        code = self._reading(tree, v, entry.cameo) if entry is not None else None
        if entry is None or code is None or code[:2] not in FORCE_ROOTS or tree.lemma(objs[0]) in entry.objects:
            return [place]
        return objs[:1]

    @staticmethod
    def _noun_as_verb(tree: Tree, v: int) -> bool:
        """A noun the parser took for a bare verb: "ending its fisheries DISPUTE with" (no subject, no "to", no
        aux, right after a noun), or one with a determiner ("evacuated THE WOUNDED")."""
        t = tree.tok(v)
        if t.dep in ("dobj", "nsubj", "nsubjpass", "pobj") and any(tree.tok(k).dep == "det" and k < v for k in tree.kids[v]):
            return True
        if t.dep not in ("advcl", "conj", "dep") or t.tag not in ("VB", "VBP") or v == 0:
            return False
        if any(tree.tok(k).dep in ("nsubj", "nsubjpass", "aux", "auxpass", "mark", "neg") for k in tree.kids[v]):
            return False
        return tree.tok(v - 1).pos == "NOUN" and tree.tok(v - 1).dep in ("dobj", "pobj", "compound")

    @staticmethod
    def _ended(tree: Tree, v: int, code: str) -> str | None:
        """The CAMEO code when verb v ends an act: yielding for conflict, reducing relations for cooperation."""
        lemma = tree.lemma(v)
        if not (lemma in ENDING_VERBS or (lemma == "call" and any(
                tree.lower(p) == "off" for p in tree.children(v, "prt")))):
            return None
        return ENDED_BY_ROOT.get(code[:2])

    def _verb_targets_excluding(self, tree: Tree, v: int, noun: int) -> list[int]:
        # the noun trigger, and a series or change noun it hangs under ("an increase in FUNDING"), are the act
        series = [a for a in tree.ancestors(noun)[:2] if tree.lemma(a) in SERIES_NOUNS and tree.tok(a).head == v]
        top = series[0] if series else noun
        return [t for t in self._targets(tree, v, exclude=top) if t not in (noun, top)]

    def _light_noun(self, tree: Tree, v: int) -> tuple[int, str, str] | None:
        for c in tree.kids[v]:
            if tree.tok(c).dep in ("dobj", "nsubjpass", "attr"):
                e = self._noun_entry(tree, c)
                if e is not None:
                    return c, e[0], e[1]
                if tree.lemma(c) in SERIES_NOUNS:  # "began a new round of joint exercises"
                    for p in tree.children(c, "prep"):
                        po = tree.pobj(p) if tree.lower(p) in ("of", "in") else None
                        e = self._noun_entry(tree, po) if po is not None else None
                        if e is not None:
                            return po, e[0], e[1]  # type: ignore[return-value]
        return None

    def _noun_entry(self, tree: Tree, n: int) -> tuple[str, str] | None:
        if tree.tok(n).pos not in ("NOUN", "PROPN"):
            return None
        lem = tree.lemma(n)
        for c in tree.children(n, "compound", "amod"):
            two = f"{tree.lemma(c)} {lem}"
            if two in self.lex.nouns:
                e = self.lex.nouns[two]
                return e.cameo, e.rule
        e = self.lex.nouns.get(lem) or self.lex.nouns.get(tree.lower(n))
        t = tree.tok(n)
        aimed = [*tree.children(n, "prep"), *(tree.children(t.head, "prep") if t.dep == "dobj" else ())]
        strikers = [s for s in tree.children(t.head, "nsubj")] if t.dep == "dobj" else []
        if e is not None and lem == "strike" and e.cameo.startswith("14") and not any(
                tree.lemma(s) in LABOUR_NOUNS or self._crowd(tree, s) for s in strikers) and any(
                tree.lower(p) in ("on", "against") for p in aimed):
            # "a strike on a school bus", "carried out strikes against Hamas targets": an attack, not a walkout
            return "195", f"{e.rule}+on"
        if e is not None and e.cameo.startswith("19") and self._verbal(tree, n):
            return "111", f"{e.rule}+verbal"  # "a scathing attack on the minister, calling him ...": criticism
        return (e.cameo, e.rule) if e else None

    @staticmethod
    def _verbal(tree: Tree, n: int) -> bool:
        """An attack made of words: "a scathing attack", or one whose verb goes on "calling them ..."."""
        if any(tree.lemma(m) in VERBAL_ATTACK_WORDS for m in tree.children(n, "amod", "compound")):
            return True
        t = tree.tok(n)
        gov = t.head if t.dep in ("dobj", "pobj") else n
        return any(tree.lemma(x) in SPEECH_PARTICIPLES and tree.tok(x).tag == "VBG"
                   for x in tree.children(gov, "advcl", "xcomp", "conj"))

    # --- nouns -----------------------------------------------------------------------------------
    def _noun_targets(self, tree: Tree, n: int) -> list[int]:
        if tree.lemma(n) in PATIENT_NOUNS:
            owner = [p for p in tree.children(n, "poss") if self.actor_within(tree, p) is not None or tree.tok(p).pos == "PRON"]
            if owner:
                return owner[:1]  # "ordered the tanker's RELEASE", "demanded his RELEASE"
        preps = {tree.lower(p): p for p in tree.children(n, "prep")}
        of = tree.pobj(preps["of"]) if "of" in preps else None
        if of is not None and tree.lemma(n) in SENDING_NOUNS and tree.lemma(of) in FORCE_NOUNS:
            # "the deployment of 230 troops to Liberia": the troops are sent, Liberia is the target
            for p in tree.children(of, "prep"):
                preps.setdefault(tree.lower(p), p)
            dest = [tree.pobj(preps[x]) for x in ("to", "into", "in") if x in preps]
            if any(d is not None for d in dest):
                return [next(d for d in dest if d is not None)]
        if of is not None and tree.lemma(n) in WITHDRAWAL_NOUNS and self._own_forces(tree, of):
            # "began its withdrawal of soldiers from Georgia": the place left, not the withdrawer's own troops
            away = [po for x in (n, of) if (po := tree.prep_object(x, "from")) is not None
                    and self.actor_within(tree, po) is not None]
            if away:
                return away[:1]
        slots: list[int] = []
        for name in NOUN_TARGET_PREPS:
            if name in preps:
                po = tree.pobj(preps[name])
                if po is not None and not tree.is_time(po) and tree.tok(po).pos in ("PROPN", "NOUN", "PRON"):
                    if name == "with" and tree.lemma(po) in WEAPON_NOUNS:
                        continue
                    slots.append(po)
        for po in slots:  # "a suspension of flights with Morocco": the actor inside the phrase
            found = self.actor_within(tree, po)
            if found is None and tree.lemma(po) in ABSTRACT_NOUNS | CLAIM_NOUNS:
                found = self._clause_subject(tree, po)  # "an investigation into claims that soldiers abused"
            if found is not None:
                return [found]
        said = self._clause_subject(tree, n)
        return [said] if said is not None and not slots else slots[:1]

    def _clause_subject(self, tree: Tree, n: int) -> int | None:
        """The actor subject of a noun's "that" clause: "its demand that Israel ease", "claims that soldiers beat"."""
        for x in tree.children(n, "acl", "ccomp", "relcl"):
            if not any(tree.lower(m) == "that" and tree.tok(m).dep == "mark" for m in tree.kids[x]):
                continue
            for s in tree.children(x, "nsubj", "nsubjpass"):
                found = self.actor_within(tree, s)
                if found is not None:
                    return found
        return None

    def _noun_sources(self, tree: Tree, n: int) -> list[int]:
        poss = tree.children(n, "poss")
        if poss:
            return poss
        for c in tree.children(n, "amod", "compound"):
            if tree.tok(c).ent_type in ("NORP", "GPE", "ORG") or tree.tok(c).pos == "PROPN":
                return [c]
            if tree.tok(c).dep == "compound" and tree.tok(c).pos == "NOUN" and self.is_actor(tree, c):
                return [c]  # "a Syrian REGIME offensive", "a police raid"
            if tree.lemma(c) in ("lead", "led", "back", "backed", "sponsor", "sponsored"):  # "a Saudi-led strike"
                leader = [x for x in tree.children(c, "npadvmod", "compound", "nmod", "amod") if self.is_actor(tree, x)]
                if leader:
                    return leader[:1]
        preps = {tree.lower(p): p for p in tree.children(n, "prep")}
        for name in NOUN_SOURCE_PREPS:
            if name in preps:
                po = tree.pobj(preps[name])
                if po is not None:
                    return [po]
        return []

    def _victim(self, tree: Tree, n: int) -> list[int]:
        """Who died of the violence a noun names: "the prisoner died after torture", "died as a result of the
        beating"."""
        for a in tree.ancestors(n)[:5]:
            if tree.lemma(a) in ("die", "succumb", "perish"):
                return [s for s in tree.children(a, "nsubj") if self.is_actor(tree, s)][:1]
            if tree.tok(a).pos == "VERB":
                return []
        return []

    def _bearer(self, tree: Tree, n: int) -> list[int]:
        """Who a copula says does the act a noun names: "X remains the largest DONOR of aid", "X is
        responsible for mass KILLINGS"."""
        t = tree.tok(n)
        head = t.head
        if t.dep == "pobj" and tree.lower(head) == "in" and tree.lemma(tree.tok(head).head) in PARTICIPATION_VERBS:
            return [s for s in self._subjects(tree, tree.tok(head).head) if self.is_actor(tree, s)][:1]
        if t.dep == "pobj" and tree.lower(head) == "for" and tree.lemma(tree.tok(head).head) in ("responsible", "blame"):
            head = tree.tok(tree.tok(head).head).head if tree.tok(tree.tok(head).head).dep == "acomp" else head
        elif t.dep == "pobj" and tree.lower(head) == "of" and tree.tok(tree.tok(head).head).dep == "attr":
            head = tree.tok(tree.tok(head).head).head  # "X is ONE OF the largest DONORS"
        elif t.dep != "attr":
            return []
        if tree.lemma(head) not in ("be", "remain", "become", "hold"):
            return []
        return [s for s in tree.children(head, "nsubj") if self.is_actor(tree, s)][:1]

    def noun_candidates(self, tree: Tree, used: set[int]) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in tree.toks:
            if tok.i in used or tok.pos != "NOUN":
                continue
            e = self._noun_entry(tree, tok.i)
            if e is None or self._restricted(tree, tok.i):
                continue
            sources = self._noun_sources(tree, tok.i)
            obj = tok.head if tok.dep == "conj" and tree.tok(tok.head).dep == "dobj" else tok.i  # "logistics and SUPPORT"
            getter = tree.tok(obj).head
            received = tree.tok(obj).dep == "dobj" and tree.lemma(getter) in RECEIVING_VERBS
            if received and not sources:
                # "Sudan received aid from Egypt": Egypt gives, Sudan gets
                giver = tree.prep_object(getter, "from")
                sources = [giver] if giver is not None else []
            answered = tok.dep == "dobj" and tree.lemma(tok.head) in RESPONSE_VERBS
            if not sources and answered:
                # "the court rejected the appeal of a student": the student appealed, not the court
                of = tree.prep_object(tok.i, "of")
                sources = [of] if of is not None and self.is_actor(tree, of) else []
            if not sources and not answered and not received and tok.dep == "dobj" and tree.tok(tok.head).pos == "VERB":
                sources = self._subjects(tree, tok.head)  # "Erdogan commenced assaults on ..."
            elif sources and tok.dep == "dobj" and tree.lemma(tok.head) in CONVEYING_VERBS and \
                    tree.tok(sources[0]).dep == "poss" and tree.tok(sources[0]).pos != "PRON":
                # "the minister reiterated Ethiopia's support": the speaker conveys it for his country
                speakers = [x for x in self._subjects(tree, tok.head) if self.is_actor(tree, x)]
                sources = speakers[:1] or sources
            if not sources:
                sources = self._bearer(tree, tok.i)
            targets = self._noun_targets(tree, tok.i)
            if e[0][:3] in ("087", "084") or e[0][:4] == "0871":
                # "their withdrawal FROM Gorazde", "a ceasefire IN Somalia", "the release OF the tanker" (the
                # withdrawer's own troops are left out by _noun_targets)
                where = [po for n in ("from", "in") if (po := tree.prep_object(tok.i, n)) is not None
                         and self.actor_within(tree, po) is not None]
                targets = targets if targets and self.is_actor(tree, targets[0]) else (where[:1] or targets)
            if tree.lemma(tok.i) in PATIENT_NOUNS and sources and tree.tok(sources[0]).dep == "poss":
                # "ordered the Iranian tanker's RELEASE", "his ARREST": the owner undergoes it
                targets, sources = sources, (self._subjects(tree, tok.head) if tok.dep == "dobj" else [])
            if received and sources:
                # "Iran faces criticism from the UN over its detentions": who gets it is the target, not the topic
                getters = [g for g in self._subjects(tree, getter) if self.is_actor(tree, g)]
                targets = getters[:1] or targets or self._subjects(tree, getter)
            elif not targets and tok.dep == "dobj" and tree.tok(tok.head).pos == "VERB":
                # "staged rallies in the capital against the party's leader": the verb carries the noun's target
                on_verb = self._verb_targets_excluding(tree, tok.head, tok.i)
                targets = on_verb[:1] if on_verb and self.is_actor(tree, on_verb[0]) else []
            if not targets and e[0][:2] in ("18", "19", "20"):
                targets = self._victim(tree, tok.i)
            if not sources and tok.dep in ("nsubj", "nsubjpass"):
                continue
            if not sources and not targets:
                continue
            gov = tok.head if tok.dep in ("dobj", "pobj") else tok.i
            if tok.dep == "pobj" and tree.tok(gov).head != gov and tree.tok(tree.tok(gov).head).pos in ("VERB", "AUX"):
                gov = tree.tok(gov).head  # "willing to provide arms alongside AID": the verb's modality applies
            cand = Candidate(tok.i, tok.i, tok.i + 1, e[0], e[1], "noun", gov)
            cand.sources = sources
            cand.targets = [t for t in targets if t not in sources]
            out.append(cand)
        return out

    @staticmethod
    def _restricted(tree: Tree, n: int) -> bool:
        """A noun naming what a restriction is on is no event: "restrictions ON humanitarian ASSISTANCE"."""
        t = tree.tok(n)
        if t.dep != "pobj" or tree.lower(t.head) not in ("on", "against") or t.head == n:
            return False
        return tree.lemma(tree.tok(t.head).head) in RESTRICTION_NOUNS

    def _direct_actor_target(self, tree: Tree, c: Candidate) -> bool:
        """Has c an actor target of its own (not a thing, not one borrowed from a complement clause)?"""
        if not c.targets or not self.is_actor(tree, c.targets[0]):
            return False
        t = tree.tok(c.targets[0])
        if t.dep == "pobj" and tree.lower(t.head) in LOCATIVE_PREPS:
            return False  # "held talks in Tokyo": a place, not a partner
        path = tree.ancestors(c.targets[0])
        stop = path.index(c.governor) if c.governor in path else len(path)
        return not any(tree.tok(a).dep in ("xcomp", "ccomp", "advcl") for a in path[:stop])

    def demand_candidates(self, tree: Tree) -> list[Candidate]:
        """"Russia says Israel must end its attacks": the speaker demands something of the clause's subject."""
        out: list[Candidate] = []
        for tok in tree.toks:
            if tok.dep != "aux" or tree.lower(tok.i) not in DEMAND_MODALS:
                continue
            v = tok.head
            if tree.tok(v).dep != "ccomp":
                continue
            say = tree.tok(v).head
            if tree.lemma(say) not in DEMAND_SPEECH or tree.tok(say).pos != "VERB":
                continue
            subj = tree.children(v, "nsubj", "nsubjpass")
            if not subj or tree.lower(subj[0]) in ("it", "there", "we", "i", "this", "that"):
                continue
            cand = Candidate(say, say, say + 1, "100", f"pattern:{tree.lemma(say)}+{tree.lower(tok.i)}", "verb", say)
            cand.sources = self._subjects(tree, say)
            cand.targets = [self.actor_within(tree, subj[0]) or subj[0]]
            if cand.sources and cand.targets[0] not in cand.sources:
                out.append(cand)
        return out

    def _purpose_target(self, tree: Tree, c: Candidate) -> int | None:
        """Whom a protest is aimed at, from what it is for: "went on strike, protesting the government's
        decision", "rallied in protest against the junta", "marched, demanding that the minister resign"."""
        heads = list(dict.fromkeys([c.governor, c.trigger]))
        for h in heads:
            for x in tree.children(h, "advcl", "xcomp", "acl", "conj"):
                if tree.lemma(x) in PURPOSE_VERBS:
                    for t in self._targets(tree, x):
                        # "to press their demands for reforms from the government": whom the demands address
                        inner = [a for a in self._noun_targets(tree, t) if self.is_actor(tree, a)]
                        found = self.actor_within(tree, t) or (inner[0] if inner else None)
                        if found is not None:
                            return found
            for p in tree.children(h, "prep"):
                po = tree.pobj(p)
                if po is None or tree.lemma(po) not in ("protest", "opposition", "defiance", "response"):
                    continue
                for q in tree.children(po, "prep"):
                    if tree.lower(q) in ("of", "against", "at", "over", "to"):
                        inner = tree.pobj(q)
                        found = self.actor_within(tree, inner) if inner is not None else None
                        if found is not None:
                            return found
        return None

    def statement_candidates(self, tree: Tree, taken: set[int]) -> list[Candidate]:
        """Statements are events too (CAMEO 010, no PLOVER type): "Russia's foreign minister said on Monday
        that ...", with the speaker as source and, where the statement is about an actor, that actor as
        target. Only speakers that are actors, and only speech verbs no other rule has taken."""
        out: list[Candidate] = []
        for tok in tree.toks:
            if tok.pos != "VERB" or tok.i in taken or tree.lemma(tok.i) not in STATEMENT_VERBS:
                continue
            if tok.dep == "xcomp" and tok.head in taken:
                continue  # "declined to COMMENT": part of the other rule's trigger
            srcs = [s for s in self._subjects(tree, tok.i) if self.is_actor(tree, s)]
            if not srcs:
                continue
            cand = Candidate(tok.i, tok.i, tok.i + 1, "010", f"statement:{tree.lemma(tok.i)}", "statement", tok.i)
            cand.sources = srcs[:1]
            for x in tree.children(tok.i, "dative", "dobj", "ccomp"):
                about = x if tree.tok(x).dep != "ccomp" else next(iter(tree.children(x, "nsubj", "nsubjpass")), None)
                found = self.actor_within(tree, about) if about is not None else None
                if found is not None and found not in srcs and not tree.is_time(found):
                    cand.targets = [found]
                    if tree.tok(x).dep == "ccomp" and self._blamed(tree, x):
                        # "the government said Taliban militants were responsible": an accusation
                        cand.cameo, cand.rule = "112", f"{cand.rule}+blame"
                    break
            out.append(cand)
        for tok in tree.toks:  # "Seoul is considering sending aid to the North": CAMEO 014, consider an option
            if tok.pos != "VERB" or tok.i in taken or tree.lemma(tok.i) not in CONSIDER_VERBS:
                continue
            acts = [x for x in tree.children(tok.i, "xcomp", "ccomp", "dobj") if tree.tok(x).tag == "VBG"]
            srcs = [s for s in self._subjects(tree, tok.i) if self.is_actor(tree, s)]
            if not acts or not srcs:
                continue
            cand = Candidate(tok.i, tok.i, tok.i + 1, "014", f"statement:{tree.lemma(tok.i)}", "statement", tok.i)
            cand.sources = srcs[:1]
            cand.targets = [t for t in self.clause_targets(tree, acts[0]) if t not in srcs][:1]
            out.append(cand)
        return out

    @staticmethod
    def _blamed(tree: Tree, x: int) -> bool:
        """A clause that lays blame on its subject: "X was responsible for", "X is behind the attack", "X is to
        blame", "X was guilty of"."""
        if tree.lemma(x) != "be" or any(tree.tok(k).dep == "neg" for k in tree.kids[x]):
            return False
        return any(tree.lower(k) in BLAME_WORDS and tree.tok(k).dep in ("acomp", "prep", "attr", "xcomp")
                   for k in tree.kids[x])

    def _parties(self, tree: Tree, c: Candidate) -> int | None:
        """Whom a mediator mediates between, however deep: "a mediation effort to end the conflict between
        Sudan and South Sudan", "designed to help the government and the rebels reach a settlement"."""
        own = {i for s in c.sources for i in tree.subtree(s)}
        for i in tree.subtree(c.governor):
            if i in own:
                continue
            if tree.tok(i).dep == "prep" and tree.lower(i) == "between":
                po = tree.pobj(i)
            elif tree.lemma(i) == "help" and tree.tok(i).pos == "VERB":
                po = next(iter(tree.children(i, "dobj", "nsubj")), None)
            else:
                continue
            found = self.actor_within(tree, po) if po is not None and po not in own else None
            if found is not None:
                return found
        return None

    def _settled_with(self, tree: Tree, c: Candidate, by_trigger: dict[int, Candidate]) -> int | None:
        """Whom a concession answers when it follows a deal or talks: "called off the strike after an agreement
        with the government" -> the government."""
        for p in tree.children(c.governor, "prep"):
            if tree.lower(p) not in ("after", "following", "upon"):
                continue
            po = tree.pobj(p)
            other = by_trigger.get(po) if po is not None else None
            if other is not None and other.targets and self.is_actor(tree, other.targets[0]):
                return other.targets[0]
            partner = tree.prep_object(po, "with") if po is not None else None  # "after deliberations with X"
            if partner is not None and self.is_actor(tree, partner):
                return partner
        for a in tree.children(c.governor, "advcl"):  # "after the government accepted to pay"
            if any(tree.lower(m) in ("after", "once", "when") for m in tree.children(a, "mark")):
                subj = [s for s in tree.children(a, "nsubj") if self.is_actor(tree, s)]
                if subj:
                    return subj[0]
        return None

    @staticmethod
    def _where(tree: Tree, t: int) -> bool:
        """Is t only where an act happens: "in Kirkuk", "in the city of Kirkuk"?"""
        for _ in range(2):
            tok = tree.tok(t)
            if tok.dep != "pobj":
                return False
            if tree.lower(tok.head) in LOCATIVE_PREPS:
                return True
            if tree.lower(tok.head) != "of":
                return False
            t = tree.tok(tok.head).head  # "the city OF Kirkuk"
        return False

    def place_of(self, tree: Tree, c: Candidate) -> int | None:
        """The named place an act with nobody acted on is done in: a locative phrase on its trigger, its
        governor or the governor's object ("imposed a curfew in parts of Kashmir", "killings in Darfur")."""
        objs = tree.children(c.governor, "dobj")
        # "eased curfew hours IMPOSED in parts of North Sinai": where the object is in force
        told = [a for o in objs for a in tree.children(o, "acl") if tree.tok(a).tag == "VBN"]
        heads = list(dict.fromkeys([c.trigger, c.governor, *objs, *told]))
        own = {i for s in c.sources for i in tree.subtree(s)}
        place = self._place_within(tree, [h for h in heads if h not in own])
        return place if place is not None and place not in own else None

    def place_in(self, tree: Tree, t: int) -> int | None:
        """The one named place in a phrase ("300,000 people in northeast Nigeria"); none if two or none."""
        return self._one_place(tree, tree.subtree(t))

    def protected_place(self, tree: Tree, t: int) -> int | None:
        """Peacekeepers protect the place they serve in, not their own force: "sending troops to the UN
        peacekeeping force IN SOUTH SUDAN", "extend their peacekeeping mission in the Balkan republic"."""
        phrase = tree.subtree(t)
        if not any(tree.lemma(i) in PEACEKEEPING_WORDS for i in phrase):
            return None
        places = [po for po in self._locative_objects(tree, phrase) if tree.tok(po).pos in ("PROPN", "NOUN")]
        named = [po for po in places if self.is_place(tree, po) and self.is_actor(tree, po)]
        return (named or places or [None])[0]

    @staticmethod
    def _mutual(tree: Tree, c: Candidate) -> bool:
        """An act its doers do to each other: "upgraded their diplomatic ties", "held joint exercises"."""
        words = range(c.trigger_lo, c.trigger_hi)
        return any(tree.lemma(i) in RELATION_NOUNS for i in words) or any(
            tree.lower(m) in MUTUAL_WORDS for i in (*words, c.governor) for m in tree.kids[i])

    def find(self, tree: Tree) -> list[Candidate]:
        cands = self.verb_candidates(tree)
        taken = {c.trigger for c in cands}
        cands += [c for c in self.demand_candidates(tree) if c.trigger not in taken]
        used = {c.trigger for c in cands} | {i for c in cands for i in range(c.trigger_lo, c.trigger_hi)}
        cands += self.noun_candidates(tree, used)
        for c in cands:
            if c.cameo[:2] == "14" and not (c.targets and self.is_actor(tree, c.targets[0])
                                            and not self._where(tree, c.targets[0])):
                # "demonstrated in Kirkuk calling for independence from Iraq": whom it is for, not where
                aimed = self._purpose_target(tree, c)
                if aimed is not None and aimed not in c.sources:
                    c.targets = [aimed]
        for c in cands:
            if c.cameo == "045" and not (c.targets and self.is_actor(tree, c.targets[0])):
                parties = self._parties(tree, c)
                if parties is not None:
                    c.targets = [parties]
        by_trigger = {c.trigger: c for c in cands}
        for c in cands:
            if c.cameo[:2] == "08" and not (c.targets and self.actor_within(tree, c.targets[0]) is not None):
                partner = self._settled_with(tree, c, by_trigger)
                if partner is not None:
                    c.targets = [partner]
        for c in cands:
            t = tree.tok(c.governor)
            if t.dep in ("xcomp", "ccomp") and t.head in by_trigger and t.head != c.trigger:
                c.embedded_in = t.head
            if any(a in by_trigger and a != c.trigger for a in tree.ancestors(c.governor)[:3]) and t.dep in (
                    "xcomp", "ccomp", "advcl", "relcl", "acl", "conj") and t.dep != "conj":
                c.subordinate = True
            if c.kind != "noun" and len(c.sources) == 1 and not self._direct_actor_target(tree, c):
                # "Yugoslavia and Slovenia agreed to a ceasefire", "British and EU negotiators failed to reach a
                # deal": each partner is the other's target (the coder pairs them when the source names several)
                # "X and Y are guilty of violating the ceasefire" (196): each breaks it against the other
                if tree.lemma(c.governor) in RECIPROCAL or c.cameo[:2] in ("03", "04", "06") or c.cameo in ("057", "196") \
                        or self._mutual(tree, c):
                    c.reciprocal = True
        # statements last: they never make the events they report "embedded" or "subordinate"
        taken = {i for c in cands for i in (c.trigger, c.governor)}
        return cands + self.statement_candidates(tree, taken)
