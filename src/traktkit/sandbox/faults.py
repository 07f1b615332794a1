"""Fault injection: make chosen routes fail (or stall) a given number of times.

Rules come from `--faults SPEC` (see `config.parse_faults_spec`) or from
`POST /_sandbox/faults`. The dispatcher asks `FaultInjector.take(route_key)` for every API
request after counting it; the first rule whose route is the request's template key (or
`*`) and has uses left fires. A status-0 rule only delays and then lets the request
through (to provoke client timeouts without changing the answer).

A rule fires *before* the handler (nothing applied) unless `after` is set: then the
request is handled normally (a write is applied) and the fault's delay and status apply
to the answer ("applied, but the client saw a 5xx / timed out").
"""

from __future__ import annotations

from dataclasses import dataclass

from traktkit.sandbox.config import FaultRule


@dataclass
class ActiveFault:
    rule: FaultRule
    remaining: int | None  # None = unlimited
    fired: int = 0


class FaultInjector:
    def __init__(self, rules: list[FaultRule] | None = None) -> None:
        self._active: list[ActiveFault] = []
        self.set(rules or [])

    def set(self, rules: list[FaultRule]) -> None:
        self._active = [ActiveFault(rule, rule.count) for rule in rules]

    def take(self, route_key: str) -> FaultRule | None:
        for fault in self._active:
            if fault.rule.route not in ("*", route_key):
                continue
            if fault.remaining is not None:
                if fault.remaining <= 0:
                    continue
                fault.remaining -= 1
            fault.fired += 1
            return fault.rule
        return None

    def describe(self) -> list[dict[str, object]]:
        return [
            {
                "route": f.rule.route,
                "status": f.rule.status,
                "count": f.rule.count,
                "remaining": f.remaining,
                "fired": f.fired,
                "retry_after": f.rule.retry_after,
                "html": f.rule.html,
                "delay": f.rule.delay,
                "after": f.rule.after,
            }
            for f in self._active
        ]
