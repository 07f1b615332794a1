"""traktkit: a typed toolkit for Trakt.tv."""

from traktkit._version import __version__

__all__ = ["__version__"]
