"""Deploy pacing from ARM's rate-limit headers, on a fake clock against the emulator's own buckets."""

from __future__ import annotations

import pytest

from armgen.deploy.pacing import Pacer, refill_from_env, scope_of
from armgen.emulator.models.errors import ArmHttpError
from armgen.emulator.throttling import Throttle, ThrottleSettings
from armgen.errors import InputError

URL = "https://management.azure.com/subscriptions/0000/resourcegroups/rg/providers/x?api-version=1"
PATH = "/subscriptions/0000/resourcegroups/rg/providers/x"


class Clock:
    """Time that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 10.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def arm_and_pacer(size: float, refill: float) -> tuple[Throttle, Pacer, Clock]:
    clock = Clock()
    arm = Throttle(ThrottleSettings.from_dict({"enabled": True, "writes": [size, refill]}), clock=clock)
    return arm, Pacer({"writes": refill}, clock=clock, sleep=clock.sleep), clock


def send(arm: Throttle, pacer: Pacer, method: str = "PUT") -> int:
    """One request through the pacer to the emulator's buckets; the status ARM answers."""
    ticket = pacer.before("subscription", "writes")
    try:
        headers, status = arm.admit(method, PATH, "Bearer t"), 200
    except ArmHttpError as err:
        headers, status = err.headers, err.status
    pacer.after("subscription", "writes", status, headers, ticket)
    return status


def test_a_burst_larger_than_the_bucket_is_paced_not_refused() -> None:
    arm, pacer, clock = arm_and_pacer(size=5, refill=10)
    start = clock.now
    statuses = [send(arm, pacer) for _ in range(100)]
    assert statuses == [200] * 100 and arm.refused == 0
    # 5 from the bucket, 95 at 10 per second: the pace ARM allows, not slower
    assert clock.now - start == pytest.approx(9.5, abs=0.11)
    assert pacer.verdict(start, clock.now).startswith("throttle-bound: requests waited")


def test_a_429_holds_that_kind_of_request_until_retry_after() -> None:
    arm, pacer, clock = arm_and_pacer(size=3, refill=1)
    send(arm, pacer)
    for _ in range(2):  # another process of the same principal drains the bucket behind the pacer's back
        arm.admit("PUT", PATH, "Bearer t")
    pacer.before("subscription", "writes")
    with pytest.raises(ArmHttpError) as err:
        arm.admit("PUT", PATH, "Bearer t")
    pacer.after("subscription", "writes", 429, err.value.headers)
    assert pacer.throttled == 1
    before = clock.now
    pacer.before("subscription", "writes")
    assert clock.now - before >= float(err.value.headers["Retry-After"]) - 1e-9


def test_answers_without_headers_are_not_paced() -> None:
    clock = Clock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    for _ in range(1000):
        before = clock.now
        pacer.before("subscription", "reads")
        assert clock.now == before
        pacer.after("subscription", "reads", 200, {})
    assert pacer.verdict(0, 10).startswith("latency-bound")


def test_scope_and_refill_settings() -> None:
    assert scope_of(URL) == "subscription"
    assert scope_of("https://management.azure.com/providers/Microsoft.Resources/operations?x=1") == "tenant"
    assert refill_from_env("writes=5, reads=12.5") == {"writes": 5.0, "reads": 12.5}
    assert refill_from_env(None) == {}
    with pytest.raises(InputError, match="ARMGEN_ARM_REFILL"):
        refill_from_env("write=5")


def test_requests_held_behind_the_first_answer_do_not_shrink_the_bucket_it_reveals() -> None:
    import threading

    arm, pacer, clock = arm_and_pacer(size=200, refill=10)
    ticket = pacer.before("subscription", "writes")  # the probe: the others wait for its answer
    held = [threading.Thread(target=send, args=(arm, pacer)) for _ in range(150)]
    for thread in held:
        thread.start()
    while pacer.sent["writes"] < 151:  # all of them waiting for the probe's answer
        threading.Event().wait(0.01)
    pacer.after("subscription", "writes", 200, arm.admit("PUT", PATH, "Bearer t"), ticket)
    for thread in held:
        thread.join(5)
    assert arm.refused == 0 and not pacer.waits  # 151 requests of a bucket of 200: none waited


def test_a_bucket_that_refilled_while_requests_were_in_flight_is_spent_in_full() -> None:
    arm, pacer, clock = arm_and_pacer(size=20, refill=10)
    send(arm, pacer)  # the probe
    tickets = [(pacer.before("subscription", "writes"), arm.admit("PUT", PATH, "Bearer t")) for _ in range(10)]
    clock.sleep(2.0)  # slow answers: ARM's bucket is full again before they arrive
    for ticket, headers in tickets:
        pacer.after("subscription", "writes", 200, headers, ticket)
    start = clock.now
    assert [send(arm, pacer) for _ in range(40)] == [200] * 40 and arm.refused == 0
    # 20 from the full bucket, 20 at 10 per second (the level used to stay 10 below ARM's: 3 s)
    assert clock.now - start == pytest.approx(2.0, abs=0.11)
