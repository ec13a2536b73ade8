"""The web app through Starlette's in-process client: the token, Host and Origin gate, the pages, the
workspace file API, checks with named mistakes, hints, the model answer, and refused traversal."""

import concurrent.futures
import threading

import pytest
from starlette.testclient import TestClient

from mlkata.cli import session
from mlkata.problems.catalog import get_problem
from mlkata.web.app import create_app
from mlkata.web.markdown import pygments_css
from mlkata.web.pages import STATIC

TOKEN = "s3cret-token"
ORIGIN = "http://127.0.0.1:8765"

NO_MAX_SHIFT = """import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)
"""


def client(**kwargs) -> TestClient:
    return TestClient(create_app(TOKEN, **kwargs), base_url=ORIGIN)


@pytest.fixture
def web():
    """A client that has visited the token URL once (it holds the cookie)."""
    with client(allowed_hosts=["127.0.0.1:8765"]) as c:  # one event loop for all requests, as under uvicorn
        assert c.get(f"/?token={TOKEN}").status_code == 200
        yield c


@pytest.fixture
def started(web):
    assert web.post("/api/problems/softmax/start").status_code == 200
    return web


# ---- the gate


def test_token_once_sets_a_strict_cookie_and_redirects_without_it():
    c = client()
    r = c.get(f"/problems/softmax?token={TOKEN}&x=1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/problems/softmax?x=1"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"mlkata_token_8765={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert c.get("/").status_code == 200  # the cookie alone now


def test_every_request_needs_the_token():
    c = client()
    for path in ("/", "/problems/softmax", "/static/app.css", "/api/problems/softmax/file",
                 "/api/problems/softmax/events", "/nowhere"):
        r = c.get(path)
        assert r.status_code == 403, path
    r = c.post("/api/problems/softmax/check", json={"text": "x"})
    assert r.status_code == 403 and r.json()["error"]["kind"] == "forbidden"
    assert c.get("/?token=wrong").status_code == 403
    c.cookies.set("mlkata_token_8765", "wrong")
    assert c.get("/").status_code == 403


def test_a_foreign_host_is_refused_even_with_the_token(web):
    assert web.get("/", headers={"Host": "evil.example:8765"}).status_code == 403
    assert web.get("/", headers={"Host": "127.0.0.1:9999"}).status_code == 403  # not this server's port
    assert web.get("/", headers={"Host": "localhost:8765"}).status_code == 403  # not in allowed_hosts here
    loose = client()  # default: any loopback name
    assert loose.get(f"/?token={TOKEN}", headers={"Host": "localhost:8765"}).status_code == 200
    assert loose.get(f"/?token={TOKEN}", headers={"Host": "attacker.example"}).status_code == 403


def test_cross_site_posts_are_refused(started):
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "http://127.0.0.1:9999"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}):
        r = started.post("/api/problems/softmax/hint", headers=headers)
        assert r.status_code == 403, headers
    assert session.open_store().hints_used("softmax") == 0
    assert started.post("/api/problems/softmax/hint", headers={"Origin": ORIGIN}).status_code == 200


def test_security_headers(web):
    r = web.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"


# ---- pages


def test_the_list_shows_every_problem_with_its_state(started):
    started.post("/api/problems/softmax/check", json={"text": NO_MAX_SHIFT})
    html = started.get("/").text
    assert 'href="/problems/softmax"' in html and 'href="/problems/attention"' in html
    row = html[html.index('data-problem="softmax"'):]
    row = row[: row.index("</tr>")]
    assert "started" in row and "/" in row  # the best checks, e.g. 5/7
    assert "not started" in html  # the others


def test_the_problem_page_renders_statement_and_editor_data(web):
    r = web.get("/problems/softmax")
    assert r.status_code == 200
    assert "Numerically stable softmax" in r.text
    assert '<pre class="highlight">' in r.text  # the fenced signature, highlighted
    assert 'id="editor"' in r.text and "/static/vendor/codemirror.js" in r.text
    assert '"exists": false' in r.text  # not started: the page offers Start
    assert web.get("/static/problem.js").status_code == 200


