"""Word lists the claim rules use, as data.

Written for this project from the measure definitions in the gold SCHEMA (shared/gold)
and from the vocabulary of war reporting in English: ministries' bulletins, wire copy,
armed groups' statements, UN situation reports. Every entry is a lemma (lower case), so
"killed", "kills" and "killing" all match "kill".
"""

from __future__ import annotations

# Verbs whose object (active) or subject (passive) is the counted group, by measure.
# Where the measure depends on what is counted (people or things), both are given.
VERB_MEASURES: dict[str, str] = {
    # killed
    "kill": "killed", "eliminate": "killed", "slay": "killed", "murder": "killed",
    "execute": "killed", "massacre": "killed", "martyr": "killed", "assassinate": "killed",
    "behead": "killed", "slaughter": "killed", "die": "killed", "perish": "killed",
    "liquidate": "killed", "annihilate": "killed", "exterminate": "killed",
    "gun": "killed", "shoot": "killed", "bury": "killed", "snipe": "killed_or_wounded", "snip": "killed_or_wounded",
    # wounded
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "maim": "wounded",
    "hospitalize": "wounded", "hospitalise": "wounded",
    # captured (people) / seized (things)
    "abduct": "captured", "kidnap": "captured", "detain": "captured", "arrest": "captured",
    "capture": "captured", "surrender": "captured", "imprison": "captured",
    "round": "captured", "apprehend": "captured", "abduce": "captured", "jail": "captured",
    "seize": "seized", "confiscate": "seized", "take": "seized", "loot": "seized",
    "overrun": "seized", "occupy": "seized", "commandeer": "seized", "recapture": "seized",
    # held
    "hold": "held", "keep": "held",
    # released
    "release": "released", "free": "released", "return": "released", "liberate": "released",
    "exchange": "released", "swap": "released", "repatriate": "released",
    "hand": "released",
    # missing
    "disappear": "missing", "vanish": "missing",
    # displaced
    "displace": "displaced", "flee": "displaced", "evacuate": "displaced", "uproot": "displaced",
    "relocate": "displaced", "expel": "displaced", "deport": "displaced",
    # destroyed
    "destroy": "destroyed", "damage": "destroyed", "demolish": "destroyed", "down": "destroyed",
    "raze": "destroyed", "burn": "destroyed", "torch": "destroyed", "disable": "destroyed",
    "neutralize": "killed", "neutralise": "killed", "wreck": "destroyed",
    "flatten": "destroyed", "level": "destroyed", "detonate": "destroyed", "blow": "destroyed",
    "dismantle": "destroyed", "recover": "seized",
    "find": "seized", "discover": "seized", "uncover": "seized", "unearth": "seized",
    "intercept": "destroyed", "hit": "attacks", "sink": "destroyed", "bomb": "attacks",
    "shell": "attacks", "knock": "destroyed", "lose": "killed",
    # attacks
    "attack": "attacks", "strike": "attacks", "target": "attacks", "launch": "attacks",
    "fire": "attacks", "conduct": "attacks", "repel": "attacks", "repulse": "attacks",
    "thwart": "attacks", "foil": "attacks", "carry": "attacks", "mount": "attacks",
    "stage": "attacks", "fend": "attacks", "raid": "attacks",
    # aid
    "pledge": "aid", "approve": "aid", "allocate": "aid", "donate": "aid", "grant": "aid",
    "earmark": "aid", "disburse": "aid", "provide": "aid", "send": "aid", "deliver": "aid",
    "announce": "aid", "commit": "aid", "contribute": "aid", "fund": "aid",
    "receive": "aid", "finance": "aid",
}
# Verbs of finding: weapons and caches found in a raid are seized; people found are not
# (a count of bodies has its own noun).
FIND_VERBS = frozenset({"find", "discover", "uncover", "unearth"})
# Aid verbs that take a share: "only 41% funded", "has received 25% of the $190 million".
SHARE_AID_VERBS = frozenset({"fund", "finance", "receive"})
# What an attack aims at rather than a thing it damages: "struck 120 targets" counts
# attacks, "hit 3 ammunition depots" things destroyed.
TARGET_NOUNS = frozenset({"target", "site", "position", "objective", "location", "area", "village",
                          "town", "city", "settlement", "locality", "district", "neighbourhood",
                          "neighborhood", "community", "facility"})

