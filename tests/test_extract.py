"""Claim extraction, rule by rule, on sentences written in the style of reporting from
many wars. Each row: a passage and the claims expected from it, as
(value, measure, qualifier, claimant)."""

from __future__ import annotations

import pytest

from counterclaim import extract_claims
from counterclaim.extract import merge_repeats
from counterclaim.model import AUTHOR, Claim

MEASURES = [
    # verbs, active and passive
    ("Russian shelling killed 11 civilians in Kherson, the regional governor said.",
     [(11, "killed", "exact")]),
    ("At least 14 people were wounded in the drone attack on Odesa, officials said.",
     [(14, "wounded", "at_least")]),
    ("The army said it had shot down 18 drones over the Kursk region.", [(18, "destroyed", "exact")]),
    ("M23 rebels seized four armoured vehicles near Goma, the army said.", [(4, "seized", "exact")]),
    ("Gunmen abducted 30 students from a school in Kaduna state, police said.",
     [(30, "captured", "exact")]),
    ("The group said it had freed 215 civilians held in a detention centre.",
     [(215, "released", "exact")]),
    ("More than 13,000 residents have fled their homes since May, aid workers said.",
     [(13000, "displaced", "over")]),
    ("The ministry said air defences repelled 35 attacks overnight.", [(35, "attacks", "exact")]),
    ("Donors pledged $1.2 billion in humanitarian aid for Sudan, the UN said.",
     [(1.2e9, "aid", "exact")]),
    # nominalisations, tolls and predicates
    ("The death toll from the strike rose to 46, the emergency service said.", [(46, "killed", "exact")]),
    ("Hospital sources told AFP that the clashes left 21 dead.", [(21, "killed", "exact")]),
    ("The explosion caused the deaths of 12 soldiers, the defence ministry said.",
     [(12, "killed", "exact")]),
    ("The attack resulted in four fatalities, the police said.", [(4, "killed", "exact")]),
    ("At least 49 migrants died and 140 are missing, the IOM said.",
     [(49, "killed", "at_least"), (140, "missing", "exact")]),
    ("Kiev has lost over 2,810 soldiers, the ministry said.", [(2810, "killed", "over")]),
    # coordination and combined figures
    ("The shelling killed 5 people and wounded 12 others, the mayor said.",
     [(5, "killed", "exact"), (12, "wounded", "exact")]),
    ("UNICEF said 150 children had been killed or maimed in the first half of the year.",
     [(150, "killed_or_wounded", "exact")]),
    ("The army reported that 1,450 people were killed and 3,900 wounded.",
     [(1450, "killed", "exact"), (3900, "wounded", "exact")]),
    # breakdowns and shared qualifiers
    ("At least 53 people were killed, including 14 children and 15 women, the network said.",
     [(53, "killed", "at_least"), (14, "killed", "exact"), (15, "killed", "exact")]),
    ("Medics said at least 14 children and 15 women were among the dead.",
     [(14, "killed", "at_least"), (15, "killed", "at_least")]),
    ("At least 38 troops were wounded, eight of them inside Gaza, Hebrew media reported.",
     [(38, "wounded", "at_least"), (8, "wounded", "exact")]),
    ("Fighting has killed at least 1,500 people and forced 40,000 to flee, officials said.",
     [(1500, "killed", "at_least"), (40000, "displaced", "exact")]),
    # a total that a part is taken from is not a claim of its own
    ("Nearly half of the 2,000 detainees have been released, a spokesman said.", []),
    ("Air defences shot down 34 of 42 drones, the air force said.", [(34, "destroyed", "exact")]),
    ("The strike killed four members of one family, including two children, relatives said.",
     [(4, "killed", "exact"), (2, "killed", "exact")]),
    ("The explosion wounded 27 people, six of them critically.",
     [(27, "wounded", "exact"), (6, "wounded", "exact")]),
    ("The dead numbered at least 45, including 12 children, according to medics.",
     [(45, "killed", "at_least"), (12, "killed", "exact")]),
    # captives rescued are released and alive are held; people rescued from rubble are neither
    ("The army said it had rescued four hostages in Nuseirat.", [(4, "released", "exact")]),
    ("Fifty-nine hostages remain in captivity, of whom Israel believes at least 24 are alive.",
     [(59, "held", "exact"), (24, "held", "at_least")]),
    # a parse that goes wrong around the figure, read by word order or through an auxiliary
    ("Gunmen killed at least 20 farmers collecting firewood near Gamboru, a militia leader said.",
     [(20, "killed", "at_least")]),
    ("A local official said 11 others were missing.", [(11, "missing", "exact")]),
    ("Among those killed were at least 60 children, the monitor said.", [(60, "killed", "at_least")]),
    ("A separate count put the number of civilians and disarmed fighters killed at 803.",
     [(803, "killed", "exact")]),
    ("The enemy lost up to 540 servicemen killed and wounded, the ministry said.",
     [(540, "killed_or_wounded", "at_most")]),
    ("Gunmen set fire to 45 homes, officials said.", [(45, "destroyed", "exact")]),
    # ranges and vague amounts
    ("Residents said between 20 and 30 fighters were killed in the clashes.",
     [(20, "killed", "range")]),
    # how often a target was attacked
    ("The mission said its positions had been hit 23 times since the incursion began.",
     [(23, "attacks", "exact")]),
    ("Artillery shelled the village at least 40 times overnight, the governor said.",
     [(40, "attacks", "at_least")]),
]


