"""`--library SPEC` seeding of personal lists (`lists=N`, `items=M` per list) and playback
progress (`playback=N`), called by `seeding.fill_library` with its own random stream.

* lists: names from a fixed pool, even positions `public`, odd ones `private`; created
  over the last three years; items are released movies, shows, some episodes and people,
  distinct within a list, ranked 1..M in the order listed (`listed_at` after both the
  list's creation and the title's release); the list's `updated_at` is its last addition;
  counts are clamped to the user's limits (`seeding` makes the user VIP first when the
  free limits would not hold them);
* playback: distinct movies and episodes, progress 1-79% (a stop at 80% or more would
  have been a play), paused within the last 90 days (inside the 6-month retention), ids
  growing with `paused_at`.
"""

from __future__ import annotations

import random

from traktkit.sandbox.library import ListItem, MediaRef, PersonalList, PlaybackEntry
from traktkit.sandbox.state import SandboxState
from traktkit.sandbox.timeutil import DAY, minute
from traktkit.sandbox.userlists import unique_slug
from traktkit.sandbox.users import UserState

Dated = tuple[MediaRef, float]
LIST_NAMES = (
    "Weekend movies",
    "Comfort shows",
    "Best of the decade",
    "To rewatch",
    "Family night",
    "Mind benders",
    "Slow burns",
    "Cult classics",
)


def fill_lists(
    state: SandboxState,
    user: UserState,
    rng: random.Random,
    count: int,
    per_list: int,
    pools: tuple[list[Dated], list[Dated], list[Dated]],
) -> None:
    movies, shows, episodes = pools
    now = state.now()
    people = [(MediaRef("person", trakt), 0.0) for trakt in sorted(state.catalogue.people)]
    sample_eps = episodes[:: max(1, len(episodes) // 50)]
    candidates = movies + shows + sample_eps + people
    limits = user.limits
    room = limits.list_total_items
    for index in range(min(count, limits.list_count)):
        base = LIST_NAMES[index % len(LIST_NAMES)]
        name = base if index < len(LIST_NAMES) else f"{base} {index // len(LIST_NAMES) + 1}"
        created = minute(now - rng.uniform(30, 3 * 365) * DAY)
        size = min(per_list, limits.list_item_count, room, len(candidates))
        room -= size
        picks = rng.sample(candidates, size)
        times = sorted(
            minute(rng.uniform(max(created, released), now - 60)) for _, released in picks
        )
        items = [
            ListItem(state.next_id("list_item"), rank, ref, listed_at)
            for rank, ((ref, _), listed_at) in enumerate(zip(picks, times, strict=True), start=1)
        ]
        plist = PersonalList(
            trakt=state.next_id("list"),
            slug=unique_slug(user, name),
            name=name,
            created_at=created,
            updated_at=max((i.listed_at for i in items), default=created),
            description=f"{size} titles picked by {user.username}.",
            privacy="public" if index % 2 == 0 else "private",
            items=items,
        )
        user.library.lists.append(plist)


def fill_playback(
    state: SandboxState,
    user: UserState,
    rng: random.Random,
    count: int,
    pools: tuple[list[Dated], list[Dated]],
) -> None:
    now = state.now()
    candidates = pools[0] + pools[1]
    picks = rng.sample(candidates, min(count, len(candidates)))
    paused = sorted(float(int(now - rng.uniform(60, 90 * DAY))) for _ in picks)
    for (ref, _), at in zip(picks, paused, strict=True):
        progress = round(rng.uniform(1, 79), 2)
        user.library.playback.append(PlaybackEntry(state.next_id("playback"), ref, progress, at))
