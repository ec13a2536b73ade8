"""The vendored front-end files (built by web/build.sh): present, offline, and working in a real
browser (Debian's chromium driven by Playwright; skipped where either is missing)."""

import re
import shutil
import time
from pathlib import Path

import pytest

import mlkata

STATIC = Path(mlkata.__file__).parent / "web" / "static"
VENDOR = STATIC / "vendor"
KATEX = VENDOR / "katex"

# Minimum sizes in bytes: a stub or an empty file would pass an existence check.
VENDORED = {
    "codemirror.js": 100_000,
    "katex/katex.min.js": 100_000,
    "katex/contrib/auto-render.min.js": 1_000,
    "katex/katex.min.css": 10_000,
    "VERSIONS.txt": 200,
}

# Places where a browser would fetch a remote URL: url(...), src=, <link href=>, @import,
# import ... from / import(), fetch(). XML namespaces and licence comments are not fetched.
REMOTE = r"""\s*["'`]?\s*(?:https?:)?//"""
FETCHING = [
    re.compile(r"url\(" + REMOTE, re.I),
    re.compile(r"\bsrc\s*=" + REMOTE, re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=" + REMOTE, re.I),
    re.compile(r"@import" + REMOTE, re.I),
    re.compile(r"@import\s+url\(" + REMOTE, re.I),
    re.compile(r"\bimport\b[^;\n]{0,200}?\bfrom" + REMOTE),
    re.compile(r"\bimport\s*\(" + REMOTE),
    re.compile(r"\bfetch\s*\(" + REMOTE),
    re.compile(r"\.open\(\s*[\"']GET[\"']\s*," + REMOTE, re.I),
]


def test_vendored_files_exist_and_are_not_trivial():
    for name, min_size in VENDORED.items():
        path = VENDOR / name
        assert path.is_file(), f"{name} missing: run web/build.sh"
        assert path.stat().st_size >= min_size, f"{name} is only {path.stat().st_size} bytes"
    assert len(list((KATEX / "fonts").glob("*.woff2"))) >= 15
    versions = (VENDOR / "VERSIONS.txt").read_text()
    for package in ("@codemirror/view", "@codemirror/lang-python", "katex"):
        assert re.search(rf"^{re.escape(package)} \d+\.\d+\.\d+ MIT$", versions, re.M), package


def test_no_static_file_fetches_a_remote_url():
    offenders = []
    for path in sorted(STATIC.rglob("*")):
        if path.suffix not in {".js", ".css", ".html", ".htm", ".svg", ".mjs"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in FETCHING:
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(STATIC)}: {text[match.start() : match.end() + 40]!r}")
    assert not offenders, "\n".join(offenders)


def test_every_katex_css_url_resolves_to_a_shipped_file():
    css = (KATEX / "katex.min.css").read_text()
    urls = re.findall(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""", css)
    assert len(urls) >= 15  # the @font-face rules
    missing = [u for u in urls if not u.startswith("data:") and not (KATEX / u).is_file()]
    assert not missing, missing


PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{vendor}/katex/katex.min.css">
<script src="{vendor}/katex/katex.min.js"></script>
<script src="{vendor}/katex/contrib/auto-render.min.js"></script>
<script src="{vendor}/codemirror.js"></script>
</head><body><div id="editor"></div><p id="math"></p>
<script>
  window.events = {{run: 0, save: 0, changes: []}};
  window.ed = MlkataEditor.create(document.getElementById("editor"), {{
    onRun: () => events.run++,
    onSave: () => events.save++,
    onChange: (text) => events.changes.push(text),
  }});
</script></body></html>
"""


def test_editor_and_katex_work_offline_in_chromium(tmp_path):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (setup.sh installs it as root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "page.html"
    page_file.write_text(PAGE.format(vendor=VENDOR.as_uri()))

    started = time.monotonic()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        try:
            page = browser.new_page()
            requests, failed, errors = [], [], []
            page.on("request", lambda r: requests.append(r.url))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())

            page.click(".cm-content")
            page.keyboard.type("def f(x):")  # closeBrackets inserts ")" at "(", then types over it
            assert page.evaluate("ed.getDoc()") == "def f(x):"
            assert page.evaluate("events.changes.at(-1)") == "def f(x):"

            page.keyboard.press("Control+Enter")
            page.keyboard.press("Control+s")
            assert page.evaluate("[events.run, events.save]") == [1, 1]
            assert page.evaluate("ed.getDoc()") == "def f(x):"  # Mod-Enter ran, it did not insert a line

            # A change on disk: the cursor (at the end) stays after the unchanged text around it.
            n = len(page.evaluate("events.changes"))
            page.evaluate("ed.setDoc('import math\\n\\ndef f(x):')")
            assert page.evaluate("ed.view.state.selection.main.head") == len("import math\n\ndef f(x):")
            assert len(page.evaluate("events.changes")) == n  # setDoc is not reported as a user edit
            page.keyboard.type("\n")
            assert page.evaluate("ed.getDoc()") == "import math\n\ndef f(x):\n    "  # Python indentation

            page.evaluate(r"katex.render('\\sqrt{d_k}', document.getElementById('math'))")
            page.wait_for_selector("#math .katex")
            page.evaluate("document.fonts.ready")
            assert "sqrt" in page.inner_html("#math")
        finally:
            browser.close()
    elapsed = time.monotonic() - started

    assert not errors, errors
    assert not failed, failed
    assert requests and all(url.startswith(("file:", "data:")) for url in requests), requests
    assert any(url.endswith(".woff2") for url in requests)  # the fonts load from the shipped files
    assert elapsed < 20, f"browser smoke test took {elapsed:.1f} s"