def test_unknown_problems_and_traversal_are_404_and_read_nothing(web, tmp_path, monkeypatch):
    opened = []
    real_read = session.read_source
    monkeypatch.setattr(session, "read_source", lambda p: opened.append(p) or real_read(p))
    for path in ("/problems/nope", "/problems/..%2f..%2fetc%2fpasswd", "/problems/../../etc/passwd",
                 "/problems/softmax%2f..%2f..%2fetc%2fpasswd", "/problems/%2e%2e"):
        r = web.get(path)
        assert r.status_code == 404, path
        assert "root:" not in r.text
    for path in ("/api/problems/..%2f..%2fetc%2fpasswd/file", "/api/problems/nope/file",
                 "/api/problems/softmax%2f..%2f..%2fetc%2fpasswd/file"):
        r = web.get(path)
        assert r.status_code == 404, path
        assert r.json()["error"]["kind"] == "not-found"
    r = web.put("/api/problems/..%2fevil/file", json={"text": "x"}, headers={"Origin": ORIGIN})
    assert r.status_code == 404
    assert opened == []
    assert not list(tmp_path.rglob("evil*"))


def test_statement_markdown_escapes_html_and_keeps_math():
    from mlkata.web.markdown import to_html

    html = to_html("a <script>x</script> and $a < b$ and $$\\sum_i x_i$$")
    assert "<script>" not in html
    assert '<span class="math" data-display="false">a &lt; b</span>' in html


def test_pygments_css_is_current():
    assert (STATIC / "pygments.css").read_text() == pygments_css()


# ---- the workspace file


def test_start_then_save_and_load_round_trip(web):
    problem = get_problem("softmax")
    path = session.find_workspace() / problem.starter_filename
    assert web.put("/api/problems/softmax/file", json={"text": "x"}).json()["error"]["kind"] == "not-started"
    r = web.post("/api/problems/softmax/start")
    assert r.status_code == 200 and r.json()["text"] == problem.starter and r.json()["started_at"]
    assert path.read_text() == problem.starter
    assert session.open_store().started_at("softmax") is not None  # the clock, as `mlkata start`
    assert web.post("/api/problems/softmax/start").json()["error"]["kind"] == "exists"

    text = "# héllo\nimport numpy as np\n"
    assert web.put("/api/problems/softmax/file", json={"text": text}).json()["saved"] is True
    assert path.read_text(encoding="utf-8") == text
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # no temporary file left
    path.write_text("changed elsewhere\n")
    assert web.get("/api/problems/softmax/file").json()["text"] == "changed elsewhere\n"
    big = web.put("/api/problems/softmax/file", json={"text": "#" * (2 << 20)})
    assert big.status_code == 400 and path.read_text() == "changed elsewhere\n"


# ---- checking


def test_check_names_the_mistake_then_passes_the_model_answer(started):
    r = started.post("/api/problems/softmax/check", json={"text": NO_MAX_SHIFT})
    assert r.status_code == 200
    reply = r.json()
    assert reply["passed"] is False
    assert "no-max-shift" in [m["id"] for m in reply["report"]["mistakes"]]
    assert 'data-mistake="no-max-shift"' in reply["html"] and "FAILED" in reply["html"]
    assert (session.find_workspace() / "softmax.py").read_text() == NO_MAX_SHIFT  # saved before checking

    r = started.post("/api/problems/softmax/check", json={"text": get_problem("softmax").solution})
    assert r.json()["passed"] is True and "PASSED" in r.json()["html"]
    assert session.open_store().solved("softmax")


def test_checking_before_start_is_a_clear_error(web):
    r = web.post("/api/problems/softmax/check", json={"text": NO_MAX_SHIFT})
    assert r.status_code == 409 and r.json()["error"]["kind"] == "not-started"


