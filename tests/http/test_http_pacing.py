"""Write pacing, the GET budget and X-Ratelimit adoption (all on a fake clock)."""

from __future__ import annotations

import json
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import httpx2
import pytest
from http_fakes import WALL_EPOCH, FakeClock, MakeClient, StaticTokens, json_response

from traktkit.http import GetBudget, RateLimitInfo, WritePacer
from traktkit.http.headers import parse_ratelimit, parse_retry_after
from traktkit.http.pacing import WriteStamp


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- WritePacer ------------------------------------------------------------------------------


def test_write_pacer_spaces_writes() -> None:
    clock = FakeClock()
    pacer = WritePacer(1.0, clock=clock.monotonic, sleep=clock.sleep)
    assert pacer.acquire() == 0
    assert pacer.acquire() == pytest.approx(1.0)
    clock.advance(0.3)
    assert pacer.acquire() == pytest.approx(0.7)
    clock.advance(5)
    assert pacer.acquire() == 0


def test_write_pacer_counts_from_the_previous_answer() -> None:
    clock = FakeClock()
    pacer = WritePacer(1.0, clock=clock.monotonic, sleep=clock.sleep)
    assert pacer.acquire() == 0
    clock.advance(0.4)  # the first write took 0.4 s to answer
    pacer.completed()
    # a full interval after the answer, not 0.6 s after the start
    assert pacer.acquire() == pytest.approx(1.0)


def test_write_stamp_spaces_writes_across_processes(tmp_path: Path) -> None:
    clock = FakeClock()
    stamp = tmp_path / "home" / "last-write"

    def pacer() -> WritePacer:  # each process has its own pacer, sharing the stamp file
        return WritePacer(
            1.0,
            clock=clock.monotonic,
            sleep=clock.sleep,
            wall_clock=clock.wall,
            stamp=WriteStamp(stamp),
        )

    first = pacer()
    assert first.acquire() == 0
    clock.advance(0.25)
    first.completed()
    assert stat.S_IMODE(stamp.stat().st_mode) == 0o600
    clock.advance(0.25)
    # a new process starting 0.25 s after the first write's answer waits the rest
    assert pacer().acquire() == pytest.approx(0.75)
    clock.advance(10)
    assert pacer().acquire() == 0


def test_write_pacer_thread_safe_reservations() -> None:
    clock = FakeClock()
    pacer = WritePacer(1.0, clock=clock.monotonic, sleep=lambda s: None)
    waits: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(25):
            wait = pacer.reserve()
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 100 distinct slots, one second apart, none shared
    assert sorted(waits) == [pytest.approx(float(i)) for i in range(100)]


def test_write_pacer_adopts_ratelimit() -> None:
    clock = FakeClock()
    pacer = WritePacer(1.0, clock=clock.monotonic, sleep=clock.sleep, wall_clock=clock.wall)
    pacer.adopt(RateLimitInfo(name="AUTHED_API_POST_LIMIT", period=2, limit=1, remaining=1))
    assert pacer.interval == 2.0
    pacer.acquire()
    assert pacer.acquire() == pytest.approx(2.0)
    until = datetime.fromtimestamp(clock.wall() + 1.5, UTC)
    pacer.adopt(RateLimitInfo(period=2, limit=1, remaining=0, until=until))
    assert pacer.reserve() == pytest.approx(2.0)  # max(next slot, until)


def test_two_posts_second_waits_one_second(make_client: MakeClient) -> None:
    h = make_client(lambda r: json_response(201, {}), tokens=StaticTokens("tok-123456"))
    h.client.post("/sync/history", {"movies": []})
    h.client.post("/sync/history", {"movies": []})
    assert h.clock.sleeps == [pytest.approx(1.0)]
    assert h.waits == []  # routine pacing is silent


def test_oauth_posts_are_not_write_paced(make_client: MakeClient) -> None:
    h = make_client(lambda r: json_response(200, {}))
    for _ in range(3):
        h.client.request("POST", "/oauth/device/token", json={}, auth="none")
    assert h.clock.sleeps == []


def test_gets_are_not_write_paced(make_client: MakeClient) -> None:
    h = make_client(lambda r: json_response(200, []))
    for _ in range(5):
        h.client.get("/movies/trending")
    assert h.clock.sleeps == []


# -- GetBudget -------------------------------------------------------------------------------


