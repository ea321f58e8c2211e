"""The calendar of open needs' expiry dates (iCalendar, RFC 5545), for readers to subscribe to."""

from __future__ import annotations

import datetime as dt

from .i18n import _, active


# Characters a TEXT value may not hold (RFC 5545, 3.3.11: the controls but horizontal tab; C1 too).
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0)])


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): every line break (CR LF, CR or LF) written as '\\n', so that
    no reader that ends lines at a CR sees a property the text injected; backslash, ';' and ','
    escaped; other control characters left out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\\", "\\\\")
    text = text.replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return text.translate(_CONTROLS)


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def expiry_calendar(needs, today: dt.date, site_title: str, base_url: str, page_path,
                    title=lambda need: need.title) -> str:
    """One all-day event per open need that has an expiry date, on that date.

    `needs` are (need, seeker label) pairs; `page_path(need)` gives the need's page in the site, and
    `title(need)` its title in the calendar's language (its translation, where there is one).
    DTSTAMP is the build date, so the same content on the same day gives the same file."""
    stamp = today.strftime("%Y%m%dT000000Z")
    name = _("%(site)s: needs closing", site=site_title)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{_escape(site_title)}//Needs expiry//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    for need, seeker in needs:
        day = need.expires.last_day
        url = (base_url.rstrip("/") + "/" + page_path(need)) if base_url else ""
        description = _("Posted by %(seeker)s. Open until %(date)s.", seeker=seeker, date=active().date(day))
        if not url:
            description += " " + _("On the portal: %(path)s", path=page_path(need))
        summary = _("Need closes: %(title)s", title=title(need))
        lines += [
            "BEGIN:VEVENT",
            f"UID:need-{need.id}-expires@south-south-ip-portal",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
        ]
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
