"""ARM's token buckets in the emulator, on a fake clock."""

from __future__ import annotations

import pytest

from armgen.emulator.config import EmulatorConfig
from armgen.emulator.models.errors import ArmHttpError
from armgen.emulator.throttling import Throttle, ThrottleSettings, operation_of

SUB = "/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg-a"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def throttle(**buckets) -> tuple[Throttle, Clock]:
    clock = Clock()
    return Throttle(ThrottleSettings.from_dict({"enabled": True, **buckets}), clock=clock), clock


def test_arm_defaults_and_headers_per_principal_and_global() -> None:
    t, _ = throttle()
    headers = t.admit("PUT", SUB, "Bearer a")
    assert headers == {"x-ms-ratelimit-remaining-subscription-writes": "199",
                       "x-ms-ratelimit-remaining-subscription-global-writes": "2999"}
    assert t.admit("GET", SUB, "Bearer a")["x-ms-ratelimit-remaining-subscription-reads"] == "249"
    assert t.admit("DELETE", SUB, "Bearer a")["x-ms-ratelimit-remaining-subscription-deletes"] == "199"
    other = t.admit("PUT", SUB, "Bearer b")  # another principal: its own bucket, the same global one
    assert other["x-ms-ratelimit-remaining-subscription-writes"] == "199"
    assert other["x-ms-ratelimit-remaining-subscription-global-writes"] == "2998"
    assert t.admit("GET", "/providers/Microsoft.Resources/operations", "Bearer a") == {
        "x-ms-ratelimit-remaining-tenant-reads": "249"}


def test_an_empty_bucket_answers_429_with_retry_after_until_it_refills() -> None:
    t, clock = throttle(writes=[2, 0.5])
    t.admit("PUT", SUB, "Bearer a")
    t.admit("PUT", SUB, "Bearer a")
    with pytest.raises(ArmHttpError) as err:
        t.admit("PUT", SUB, "Bearer a")
    assert err.value.status == 429 and err.value.code == "SubscriptionRequestsThrottled"
    assert err.value.headers["Retry-After"] == "2"  # one token takes 1 / 0.5 s
    assert err.value.headers["x-ms-ratelimit-remaining-subscription-writes"] == "0"
    assert "Number of 'write' requests for subscription" in err.value.message
    assert t.admit("GET", SUB, "Bearer a")  # reads have their own bucket
    clock.now += 1.0
    with pytest.raises(ArmHttpError):  # half a token is not enough, and a refused request costs nothing
        t.admit("PUT", SUB, "Bearer a")
    clock.now += 1.0
    assert t.admit("PUT", SUB, "Bearer a")["x-ms-ratelimit-remaining-subscription-writes"] == "0"
    clock.now += 100
    assert t.admit("PUT", SUB, "Bearer a")["x-ms-ratelimit-remaining-subscription-writes"] == "1"  # capped
    assert t.refused == 2


def test_global_bucket_limits_all_principals_together() -> None:
    t, _ = throttle(writes=[2, 1], global_factor=1.5)  # global: 3 tokens
    t.admit("PUT", SUB, "Bearer a")
    t.admit("PUT", SUB, "Bearer a")
    t.admit("PUT", SUB, "Bearer b")
    with pytest.raises(ArmHttpError):
        t.admit("PUT", SUB, "Bearer b")


def test_off_by_default_and_admin_routes_are_free() -> None:
    assert Throttle(ThrottleSettings()).admit("PUT", SUB, "Bearer a") == {}
    t, _ = throttle(writes=[1, 1])
    for _ in range(3):
        assert t.admit("PUT", "/_emulator/config", "Bearer a") == {}


def test_operation_types() -> None:
    assert [operation_of(m) for m in ("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE")] == [
        "reads", "reads", "writes", "writes", "writes", "deletes"]


@pytest.mark.parametrize("bad", [{"writes": [0, 1]}, {"writes": [5]}, {"reads": "fast"}, {"global_factor": 0},
                                 {"burst": 3}])
def test_bad_settings_are_refused_by_the_config(bad: dict) -> None:
    with pytest.raises(ValueError, match="throttling"):
        EmulatorConfig.from_dict({"throttling": {"enabled": True, **bad}})