# When the counted thing is equipment or a place, these verbs change measure.
THING_MEASURES: dict[str, str] = {
    "liberate": "seized", "free": "seized", "release": "other",
    "lose": "destroyed", "capture": "seized", "neutralize": "destroyed",
    "neutralise": "destroyed", "eliminate": "destroyed", "kill": "destroyed",
    "take": "seized", "hold": "other", "shoot": "destroyed",
}
# When the counted group is people, these verbs (defined above for things) do not apply.
PEOPLE_ONLY_NOT = frozenset({"recover", "destroy", "hit", "bomb", "shell", "take", "seize", "loot",
                             "occupy", "send", "deliver", "provide", "fund", "record",
                             "target", "attack", "strike", "knock", "sink", "down",
                             "announce", "commit", "contribute", "carry", "level"})
# Verbs that count as their measure only with their particle: "shot down", "blew up".
PARTICLE_VERBS: dict[tuple[str, str], str] = {
    ("shoot", "down"): "destroyed", ("blow", "up"): "destroyed", ("take", "hostage"): "captured",
    ("take", "captive"): "captured", ("take", "prisoner"): "captured", ("hand", "over"): "released",
    ("round", "up"): "captured", ("carry", "out"): "attacks", ("fend", "off"): "attacks",
    ("knock", "out"): "destroyed", ("set", "free"): "released", ("wipe", "out"): "killed",
    ("take", "out"): "destroyed", ("bring", "back"): "released", ("bring", "home"): "released",
    ("send", "back"): "released", ("take", "control"): "seized", ("take", "over"): "seized",
}
# Verbs that need a particle to count; alone they say nothing about a measure.
NEEDS_PARTICLE = frozenset({"carry", "fend", "round", "hand", "knock", "blow", "take", "bring",
                            "send"})
# Verbs whose subject is the counted group: "53 people died", "13,000 residents fled".
SUBJECT_VERBS: dict[str, str] = {
    "die": "killed", "perish": "killed", "flee": "displaced", "surrender": "captured",
    "disappear": "missing", "vanish": "missing", "succumb": "killed", "shelter": "displaced",
    "defect": "other", "drown": "killed", "starve": "killed",
}
# Adjectives and participles as predicates: "were missing", "left 12 dead", "30 injured".
PREDICATE_MEASURES: dict[str, str] = {
    "dead": "killed", "killed": "killed", "wounded": "wounded", "injured": "wounded",
    "hurt": "wounded", "missing": "missing", "captive": "held", "homeless": "displaced",
    "displaced": "displaced", "unaccounted": "missing", "detained": "captured",
    "abducted": "captured", "trapped": "other", "lifeless": "killed", "deceased": "killed",
    "maimed": "wounded", "evacuated": "displaced", "damaged": "destroyed", "destroyed": "destroyed",
}

# Nouns that carry the measure themselves: "4 fatalities", "a death toll of 300".
NOUN_MEASURES: dict[str, str] = {
    "fatality": "killed", "death": "killed", "dead": "killed", "body": "killed",
    "corpse": "killed", "killing": "killed", "martyr": "killed", "toll": "killed",
    "casualty": "killed_or_wounded", "loss": "killed_or_wounded",
    "injury": "wounded", "wounded": "wounded", "injured": "wounded", "wound": "wounded",
    "hostage": "held", "captive": "held", "abductee": "held",
    "prisoner": "captured", "detainee": "captured", "arrest": "captured",
    "abduction": "captured", "kidnapping": "captured", "pow": "captured",
    "release": "released", "liberation": "released",
    "refugee": "displaced", "displacement": "displaced", "evacuee": "displaced",
    "idp": "displaced",
    "attack": "attacks", "strike": "attacks", "airstrike": "attacks", "raid": "attacks",
    "operation": "attacks", "mission": "attacks", "sortie": "attacks", "assault": "attacks",
    "counterattack": "attacks", "counteroffensive": "attacks", "ambush": "attacks",
    "bombing": "attacks", "shelling": "attacks", "rocket": "attacks", "missile": "attacks",
    "shell": "attacks", "salvo": "attacks", "barrage": "attacks", "shooting": "attacks",
    "bomb": "attacks", "drone-strike": "attacks", "shahed": "attacks",
    "incident": "attacks", "clash": "attacks", "bombardment": "attacks", "offensive": "attacks",
    "aid": "aid", "package": "aid", "pledge": "aid", "grant": "aid", "assistance": "aid",
    "funding": "aid", "donation": "aid", "appeal": "aid", "loan": "aid",
}
# Noun measures that are only a measure when their head word says so ("hostages
# released"); on their own, the default applies.
TOLL_WORDS = frozenset({"toll", "tally", "count", "number", "figure", "total"})
TOLL_MODIFIERS: dict[str, str] = {
    "death": "killed", "fatality": "killed", "casualty": "killed_or_wounded",
    "injury": "wounded", "wounded": "wounded", "dead": "killed",
}

