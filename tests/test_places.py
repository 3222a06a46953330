"""Places (issue 11): where each counted event happened, from a gazetteer that ships installed."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from counterclaim.extract import extract_articles
from counterclaim.ingest import read
from counterclaim.places import find_place, resolve

SPELLINGS = Path(__file__).resolve().parent / "data" / "place_spellings.jsonl"
PLACE_CASES = Path(__file__).resolve().parent / "data" / "place_cases.jsonl"  # issue 21, written without the rules
MIN_CASE_PRECISION = 0.95
MIN_CASE_RECALL = 0.78  # reached 0.818 (63 of 77); the misses are places the gazetteer lacks
MAX_KM = 30


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def test_place_spellings_resolve_with_high_precision_and_recall() -> None:
    rows = [json.loads(line) for line in SPELLINGS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 80
    resolved = correct = 0
    wrong = []
    for row in rows:
        link = resolve(row["name"], row.get("context"))
        if link.place is not None:
            resolved += 1
        if row["country"] is None:
            ok = link.place is None
        else:
            ok = (link.place is not None and link.place.country == row["country"] and link.place.lat is not None
                  and _km(link.place.lat, link.place.lon, row["lat"], row["lon"]) <= MAX_KM)
        correct += ok and row["country"] is not None
        if not ok:
            found = f"{link.place.name} ({link.place.country})" if link.place else link.reason
            wrong.append(f"{row['name']!r} in {row.get('context')}: expected {row['country']}, got {found}")
    expected = sum(row["country"] is not None for row in rows)
    precision, recall = correct / max(1, resolved), correct / expected
    print(f"\nplace spellings: {len(rows)}, precision {precision:.3f}, recall {recall:.3f}")
    print("\n".join(wrong))
    assert precision >= 0.95
    assert recall >= 0.90


def test_ambiguous_names_need_the_article_country() -> None:
    assert resolve("Tripoli", "LB").place.country == "LB"
    assert resolve("Tripoli", "LY").place.country == "LY"
    assert resolve("Hope", "UA").place is None


def test_the_place_in_the_clause_wins_over_the_sentence() -> None:
    sentence = "In Gaza City, officials said 12 people were killed in Jabalia overnight."
    start = sentence.index("12")
    link = find_place(sentence, start, start + len("12 people were killed"), "PS")
    assert link is not None and link.place is not None and link.place.name == "Jabalia"
    assert link.reason.startswith("in the clause")


@pytest.mark.parametrize("sentence", [
    "Three members of the Fano militia group were among the 12 people killed.",
    "The armed wing of the Palestinian group said it killed 9 soldiers.",
    "Hundreds of homes have been destroyed in Israel's air strikes, 40 of them this week.",
    "Officials of the Russian army said 30 drones were shot down overnight.",
    "At least 14 people were killed in Sudanese army shelling on Tuesday.",
])
def test_names_that_say_who_are_not_places(sentence: str) -> None:
    start = next(i for i, ch in enumerate(sentence) if ch.isdigit())
    link = find_place(sentence, start, start + 2, None)
    assert link is None or link.place is None, link


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Shelling killed 7 civilians in the city of Kharkiv on Monday.", "Kharkiv"),
    ("Two drones hit a village north of Kherson, wounding 5 people.", "Kherson"),
    ("At least 4 people were killed on the outskirts of El Fasher.", "El Fasher"),
])
def test_of_names_a_place_after_a_place_word(sentence: str, expected: str) -> None:
    start = next(i for i, ch in enumerate(sentence) if ch.isdigit())
    link = find_place(sentence, start, start + 2, None)
    assert link is not None and link.place is not None and link.place.name == expected, link


@pytest.fixture(scope="module")
def news(shared: Path) -> dict[str, list]:
    articles = list(read(shared / "corpus" / "news"))
    return {a.doc: found for a, found in zip(articles, extract_articles(articles), strict=True)}


def test_ocha_fatalities_land_on_their_places(news: dict[str, list]) -> None:
    claims = news["103_ocha_gaza_flash_update_17.txt"]
    places = {c.place_id: c for c in claims if c.measure == "killed" and c.place_id}
    names = {c.place.lower() for c in places.values() if c.place}
    for expected in ("jabalia", "rafah", "deir al-balah", "khan younis"):
        assert any(expected in name for name in names), (expected, names)
    assert all(c.country == "PS" and c.lat is not None and c.lon is not None for c in places.values())


def test_sudan_and_myanmar_claims_land_in_their_countries(news: dict[str, list]) -> None:
    sudan = [c.country for c in news["110_aap_sudan_rsf_drone_attack_kills_53.txt"] if c.country]
    myanmar = [c.country for c in news["112_irrawaddy_junta_airstrikes_resistance_strongholds.txt"] if c.country]
    assert sudan and set(sudan) == {"SD"}
    assert myanmar and set(myanmar) == {"MM"}


def test_a_place_is_carried_from_the_sentence_before_but_not_into_a_running_total() -> None:
    from counterclaim.model import Article

    text = ("An air strike hit a market in Kharkiv on Tuesday. At least 9 people were killed, officials said. "
            "Overall, more than 1,200 people have been killed since the war began.\n\n"
            "Elsewhere, 4 people were wounded.")
    article = Article(id="carry", doc="carry.txt", text=text, date="2024-05-01")
    found = {c.value: c for c in extract_articles([article]).__next__()}
    assert found[9].place == "Kharkiv" and found[9].place_link.startswith("carried from the previous sentence")
    assert found[1200].place is None  # a running total is not a count for that town
    assert found[4].place is None  # another paragraph


# --- Issue 21: the event's place, apart from the speaker's --------------------------------------------------------


def _placed(text: str, title: str = "", date: str = "2024-05-01") -> dict[float, object]:
    """The claims of a one-paragraph article by value (the title is its first line)."""
    from counterclaim.model import Article

    body = f"{title}\n\n{text}" if title else text
    article = Article(id="t", doc="t.txt", text=body, title=title or None, date=date)
    return {c.value: c for c in next(extract_articles([article]))}


@pytest.mark.parametrize(("text", "value", "expected"), [
    ("In Mosul, 4 people were killed when a car bomb exploded, police said.", 4, "Mosul"),
    ("Near Bakhmut, 5 soldiers were wounded by shelling, the army said.", 5, "Bakhmut"),
    ("AROUND ALEPPO, government shelling killed 12 civilians, the monitor said.", 12, "ALEPPO"),
    ("At Kidal, the army said its troops had killed 20 militants.", 20, "Kidal"),
])
def test_a_sentence_initial_preposition_places_the_event(text: str, value: int, expected: str) -> None:
    claim = _placed(text)[value]
    assert claim.place == expected, (claim.place, claim.place_link)


@pytest.mark.parametrize(("text", "value", "expected"), [
    ("Speaking to reporters in London, the minister said 8 civilians were killed in Mykolaiv.", 8, "Mykolaiv"),
    ("Speaking in Paris, the minister said 300 fighters had been killed.", 300, None),
    ("At a briefing in Khartoum, the army said 12 fighters were killed in Nyala.", 12, "Nyala"),
    ("In a statement issued in Addis Ababa, the army said 40 fighters were killed near Dessie.", 40, "Dessie"),
    ("The health office in Mekelle said 20 people were killed in Adigrat.", 20, "Adigrat"),
    ("The defence minister, speaking on television in Kyiv, said 7 people were wounded.", 7, None),
    ("The UN said in Geneva that 15 aid workers had been killed this year.", 15, None),
])
def test_the_speakers_place_is_not_the_events(text: str, value: int, expected: str | None) -> None:
    claim = _placed(text)[value]
    assert claim.place == expected, (claim.place, claim.place_link)


def test_an_origin_is_not_the_place_of_the_event() -> None:
    claim = _placed("Rockets fired from Lebanon wounded 3 people in Nahariya, medics said.")[3]
    assert (claim.place, claim.country) == ("Nahariya", "IL"), claim.place_link
    assert _placed("Drones launched from Yemen killed 2 people, officials said.")[2].place is None


@pytest.mark.parametrize(("title", "text", "value", "country"), [
    ("Ukraine war: strikes on Kherson region", "In the South, shelling killed 6 civilians, officials in Ukraine said.",
     6, "UA"),
    ("Nigeria: attacks in Borno", "Gunmen killed 9 farmers across the North-East of Nigeria's Borno, police said.",
     9, None),
])
def test_a_region_word_is_a_region_of_the_articles_country(title: str, text: str, value: int,
                                                            country: str | None) -> None:
    claim = _placed(text, title)[value]
    if country is None:
        assert claim.place is None or claim.country == "NG", (claim.place, claim.country, claim.place_link)
    else:
        assert claim.place is not None and claim.place.lower() == "south" and claim.country == country, claim
        assert claim.lat is None  # a region word has no point


def test_a_region_word_never_resolves_to_a_town_elsewhere() -> None:
    assert resolve("North").place is None
    claim = _placed("Fighting in the North has killed 30 people this month, the army said.")[30]
    assert claim.place is None, (claim.place, claim.country, claim.place_link)


def test_a_region_word_in_an_article_naming_one_country_is_that_countrys() -> None:
    claim = _placed("In the South, gunmen killed 8 farmers, police said.", "Colombia's conflict: farmers killed")[8]
    assert (claim.place, claim.country) == ("South", "CO"), claim.place_link
    claim = _placed("In the South, gunmen killed 8 farmers, police said.", "Colombia and Venezuela: border violence")[8]
    assert claim.place is None, claim.place_link


def test_a_town_is_more_specific_than_a_region() -> None:
    claim = _placed("In the North, gunmen killed 11 villagers near Kidal, officials said.", "Mali: attack on villagers")
    assert claim[11].place == "Kidal", claim[11].place_link


def test_a_repeated_phrase_takes_the_place_of_its_own_words() -> None:
    from counterclaim.model import Article

    text = ("Shelling killed 2 people in Kherson on Monday, and shelling killed 2 people in Sumy on Tuesday, "
            "officials said.")
    claims = next(extract_articles([Article(id="t", doc="t.txt", text=text, date="2024-05-01")]))
    assert [c.place for c in claims if c.value == 2] == ["Kherson", "Sumy"]


def test_two_towns_in_one_sentence_give_each_count_its_own() -> None:
    found = _placed("Shelling killed 4 people in Kramatorsk and 2 in Sloviansk on Tuesday, officials said.")
    assert (found[4].place, found[2].place) == ("Kramatorsk", "Sloviansk")


def test_equal_counts_in_two_towns_are_two_claims() -> None:
    from counterclaim.model import Article

    text = ("An air strike killed 5 people in Idlib on Monday, rescuers said. "
            "Another air strike killed 5 people in Aleppo on Monday, rescuers said.")
    claims = next(extract_articles([Article(id="t", doc="t.txt", text=text, date="2024-05-01")]))
    assert sorted(c.place or "" for c in claims if c.value == 5) == ["Aleppo", "Idlib"]


def test_a_place_outside_the_articles_country_needs_evidence() -> None:
    # A single town of that name abroad is no evidence in an article about another country.
    assert resolve("Dessie", "UA").place is None
    assert resolve("Dessie", "UA", frozenset({"ET"})).place is not None  # the article names Ethiopia
    assert resolve("Kursk", "UA").place is not None  # a conflict place of the curated list


def test_a_village_unknown_to_the_gazetteer_takes_the_country_of_its_region() -> None:
    text = ("Soldiers attacked the village of Htee Tongo in Kayin State overnight. "
            "At least 25 people were killed, local officials said.")
    claim = _placed(text)[25]
    assert (claim.place, claim.country, claim.place_id) == ("Htee Tongo", "MM", None), claim.place_link


def test_the_speakers_place_is_not_carried_to_the_next_sentence() -> None:
    text = "Speaking in Nairobi on Monday, the UN envoy described an attack on a market. At least 9 people were killed."
    claim = _placed(text)[9]
    assert claim.place is None, claim.place_link


def test_a_place_hit_in_the_sentence_before_is_carried() -> None:
    claim = _placed("Russian missiles hit Zaporizhzhia on Monday. Six people were killed, the governor said.")[6]
    assert claim.place == "Zaporizhzhia", claim.place_link


def test_place_cases_resolve_the_events_place_with_high_precision() -> None:
    """The 70 place cases of issue 21: a resolved place is right when it names the annotated
    place (either contains the other) in the annotated country; a claim the extractor
    does not find counts neither way."""
    from counterclaim.model import Article

    cases = [json.loads(line) for line in PLACE_CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) >= 60
    articles = [Article(id=c["id"], doc=c["id"], text=f"{c['title']}\n\n{c['text']}", title=c["title"],
                        date=c.get("article_date")) for c in cases]
    resolved = right = annotated = found = 0
    misses = []
    for case, claims in zip(cases, extract_articles(articles), strict=True):
        for gold in case["claims"]:
            same = [c for c in claims if c.value == gold["value"] and c.measure == gold["measure"]]
            if not same:
                continue
            claim, place = same[0], gold["place"]
            annotated += place is not None
            if claim.place is None:
                if place is not None:
                    misses.append(f"{case['id']}: missed {place!r}/{gold['country']} | {gold['text']}")
                continue
            resolved += 1
            ok = place is not None and (place.lower() in claim.place.lower() or claim.place.lower() in place.lower()) \
                and (gold["country"] is None or claim.country == gold["country"])
            right += ok
            found += ok
            if not ok:
                misses.append(f"{case['id']}: wrong {claim.place!r}/{claim.country} ({claim.place_link}), "
                              f"annotated {place!r}/{gold['country']} | {gold['text']}")
    precision, recall = right / max(1, resolved), found / max(1, annotated)
    print(f"\nplace cases: precision {precision:.3f} ({right}/{resolved}), recall {recall:.3f} ({found}/{annotated})")
    print("\n".join(misses))
    assert precision >= MIN_CASE_PRECISION, "\n".join(misses)
    assert recall >= MIN_CASE_RECALL, "\n".join(misses)
