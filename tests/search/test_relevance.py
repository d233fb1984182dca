"""Patients' own words find the right page or FAQ, on the demo content.

Table-driven: each row is a realistic query and the title that must rank first, or at
least in the top three. One load of the demo content serves the whole table; a failure
lists every query that missed and what came back instead.
"""

from search.engine import site_search

FIRST, TOP_3 = 1, 3

RELEVANCE_TABLE = [
    # (query, expected title, must be within the first N results)
    ("prp", "PRP hair restoration", FIRST),
    ("PRP", "PRP hair restoration", FIRST),
    ("platelet rich plasma", "PRP hair restoration", FIRST),
    ("platelet-rich plasma", "PRP hair restoration", FIRST),
    ("Platelet Rich Plasma therapy", "PRP hair restoration", TOP_3),
    ("what is prp", "What is PRP?", TOP_3),
    ("hair loss injections", "PRP hair restoration", FIRST),
    ("alopecia treatment", "PRP hair restoration", TOP_3),
    ("alopesha", "PRP hair restoration", TOP_3),
    ("alopicia", "PRP hair restoration", TOP_3),
    ("balding", "PRP hair restoration", TOP_3),
    ("thinning hair women", "Does PRP work for women?", FIRST),
    ("does it work for women", "Does PRP work for women?", FIRST),
    ("female hair loss", "Does PRP work for women?", TOP_3),
    ("how many sessions", "How many sessions will I need?", FIRST),
    ("how many treatments do i need", "How many sessions will I need?", FIRST),
    ("number of sesions", "How many sessions will I need?", TOP_3),
    ("is it painful", "Does it hurt?", FIRST),
    ("does it hurt", "Does it hurt?", FIRST),
    ("pain", "Does it hurt?", FIRST),
    ("downtime", "Is there any downtime?", FIRST),
    ("recovery time", "Is there any downtime?", FIRST),
    ("side effects", "Is PRP safe? Could I be allergic to it?", FIRST),
    ("is it safe", "Is PRP safe? Could I be allergic to it?", FIRST),
    ("allergic reaction", "Is PRP safe? Could I be allergic to it?", FIRST),
    ("book an appointment", "How do I book a consultation?", FIRST),
    ("consultation", "How do I book a consultation?", TOP_3),
    ("phone number", "Contact us", TOP_3),
    ("what to avoid after treatment", "What should I avoid after a session?", TOP_3),
    ("aftercare", "PRP hair restoration", TOP_3),
    ("can i wash my hair after", "What should I avoid after a session?", TOP_3),
    ("when will i see results", "How long until I see results?", FIRST),
    ("who is it not for", "Who is not a good candidate for PRP?", TOP_3),
    ("completely bald", "Who is not a good candidate for PRP?", TOP_3),
    ("centrifuge", "PRP hair restoration", TOP_3),
    ("maintenance sessions", "How many sessions will I need?", TOP_3),
]


def test_relevance_table_has_at_least_25_patient_queries():
    assert len(RELEVANCE_TABLE) >= 25


def test_patient_queries_find_the_right_page_or_faq(demo_content):
    misses = []
    for query, expected, within in RELEVANCE_TABLE:
        titles = [result.title for result in site_search(query).results]
        if expected not in titles[:within]:
            misses.append(f"{query!r}: wanted {expected!r} in top {within}, got {titles[:3]}")
    assert misses == [], "\n".join(misses)
