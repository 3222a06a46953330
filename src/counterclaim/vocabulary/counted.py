"""What a number counts: nouns of people and things, and words that make it no count
(`nlp/counted.py`, `extract.py`).

Lemmas in lower case. Written for this project from the vocabulary of war reporting in
English (casualty bulletins, military summaries of equipment destroyed).
"""

from __future__ import annotations

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

# "ten times more shells", "three times as many": a multiplier, never a count.
MULTIPLIER_WORDS = frozenset("""
more less fewer as higher lower greater larger bigger smaller
""".split())

