"""Constrained field types shared by the records (Pydantic ``Annotated`` aliases)."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]
MAX_COUNT = 10_000_000
"""The largest count a record holds: no one report tolls more people than this, so a larger figure is a
misreading (a phone number, a date, a serial), never a casualty count."""
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
MAX_STATISTIC = 10**12
"""The largest value of a period statistic (well inside int64 and exact in a float)."""
Statistic = Annotated[float, Field(ge=0, le=MAX_STATISTIC)]
Offset = Annotated[int, Field(ge=0)]
Latitude = Annotated[float, Field(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Field(ge=-180.0, le=180.0)]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""ISO 3166-1 alpha-2."""
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=512)]
