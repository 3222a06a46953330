"""Sentence splitting and quotation finding, case by case (`counterclaim.nlp.sentences`).

The sentences are invented, in the style of reporting from Ukraine, Sudan, Gaza, Yemen,
Myanmar and the Sahel.
"""

from __future__ import annotations

import pytest

from counterclaim.nlp.sentences import find_quotations, quotation_at, split_sentences

SPLITS = [
    # abbreviations: titles and ranks, organisations, places
    ("Lt. Col. Olena Hrytsenko said 12 soldiers died. The army confirmed it.",
     ["Lt. Col. Olena Hrytsenko said 12 soldiers died.", "The army confirmed it."]),
    ("U.S. Army Maj. Gen. Pat Ryder said 3 bases were hit. The Pentagon agreed.",
     ["U.S. Army Maj. Gen. Pat Ryder said 3 bases were hit.", "The Pentagon agreed."]),
    ("Dr. Tedros said 17 hospitals work. WHO staff agreed.",
     ["Dr. Tedros said 17 hospitals work.", "WHO staff agreed."]),
    ("The U.N. said 40 people died in El Fasher. It called for a truce.",
     ["The U.N. said 40 people died in El Fasher.", "It called for a truce."]),
    ("The strike hit St. Petersburg's outskirts. Two were hurt.",
     ["The strike hit St. Petersburg's outskirts.", "Two were hurt."]),
    ("Sgt. Maj. Ivan Petrov was among the dead. His unit confirmed it.",
     ["Sgt. Maj. Ivan Petrov was among the dead.", "His unit confirmed it."]),
    ("Approx. 300 people fled Marib. Aid arrived.", ["Approx. 300 people fled Marib.", "Aid arrived."]),
    ("Forces took the No. 3 checkpoint. Fighting went on.",
     ["Forces took the No. 3 checkpoint.", "Fighting went on."]),
    # initials
    ("Mr. A. K. Singh said 12 died. Others disagreed.", ["Mr. A. K. Singh said 12 died.", "Others disagreed."]),
    ("John F. Kennedy Airport was closed. Flights resumed.",
     ["John F. Kennedy Airport was closed.", "Flights resumed."]),
    # numbers: decimals are not sentence ends; a sentence may start with a digit
    ("The ministry said 3.5 million were displaced. It appealed for $1.2 billion.",
     ["The ministry said 3.5 million were displaced.", "It appealed for $1.2 billion."]),
    ("The toll rose to 46. 12 of them were children.", ["The toll rose to 46.", "12 of them were children."]),
    # quotes that close after the period
    ('"We lost 20 men." The commander then left.', ['"We lost 20 men."', "The commander then left."]),
    ("“We lost 20 men.” The commander then left.", ["“We lost 20 men.”", "The commander then left."]),
    ("He said: 'It is over.' Then he left.", ["He said: 'It is over.'", "Then he left."]),
    ('"It was terrible," he said. "We lost 20 men."', ['"It was terrible," he said.', '"We lost 20 men."']),
    ("“It was terrible.” “We lost 20 men,” he said.", ["“It was terrible.”", "“We lost 20 men,” he said."]),
    ("Troops entered the town (the army said so.) Residents fled.",
     ["Troops entered the town (the army said so.)", "Residents fled."]),
    # other ends, lines and blanks
    ("What happened? Nobody knows! The army is silent.", ["What happened?", "Nobody knows!", "The army is silent."]),
    ("Witnesses said the convoy was hit... Nobody survived.",
     ["Witnesses said the convoy was hit...", "Nobody survived."]),
    ("Headline with no period\n\nFirst paragraph. Second sentence.",
     ["Headline with no period", "First paragraph.", "Second sentence."]),
    ("Ms. Marant spoke to reporters.   Two schools were destroyed.",
     ["Ms. Marant spoke to reporters.", "Two schools were destroyed."]),
    ("", []),
    ("Pres. Zelensky spoke. He said 12 drones fell.", ["Pres. Zelensky spoke.", "He said 12 drones fell."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert text[sentence.start : sentence.end] == sentence.text


def test_sentence_lines_count_from_zero() -> None:
    text = "Headline 3\n\nFirst paragraph. Second one.\nLast."
    assert [(s.text, s.line) for s in split_sentences(text)] == [
        ("Headline 3", 0), ("First paragraph.", 2), ("Second one.", 2), ("Last.", 3),
    ]


QUOTATIONS = [
    # straight and curly, double and single
    ('"We will not stop," the spokesman said.', [("We will not stop,", True)]),
    ("“We will not stop,” the spokesman said.", [("We will not stop,", True)]),
    ("'We will not stop,' the spokesman said.", [("We will not stop,", True)]),
    ("‘We will not stop,’ the spokesman said.", [("We will not stop,", True)]),
    ('He said "twelve" and then "thirteen".', [("twelve", True), ("thirteen", True)]),
    ("“We lost 20 men.” The commander then left.", [("We lost 20 men.", True)]),
    # apostrophes are not quote marks
    ("The doctors' group said Israel's army fired.", []),
    ("Rebels' positions were hit, 'badly,' he said.", [("badly,", True)]),
    ("The RSF’s drones hit the camp.", []),
    # several paragraphs: each continued paragraph reopens, only the last one closes
    ("“First paragraph of the quote.\n“Second paragraph continues.\n“Last one,” he said.",
     [("First paragraph of the quote.\n“Second paragraph continues.\n“Last one,", True)]),
    ('"We held the line.\n"We lost 20 men," the commander said.',
     [('We held the line.\n"We lost 20 men,', True)]),
    # a paragraph that ends inside a quote and is not continued closes it there, unclosed
    ("“First paragraph of the quote.\nThe reporter added context.", [("First paragraph of the quote.", False)]),
    ('"Unclosed quote here\nAnother paragraph.', [("Unclosed quote here", False)]),
    ("No quotes at all, 12 killed.", []),
]


@pytest.mark.parametrize(("text", "expected"), QUOTATIONS)
def test_find_quotations(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(text[q.start : q.end], q.closed) for q in find_quotations(text)] == expected


def test_quotation_at_finds_the_enclosing_quote() -> None:
    text = "“Two schools were destroyed,” Marant said. Rebels denied it."
    quotations = find_quotations(text)
    inside = text.index("schools")
    outside = text.index("Rebels")
    assert quotation_at(quotations, inside) == quotations[0]
    assert quotation_at(quotations, outside) is None
