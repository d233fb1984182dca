"""The treatment-plan sentence is built from the plan numbers, never typed by hand."""

import pytest

from services.treatment_plan import schedule_text


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ((3, 4, 6, 4, 6), "3 sessions, 4–6 weeks apart, then maintenance every 4–6 months"),
        ((3, 4, 4, 6, 6), "3 sessions, 4 weeks apart, then maintenance every 6 months"),
        ((3, 4, None, None, None), "3 sessions, 4 weeks apart"),
        ((1, None, None, 12, None), "1 session, then maintenance every 12 months"),
        ((2, 1, None, 1, 2), "2 sessions, 1 week apart, then maintenance every 1–2 months"),
        ((None, 4, 6, 4, 6), ""),
    ],
)
def test_schedule_text_is_built_from_numbers(numbers, expected):
    assert schedule_text(*numbers) == expected


def test_a_single_session_has_no_gap_between_sessions():
    assert schedule_text(1, 4, 6, None, None) == "1 session"
