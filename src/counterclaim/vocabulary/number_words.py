"""The words of the number grammar (`numbers.py`): number words, scales, ordinals,
qualifiers, currencies and the words around a number that make it no count.

Keys are lower case; lookups lower-case the token first. Written for this project from
English number words and wire style (AP and Reuters write "1.2 million", "$5 billion",
"more than 300"); the currency codes are ISO 4217, with the symbols and names news uses.
"""

from __future__ import annotations

UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# Scale words multiply the group before them. Indian "lakh"/"crore" appear in South
# Asian reporting; "lakh crore" multiplies (10^12).
SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7,
}
# Abbreviated scales, read only right after digits ("10k", "2bn", "1,674.5 G", "2mil").
# Case matters for one letter: "10M" is ten million but "1m" is one metre, and
# "10g" is ten grams; lower-case "m" counts only in money ("$3m") or before a plural noun.
DIGIT_SCALES = {
    "k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "G": 1e9, "b": 1e9, "B": 1e9,
    "bn": 1e9, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bln": 1e9, "tn": 1e12, "tln": 1e12,
    "trn": 1e12,
}
SPACED_DIGIT_SCALES = {"k", "K", "M", "MM", "G", "bn", "mn", "mln", "mil", "bln", "tn", "tln"}
DOZENS = {"dozen": 12, "dozens": 12, "dz": 12, "dzs": 12, "doz": 12, "dozs": 12}

# Denominators of fractions. "second" is left out: "a second strike" is not 1/2.
ORDINALS = {
    "half": 2, "halves": 2, "quarter": 4, "quarters": 4,
    "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9,
    "trillionth": 1e12,
}
# After a tens word an ordinal may be the unit of a compound: "twenty-first" is 21st.
UNIT_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9,
}

# "one" is a pronoun after these words: "the one who", "which one", "no one".
ONE_PRONOUN_BEFORE = {
    "the", "this", "that", "which", "each", "every", "any", "no", "another", "someone",
    "anyone", "everyone", "someone's",
}
ONE_PRONOUN_AFTER = {"another", "anyone", "'s"}
# "one-off", "one-sided": a hyphen compound that is no count.
ONE_IDIOMS = {"off", "sided", "way", "time", "stop", "liner", "on", "upmanship"}

# A number right after these words names a thing, it counts nothing: "Route 60",
# "Resolution 2334", "Brigade 401", "Flash Update 17", "Article 5", "Day 100".
IDENTIFIER_BEFORE = {
    "route", "resolution", "resolutions", "brigade", "highway", "road", "article",
    "articles", "section", "chapter", "paragraph", "page", "pages", "gate", "block",
    "building", "bus", "flight", "platform", "room", "unit", "battalion", "regiment",
    "division", "squadron", "update", "bulletin", "report", "no", "phase", "level",
    "zone", "sector", "checkpoint", "ward", "decree", "law", "protocol", "model",
    "mk", "mark", "type", "series", "grade", "category", "step", "stage", "day",
    "week", "version", "channel", "camp", "line", "hall", "exit", "kilometre",
    "kilometer", "km", "terminal", "crossing", "apartment", "house", "street",
    "avenue", "lane", "plot", "case", "file", "item", "annex", "annexe", "rule",
    "clause", "figure", "table", "station", "post", "tower", "pier", "hangar",
    "berth", "bay", "shelter", "school", "hospital", "dam", "bridge",
}
# Only these of IDENTIFIER_BEFORE mark an identifier when written in lower case;
# "the bus 30 people rode" is rare but "version two" is not an identifier.
IDENTIFIER_ANY_CASE = {"resolution", "route", "highway", "article", "no", "brigade"}

# A four-digit number from 1800 to 2099 after one of these is a year: "in 2014".
YEAR_CUES = {
    "in", "since", "until", "till", "by", "during", "before", "after", "of", "year",
    "early", "late", "mid", "summer", "winter", "spring", "autumn", "fall", "circa",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "throughout", "around", "through",
}
# A plural noun after a year-like number makes it a count again: "killed 2000 people".
COUNT_NOUNS = {"people", "children", "men", "women", "persons", "dead", "displaced"}
NOT_PLURALS = {"is", "was", "has", "as", "its", "his", "this", "thus", "us", "yes", "less"}