def test_get_budget_waits_when_empty() -> None:
    clock = FakeClock()
    budget = GetBudget(10, 10.0, clock=clock.monotonic, sleep=clock.sleep)
    for _ in range(10):
        assert budget.acquire() == 0
    assert budget.acquire() == pytest.approx(1.0)  # refills 1 token per second
    assert budget.acquire() == pytest.approx(1.0)
    clock.advance(100)
    assert budget.available == pytest.approx(10.0)  # capped at the capacity


def test_get_budget_via_client(make_client: MakeClient) -> None:
    h = make_client(lambda r: json_response(200, []), get_limit=3, get_period=30.0)
    for _ in range(4):
        h.client.get("/movies/trending")
    assert h.clock.sleeps == [pytest.approx(10.0)]
    assert h.waits and "budget" in h.waits[0][1]


def test_get_budget_adopts_remaining_zero_until() -> None:
    clock = FakeClock()
    budget = GetBudget(1000, 300.0, clock=clock.monotonic, sleep=clock.sleep, wall_clock=clock.wall)
    until = datetime.fromtimestamp(clock.wall() + 42, UTC)
    budget.adopt(
        RateLimitInfo(name="AUTHED_API_GET_LIMIT", limit=1000, period=300, remaining=0, until=until)
    )
    assert budget.acquire() == pytest.approx(42.0)


def test_get_budget_adopts_limit_and_remaining() -> None:
    clock = FakeClock()
    budget = GetBudget(1000, 300.0, clock=clock.monotonic, sleep=clock.sleep)
    budget.adopt(RateLimitInfo(limit=100, period=100, remaining=2))
    assert budget.acquire() == 0
    assert budget.acquire() == 0
    assert budget.acquire() == pytest.approx(1.0)  # 1 per second now


def test_client_adopts_x_ratelimit_header(make_client: MakeClient) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        header = {
            "name": "UNAUTHED_API_GET_LIMIT",
            "period": 300,
            "limit": 1000,
            "remaining": 0,
            "until": iso(WALL_EPOCH + 60),
        }
        return json_response(200, [], {"X-Ratelimit": json.dumps(header)})

    h = make_client(handler)
    h.client.get("/movies/trending")
    assert h.clock.sleeps == []
    h.client.get("/movies/trending")
    assert h.clock.sleeps == [pytest.approx(60.0)]
    assert h.waits[0][0] == pytest.approx(60.0)


def test_429_blocks_the_bucket_for_everyone(make_client: MakeClient) -> None:
    responses = iter([httpx2.Response(429, headers={"Retry-After": "5"}), json_response(200, [])])
    h = make_client(lambda r: next(responses))
    h.client.get("/movies/trending")
    assert h.clock.sleeps == [pytest.approx(5.5)]  # no double wait from the bucket block


# -- header parsing --------------------------------------------------------------------------


def test_parse_ratelimit_variants() -> None:
    info = parse_ratelimit(
        {
            "x-ratelimit": '{"name":"AUTHED_API_POST_LIMIT","period":1,"limit":1,'
            '"remaining":0,"until":"2024-01-08T22:31:48Z"}'
        }
    )
    assert info is not None
    assert info.is_write_limit is True
    assert info.until == datetime(2024, 1, 8, 22, 31, 48, tzinfo=UTC)
    assert parse_ratelimit({}) is None
    assert parse_ratelimit({"x-ratelimit": "not json"}) is None
    assert parse_ratelimit({"x-ratelimit": "[1]"}) is None
    partial = parse_ratelimit({"x-ratelimit": '{"remaining": "x", "until": "garbage"}'})
    assert partial == RateLimitInfo()
    assert partial.is_write_limit is None


def test_parse_retry_after() -> None:
    assert parse_retry_after({"retry-after": "3"}, 0) == 3
    assert parse_retry_after({"retry-after": " 1.5 "}, 0) == 1.5
    assert parse_retry_after({"retry-after": "-4"}, 0) == 0
    assert parse_retry_after({}, 0) is None
    assert parse_retry_after({"retry-after": "soon"}, 0) is None
    when = "Wed, 21 Oct 2015 07:28:00 GMT"
    epoch = datetime(2015, 10, 21, 7, 27, 50, tzinfo=UTC).timestamp()
    assert parse_retry_after({"retry-after": when}, epoch) == pytest.approx(10.0)
