"""How names of sources and actors are built: titles, role nouns, words of organisations
and demonyms, read by both the attribution rules (`nlp/attribution.py`) and the actor
linker (`actors/`).

Several lists share words (the three spokes- words are in every one) but each keeps the
words its rule needs: widening one to another's changes what is linked. They stand here
side by side so that a word added to one is seen beside the others.
"""

from __future__ import annotations

# The words for one who speaks for a body, in every list below.
SPOKES_WORDS = ("spokesman", "spokesperson", "spokeswoman")

# Nouns that stand for a source already named: "the ministry said", "the group added"
# (nlp/attribution.py).
ROLE_NOUNS = frozenset({*SPOKES_WORDS, *"""
ministry group minister army military brigades brigade
movement statement official officials organisation organization agency office network
militia force forces government authority authorities council committee department
command commander coalition alliance faction party president premier chief leader
source sources channel outlet paper newspaper report monitor observatory service
""".split()})
# Words that make a name an organisation even where the tagger calls it a person:
# "Kyauk Lone Gyi PDF", "Rapid Support Forces", "Sudan Doctors' Network".
ORGANISATION_WORDS = frozenset("""
force forces army group front brigade brigades movement council ministry committee network
office agency alliance party union organisation organization service command militia
channel coalition administration authority authorities government directorate department
observatory monitor center centre institute foundation society association mission
battalion regiment division corps guard police team commission bureau headquarters staff
""".split())

# Words of a body at the end of a name: a title before them is part of the body's name
# ("the General Staff"), not a person's title (actors/names.py).
BODY_WORDS = ORGANISATION_WORDS | {"staff", "forces", "council"}

# Titles before a person's name, cut off to compare names ("Prime Minister Benjamin
# Netanyahu" is "benjamin netanyahu"): actors/names.py. Abbreviations without their dot.
TITLE_WORDS = frozenset({*SPOKES_WORDS, *"""
mr mrs ms dr prof sir gen general lt lieutenant col colonel maj major capt captain cmdr
commander brig brigadier adm admiral sgt sergeant sheikh president vice prime minister
secretary chief deputy
governor mayor senator ambassador director commissioner envoy
king prince emir ayatollah imam marshal dm fm pm acting former
""".split()})
# Titles that end the run of proper nouns of a speaker's name in the parse ("Defense
# Minister [Yoav Gallant]"): nlp/attribution.py. Fewer than TITLE_WORDS (no "king",
# "sheikh", "imam": in a parse they begin names the base knows whole) and the portfolio
# words ("defence", "foreign", "interior", "health") a title is written with.
TITLES = frozenset({*SPOKES_WORDS, *"""governor president minister general
colonel col lt major maj captain capt commander chief mayor prime defence defense foreign
interior health secretary senator sen rep ambassador dr prof gen brig sgt adm mr mrs ms
deputy head director lieutenant""".split()})
# Roles of a person who speaks for a body: "RSF commander Abdel Rahim Dagalo" names the
# RSF; "a spokesman for the state government" is the government (nlp/attribution.py).
# A tuple: its order is the order of a regular expression's alternatives.
PERSON_ROLES = (*SPOKES_WORDS, "commander", "chief", "leader", "official", "representative", "head")
# Role nouns that refer back to a person, not a body: "the minister said" (nlp/attribution.py).
PERSON_ROLE_NOUNS = frozenset({*SPOKES_WORDS, "minister", "commander", "president", "premier", "chief",
                               "leader", "official"})
# Role nouns and the words an actor's role or name must hold for them to refer to it
# (actors/link.py): "the group" refers to an armed group, "the agency" to a UN agency.
ROLE_REFERENCES = {
    "spokesman": ("spokes",), "spokeswoman": ("spokes",), "spokesperson": ("spokes",),
    "minister": ("minister",), "ministry": ("ministry",), "army": ("army", "armed forces", "military"),
    "military": ("army", "armed forces", "military", "defense forces", "defence forces"),
    "governor": ("governor",), "mayor": ("mayor",), "president": ("president",),
    "group": ("armed_group",), "movement": ("armed_group",), "militia": ("armed_group",),
    "agency": ("un_agency", "agency"), "office": ("office",), "monitor": ("monitor", "observatory"),
    "committee": ("committee",), "directorate": ("directorate",), "front": ("front",),
    "council": ("council",), "observatory": ("observatory",), "mission": ("mission",),
    "authorities": ("health_authority", "state_body", "ministry"),
    "officials": ("health_authority", "state_body", "ministry"),
}
# Institutions an owner speaks through: "the Hamas-run government", "Niger's defence
# spokesman" (actors/link.py).
INSTITUTIONS = frozenset({*SPOKES_WORDS, *"""army military forces government ministry
police defence defense command authorities authority office council presidency""".split()})

# Demonyms and the state (or territory) each names, as the actor base spells it: "Israeli
# soldiers" are Israel's, "Nigerien" is Niger, never Nigeria (actors/, nlp/counted.py, places.py).
DEMONYMS = {
    "israeli": "Israel", "palestinian": "Palestine", "gazan": "Gaza", "lebanese": "Lebanon",
    "yemeni": "Yemen", "iranian": "Iran", "syrian": "Syria", "russian": "Russia",
    "ukrainian": "Ukraine", "sudanese": "Sudan", "congolese": "DR Congo", "rwandan": "Rwanda",
    "malian": "Mali", "burkinabe": "Burkina Faso", "nigerien": "Niger", "burmese": "Myanmar",
    "american": "United States", "british": "United Kingdom", "french": "France", "turkish": "Turkey",
    "north korean": "North Korea", "chechen": "Chechnya",
    "south sudanese": "South Sudan", "nigerian": "Nigeria", "somali": "Somalia", "ethiopian": "Ethiopia",
    "eritrean": "Eritrea", "haitian": "Haiti", "colombian": "Colombia", "pakistani": "Pakistan",
    "afghan": "Afghanistan", "indian": "India", "chadian": "Chad", "cameroonian": "Cameroon",
    "mozambican": "Mozambique", "libyan": "Libya", "iraqi": "Iraq", "kenyan": "Kenya", "burundian": "Burundi",
    "ugandan": "Uganda", "tigrayan": "Tigray", "amhara": "Amhara", "azerbaijani": "Azerbaijan",
    "armenian": "Armenia", "saudi": "Saudi Arabia", "emirati": "United Arab Emirates", "egyptian": "Egypt",
    "jordanian": "Jordan", "qatari": "Qatar",
    "zionist": "Israel",  # the word of Hamas and its allies for Israeli forces
}
