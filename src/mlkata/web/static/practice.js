// mlkata practice pages: today's start buttons, the round editor (mock, debug, review), clocks, the mock
// start form and submit dialog, the debug round's bug meter. Uses window.mlkata (app.js) and MlkataEditor.
(() => {
  "use strict";
  const { api, toast, esc } = window.mlkata;
  const $ = (sel) => document.querySelector(sel);

  function mmss(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  }

  let leaving = false;  // a navigation the page asked for: no "unsaved changes" prompt
  function go(url) {
    leaving = true;
    window.location.href = url;
  }

  function jsonOf(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  // Run `work` with the button disabled and a spinner in it; errors become a toast.
  async function busy(button, label, work) {
    const before = button ? button.innerHTML : "";
    if (button) {
      button.disabled = true;
      button.innerHTML = `<span class="spinner"></span> ${esc(label)}`;
    }
    try {
      return await work();
    } catch (err) {
      toast(err.message, "error", 7000);
      return undefined;
    } finally {
      if (button) {
        button.disabled = false;
        button.innerHTML = before;
      }
    }
  }

  // ---- math in statements (the server leaves <span class="math"> for KaTeX)
  function renderMath() {
    if (!window.katex) return;
    document.querySelectorAll(".statement .math").forEach((el) => {
      try {
        katex.render(el.textContent, el, { displayMode: el.dataset.display === "true", throwOnError: false });
      } catch (err) { /* left as source text */ }
    });
  }

  // ---- buttons that start something: POST, then go where the answer says
  function wirePostButtons() {
    document.querySelectorAll("[data-post]").forEach((button) => {
      button.addEventListener("click", () => busy(button, "Starting…", async () => {
        const reply = await api("POST", button.dataset.post, JSON.parse(button.dataset.body || "{}"));
        if (reply.action === "nothing") return toast(reply.message);
        go(reply.href || button.dataset.then || window.location.href);
      }));
    });
  }

  // ---- the round editor: the open round's file, saved and checked through /api/practice/<mode>/
  function roundEditor(onChecked) {
    const file = jsonOf("round-file");
    const host = $("#editor");
    if (!file || !host || !window.MlkataEditor) return null;
    const mode = file.mode;
    const stateEl = $("#save-state");
    const resultEl = $("#result");
    let dirty = false;
    let checking = false;

    function markDirty(value) {
      dirty = value;
      stateEl.textContent = value ? "unsaved" : "saved";
      stateEl.classList.toggle("dirty", value);
    }

    async function save() {
      await api("PUT", `/api/practice/${mode}/file`, { source: editor.getDoc() });
      markDirty(false);
    }

    async function check() {
      if (checking) return;
      checking = true;
      const button = $("#check-btn");
      button.disabled = true;
      resultEl.innerHTML = '<div class="result running"><span class="spinner"></span> Checking…</div>';
      try {
        const reply = await api("POST", `/api/practice/${mode}/check`, { source: editor.getDoc() });
        markDirty(false);
        if (reply.html) {
          resultEl.innerHTML = reply.html;
        } else {
          const message = (reply.reply && reply.reply.message) || "The check did not run.";
          resultEl.innerHTML = `<div class="error-box">${esc(message)}</div>`;
        }
        if (onChecked) onChecked(reply);
      } catch (err) {
        resultEl.innerHTML = `<div class="error-box">${esc(err.message)}</div>`;
      } finally {
        checking = false;
        button.disabled = false;
      }
    }

    const editor = MlkataEditor.create(host, {
      doc: file.source,
      onChange: () => markDirty(true),
      onRun: () => { check(); return true; },
      onSave: () => { save().catch((err) => toast(err.message, "error")); return true; },
    });
    $("#check-btn").addEventListener("click", check);
    $("#save-btn").addEventListener("click", () => busy($("#save-btn"), "Saving", save));
    window.addEventListener("beforeunload", (event) => {
      if (dirty && !leaving) event.preventDefault();
    });
    const hint = $("#hint-btn");
    if (hint) {
      hint.addEventListener("click", () => busy(hint, "Hint", async () => {
        const reply = await api("POST", `/api/problems/${hint.dataset.problem}/hint`);
        const area = $("#hint-area");
        const box = document.createElement("div");
        box.className = "hint-box";
        box.innerHTML = `<p>${esc(reply.text)}</p>`;
        area.appendChild(box);
        if (onChecked && onChecked.afterHint) onChecked.afterHint();
      }));
    }
    editor.focus();
    return { editor, save, isDirty: () => dirty };
  }

  // ---- a clock counting up from `elapsed` against a budget (debug rounds, reviews)
  function countUp(data, el) {
    if (!data || !el) return;
    const t0 = Date.now() - data.elapsed * 1000;
    const tick = () => {
      const used = (Date.now() - t0) / 1000;
      el.textContent = mmss(used);
      el.classList.toggle("over", used > data.budget);
    };
    tick();
    setInterval(tick, 1000);
  }

  // ---- mock rounds
  function mockPage() {
    const start = $("#mock-start");
    if (start) {
      start.addEventListener("submit", (event) => {
        event.preventDefault();
        const form = new FormData(start);
        const body = {
          problem: form.get("problem") || null, track: form.get("track") || null,
          minutes: form.get("minutes") ? Number(form.get("minutes")) : null,
          allow_hints: form.get("allow_hints") === "on", loop: form.get("loop") === "on",
        };
        busy($("#mock-start-btn"), "Starting…", async () => {
          await api("POST", "/api/practice/mock/start", body);
          go("/practice/mock");
        });
      });
    }
    const clock = jsonOf("mock-clock");
    if (!clock) return;
    const round = roundEditor((reply) => {
      const state = reply.state;
      if (state && !state.open) {  // the time ran out: the check's status call graded the round
        go(state.expired_round ? `/practice/mock/rounds/${state.expired_round.n}` : "/practice/mock");
      }
    });
    const deadline = Date.now() + clock.remaining * 1000;
    const left = $("#clock-left");
    const segments = document.querySelectorAll(".pr-phase-seg");
    const tick = () => {
      const remaining = (deadline - Date.now()) / 1000;
      const used = clock.budget - remaining;
      left.textContent = remaining > 0 ? mmss(remaining) : "0:00";
      left.classList.toggle("over", remaining <= 0);
      let edge = 0;
      let name = "time is up";
      let phaseLeft = 0;
      clock.phases.forEach((p, i) => {
        const start = edge;
        edge += p.share * clock.budget;
        const fill = Math.min(1, Math.max(0, (used - start) / (edge - start)));
        segments[i].querySelector("i").style.width = `${(100 * fill).toFixed(1)}%`;
        segments[i].classList.toggle("current", used >= start && used < edge);
        if (name === "time is up" && used < edge) {
          name = p.name;
          phaseLeft = edge - used;
        }
      });
      $("#phase-name").textContent = name;
      $("#phase-left").textContent = remaining > 0 ? `${mmss(phaseLeft)} left in it` : "submit now: the next action grades the file as it is";
    };
    tick();
    setInterval(tick, 1000);

    const dialog = $("#submit-dialog");
    dialog.querySelectorAll(".pr-question").forEach((q) => {
      const text = q.querySelector("textarea");
      text.addEventListener("input", () => { q.querySelector(".pr-levels").hidden = !text.value.trim(); });
    });
    $("#submit-btn").addEventListener("click", () => {
      if (round) round.save().catch(() => {});
      dialog.showModal();
    });
    $("#submit-cancel").addEventListener("click", () => dialog.close());
    $("#submit-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const answers = [];
      const grades = [];
      dialog.querySelectorAll(".pr-question").forEach((q) => {
        const answer = q.querySelector("textarea").value.trim();
        const grade = q.querySelector("input[type=radio]:checked");
        answers.push(answer || null);
        grades.push(answer && grade ? grade.value : null);
      });
      busy($("#submit-confirm"), "Grading…", async () => {
        if (round) await round.save();
        const reply = await api("POST", "/api/practice/mock/submit", { answers, grades });
        go(reply.href);
      });
    });
    $("#abandon-btn").addEventListener("click", () => {
      if (!window.confirm("Abandon this round? It ends as No Hire (a loop ends with it).")) return;
      busy($("#abandon-btn"), "Abandoning", async () => {
        const reply = await api("POST", "/api/practice/mock/abandon");
        go(`/practice/mock/rounds/${reply.n}`);
      });
    });
  }

  // ---- fix-the-bug rounds
  function debugPage() {
    const start = $("#debug-start");
    if (start) {
      start.addEventListener("submit", (event) => {
        event.preventDefault();
        const form = new FormData(start);
        const body = { problem: form.get("problem") || null, bugs: form.get("bugs") ? Number(form.get("bugs")) : null };
        busy($("#debug-start-btn"), "Composing…", async () => {
          await api("POST", "/api/practice/debug/start", body);
          go("/practice/debug");
        });
      });
    }
    if (!$("#debug-round")) return;
    countUp(jsonOf("debug-clock"), $("#clock-used"));
    const showRound = (rnd) => {
      if (!rnd) return;
      const fixed = rnd.bugs - rnd.remaining;
      document.querySelectorAll(".pr-bug").forEach((dot, i) => dot.classList.toggle("fixed", i < fixed));
      $("#bugs-fixed").textContent = fixed;
      $("#bugs-when").textContent = "(at the last check)";
      $("#failing").innerHTML = rnd.state === "solved" ? "<li>none</li>"
        : rnd.failing.map((c) => `<li>${esc(c)}</li>`).join("");
      $("#hints-named").innerHTML = rnd.hints_named.length
        ? `<p class="muted">Named by hints: ${rnd.hints_named.map(esc).join("; ")}</p>` : "";
      if (rnd.state === "solved") {
        const banner = document.createElement("div");
        banner.className = "banner pr-banner-ok";
        banner.id = "debug-solved";
        banner.innerHTML = `Solved: every check passes, all ${rnd.bugs} bugs fixed. <a class="btn" href="/practice/debug">Done</a>`;
        $(".work-pane").prepend(banner);
        $("#check-btn").disabled = true;
      }
    };
    const onChecked = (reply) => showRound(reply.state && reply.state.round);
    onChecked.afterHint = () => api("GET", "/api/practice/debug").then((s) => showRound(s.round)).catch(() => {});
    roundEditor(onChecked);
    $("#abandon-btn").addEventListener("click", () => {
      if (!window.confirm("Abandon this debug round? It ends unsolved.")) return;
      busy($("#abandon-btn"), "Abandoning", async () => {
        await api("POST", "/api/practice/debug/abandon");
        go("/practice/debug");
      });
    });
  }

  // ---- reviews
  function reviewPage() {
    if (!$("#review-round")) return;
    countUp(jsonOf("debug-clock"), $("#clock-used"));
    roundEditor((reply) => {
      const rnd = reply.state && reply.state.round;
      if (rnd && !rnd.open) {
        const banner = document.createElement("div");
        banner.className = "banner pr-banner-ok";
        banner.innerHTML = `Review done: rated <b>${esc(rnd.rating || rnd.outcome)}</b>` +
          (rnd.due_text ? `; next review due ${esc(rnd.due_text)}.` : ".") +
          ' <a class="btn" href="/practice/today">Back to today</a>';
        $(".work-pane").prepend(banner);
      }
    });
    $("#giveup-btn").addEventListener("click", () => {
      if (!window.confirm("Give up this review? It is rated Again.")) return;
      busy($("#giveup-btn"), "Giving up", async () => {
        const reply = await api("POST", "/api/practice/review/give-up");
        toast(reply.message);
        go("/practice/review");
      });
    });
  }

  renderMath();
  wirePostButtons();
  mockPage();
  debugPage();
  reviewPage();
})();