def test_two_tabs_checking_at_once_each_get_their_own_result(started):
    solution = get_problem("softmax").solution
    started.post("/api/problems/cosine_similarity/start")
    barrier = threading.Barrier(3)

    def check(pid_text):
        pid, text = pid_text
        barrier.wait()
        return started.post(f"/api/problems/{pid}/check", json={"text": text}).json()

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        bad, good, other = pool.map(check, [("softmax", NO_MAX_SHIFT), ("softmax", solution),
                                            ("cosine_similarity", get_problem("cosine_similarity").solution)])
    assert bad["passed"] is False and "no-max-shift" in [m["id"] for m in bad["report"]["mistakes"]]
    assert good["passed"] is True
    assert other["passed"] is True and other["report"]["problem"] == "cosine_similarity"


# ---- hints and the model answer


def test_hints_come_in_order_then_all_of_them(web):
    hints = get_problem("softmax").hints
    for i, text in enumerate(hints):
        reply = web.post("/api/problems/softmax/hint").json()
        assert (reply["index"], reply["text"], reply["total"]) == (i, text, len(hints))
    reply = web.post("/api/problems/softmax/hint").json()
    assert reply["all"] == hints
    assert session.open_store().hints_used("softmax") == len(hints)


def test_the_model_answer_asks_first_when_unsolved_and_is_recorded(web):
    r = web.post("/api/problems/softmax/solution", json={})
    assert r.status_code == 409 and r.json()["error"]["kind"] == "confirm"
    assert session.open_store().summary().get("softmax") is None or not session.open_store().summary()[
        "softmax"].solution_revealed
    r = web.post("/api/problems/softmax/solution", json={"confirm": True})
    assert r.status_code == 200 and r.json()["code"] == get_problem("softmax").solution
    assert session.open_store().summary()["softmax"].solution_revealed


def test_the_model_answer_respects_a_practice_lock(web, monkeypatch):
    from mlkata import practice

    monkeypatch.setattr(practice, "solution_locked", lambda store, problem: "A mock round is open.")
    r = web.post("/api/problems/softmax/solution", json={"confirm": True})
    assert r.status_code == 403 and r.json()["error"] == {"kind": "locked", "message": "A mock round is open."}


def test_a_bad_body_is_a_json_error(web):
    r = web.post("/api/problems/softmax/solution", content=b"not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["kind"] == "usage"


def test_the_result_panel_shows_the_problems_advice():
    from mlkata.judge.verdict import Report
    from mlkata.web.result import to_html

    report = Report("linear_regression", True, advice=["line 7: solve the system instead of inverting X^T X"])
    html = to_html({"event": "result", "report": report.to_json(),
                    "problem": {"id": "linear_regression", "title": "Linear regression", "minutes": 20}})
    assert "Advice: line 7: solve the system" in html


def test_the_first_failing_case_shows_small_arrays_as_tables(engine):
    """Inputs, expected and got of a small failing case are tables; the cells that differ are marked."""
    from mlkata.problems.catalog import get_problem
    from mlkata.web.result import to_html

    problem = get_problem("softmax")
    off = ("import numpy as np\n\ndef softmax(x, axis=-1):\n    z = np.exp(x - x.max(axis=axis, keepdims=True))\n"
           "    return z / (z.sum(axis=axis, keepdims=True) + 0.01)\n")  # a bug no catalogued mistake names
    report = engine.check(problem, off)
    assert not report.mistakes and set(report.first_failure.grids) >= {"input:x", "expected", "got"}
    html = to_html({"event": "result", "report": report.to_json(),
                    "problem": {"id": "softmax", "title": problem.title, "minutes": problem.minutes}})
    assert html.count('class="grid-table"') == 3 and 'class="differs"' in html
    assert "axis: -1" in html  # a scalar argument stays a line of text
