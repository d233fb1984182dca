"""The treatment-plan sentence, built from numbers so it can never disagree with them."""


def _range_text(low: int, high: int | None, unit: str) -> str:
    """'4–6 weeks', or '4 weeks' when both ends are equal or the upper end is missing."""
    plural = unit if (high or low) == 1 else f"{unit}s"
    if high is None or high == low:
        return f"{low} {plural}"
    return f"{low}–{high} {plural}"


def schedule_text(
    sessions: int | None,
    interval_weeks_min: int | None,
    interval_weeks_max: int | None,
    maintenance_months_min: int | None,
    maintenance_months_max: int | None,
) -> str:
    """E.g. '3 sessions, 4–6 weeks apart, then maintenance every 4–6 months'.

    Parts without numbers are left out; no sessions means no sentence at all.
    """
    if not sessions:
        return ""
    parts = [f"{sessions} session" if sessions == 1 else f"{sessions} sessions"]
    if sessions > 1 and interval_weeks_min:
        parts.append(f"{_range_text(interval_weeks_min, interval_weeks_max, 'week')} apart")
    text = ", ".join(parts)
    if maintenance_months_min:
        maintenance = _range_text(maintenance_months_min, maintenance_months_max, "month")
        text += f", then maintenance every {maintenance}"
    return text
