// The problem page: editor on the workspace file, save, check, live reload from disk, hints, model answer.
(() => {
  "use strict";
  const { api, toast, esc, pageData } = window.mlkata;
  const data = pageData();
  const base = `/api/problems/${encodeURIComponent(data.id)}`;
  const $ = (id) => document.getElementById(id);

  let editor = null;
  let saved = data.text;      // the text last known to be on disk
  let dirty = false;          // local edits not saved yet
  let diskPending = null;     // a disk version waiting while there are unsaved edits
  let checking = 0;
  let runSeq = 0;             // only the latest check's answer is shown
  let startedAt = data.started_at;
  const skew = Date.now() / 1000 - data.now;  // browser clock minus server clock

  // ---- math in the statement (rendered on the server as <span class="math">)
  document.querySelectorAll("#statement .math").forEach((el) => {
    try {
      katex.render(el.textContent, el, { displayMode: el.dataset.display === "true", throwOnError: false });
    } catch (err) { /* leave the TeX source visible */ }
  });

  // ---- save state
  function setDirty(value) {
    dirty = value;
    const el = $("save-state");
    el.textContent = dirty ? "● unsaved" : (data.exists ? "saved" : "");
    el.classList.toggle("dirty", dirty);
  }

  async function save() {
    if (!editor) return;
    const text = editor.getDoc();
    if (!dirty && text === saved) return;
    await api("PUT", `${base}/file`, { text });
    saved = text;
    setDirty(editor.getDoc() !== saved);
  }

  function saveQuietly() {
    save().catch((err) => toast(err.message, "error"));
  }

  // ---- checking
  function showRunning() {
    $("result").innerHTML = '<div class="result running"><span class="spinner"></span> Checking…</div>';
  }

  async function runCheck() {
    if (!editor) return;
    const seq = ++runSeq;
    checking++;
    $("run-btn").disabled = true;
    showRunning();
    try {
      const text = editor.getDoc();
      const reply = await api("POST", `${base}/check`, { text });
      saved = text;
      setDirty(editor.getDoc() !== saved);
      if (seq !== runSeq) return;
      $("result").innerHTML = reply.html;
      $("result-area").scrollTop = 0;
      if (!startedAt) startedAt = Date.now() / 1000 - skew - (reply.elapsed || 0);
    } catch (err) {
      if (seq !== runSeq) return;
      $("result").innerHTML = `<div class="result failed"><div class="result-head"><span class="verdict">Not checked</span></div>`
        + `<div class="result-section"><div class="error-box">${esc(err.message)}</div></div></div>`;
    } finally {
      checking--;
      $("run-btn").disabled = checking > 0;
    }
  }

  // ---- the editor, or the Start button
  function mountEditor(text) {
    if (editor) return;  // already shown (the file's event can arrive before Start's answer)
    $("start-box").hidden = true;
    $("editor").hidden = false;
    editor = MlkataEditor.create($("editor"), {
      doc: text,
      onChange: (doc) => setDirty(doc !== saved),
      onRun: () => { runCheck(); },
      onSave: () => saveQuietly(),
    });
    setDirty(false);
    editor.focus();
  }

  if (data.error) {
    $("result").innerHTML = `<div class="error-box">${esc(data.error)}</div>`;
    $("run-btn").disabled = $("save-btn").disabled = true;
  } else if (data.exists) {
    mountEditor(data.text);
  } else {
    $("editor").hidden = true;
    $("start-box").hidden = false;
    $("run-btn").disabled = $("save-btn").disabled = true;
  }

  $("start-btn").addEventListener("click", async () => {
    try {
      const reply = await api("POST", `${base}/start`);
      data.exists = true;
      saved = reply.text;
      startedAt = reply.started_at;
      mountEditor(reply.text);
      $("run-btn").disabled = $("save-btn").disabled = false;
      toast(`Started: the ${data.minutes}-minute clock is running.`, "ok");
    } catch (err) {
      toast(err.message, "error", 6000);
    }
  });
  $("run-btn").addEventListener("click", runCheck);
  $("save-btn").addEventListener("click", () => save().then(() => toast("Saved", "ok", 1500), (err) => toast(err.message, "error")));

  // ---- changes on disk (server-sent events)
  function applyDisk(state) {
    saved = state.text;
    editor.setDoc(state.text);
    setDirty(false);
    diskPending = null;
    $("disk-banner").hidden = true;
  }

  const events = new EventSource(`${base}/events`);
  events.addEventListener("file", (ev) => {
    const state = JSON.parse(ev.data);
    if (!state.exists || state.text === null) return;
    if (!editor) {  // started elsewhere (`mlkata start` in a terminal): show the file
      data.exists = true;
      saved = state.text;
      mountEditor(state.text);
      $("run-btn").disabled = $("save-btn").disabled = false;
      api("GET", `${base}/file`).then((r) => { startedAt = startedAt || r.started_at; }, () => {});
      return;
    }
    if (state.text === saved || state.text === editor.getDoc()) {  // our own save, or already shown
      saved = state.text;
      setDirty(editor.getDoc() !== saved);
      return;
    }
    if (!dirty) {
      applyDisk(state);
      toast("Reloaded: the file changed on disk.");
    } else {
      diskPending = state;
      $("disk-banner").hidden = false;
    }
  });
  $("load-disk").addEventListener("click", () => diskPending && applyDisk(diskPending));
  $("keep-mine").addEventListener("click", () => { diskPending = null; $("disk-banner").hidden = true; });
  window.addEventListener("beforeunload", (ev) => {
    if (dirty) { ev.preventDefault(); ev.returnValue = ""; }
  });

  // ---- hints and the model answer
  function box(html, cls) {
    const div = document.createElement("div");
    div.className = cls;
    div.innerHTML = html;
    $("hints").appendChild(div);
    div.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  $("hint-btn").addEventListener("click", async () => {
    try {
      const reply = await api("POST", `${base}/hint`);
      if (reply.all) {
        box(`<p><strong>${esc(reply.text)}</strong></p>` + reply.all.map((h, i) => `<p>${i + 1}. ${esc(h)}</p>`).join(""), "hint-box");
      } else if (reply.round) {
        box(`<p>${esc(reply.text)}</p>`, "hint-box");
      } else {
        box(`<p><strong>Hint ${reply.index + 1} of ${reply.total}:</strong> ${esc(reply.text)}</p>`, "hint-box");
      }
    } catch (err) {
      toast(err.message, "error", 6000);
    }
  });

  async function reveal(confirmed) {
    try {
      const reply = await api("POST", `${base}/solution`, { confirm: confirmed });
      box(`<p><strong>Model answer</strong></p><div class="prose">${reply.html}</div>`, "panel solution-box");
    } catch (err) {
      if (err.kind === "confirm" && !confirmed) {
        if (window.confirm(err.message)) reveal(true);
      } else {
        toast(err.message, "error", 6000);
      }
    }
  }
  $("solution-btn").addEventListener("click", () => reveal(false));

  // ---- the clock
  function tick() {
    const el = $("clock");
    if (!startedAt) { el.textContent = ""; return; }
    const elapsed = Math.max(0, Date.now() / 1000 - skew - startedAt);
    const fmt = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
    el.textContent = `${fmt(elapsed)} of ${fmt(data.minutes * 60)}`;
    el.classList.toggle("over", elapsed > data.minutes * 60);
  }
  tick();
  setInterval(tick, 1000);
})();
