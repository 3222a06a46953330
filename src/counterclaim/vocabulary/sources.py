"""Who asserts a figure: reporting verbs and the words that stand for a source
(`nlp/attribution.py`).

Lemmas in lower case. Written for this project from the attribution rules of the gold
SCHEMA (shared/gold) and the way wire copy cites its sources.
"""

from __future__ import annotations

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


# The words the attribution rules (`nlp/attribution.py`) test beside the lists above.
# Lower-case word forms unless a comment says lemmas.

# Words a source phrase may open with, cut from its name: "the ministry", "its
# spokesman". In this order in a regular expression (LEADING_WORDS in attribution.py).
LEADING_SOURCE_WORDS = ("the", "a", "an", "its", "their", "his", "her", "our", "some", "several", "many",
                        "other")
# Demonstratives that open a sentence giving the source of the one before: "That's
# according to X". In this order in a regular expression (REFERS_BACK).
REFERS_BACK_WORDS = ("that", "this", "those", "these")
# Words (lemmas) for a source that name no kind of their own, and so fit any
# organisation: "the group", "the statement", "it".
GENERIC_SOURCE_WORDS = frozenset({"group", "statement", "source", "it", "they", "organisation", "organization"})
# Objects (lemmas) of "citing" that are no source: "citing figures from …".
CITED_DOCUMENT_NOUNS = frozenset({"figure", "number", "report"})
# Prepositions that keep a phrase after a source's head in its name: "Ministry of
# Health", "MoH in Gaza", "the U.N. agency for refugees".
NAME_PREPS = frozenset({"of", "in", "for"})
# Prepositions after a proxy head that lead to who stands behind it: "a representative
# of X", "reports from X", "figures released by X", "a spokesman for X".
PROXY_PREPS = frozenset({"of", "from", "by", "for"})
# Words that make a source phrase definite, so that it refers to one named before:
# "the ministry", "its spokesman".
DEFINITE_WORDS = frozenset({"the", "its", "their", "his", "her"})
# Determiners and possessives of a subject that refers back to the source before:
# "the ministry also said".
REFERRING_DETERMINERS = frozenset({"the", "its", "their"})
# Words that open a continuation of the previous sentence's figures: "two others".
OTHERS_WORDS = frozenset({"others", "other"})
# Sources (lemmas) that are documents, whose owner is the source: "IOHC estimates",
# "UN figures".
DOCUMENT_HEADS = frozenset({"report", "statement", "figure", "data", "statistic", "statistics",
                            "tally", "estimate", "count", "number", "toll", "account"})
# People (lemmas) who witness rather than speak for a body: "according to residents".
WITNESS_NOUNS = frozenset({"blogger", "medium", "resident", "witness", "eyewitness", "activist"})
# Nouns (lemmas) of a claim whose owner is its source: "Israel's claim to have killed 13,000".
CLAIM_NOUNS = frozenset({"claim", "report", "statement", "figure", "estimate", "tally", "count",
                         "assessment", "data", "announcement", "toll", "account", "version"})
# Nouns of an answer to an event: "…, Hezbollah said, in response to strikes that killed
# 45": the speaker names the event it answers, and the figure is the article's.
RESPONSE_NOUNS = frozenset({"response", "retaliation", "revenge", "reprisal", "answer"})
