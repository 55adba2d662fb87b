"""Durations and dates as a desk reads them."""

from __future__ import annotations

from datetime import datetime, timedelta


def age(since: datetime | None, now: datetime) -> str:
    """'45m', '5h', '3d 4h', '6w': precise when recent, coarse when old."""
    if since is None:
        return "-"
    delta = max(now - since, timedelta(0))
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes}m"
    hours = minutes // 60
    if hours < 48:
        return f"{hours}h"
    days, hours = divmod(hours, 24)
    if days < 14:
        return f"{days}d {hours}h" if hours else f"{days}d"
    return f"{days // 7}w"


def day(stamp: str | None, now: datetime) -> str:
    """'25 Nov' this year, '2025-11-25' before: short where the year goes without saying."""
    if not stamp:
        return "-"
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp[:10]
    return moment.strftime("%d %b") if moment.year == now.year else moment.strftime("%Y-%m-%d")