@pytest.mark.parametrize(("text", "expected"), MEASURES, ids=[m[0][:40] for m in MEASURES])
def test_measures(text: str, expected: list[tuple[float, str, str]]) -> None:
    claims = [c for c in extract_claims(text) if c.value is not None]
    assert [(c.value, c.measure, c.qualifier) for c in claims] == [
        (float(v), m, q) for v, m, q in expected
    ]


NOT_CLAIMS = [
    "The 25-year-old soldier was buried on 14 March in Lviv.",
    "Talks on a six-week ceasefire resumed in Doha on Tuesday.",
    "The convoy travelled along Route 60 for 30 km before turning back.",
    "The UN Security Council passed Resolution 2334 in 2016.",
    "Brigade 401 has been deployed since the first week of the war.",
    "The reported fatality toll is a three-fold increase on the previous week.",
    # how often something other than an attack happened; multipliers
    "The truce was extended several times before it collapsed in March.",
    "Soldiers fired three times into the air to disperse the crowd.",
    "The army fired ten times more shells than the rebels in May.",
    "The strikes killed three times as many civilians as last year.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_numbers_that_are_not_claims(text: str) -> None:
    assert [c for c in extract_claims(text) if c.value is not None] == []


def test_vague_amounts_are_optional_and_valueless() -> None:
    claims = extract_claims("Dozens of soldiers were killed in the ambush, the group said.")
    assert [(c.value, c.measure, c.optional) for c in claims] == [(None, "killed", True)]


ATTRIBUTION = [
    ("Defence Minister Oleksii Reznikov said 40 Russian tanks had been destroyed.", ["Oleksii Reznikov"]),
    ("Over 32,000 Palestinians have been killed, according to the local authorities.",
     ["local authorities"]),
    # the innermost source wins; a comma-set "according to" only relays
    ("Ukraine claims its forces have killed 12,000 North Korean soldiers, according to CNN.", ["Ukraine"]),
    ("Reports from DW indicate the toll was higher, with seven teachers killed according to "
     "some eyewitness accounts.", ["eyewitness accounts"]),
    # a figure in a relative clause describing an event is the article's
    ("The group claimed responsibility for an attack that claimed the lives of 23 soldiers.", [AUTHOR]),
    # a source after the figure, misattached by the parser
    ("Units of Battlegroup West repelled five attacks near Kupiansk, Russia's Defence Ministry said.",
     ["Russia's Defence Ministry"]),
    # two subjects in the parse: the source is the one next to the reporting verb
    ("Israeli air strikes killed at least 35 Palestinians across Gaza on Saturday, local health "
     "officials said.", ["local health officials"]),
    # a title before a name the tagger cut short
    ("Three civilians were killed in Russian shelling of Kherson, Governor Oleksandr Prokudin said.",
     ["Oleksandr Prokudin"]),
    # a role with the name as its apposition; a document's owner
    ("Congo's government spokesman Patrick Muyaya put the number of dead at about 2,000.",
     ["Patrick Muyaya"]),
    ("According to OCHA estimates, about 145,000 people are now displaced.", ["OCHA"]),
    ("The Wad al-Nourah resistance committee said 35 children were among the dead.",
     ["Wad al-Nourah resistance committee"]),
    # the owner of a claim
    ("A Hamas official dismissed Israel's claim to have killed 13,000 fighters.", ["Israel"]),
    # no source: the article's own voice
    ("More than 100 hostages are still believed to be held in Gaza.", [AUTHOR]),
]


@pytest.mark.parametrize(("text", "claimants"), ATTRIBUTION, ids=[a[0][:40] for a in ATTRIBUTION])
def test_attribution(text: str, claimants: list[str]) -> None:
    assert [c.claimant for c in extract_claims(text) if c.value is not None] == claimants


CARRY_OVER = [
    # "he said" refers back to the last person named
    ("Army spokesman Nadav Shoshani said 20 soldiers were killed. He said 45 more were wounded.",
     ["Nadav Shoshani", "Nadav Shoshani"]),
    # "N others" continues the previous sentence's source
    ("Israel has acknowledged losing 219 troops since the ground operation began. More than 1,200 "
     "others have been wounded.", ["Israel", "Israel"]),
    # an agentless reporting passive right after an attributed sentence
    ("The health ministry said 30 people were killed in Rafah. Another 12 were reported killed in "
     "Khan Younis.", ["health ministry", "health ministry"]),
    # no link: the article's own voice
    ("The health ministry said 30 people were killed in Rafah. The attack destroyed 12 houses.",
     ["health ministry", AUTHOR]),
    # a part in the next sentence takes the total's measure and source
    ("Al Jazeera's correspondent reported that at least 17 people were killed in Khan Younis. "
     "Among them were eight children.", ["Al Jazeera's correspondent", "Al Jazeera's correspondent"]),
    # a superlative "among the" is no continuation
    ("The army said it struck 40 targets. Among the deadliest strikes was one in Rafah that killed "
     "14 people.", ["army", AUTHOR]),
    # a source named in the following sentence
    ("More than 3,000 civilians have been killed in North Darfur since April. That's according to "
     "the UN's humanitarian office.", ["UN's humanitarian office"]),
]


@pytest.mark.parametrize(("text", "claimants"), CARRY_OVER, ids=[c[0][:40] for c in CARRY_OVER])
def test_carry_over(text: str, claimants: list[str]) -> None:
    assert [c.claimant for c in extract_claims(text) if c.value is not None] == claimants


def test_quotation_over_two_paragraphs_keeps_its_speaker() -> None:
    text = (
        "“Our fighters destroyed 14 armoured vehicles this week,” the group's spokesman Abu Karim "
        "said.\n\n“They also shot down three drones.\n\n“We will go on,” he added."
    )
    claims = extract_claims(text)
    assert [(c.value, c.claimant) for c in claims] == [(14.0, "Abu Karim"), (3.0, "Abu Karim")]


def test_evidence_offsets_slice_the_article() -> None:
    text = "Headline\n\nThe ministry said 44 soldiers were killed and 12 wounded on Sunday."
    for claim in extract_claims(text):
        assert text[claim.start : claim.end] == claim.text
        assert claim.sentence in text


def _claim(value: float, claimant: str, qualifier: str = "exact", counted: str = "soldiers") -> Claim:
    return Claim(article="a", doc="d", text=str(value), start=0, end=1, sentence="s", value=value,
                 value_high=None, qualifier=qualifier, unit="count", measure="killed",
                 counted=counted, claimant=claimant)


def test_repeats_merge_to_the_named_source_and_the_most_specific_qualifier() -> None:
    headline = _claim(53, AUTHOR)
    lead = _claim(53, "doctors' group", qualifier="at_least")
    assert [(c.claimant, c.qualifier) for c in merge_repeats([headline, lead])] == [
        ("doctors' group", "at_least")
    ]


def test_two_sources_of_one_figure_stay_two_claims() -> None:
    claims = [_claim(20, "Russian military bloggers"), _claim(20, "Baza Telegram channel")]
    assert len(merge_repeats(claims)) == 2


def test_small_repeated_values_of_different_things_stay_apart() -> None:
    claims = [_claim(2, "ministry", counted="tanks"), _claim(2, "ministry", counted="carriers")]
    assert len(merge_repeats(claims)) == 2


def test_a_headline_dash_source_gives_way_to_the_body_source() -> None:
    text = (
        "Russian troops repel 12 Ukrainian attacks in Kursk area - MoD\n\n"
        "Russian troops repelled 12 attacks in the Kursk area, the Russian Defense Ministry said."
    )
    assert [c.claimant for c in extract_claims(text)] == ["Russian Defense Ministry"]


def test_the_first_sentence_of_a_one_paragraph_text_is_no_headline() -> None:
    text = "The health ministry said 38 people were killed. The Civil Defence also put the toll at 38."
    assert [c.claimant for c in extract_claims(text)] == ["health ministry", "Civil Defence"]


def test_a_headline_source_gives_way_to_the_named_one_in_the_body() -> None:
    text = (
        "Russian strikes kill 9 in Zaporizhzhia, officials say\n\n"
        "Russian missile strikes killed at least nine people overnight, regional governor "
        "Ivan Fedorov said on Sunday."
    )
    claims = [c for c in extract_claims(text) if c.measure == "killed"]
    assert [(c.value, c.qualifier, c.claimant) for c in claims] == [(9.0, "at_least", "Ivan Fedorov")]


def test_with_fields_is_dataclasses_replace() -> None:
    from dataclasses import replace

    from counterclaim.model import with_fields

    claim = Claim(article="a", doc="d", text="40", start=3, end=5, sentence="At 40 dead", value=40.0,
                  value_high=None, qualifier="exact", unit="count", measure="killed", counted="dead",
                  claimant="@author", reasons=("r",))
    copied = with_fields(claim, place="Rafah", country="PS", reasons=("s",))
    assert copied == replace(claim, place="Rafah", country="PS", reasons=("s",))
    assert copied.__dict__ == replace(claim, place="Rafah", country="PS", reasons=("s",)).__dict__
    assert claim.place is None and copied.reasons == ("s",)
    with pytest.raises(TypeError):
        with_fields(claim, nowhere=1)
