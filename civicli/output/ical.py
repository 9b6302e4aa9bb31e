"""The iCalendar file (RFC 5545) of `civicli calendar`: one all-day event per occurrence still to
do, on its due date, with an alarm at 9:00 three days before. Rendered with the `icalendar`
package, imported here only (this command is its one user)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import quote

from icalendar import Alarm, Calendar
from icalendar import Event as VEvent

from civicli import __version__
from civicli.i18n import ICAL, language
from civicli.output.words import occurrence_text
from civicli.plan.naming import occurrence_name
from civicli.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from civicli.reports.calendar import Event

# The alarm: 9:00 three days before the day. An all-day event starts at 00:00 of its day, so the
# trigger, relative to the start, is 3 days earlier plus 9 hours: -P2DT15H.
ALARM = dt.timedelta(days=-3, hours=9)


def uid(event: Event) -> str:
    """The event's UID: the task key and the occurrence key, which never change for the same
    occurrence, so a calendar importing the file again updates the event instead of adding a
    second one. Percent-encoded to ASCII (a festival's key is Chinese: `2027-中秋`)."""
    return f"{quote(event.task_key, safe='/-_.~')}/{quote(event.occurrence, safe='-_.~')}@civicli"


def _text(value: str) -> str:
    """User text on one line, without control characters (iCalendar text holds none)."""
    return printable(value, replace=" ").strip()


def summary(event: Event) -> str:
    """The task's title with the period or festival (`（第36周）`, `（中秋）`); a one-off task's alone."""
    period = _period(event.occurrence, event.schedule, event.due.year)
    title = _text(event.title)
    return ICAL["summary"].format(title=title, period=period) if period else title


def _period(key: str, schedule: str, year: int | None = None) -> str:
    if key == "once":
        return ""
    if language() != "zh":
        return key

    return occurrence_name(key, schedule, year)


def description(event: Event) -> str:
    lines = [ICAL["plan"].format(plan=_text(event.plan_title))]
    if event.owner:
        lines.append(ICAL["owner"].format(owner=_text(event.owner)))
    lines.append(
        ICAL["occurrence"].format(
            occurrence=occurrence_text(event.occurrence, schedule=event.schedule or None) or event.occurrence
        )
    )
    lines.append(ICAL["task"].format(key=_text(event.task_key)))
    return "\n".join(lines)


def calendar_bytes(events: Sequence[Event], stamp: dt.datetime) -> bytes:
    """The whole iCalendar file. `stamp` (UTC) is every event's DTSTAMP: when the file was made."""
    cal = Calendar()
    cal.add("prodid", f"-//civicli//civicli {__version__}//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", ICAL["calname"])
    for event in events:
        item = VEvent()
        item.add("uid", uid(event))
        item.add("dtstamp", stamp)
        item.add("dtstart", event.due)  # a date: VALUE=DATE, an all-day event
        item.add("dtend", event.due + dt.timedelta(days=1))
        item.add("summary", summary(event))
        item.add("description", description(event))
        item.add("transp", "TRANSPARENT")  # a reminder, not time taken
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", ICAL["alarm"].format(title=summary(event), due=event.due.isoformat()))
        alarm.add("trigger", ALARM)
        item.add_component(alarm)
        cal.add_component(item)
    return bytes(cal.to_ical())
