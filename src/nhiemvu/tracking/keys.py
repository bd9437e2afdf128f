"""The keyed due date: a date standing for "no due date" so that "none, or from D on" is one
range in an index. Pure constant; the task table refuses real dates this late."""

from __future__ import annotations

import datetime as dt

NO_DUE = dt.date(9999, 12, 31)