# Words after which "from X to Y" is a change, not a range: "rose from 20 to 30".
CHANGE_VERBS = {
    "rose", "risen", "rise", "rises", "rising", "increased", "increase", "increases",
    "climbed", "climb", "jumped", "grew", "grown", "fell", "fallen", "falls", "dropped",
    "decreased", "declined", "up", "down", "revised", "raised", "lowered", "went",
    "soared", "surged", "doubled", "cut", "reduced", "slashed", "boosted", "shrank",
    "swelled", "changed", "moved", "edged", "spiked", "plunged", "plummeted", "dipped",
}
TIME_UNITS = {
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
    "night", "nights", "decade", "decades", "minute", "minutes", "weekend", "weekends",
}

# Qualifier phrases before a number, longest first within the alternation.
QUALIFIERS = [
    ("approx", r"an\s+estimated|estimated|approximately|approx\.?|about|around|roughly"
               r"|nearly|almost|some|close\s+to|circa|ca\.|c\.|~|an\s+approximate"),
    ("over", r"more\s+than|upwards\s+of|in\s+excess\s+of|exceeding|well\s+over|well\s+above"
             r"|just\s+over|over|above"),
    ("at_least", r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than"
                 r"|not\s+fewer\s+than|a\s+minimum\s+of"),
    ("under", r"less\s+than|fewer\s+than|just\s+under|just\s+below|under|below"),
    ("at_most", r"up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of"
                r"|as\s+many\s+as|as\s+much\s+as"),
]
# Qualifiers written after a number: "300 or more", "1,000+", "300-odd", "50-plus".
SUFFIX_QUALIFIERS = [
    ("at_least", r"\s+or\s+more\b"),
    ("approx", r"\s+or\s+so\b|-odd\b|\s+odd\b"),
    ("over", r"\+|-plus\b|\s+plus\b(?!\s+[0-9])"),
]

