"""traktkit.api: endpoint groups over `HttpClient` (no HTTP of their own).

The `Trakt` facade (`traktkit.client`) builds them; each is usable on its own too.
"""

from traktkit.api.collection import CollectionApi
from traktkit.api.discovery import DiscoverApi
from traktkit.api.errors import AmbiguousItem, CandidateInfo, InvalidInput, ItemNotFound
from traktkit.api.favorites import FavoritesApi
from traktkit.api.history import HistoryApi
from traktkit.api.items import ItemRef, ItemSpec, parse_item, parse_items_file
from traktkit.api.lists import ListsApi
from traktkit.api.media import ItemInfo, MediaApi
from traktkit.api.payload import ItemOutcome
from traktkit.api.ratings import RatingsApi
from traktkit.api.recommendations import RecommendationsApi
from traktkit.api.resolve import ResolvedItem
from traktkit.api.search import SearchApi
from traktkit.api.users import UsersApi
from traktkit.api.watchlist import WatchlistApi
from traktkit.api.writes import (
    ItemInput,
    SyncWriter,
    WriteHooks,
    WriteItem,
    WriteProgress,
    WriteReport,
)

__all__ = [
    "AmbiguousItem",
    "CandidateInfo",
    "CollectionApi",
    "DiscoverApi",
    "FavoritesApi",
    "HistoryApi",
    "InvalidInput",
    "ItemInfo",
    "ItemInput",
    "ItemNotFound",
    "ItemOutcome",
    "ItemRef",
    "ItemSpec",
    "ListsApi",
    "MediaApi",
    "RatingsApi",
    "RecommendationsApi",
    "ResolvedItem",
    "SearchApi",
    "SyncWriter",
    "UsersApi",
    "WatchlistApi",
    "WriteHooks",
    "WriteItem",
    "WriteProgress",
    "WriteReport",
    "parse_item",
    "parse_items_file",
]
