"""Constrained field types shared by the records (Pydantic ``Annotated`` aliases)."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]
Count = Annotated[int, Field(ge=0)]
Offset = Annotated[int, Field(ge=0)]
Latitude = Annotated[float, Field(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Field(ge=-180.0, le=180.0)]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""ISO 3166-1 alpha-2."""
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=512)]