# Nouns naming people, by what they are in a war: the counted group of casualty figures.
PEOPLE_NOUNS = frozenset("""
person people civilian resident villager child kid boy girl woman man men infant baby
teenager adult elder student teacher doctor nurse medic paramedic journalist reporter
worker volunteer farmer fisherman refugee migrant family household individual
soldier troop servicemember serviceman servicewoman servicepeople personnel officer
commander general colonel major captain sergeant conscript recruit reservist marine
sailor pilot crew crewman airman paratrooper sniper gunner guard policeman police
fighter militant rebel insurgent terrorist jihadist extremist gunman mercenary
combatant guerrilla militiaman militia operative member cadre recruit partisan
assailant attacker raider jihadi gunmen monk priest nun worker contractor crew
servicemen defender invader occupier paramilitary trooper rescuer aid-worker
hostage captive prisoner detainee abductee pow inmate
palestinian israeli ukrainian russian sudanese syrian yemeni lebanese iraqi afghan
burmese congolese malian somali ethiopian eritrean libyan kurd houthi
victim casualty fatality survivor body corpse dead wounded injured martyr
staff employee official diplomat minister leader
others other them whom
""".split())
# Nouns naming equipment, buildings and units: counted things that are destroyed or seized.
THING_NOUNS = frozenset("""
tank vehicle apc ifv truck car automobile jeep pickup bus armour armor tanker
aircraft plane airplane jet warplane fighter-jet helicopter drone uav uas bomber carrier
mlrs grenade ammunition round rocket-launcher
ship boat vessel warship frigate submarine launcher system howitzer gun cannon artillery
mortar rifle weapon missile rocket shell munition radar battery depot warehouse
house home building school hospital mosque church shelter tent structure bridge
road tunnel position outpost checkpoint base post camp barracks headquarters
village town city settlement district locality township community hamlet area
battalion brigade unit company regiment division squad platoon cell
installation facility site target infrastructure plant station device explosive
""".split())
# Units that make a number a measurement of time, distance or size, never a count.
MEASUREMENT_UNITS = frozenset("""
second minute hour day night week weekend month year decade century
km kilometre kilometer mile metre meter foot feet inch yard mm cm kg kilogram gram calibre caliber
ton tonne pound litre liter gallon hectare acre degree mph kph knot
year-old point round stage phase session episode
increase rise decrease drop decline jump hike surge fall reduction cut
""".split())

# "hit 23 times": how often an act happened. A count of attacks when the act is one of
# these verbs, which take the target as object (nlp/measures.py); of nothing otherwise
# ("the truce was extended several times", "fired three times into the air").
REPEAT_NOUNS = frozenset({"time"})
REPEATED_ATTACK_VERBS = frozenset("""
hit strike shell bomb bombard attack target raid storm ambush pound
""".split())
# "ten times more shells", "three times as many": a multiplier, never a count.
MULTIPLIER_WORDS = frozenset("""
more less fewer as higher lower greater larger bigger smaller
""".split())

# Reporting verbs: the subject of one of these is the source of what it governs.
REPORTING_VERBS = frozenset("""
say tell report announce claim state add note acknowledge admit confirm estimate
declare assert insist allege accuse warn indicate reveal disclose publish post tweet
write mention recall explain stress underscore emphasise emphasize boast deny
verify register revise raise lower
brief inform testify show record document count tally put cite quote update
read conclude affirm maintain argue suggest believe reckon calculate tell find
""".split())
# Reporting verbs that cannot report on their own object: "claimed the lives of 23".
REPORTING_NOT_WITH_OBJECT = {"claim": {"life", "responsibility", "credit"}}
# Verbs that say a toll or total reached a figure: "the toll rose to 46", "stood at 104".
TOLL_VERBS = frozenset({"rise", "reach", "climb", "stand", "hit", "top", "pass", "exceed",
                        "surpass", "increase", "jump", "grow", "soar", "amount", "bring",
                        "raise", "put", "place", "be", "total", "near", "approach", "cross"})
