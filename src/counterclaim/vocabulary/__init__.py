"""The words the rules read, as data: the bottom layer that `numbers`, `nlp` and `actors` import.

Nothing here imports anything of the package but `model` (an import contract in
pyproject.toml), so every stage may use it without importing another stage.

- `measures.py`: verbs, predicates and nouns that say what happened to a figure (killed,
  wounded, captured, destroyed, attacks, aid …), by measure name of `model.MEASURES`;
- `counted.py`: nouns that say what a number counts (people, things) or that make it a
  measurement rather than a count;
- `sources.py`: reporting verbs and the nouns and pronouns that stand for a source;
- `names.py`: titles, role nouns, words of organisations and demonyms, which both the
  attribution rules and the actor linker read;
- `number_words.py`: the words of the number grammar (`numbers.py`): number words,
  scales, qualifiers, currencies, and the nouns before an identifier.

Written for this project from the measure definitions in the gold SCHEMA (shared/gold)
and from the vocabulary of war reporting in English: ministries' bulletins, wire copy,
armed groups' statements, UN situation reports. Where a list came from elsewhere, its
comment says so. `tests/test_vocabulary.py` checks every measure and qualifier name.
"""
