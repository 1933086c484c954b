"""Journeys of commune and province officers for `bench/load_bench.py` (locust, 127.0.0.1 only).

The runner passes what the journeys need in LOAD_CONFIG (JSON: accounts, campaign, communes, household ids,
report ids) and the think time in LOAD_THINK ("5-15" seconds, or "0" for the stress runs). Each simulated
officer logs in once, then reads pages as an officer does: the household list, a search, a household page,
a survey draft saved, the campaign and plan pages, the reports and the API.
"""

from __future__ import annotations

import json
import os
import random
import re
from typing import Any
from urllib.parse import urlparse

from locust import HttpUser, between, constant, task

CONFIG: dict[str, Any] = json.loads(os.environ.get("LOAD_CONFIG", "{}"))
THINK = os.environ.get("LOAD_THINK", "5-15")
PASSWORD = CONFIG.get("password", "")
SEARCHES = ("nguyen van", "tran thi an", "le huu", "pham minh", "hoang thi lan", "ho van", "bui duc nam")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _wait() -> Any:
    if THINK in ("", "0"):
        return constant(0)
    low, high = (float(part) for part in THINK.split("-"))
    return between(low, high)


class Officer(HttpUser):
    """Shared steps: log in, read the list, search, open a household, call the API."""

    abstract = True
    wait_time = _wait()
    username = ""
    households: list[int] = []

    def on_start(self) -> None:
        assert urlparse(self.host).hostname == "127.0.0.1", "the load test runs on 127.0.0.1 only"
        page = self.client.get("/tai-khoan/dang-nhap/", name="login page").text
        token = TOKEN.search(page)
        assert token, "no CSRF token on the login page"
        self.client.post(
            "/tai-khoan/dang-nhap/",
            {"csrfmiddlewaretoken": token.group(1), "username": self.username, "password": PASSWORD},
            headers={"Referer": f"{self.host}/tai-khoan/dang-nhap/"},
            name="login",
        )

    def _household(self) -> int:
        return random.choice(self.households)

    @task(4)
    def household_list(self) -> None:
        self.client.get("/ho/", name="household list")

    @task(3)
    def search(self) -> None:
        self.client.get("/ho/", params={"q": random.choice(SEARCHES)}, name="household search")

    @task(4)
    def household_page(self) -> None:
        self.client.get(f"/ho/{self._household()}/", name="household page")

    @task(2)
    def api_households(self) -> None:
        self.client.get("/api/v1/households", params={"limit": 20}, name="API households")

    @task(1)
    def api_household(self) -> None:
        self.client.get(f"/api/v1/households/{self._household()}", name="API household")

    @task(1)
    def plans(self) -> None:
        self.client.get("/ke-hoach/", name="plan list")
        self.client.get(f"/ke-hoach/{CONFIG['plan']}/", name="plan page")

    @task(1)
    def campaign(self) -> None:
        self.client.get(f"/ra-soat/{CONFIG['campaign']}/", name="campaign page")


class CommuneOfficer(Officer):
    """A commune officer of A Lưới 1: works in the commune, saves survey drafts, reads its reports."""

    weight = 4
    username = CONFIG.get("commune_user", "")
    households = CONFIG.get("commune_households", [])

    @task(2)
    def survey_draft(self) -> None:
        household = self._household()
        page = self.client.get(f"/ho/{household}/phieu/", name="survey form").text
        token = TOKEN.search(page)
        if token is None:
            return
        self.client.post(
            f"/ho/{household}/phieu/",
            {"csrfmiddlewaretoken": token.group(1), "action": "preview", "h-water_source": "tap_water"},
            headers={"Referer": f"{self.host}/ho/{household}/phieu/", "HX-Request": "true"},
            name="survey draft save",
        )

    @task(1)
    def commune_workspace(self) -> None:
        path = f"/ra-soat/{CONFIG['campaign']}/xa/{CONFIG['commune']}/"
        self.client.get(path, name="campaign commune page")


class ProvinceOfficer(Officer):
    """A provincial officer: the whole province's list, search, households, plans and campaign."""

    weight = 1
    username = CONFIG.get("province_user", "")
    households = CONFIG.get("province_households", [])


class Reporter(HttpUser):
    """One officer opening reports, one every 20–40 s: the campaign and monitoring reports of the province
    (as the provincial officer) and of A Lưới 1. Officers open reports a few times a day, not every minute;
    one reader keeps the report pages measured without letting them swamp the server."""

    fixed_count = 1
    wait_time = between(20, 40)
    on_start = Officer.on_start
    username = CONFIG.get("province_user", "")

    @task(1)
    def campaign_report(self) -> None:
        self.client.get(
            f"/ra-soat/{CONFIG['campaign']}/bao-cao/",
            params={"unit": CONFIG["province"]},
            name="campaign report (province)",
        )

    @task(1)
    def campaign_report_commune(self) -> None:
        self.client.get(
            f"/ra-soat/{CONFIG['campaign']}/bao-cao/",
            params={"unit": CONFIG["commune"]},
            name="campaign report (commune)",
        )

    @task(1)
    def monitoring_report(self) -> None:
        self.client.get(
            f"/giam-sat/bao-cao/{CONFIG['province_report']}/", name="monitoring report (province)"
        )

    @task(1)
    def monitoring_report_commune(self) -> None:
        self.client.get(f"/giam-sat/bao-cao/{CONFIG['commune_report']}/", name="monitoring report (commune)")
