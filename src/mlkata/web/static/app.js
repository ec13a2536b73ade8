// mlkata: what every page shares. window.mlkata = {api, toast, esc}.
(() => {
  "use strict";

  // Calls a JSON API route; resolves to the parsed body, or throws an Error with .kind and .status
  // (every /api/ error is {"error": {"kind", "message"}}).
  async function api(method, url, body) {
    const options = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (err) {
      throw Object.assign(new Error("The mlkata server is not answering (was `mlkata serve` stopped?)."),
        { kind: "offline", status: 0 });
    }
    let data = null;
    try {
      data = await response.json();
    } catch (err) {
      data = null;
    }
    if (!response.ok || (data && data.error)) {
      const error = (data && data.error) || { kind: "http", message: `HTTP ${response.status}` };
      throw Object.assign(new Error(error.message), { kind: error.kind, status: response.status });
    }
    return data;
  }

  let toastTimer = null;
  // A short message at the bottom of the page; kind: "info" | "error" | "ok".
  function toast(message, kind = "info", ms = 3000) {
    const el = document.getElementById("toast");
    if (!el) return;
    el.textContent = message;
    el.className = `toast toast-${kind}`;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, ms);
  }

  function esc(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // The JSON a page embeds as <script type="application/json" id="page-data">.
  function pageData() {
    const el = document.getElementById("page-data");
    return el ? JSON.parse(el.textContent) : {};
  }

  window.mlkata = { api, toast, esc, pageData };
})();
