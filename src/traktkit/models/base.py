"""The base class of every Trakt model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = ["TraktModel"]


class TraktModel(BaseModel):
    """A Trakt object: unknown fields pass through, output mirrors the input shape.

    `to_api()` dumps with `exclude_unset=True` (not `exclude_none`): a key the API sent
    as `null` stays `null`, a key it did not send stays absent, and extra fields from
    `extended=full` (or newer API versions) pass through unchanged. So the `--json`
    output of a parsed item equals the API's own item (timestamps normalised to
    `…T09:10:11.000Z`).
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_api(self) -> dict[str, Any]:
        """This object in the API's JSON shape (aliases such as `3d`, `list` applied)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)
