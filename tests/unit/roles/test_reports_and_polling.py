"""The check report formats (shared by roles test and verify) and polling for lagging access."""

import json
import xml.etree.ElementTree as ET

from armgen.check_report import CheckReport, render
from armgen.live.fetch import poll, resource_type_of


def _report() -> CheckReport:
    r = CheckReport("armgen verify int")
    r.add("storage", "storage account a", True, "checked sku.name")
    r.add("storage", "storage account b", False, "sku.name is 'Standard_GRS', expected 'Standard_LRS'")
    r.add("role-assignments", "AcrPull for identity x on cr", True)
    return r


def test_text_lists_failures_and_a_summary():
    text = render(_report(), "text")
    assert text == ("FAIL  [storage] storage account b: sku.name is 'Standard_GRS', expected 'Standard_LRS'\n"
                    "armgen verify int: 2 passed, 1 failed\n")
    assert "PASS  [storage] storage account a: checked sku.name" in render(_report(), "text", verbose=True)


def test_json_and_junit_carry_every_check():
    body = json.loads(render(_report(), "json"))
    assert (body["passed"], body["failed"], len(body["checks"])) == (2, 1, 3)
    root = ET.fromstring(render(_report(), "junit").split("\n", 1)[1])
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["armgen verify int storage", "armgen verify int role-assignments"]
    assert suites[0].get("failures") == "1" and suites[0].get("tests") == "2"
    failure = suites[0].findall("testcase")[1].find("failure")
    assert failure is not None and "Standard_GRS" in failure.get("message")


class _Clock:
    def __init__(self):
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_poll_backs_off_until_success():
    clock = _Clock()
    calls = iter([False, False, False, True])
    ok, value = poll(lambda: (ok := next(calls), ok), timeout=60, clock=clock, sleep=clock.sleep)
    assert ok and value
    assert clock.sleeps == [0.5, 1.0, 2.0]


def test_poll_gives_up_at_the_deadline_without_oversleeping():
    clock = _Clock()
    ok, value = poll(lambda: (False, "missing"), timeout=5, clock=clock, sleep=clock.sleep)
    assert (ok, value) == (False, "missing")
    assert clock.sleeps == [0.5, 1.0, 2.0, 1.5]  # the last wait is cut to the time left

def test_poll_with_zero_timeout_tries_once():
    clock = _Clock()
    tries = []
    ok, _ = poll(lambda: (tries.append(1) or False, None), timeout=0, clock=clock, sleep=clock.sleep)
    assert not ok and tries == [1] and clock.sleeps == []


def test_resource_type_of_ids():
    assert resource_type_of("/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a/"
                            "blobServices/default/containers/c") == \
        "Microsoft.Storage/storageAccounts/blobServices/containers"
    assert resource_type_of("/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v/providers/"
                            "Microsoft.Authorization/roleAssignments/r") == "Microsoft.Authorization/roleAssignments"
