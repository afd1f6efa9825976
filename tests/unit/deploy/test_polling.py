"""Status polls: units of one kind are polled when the first of them (the scout) was done."""

from __future__ import annotations

import threading
import time

from armgen.deploy.polling import PLENTY, PollSchedule, unit_kind

SCARCE = PLENTY  # read tokens left at which the schedule starts saving reads


class FakeTime:
    def __init__(self) -> None:
        self.now, self.slept = 0.0, []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_units_that_differ_only_in_their_workspace_are_one_kind() -> None:
    assert unit_kind("computecluster-vision", "vision") == "computecluster-*"
    assert unit_kind("sasdatastore-nlp-partner", "nlp") == "sasdatastore-*-partner"
    assert unit_kind("keyvault", None) == "keyvault"


def test_the_scout_polls_every_interval_and_its_siblings_once_when_it_was_done() -> None:
    t = FakeTime()
    schedule = PollSchedule(clock=t.clock, sleep=t.sleep, spare_reads=lambda: SCARCE)
    scout, sibling = object(), object()
    schedule.wait("mlworkspace-*", scout, started=0.0, polls=0, interval=0.1)  # not polled at once, as the SDK does
    schedule.wait("mlworkspace-*", scout, started=0.0, polls=1, interval=0.1)
    assert t.slept == [0.1, 0.1]
    t.now = 0.5
    schedule.done("mlworkspace-*", scout, started=0.0)  # took 0.5 s
    t.now, t.slept = 0.6, []
    schedule.wait("mlworkspace-*", sibling, started=0.3, polls=0, interval=0.1)  # first poll at 0.3 + 0.5
    assert t.slept == [0.2]
    for polls in (1, 2, 3):  # slower: a quarter, then half an interval (it was nearly done), then every interval
        schedule.wait("mlworkspace-*", sibling, started=0.3, polls=polls, interval=0.1)
    assert t.slept == [0.2, 0.025, 0.05, 0.1]


def test_early_polls_only_with_read_tokens_to_spare_and_never_for_a_scout() -> None:
    t = FakeTime()
    spare = [10.0]  # below READ_RESERVE
    schedule = PollSchedule(clock=t.clock, sleep=t.sleep, spare_reads=lambda: spare[0])
    scout, sibling = object(), object()
    schedule.wait("datastore-*", scout, started=0.0, polls=0, interval=0.1)
    schedule.wait("datastore-*", scout, started=0.0, polls=1, interval=0.1)
    spare[0] = SCARCE
    schedule.wait("datastore-*", scout, started=0.0, polls=2, interval=0.1)  # a scout's duration is unknown
    schedule.done("datastore-*", scout, started=0.0)
    spare[0], started = 10.0, t.now
    schedule.wait("datastore-*", sibling, started=started, polls=0, interval=0.1)
    schedule.wait("datastore-*", sibling, started=started, polls=1, interval=0.1)  # the read bucket is low
    assert t.slept == [0.1, 0.1, 0.1, 0.3, 0.1]


def test_a_sibling_waits_for_its_scout_before_its_first_poll() -> None:
    schedule = PollSchedule(spare_reads=lambda: SCARCE)
    scout, started = object(), time.monotonic()
    schedule.wait("computecluster-*", scout, started, polls=0, interval=0.05)
    polled_at: list[float] = []

    def sibling() -> None:
        schedule.wait("computecluster-*", object(), started, polls=0, interval=0.05)
        polled_at.append(time.monotonic())

    thread = threading.Thread(target=sibling)
    thread.start()
    time.sleep(0.1)
    assert not polled_at  # the scout is still running: no read spent on the sibling yet
    schedule.done("computecluster-*", scout, started)
    thread.join(5)
    assert polled_at and polled_at[0] - started >= 0.1


def test_with_reads_to_spare_every_unit_polls_every_interval_scout_or_not() -> None:
    t = FakeTime()
    spare = [PLENTY + 1.0]
    schedule = PollSchedule(clock=t.clock, sleep=t.sleep, spare_reads=lambda: spare[0])
    scout, sibling, late = object(), object(), object()
    schedule.wait("roleassignments-*", scout, started=0.0, polls=0, interval=0.1)
    schedule.wait("roleassignments-*", sibling, started=0.0, polls=0, interval=0.1)  # no wait for the scout
    assert t.slept == [0.1, 0.1]
    t.now = 0.7
    schedule.done("roleassignments-*", scout, started=0.0)  # a slow scout: 0.7 s
    t.slept = []
    schedule.wait("roleassignments-*", late, started=0.7, polls=0, interval=0.1)  # not at 0.7 + 0.7
    assert t.slept == [0.1]
    spare[0] = SCARCE  # the bucket runs low: the kind's duration decides again
    schedule.wait("roleassignments-*", object(), started=t.now, polls=0, interval=0.1)
    assert t.slept == [0.1, 0.7]


def test_once_reads_are_scarce_a_unit_polling_every_interval_waits_for_its_kinds_duration() -> None:
    t = FakeTime()
    spare = [SCARCE + 100.0]  # plenty: every unit polls every interval, its kind known or not
    schedule = PollSchedule(clock=t.clock, sleep=t.sleep, spare_reads=lambda: spare[0])
    unit, other = object(), object()
    schedule.wait("computecluster-*", unit, started=0.0, polls=0, interval=0.1)
    schedule.wait("computecluster-*", unit, started=0.0, polls=1, interval=0.1)
    schedule.done("computecluster-*", other, started=-0.8)  # another unit of its kind took 1.0 s
    schedule.wait("computecluster-*", unit, started=0.0, polls=2, interval=0.1)  # still plenty: an interval
    spare[0] = SCARCE
    schedule.wait("computecluster-*", unit, started=0.0, polls=3, interval=0.1)  # not before 1.0 s
    schedule.wait("computecluster-*", unit, started=0.0, polls=4, interval=0.1)  # slower: every interval
    assert t.slept == [0.1, 0.1, 0.1, 0.7, 0.1]


def test_once_reads_are_scarce_a_unit_already_polling_waits_for_its_scout() -> None:
    spare = [SCARCE + 100.0]
    schedule = PollSchedule(spare_reads=lambda: spare[0])
    scout, sibling, started = object(), object(), time.monotonic()
    schedule.wait("datastore-*", sibling, started, polls=0, interval=0.05)  # plenty: no scout yet
    spare[0] = SCARCE
    schedule.wait("datastore-*", scout, started, polls=0, interval=0.05)  # the kind's first poll when scarce
    polled_at: list[float] = []

    def poll_again() -> None:
        schedule.wait("datastore-*", sibling, started, polls=1, interval=0.05)
        polled_at.append(time.monotonic())

    thread = threading.Thread(target=poll_again)
    thread.start()
    time.sleep(0.2)
    assert not polled_at  # it waits for the scout instead of polling every interval
    schedule.done("datastore-*", scout, started)
    thread.join(5)
    assert polled_at and polled_at[0] - started >= 0.2
