"""Under the Content-Security-Policy, pages and the API docs run with no blocked script or style."""

from __future__ import annotations

import pytest

from giamngheo.demo.accounts import DEMO_PASSWORD, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def test_pages_and_api_docs_have_no_csp_violation(page):
    demo_load()
    # given a listener for violations in every page (an init script is injected by the browser, not eval'd)
    page.context.add_init_script(VIOLATIONS)
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{page.base_url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", "xa.aluoi1")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("text=Xin chào")
    # when the officer opens the household list and the export form, then the API docs
    page.goto(f"{page.base_url}/ho/")
    page.wait_for_selector("[data-testid=export]")
    seen = [page.evaluate("window.__cspViolations")]
    page.goto(f"{page.base_url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    seen.append(page.evaluate("window.__cspViolations"))
    # then nothing was blocked
    assert seen == [[], []]
    assert [text for text in messages if "Content Security Policy" in text] == []
