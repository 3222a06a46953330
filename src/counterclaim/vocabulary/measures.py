"""What happened to a figure: the words that give its measure (`nlp/measures.py`).

Every value is a measure name of `model.MEASURES` (checked by tests/test_vocabulary.py).
Entries are lemmas in lower case unless said otherwise, so "killed", "kills" and
"killing" all match "kill". Written for this project from the measure definitions in the
gold SCHEMA (shared/gold) and the vocabulary of war reporting in English.
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

# "hit 23 times": how often an act happened. A count of attacks when the act is one of
# these verbs, which take the target as object (nlp/measures.py); of nothing otherwise
# ("the truce was extended several times", "fired three times into the air").
REPEAT_NOUNS = frozenset({"time"})
REPEATED_ATTACK_VERBS = frozenset("""
hit strike shell bomb bombard attack target raid storm ambush pound
""".split())
# Verbs that say a toll or total reached a figure: "the toll rose to 46", "stood at 104".
TOLL_VERBS = frozenset({"rise", "reach", "climb", "stand", "hit", "top", "pass", "exceed",
                        "surpass", "increase", "jump", "grow", "soar", "amount", "bring",
                        "raise", "put", "place", "be", "total", "near", "approach", "cross"})
# Places of captivity: "remain in captivity", "held in detention".
CAPTIVITY_NOUNS = frozenset({"captivity", "detention", "custody", "prison", "jail", "bar"})
# Words that make a figure hypothetical, planned or demanded: kept, marked optional.
HYPOTHETICAL_AUX = frozenset({"could", "may", "might", "would", "should"})
DEMAND_WORDS = frozenset({"demand", "insist", "call", "seek", "want", "request", "negotiate",
                          "propose", "plan", "expect", "hope", "aim", "push", "press",
                          "condition", "deal", "exchange", "agreement", "proposal"})

# Words whose measure depends on who is counted: hostages "rescued" are released and
# "alive" are held; people rescued from rubble are neither.
CAPTIVE_NOUNS = frozenset({"hostage", "captive", "prisoner", "detainee", "abductee", "pow"})
CAPTIVE_MEASURES: dict[str, str] = {"rescue": "released", "alive": "held", "free": "released"}

# The function and content words the measure rules (`nlp/measures.py`) test beside the
# lexicons above: where a phrase may be climbed through, what ends a list, which words
# hedge a predicate. Lower-case word forms unless a comment says lemmas.

# Prepositions the climb from a counted phrase passes through: "including 29 children",
# "among them", "out of 250", "along with"; any other preposition ends it.
TRANSPARENT_PREPS = frozenset({"including", "among", "of", "out", "like", "with"})
# Words that may stand between a list's verb and a later item of the list: "including",
# "along with", "as well as", pronouns of a relative clause, commas and brackets.
LIST_WORDS = frozenset({"including", "among", "of", "with", "along", "together", "as", "well", "plus",
                        "them", "which", "whom", "all", "overnight", ",", "-", "–", "(", ")", "'", "’"})
# Signs of a currency in a phrase: "16% of the $2.6 billion sought" is a share of money.
CURRENCY_SIGNS = frozenset({"$", "€", "£"})
# Verbs (lemmas) of hitting, whose object is a target when it is one of TARGET_NOUNS and a
# thing destroyed otherwise: "struck 120 targets" (attacks), "hit 3 ammunition depots".
HIT_VERBS = frozenset({"hit", "strike"})
# Determiners that make a noun refer back to a figure just given: "40% of the victims".
DEFINITE_DETERMINERS = frozenset({"the", "these", "those"})
# Nouns (lemmas) for the people a casualty figure counts: a share of "the victims"
# is a share of the figure just given.
VICTIM_NOUNS = frozenset({"victim", "casualty", "dead", "death", "fatality", "wounded"})
# Verbs (lemmas) that list the parts of a total: "the dead included 11 children".
INCLUDE_VERBS = frozenset({"include", "comprise"})
# ... and those that also give the total's size: "the dead numbered 40".
INCLUDE_OR_NUMBER_VERBS = frozenset({"include", "comprise", "number"})
# Pronouns that stand for a figure just given: "eight of them", "two of whom".
PART_PRONOUNS = frozenset({"them", "whom", "those", "these"})
# Prepositions before such a pronoun that take a part of it: "among them", "of them".
PART_PREPS = frozenset({"among", "of"})
# Words that open a breakdown of a figure: "including 2,055 children", "among them".
BREAKDOWN_WORDS = frozenset({"including", "among", "includes", "include", "included"})
# Prepositions whose object is a part of a figure: "including 29 confirmed dead".
BREAKDOWN_PREPS = frozenset({"including", "among"})
# Prepositions that restate a figure or name its level: "put the figure at 41",
# "the toll rose to 60".
LEVEL_PREPS = frozenset({"at", "to"})
# Verbs (lemmas) with "lives" as object that count the killed: "claimed 512,000 lives".
TAKE_LIVES_VERBS = frozenset({"claim", "cost", "take"})
# Copulas (lemmas) whose object or attribute is the counted phrase: "the toll is 1,200".
COPULA_VERBS = frozenset({"be", "remain", "stand"})
# Verbs (lemmas) whose subject is described by a predicate or a noun of suffering:
# "140 are missing", "remain trapped", "five others sustained injuries".
SUBJECT_COPULA_VERBS = frozenset({"be", "remain", "stay", "go", "lie", "become", "sustain", "suffer"})
# Prepositions of a reason that names a wound: "treated 200 people for injuries".
REASON_PREPS = frozenset({"for", "with"})
# Prepositions of a list of the counted: "listed as missing", "counted among the dead".
LISTED_AS_PREPS = frozenset({"as", "among"})
# Prepositions of a group a copula puts the counted in: "were among the dead".
AMONG_PREPS = frozenset({"among", "between"})
# Prepositions of a place of captivity: "remain in captivity", "are still behind bars".
CAPTIVITY_PREPS = frozenset({"in", "behind"})
# Verbs (lemmas) of taking out of a place, which displace nobody: bodies "recovered from
# a destroyed house".
RECOVERY_VERBS = frozenset({"recover", "pull", "retrieve", "exhume", "dig", "rescue", "extract"})
# Particles and prepositions of leaving a place: "forced from their homes", "driven out".
FROM_WORDS = frozenset({"from", "out"})
# Nouns (lemmas) of a home a displaced group leaves: "driven out of their villages".
HOME_NOUNS = frozenset({"home", "house", "village", "land", "town", "city"})
# Nouns after "out of" that put equipment out of use: "put out of action".
OUT_OF_USE_NOUNS = frozenset({"action", "service", "commission"})
# Words with "set … to" that say a thing was burned: "set fire to 30 homes".
FIRE_WORDS = frozenset({"fire", "ablaze", "alight"})
# Verbs (lemmas) with "to death" that pass a sentence rather than kill: "sentenced to death".
SENTENCE_VERBS = frozenset({"sentence", "condemn"})
# Words that may stand between a counted phrase and its predicate: auxiliaries, hedges
# and adverbs of time ("were confirmed killed", "have now been reported dead").
HEDGE_WORDS = frozenset({"were", "was", "been", "have", "had", "are", "is", "be", "also", "to",
                         "confirmed", "believed", "reported", "presumed", "feared", "said",
                         "thought", "now", "still", "all", "already", "later"})
# Vague counts that give a verb a figure of its own: "killed 5 and wounded dozens".
VAGUE_COUNTS = frozenset({"dozens", "hundreds", "thousands", "scores", "several", "many", "tens"})
