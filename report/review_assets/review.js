// The review page of djreport: renders one unit from /api/unit/<name>,
// shows its sources from /api/doc, and saves each decision at once with
// POST /api/decision. No libraries, no build step.
"use strict";
(function () {
  const token = document.querySelector('meta[name="review-token"]').content;
  const unit = document.body.dataset.unit;
  const $ = (s) => document.querySelector(s);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of kids) if (c !== null && c !== undefined) e.append(c);
    return e;
  };
  const actions = { accept: "已确认", correct: "已更正", reject: "不采用", move: "已移动", add: "补录" };
  let st = null, rows = [], sel = 0, src = 0, docs = {}, pending = null;

  const by = $("#by");
  by.value = localStorage.getItem("djreport-review-by") || "";
  by.addEventListener("change", () => localStorage.setItem("djreport-review-by", by.value.trim()));

  function say(text, err) {
    const m = $("#msg");
    m.textContent = text;
    m.className = err ? "err" : "";
    m.hidden = !text;
  }
  const fmt = (v) => (v === null || v === undefined ? "" : Number(v).toLocaleString("zh-CN", { maximumFractionDigits: 6 }));
  const indLabel = (id) => { const i = st.indicators.find((x) => x.ID === id); return i ? i.Label : id || ""; };

  async function load() {
    const r = await fetch("/api/unit/" + encodeURIComponent(unit), { credentials: "same-origin" });
    if (!r.ok) { say(await r.text(), true); return; }
    st = await r.json();
    if (st.error) { say("审核文件有误，请先修正：" + st.error, true); }
    render();
    await showDoc(src);
    select(Math.min(sel, rows.length - 1), false);
  }

  function statusCell(d, manual) {
    if (d) {
      const t = actions[d.action] + (d.action === "correct" ? " " + fmt(d.value) : "");
      return el("span", { class: "st-" + d.action, title: (d.by || "") + " " + (d.at || "") }, t);
    }
    if (manual) return el("span", { class: "manual" }, "人工核定");
    return el("span", {}, "未核");
  }

  function opsCell(i) {
    const b = (label, key, act) => el("button", { type: "button", title: key, onclick: (e) => { e.stopPropagation(); select(i, false); act(); } }, label);
    return el("td", { class: "ops" }, b("确认", "a", () => decide("accept")), b("更正", "c", () => ask("correct")),
      b("不采用", "r", () => decide("reject")), b("移动", "m", () => ask("move")), b("撤销", "u", () => undo()));
  }

  function render() {
    $("#progress").textContent = "已核 " + st.done + "/" + st.total;
    const checks = $("#checks");
    checks.replaceChildren();
    rows = [];
    const jump = (c) => () => {
      const i = rows.findIndex((r) => (c.figure && r.figs.includes(c.figure)) || (c.indicator && r.kind === "indicator" && r.b.id === c.indicator));
      if (i >= 0) select(i, true);
    };
    for (const c of st.checks || []) checks.append(el("li", { class: "k-" + c.kind, onclick: jump(c) }, c.message));
    if (!checks.children.length) checks.append(el("li", {}, "没有需要特别核对的事项"));
    const tb = $("#bound tbody");
    tb.replaceChildren();
    for (const b of st.bound || []) {
      const i = rows.length;
      rows.push({ kind: "indicator", b, figs: b.figures || [], decision: b.decision, via: b.via, src: (st.sources || []).indexOf(b.source) });
      const note = b.manual ? el("div", { class: "manual" }, "人工核定（" + (b.manual.by || "") + "，" + (b.manual.at || "").slice(0, 10) + (b.manual.original != null ? "；原为 " + fmt(b.manual.original) : "") + "）") : null;
      tb.append(el("tr", { "data-row": i, "data-indicator": b.id, class: b.rejected ? "rejected" : "", onclick: () => select(i, true) },
        el("td", {}, b.label || b.id), el("td", { class: "num" }, fmt(b.value) + " " + (b.measure || "") + (b.qualifier ? "（" + b.qualifier + "）" : "")),
        el("td", {}, b.text || "", note), el("td", {}, statusCell(b.decision || b.via, b.manual)), opsCell(i)));
    }
    const fb = $("#figures tbody");
    fb.replaceChildren();
    for (const f of st.figures || []) {
      const i = rows.length;
      rows.push({ kind: "figure", f, figs: [f.id], decision: f.decision, src: f.src });
      fb.append(el("tr", { "data-row": i, "data-figure": f.id, class: f.rejected ? "rejected" : "", onclick: () => select(i, true) },
        el("td", { class: "num" }, f.text), el("td", {}, f.subject || ""), el("td", {}, indLabel(f.indicator)),
        el("td", {}, f.section || ""), el("td", {}, statusCell(f.decision)), opsCell(i)));
    }
    const tabs = $("#tabs");
    tabs.replaceChildren();
    (st.sources || []).forEach((p, k) => tabs.append(el("button", { type: "button", class: k === src ? "here" : "", onclick: () => showDoc(k) }, p.split(/[\\/]/).pop())));
  }

  async function showDoc(k) {
    if (!st.sources || !st.sources.length) return;
    src = k;
    [...$("#tabs").children].forEach((b, j) => b.classList.toggle("here", j === k));
    const path = st.sources[k];
    const r = await fetch("/api/doc?path=" + encodeURIComponent(path), { credentials: "same-origin" });
    if (!r.ok) { say(await r.text(), true); return; }
    const d = await r.json();
    docs[path] = d;
    const box = $("#doc");
    box.replaceChildren();
    for (const l of d.lines) {
      const p = el("p", { "data-line": l.no }, el("span", { class: "ln" }, String(l.no)));
      for (const s of l.segs || []) {
        const a = {};
        if (s.f) a["data-f"] = s.f.join(" ");
        if (s.s) a["data-s"] = s.s.join(" ");
        p.append(el("span", a, s.t));
      }
      box.append(p);
    }
    highlight(false);
  }

  function highlight(scroll) {
    document.querySelectorAll("#doc .sent, #doc .fig").forEach((e) => e.classList.remove("sent", "fig"));
    const row = rows[sel];
    if (!row) return;
    let first = null;
    for (const id of row.figs) {
      document.querySelectorAll('#doc [data-s~="' + CSS.escape(id) + '"]').forEach((e) => { e.classList.add("sent"); first = first || e; });
      document.querySelectorAll('#doc [data-f~="' + CSS.escape(id) + '"]').forEach((e) => { e.classList.add("fig"); first = e; });
    }
    if (first && scroll) first.scrollIntoView({ block: "center" });
  }

  async function select(i, scroll) {
    if (i < 0 || i >= rows.length) return;
    sel = i;
    document.querySelectorAll("tr.sel").forEach((t) => t.classList.remove("sel"));
    const tr = document.querySelector('tr[data-row="' + i + '"]');
    if (tr) { tr.classList.add("sel"); if (scroll !== false) tr.scrollIntoView({ block: "nearest" }); }
    const row = rows[i];
    if (row.src >= 0 && row.src !== src) await showDoc(row.src);
    highlight(scroll !== false);
  }

  function target(row) {
    return row.kind === "indicator" ? { unit, indicator: row.b.id } : { unit, figure: row.f.id };
  }

  async function post(body) {
    if (!by.value.trim()) { say("请先在页面顶部填写审核人姓名", true); by.focus(); return false; }
    body.by = by.value.trim();
    localStorage.setItem("djreport-review-by", body.by);
    const r = await fetch("/api/decision", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Review-Token": token },
      body: JSON.stringify(body),
    });
    let res = {};
    try { res = await r.json(); } catch (e) { res = { error: "保存失败（" + r.status + "）" }; }
    if (!r.ok) { say(res.error || "保存失败", true); if (r.status === 409) await load(); return false; }
    say("已保存");
    await load();
    return true;
  }

  function prevOf(row) { return row.decision ? row.decision.at || "" : ""; }

  async function decide(action, extra) {
    const row = rows[sel];
    if (!row) return;
    if (row.kind === "figure" && row.f.added && action !== "add") {
      say("补录的数据可撤销后重新补录", true);
      return;
    }
    await post(Object.assign(target(row), { action, prev: prevOf(row) }, extra || {}));
  }

  async function undo() {
    const row = rows[sel];
    const d = row && (row.decision || row.via);
    if (!d) { say("此项还没有决定"); return; }
    await post({ unit, undo: true, key: d.key, prev: d.at || "", action: d.action });
  }

  // The dialog asks what a correction, a move or an addition needs.
  const dlg = $("#dlg"), form = $("#dlgform");
  function fill(select, items, blank) {
    select.replaceChildren(el("option", { value: "" }, blank));
    for (const [v, t] of items) select.append(el("option", { value: v }, t));
  }
  function ask(action, add) {
    const row = rows[sel];
    if (!row && !add) return;
    pending = { action, add };
    const show = { value: action !== "move", measure: action !== "move", indicator: action === "add", to_unit: action === "move", to_indicator: action === "move", to_section: action === "move" && (!row || row.kind === "figure") };
    for (const [k, v] of Object.entries(show)) $("#f-" + k).hidden = !v;
    const inds = st.indicators.map((i) => [i.ID, i.Label + "（" + i.Measure + "）"]);
    fill(form.indicator, inds, "（不对应指标）");
    fill(form.to_indicator, inds, "（不改指标）");
    fill(form.to_unit, st.units.filter((u) => u !== unit).map((u) => [u, u]), "（不改单位）");
    fill(form.to_section, st.sections.map((s) => [s, s]), "（不改板块）");
    form.note.value = "";
    if (action === "correct") {
      $("#dlgtitle").textContent = "更正：" + (row.kind === "indicator" ? row.b.label : row.f.text);
      $("#dlgquote").textContent = row.kind === "indicator" ? row.b.sentence || row.b.text : row.f.sentence;
      form.value.value = row.kind === "indicator" ? row.b.value : row.f.value;
      form.measure.value = "";
    } else if (action === "move") {
      $("#dlgtitle").textContent = "移动：" + (row.kind === "indicator" ? row.b.label : row.f.text);
      $("#dlgquote").textContent = row.kind === "indicator" ? row.b.sentence || row.b.text : row.f.sentence;
    } else {
      $("#dlgtitle").textContent = "补录漏掉的数据";
      $("#dlgquote").textContent = "原文：" + add.quote;
      const g = guess(add.quote);
      form.value.value = g.value;
      form.measure.value = g.measure;
    }
    dlg.showModal();
    (action === "move" ? form.to_indicator : form.value).focus();
  }
  $("#dlgcancel").addEventListener("click", () => dlg.close());
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const p = pending;
    const body = {};
    if (p.action !== "move") {
      const v = Number(String(form.value.value).replace(/[,，\s]/g, ""));
      if (form.value.value.trim() === "" || !isFinite(v)) { say("数值须为阿拉伯数字（基本单位，如 1811）", true); return; }
      body.value = v;
      if (form.measure.value.trim()) body.measure = form.measure.value.trim();
    } else {
      for (const k of ["to_unit", "to_indicator", "to_section"]) if (form[k].value) body[k] = form[k].value;
    }
    if (form.note.value.trim()) body.note = form.note.value.trim();
    dlg.close();
    if (p.action === "add") {
      if (form.indicator.value) body.indicator = form.indicator.value;
      await post(Object.assign({ unit, action: "add", src: p.add.src, line: p.add.line, quote: p.add.quote, prev: "" }, body));
    } else {
      await decide(p.action, body);
    }
  });

  // A figure read from selected text: 2797个, 1.2万名, 3.5亿元.
  function guess(q) {
    const m = /(\d+(?:\.\d+)?)\s*(万|亿)?\s*(人次|[名个人件元户家处项次%％])?/.exec(q.replace(/[,，](?=\d{3})/g, ""));
    if (!m) return { value: "", measure: "" };
    let v = Number(m[1]);
    if (m[2] === "万") v *= 1e4;
    if (m[2] === "亿") v *= 1e8;
    return { value: String(Math.round(v * 1e6) / 1e6), measure: (m[3] || "").replace("％", "%") };
  }

  function selection() {
    const s = window.getSelection();
    if (!s || s.isCollapsed) return null;
    const text = s.toString().trim();
    const node = s.anchorNode && (s.anchorNode.nodeType === 1 ? s.anchorNode : s.anchorNode.parentElement);
    const p = node && node.closest("#doc p");
    if (!text || !p) return null;
    return { quote: text.replace(/\s+/g, " "), line: Number(p.dataset.line), src };
  }
  function addSelected() {
    const a = selection();
    if (!a) { say("请先在右侧原文中选中要补录的文字", true); return; }
    ask("add", a);
  }
  $("#doc").addEventListener("mouseup", () => { $("#addbar").hidden = !selection(); });
  $("#addsel").addEventListener("click", addSelected);

  document.addEventListener("keydown", (e) => {
    if (dlg.open || e.target.closest("input, select, textarea") || e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key;
    const act = {
      ArrowDown: () => select(sel + 1), j: () => select(sel + 1), ArrowUp: () => select(sel - 1), k: () => select(sel - 1),
      a: () => decide("accept"), c: () => ask("correct"), r: () => decide("reject"), m: () => ask("move"), u: () => undo(), n: () => addSelected(),
    }[k];
    if (act) { e.preventDefault(); act(); }
  });

  load();
})();