# Currency written before the amount. The one-letter forms "A$"/"R$" need the capital
# ("a $5 fund" is US dollars); "c $" (Canadian) keeps the spaced lower case of wire copy.
CURRENCY_PREFIXES = [
    ("USD", r"(?i:us\s?\$|u\.\s?s\.?\s?\$|usd\b|us\s+dollars?\b)"),
    ("CAD", r"(?i:c\s?\$|ca\$|can\$|cad\b)"),
    ("AUD", r"A\$|AU\$|AUD\b"),
    ("HKD", r"(?i:hk\s?\$|hkd\b)"),
    ("NZD", r"NZ\$|NZD\b"),
    ("MXN", r"(?i:mex\s?\$|mxn\b)"),
    ("BRL", r"R\$|BRL\b"),
    ("USD", r"\$"),
    ("EUR", r"€|EUR\b"),
    ("GBP", r"£|GBP\b"),
    ("JPY", r"¥|JPY\b"),
    ("INR", r"₹|Rs\.?(?=\s?[0-9])|INR\b"),
    ("UAH", r"₴|UAH\b"),
    ("RUB", r"₽|RUB\b"),
    ("ILS", r"₪|NIS\b|ILS\b"),
    ("NGN", r"₦|NGN\b"),
    ("CHF", r"CHF\b|SFr\.?"),
    ("SAR", r"SAR\b"), ("AED", r"AED\b"), ("SDG", r"SDG\b"), ("SYP", r"SYP\b"),
    ("YER", r"YER\b"), ("CDF", r"CDF\b"), ("XOF", r"XOF\b"), ("XAF", r"XAF\b"),
    ("MMK", r"MMK\b"), ("CNY", r"CNY\b|RMB\b"), ("TRY", r"TRY\b|₺"), ("PKR", r"PKR\b"),
    ("EGP", r"EGP\b"), ("LBP", r"LBP\b"), ("IQD", r"IQD\b"), ("KES", r"KES\b"),
    ("ETB", r"ETB\b"), ("SEK", r"SEK\b"), ("NOK", r"NOK\b"), ("DKK", r"DKK\b"),
]
# Currency written after the amount, with its scale to the main unit (cents are 1/100).
# Bare "francs" is taken as the West African CFA franc (Sahel reporting); bare "pounds"
# is sterling unless it weighs something ("pounds of explosives", "a 2,000-pound bomb").
CURRENCY_SUFFIXES = [
    ("USD", 1, r"(?:us|u\.s\.|american)\s+dollars?|dollars?|bucks"),
    ("CAD", 1, r"canadian\s+dollars?"), ("AUD", 1, r"australian\s+dollars?"),
    ("HKD", 1, r"hong\s+kong\s+dollars?"), ("NZD", 1, r"new\s+zealand\s+dollars?"),
    ("USD", 0.01, r"cents?|¢"),
    ("EUR", 1, r"euros?"),
    ("GBP", 1, r"(?:british\s+)?pounds?\s+sterling|british\s+pounds?|sterling"),
    ("EGP", 1, r"egyptian\s+pounds?"), ("SDG", 1, r"sudanese\s+pounds?"),
    ("SSP", 1, r"south\s+sudanese\s+pounds?"), ("SYP", 1, r"syrian\s+pounds?"),
    ("LBP", 1, r"lebanese\s+pounds?"),
    ("GBP", 1, r"pounds?(?!\s+of\b)"), ("GBP", 0.01, r"pence|penny|pennies"),
    ("JPY", 1, r"(?:japanese\s+)?yen"),
    ("CNY", 1, r"(?:chinese\s+)?yuan|renminbi|rmb|元"),
    ("PKR", 1, r"pakistani\s+rupees?"), ("LKR", 1, r"sri\s+lankan\s+rupees?|ரூ"),
    ("INR", 1, r"(?:indian\s+)?rupees?"),
    ("CHF", 1, r"swiss\s+francs?"), ("CDF", 1, r"congolese\s+francs?"),
    ("XAF", 1, r"central\s+african\s+(?:cfa\s+)?francs?"),
    ("XOF", 1, r"(?:west\s+african\s+)?cfa\s+francs?|francs?"),
    ("UAH", 1, r"(?:ukrainian\s+)?hryvni?as?|hryvnyas?"),
    ("RUB", 1, r"(?:russian\s+)?r[ou]+bles?"),
    ("ILS", 1, r"(?:new\s+israeli\s+)?shekels?|nis"),
    ("SAR", 1, r"saudi\s+riyals?|riyals?"), ("YER", 1, r"yemeni\s+ri[ay]ls?"),
    ("IRR", 1, r"iranian\s+rials?|rials?"), ("AED", 1, r"(?:uae\s+)?dirhams?"),
    ("IQD", 1, r"iraqi\s+dinars?"), ("JOD", 1, r"jordanian\s+dinars?"),
    ("LYD", 1, r"libyan\s+dinars?"), ("NGN", 1, r"naira"), ("ZAR", 1, r"rand"),
    ("KES", 1, r"kenyan\s+shillings?|shillings?"), ("MMK", 1, r"kyats?"),
    ("TRY", 1, r"(?:turkish\s+)?lira"), ("MXN", 1, r"(?:mexican\s+)?pesos?"),
    ("ESP", 1, r"pesetas?"), ("FIM", 1, r"(?:finnish\s+)?markk?as?"),
    ("NLG", 1, r"(?:dutch\s+)?guilders?"), ("SEK", 1, r"(?:swedish\s+)?kron(?:a|or)"),
    ("CRC", 1, r"₡"), ("GEL", 1, r"₾"), ("LAK", 1, r"₭"), ("AFN", 1, r"afghanis?"),
    ("USD", 1, r"USD"), ("EUR", 1, r"EUR"), ("GBP", 1, r"GBP"), ("SEK", 1, r"SEK"),
    ("CHF", 1, r"CHF"), ("UAH", 1, r"UAH"), ("RUB", 1, r"RUB"), ("ILS", 1, r"ILS"),
]
PERCENT_SUFFIX = r"\s?%|\s*(?:percentage\s+points?|percentages?|percents?|per\s?-?cent|pct\b\.?)"

# Vague amounts: value None, the word kept. "dozens of" gives "dozens": the claim
# extraction reads what follows. "many" and "some" are left out (too common to be
# amounts); "a couple" is read as about 2.
VAGUE = (
    r"(?:tens|hundreds)\s+of\s+(?:thousands|millions)|several\s+(?:dozen|hundred|thousand"
    r"|million)|a\s+few\s+(?:dozen|hundred|thousand|million)|dozens|hundreds|thousands"
    r"|millions|billions|scores(?=\s+of\b)|tens(?=\s+of\b)|several|a\s+few|numerous"
    r"|a\s+number(?=\s+of\b)|a\s+handful|countless|a\s+couple"
)

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# Nouns before a capitalised number that the claim rules (extract.py) take for a name, not
# a count, where the parse hangs the number on them: "Operation 1027", "Hill 60". Not
# IDENTIFIER_BEFORE: that list drops the number in the grammar itself, with no parse.
IDENTIFIER_NOUNS = frozenset("""operation brigade route resolution flight unit highway road
battalion regiment division building block gate sector post hill camp zone article paragraph
section protocol chapter no number phase corps squadron group platoon company army""".split())