# Places of captivity: "remain in captivity", "held in detention".
CAPTIVITY_NOUNS = frozenset({"captivity", "detention", "custody", "prison", "jail", "bar"})
# Verbs that report only with a clause or quote; with a plain object they mean another
# thing ("put the toll at", "recorded 12 attacks", "showed").
REPORT_ONLY_WITH_CLAUSE = frozenset({"show", "read", "update", "believe", "reckon", "calculate", "find"})
# Passive reporting verbs that carry a source from the sentence before (SCHEMA).
AGENTLESS_REPORTING = frozenset({"say", "report", "believe", "confirm", "estimate", "fear",
                                 "think", "understand", "presume", "know", "expect"})
# Phrases that open a sentence continuing the previous one's enumeration (SCHEMA).
CONTINUATION_OPENERS = ("in addition", "additionally", "also", "moreover", "furthermore",
                        "besides", "as well,", "among them", "of them", "of those",
                        "of these", "they included", "those killed", "the dead included")

# Nouns that stand for a source already named: "the ministry said", "the group added".
ROLE_NOUNS = frozenset("""
ministry group spokesman spokesperson spokeswoman minister army military brigades brigade
movement statement official officials organisation organization agency office network
militia force forces government authority authorities council committee department
command commander coalition alliance faction party president premier chief leader
source sources channel outlet paper newspaper report monitor observatory service
""".split())
PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"it", "they", "we", "i"})
# Heads of a source phrase that point at who stands behind it: "a representative of X".
PROXY_HEADS = frozenset({"representative", "spokesman", "spokesperson", "spokeswoman",
                         "official", "officials", "member", "members", "source", "sources",
                         "report", "reports", "statement", "statements", "figures", "data",
                         "statistics", "tally", "estimate", "estimates", "count", "figure",
                         "number", "toll", "tallies", "account", "accounts", "study", "studies",
                         "investigation", "analysis", "survey", "review", "assessment", "research",
                         "inquiry", "probe", "audit"})

# Words that make a figure hypothetical, planned or demanded: kept, marked optional.
HYPOTHETICAL_AUX = frozenset({"could", "may", "might", "would", "should"})
DEMAND_WORDS = frozenset({"demand", "insist", "call", "seek", "want", "request", "negotiate",
                          "propose", "plan", "expect", "hope", "aim", "push", "press",
                          "condition", "deal", "exchange", "agreement", "proposal"})

# Words that make a name an organisation even where the tagger calls it a person:
# "Kyauk Lone Gyi PDF", "Rapid Support Forces", "Sudan Doctors' Network".
ORGANISATION_WORDS = frozenset("""
force forces army group front brigade brigades movement council ministry committee network
office agency alliance party union organisation organization service command militia
channel coalition administration authority authorities government directorate department
observatory monitor center centre institute foundation society association mission
battalion regiment division corps guard police team commission bureau headquarters staff
""".split())


def _inflections(lemma: str) -> set[str]:
    """The regular forms of a verb: "report" → reports, reported, reporting."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", lemma + "d", lemma + "es"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # admitted, admitting
    return forms


IRREGULAR_REPORTING = frozenset("""said told wrote written showed shown put read thought
believed stood held found""".split())
# Every word form of a reporting verb: a sentence without one reports nothing, which lets
# the fast path skip its parse (extract.py).
REPORTING_FORMS = frozenset(set().union(*(_inflections(v) for v in REPORTING_VERBS)) | IRREGULAR_REPORTING)

# Words whose measure depends on who is counted: hostages "rescued" are released and
# "alive" are held; people rescued from rubble are neither.
CAPTIVE_NOUNS = frozenset({"hostage", "captive", "prisoner", "detainee", "abductee", "pow"})
CAPTIVE_MEASURES: dict[str, str] = {"rescue": "released", "alive": "held", "free": "released"}
