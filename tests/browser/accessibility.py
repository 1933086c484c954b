"""axe-core in the browser tests: the vendored script (no network) and the serious findings of a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
SERIOUS = ("critical", "serious")


def axe_findings(page: Any) -> list[str]:
    """Run axe on the page (WCAG 2.1 A and AA rules) and describe each critical or serious violation.

    The page's context must bypass the Content-Security-Policy, which rightly refuses injected scripts.
    """
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa', 'best-practice']}, resultTypes: ['violations']})"
    )
    return [
        f"{page.url} {violation['impact']} {violation['id']}: "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in SERIOUS
    ]
