// jobpulse explorer: reads the embedded aggregate counts, sums the rows the controls pick, and
// draws them with uPlot. Every string from the data is set with textContent (never innerHTML).
(function () {
  "use strict";
  let DATA = null; // unpacked by load()
  const Z = 1.96; // 95% Wilson interval
  const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];
  const $ = (id) => document.getElementById(id);
  const explorer = (window.explorer = { share: null, titles: null });

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cube(grain, measure) {
    const packed = DATA.grains[grain][measure];
    return typeof packed === "string" ? DATA.grains[grain][packed] : packed; // "new": the same counts
  }

  function wilson(k, n) {
    if (!n) return [null, null];
    const p = k / n, d = 1 + (Z * Z) / n, centre = p + (Z * Z) / (2 * n);
    const half = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
    // Clamped to hold p itself: at p = 1 rounding would put the upper end a hair below it.
    return [Math.min(p, Math.max(0, (centre - half) / d)), Math.max(p, Math.min(1, (centre + half) / d))];
  }

  function checked(name) {
    return [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  }
  function state() {
    return {
      roles: checked("role").map(Number),
      skills: [...$("skills").selectedOptions].map((o) => Number(o.value)),
      grain: checked("grain")[0],
      measure: checked("measure")[0],
      region: Number($("region").value),
    };
  }

  // Which role sets (each cluster has exactly one) contain any picked role token.
  function roleSetMask(tokens) {
    const wanted = new Set(tokens);
    return DATA.roleSets.map((set) => set.some((t) => wanted.has(t)));
  }

  function shareSeries(st) {
    const g = DATA.grains[st.grain], periods = g.periods.length, rows = cube(st.grain, st.measure);
    const roleOk = roleSetMask(st.roles), skillAt = new Map(st.skills.map((s, i) => [s, i]));
    const region = g.regions ? st.region : 0;
    const totals = new Float64Array(periods), mentions = st.skills.map(() => new Float64Array(periods));
    for (let i = 0; i < rows.n.length; i++) {
      if (rows.g[i] !== region || !roleOk[rows.r[i]]) continue;
      if (rows.s[i] === -1) totals[rows.p[i]] += rows.n[i];
      else if (skillAt.has(rows.s[i])) mentions[skillAt.get(rows.s[i])][rows.p[i]] += rows.n[i];
    }
    // No coverage, or no posting of the picked roles in a covered period: unknown, drawn as a gap.
    // A skill beyond the regional ones has no rows for a single region: unknown, not zero.
    const split = (s) => region === 0 || s < DATA.regionalSkills;
    const known = (p) => g.covered[p] === 1 && totals[p] > 0;
    return {
      region, unsplit: st.skills.filter((s) => !split(s)).map((s) => DATA.skills.name[s]),
      x: g.starts, labels: g.periods, totals: [...totals].map((t, p) => (g.covered[p] ? t : null)),
      skills: st.skills.map((s, i) => {
        const share = [], lo = [], hi = [], counts = [];
        for (let p = 0; p < periods; p++) {
          const k = mentions[i][p], ok = known(p) && split(s);
          counts.push(ok ? k : null);
          share.push(ok ? k / totals[p] : null);
          const [l, h] = ok ? wilson(k, totals[p]) : [null, null];
          lo.push(l);
          hi.push(h);
        }
        return { skill: s, name: DATA.skills.name[s], share, lo, hi, counts };
      }),
    };
  }

  const percentTicks = (u, ticks) => ticks.map((t) => +(100 * t).toFixed(2) + "%"); // 2.5%, not 3%
  const pct = (v) => (v == null ? "no data" : (100 * v).toFixed(1) + "%");

  function drawShare(st) {
    const series = shareSeries(st), holder = $("share-chart");
    const data = [series.x], opts = {
      width: Math.min(holder.clientWidth || 900, 1100), height: 360,
      series: [{ label: "Period", value: (u, v, si, idx) => (idx == null ? "--" : series.labels[idx]) }],
      bands: [], axes: [{}, { label: "share of postings", values: percentTicks }],
      scales: { x: { time: true }, y: { range: (u, lo, hi) => [0, Math.max(hi || 0, 0.05)] } },
      legend: { live: true },
    };
    series.skills.forEach((s, i) => {
      const color = COLORS[i % COLORS.length], at = data.length;
      data.push(s.share, s.lo, s.hi);
      opts.series.push(
        { label: s.name, stroke: color, width: 2, points: { show: true, size: 5, fill: color },
          value: (u, v, si, idx) => (idx == null || v == null ? "no data"
            : `${pct(v)} (${s.counts[idx]} of ${series.totals[idx]}; 95% CI ${pct(s.lo[idx])}–${pct(s.hi[idx])})`) },
        { label: s.name + " low", stroke: "transparent", points: { show: false } },
        { label: s.name + " high", stroke: "transparent", points: { show: false } },
      );
      opts.bands.push({ series: [at + 2, at + 1], fill: color + "22" });
    });
    if (explorer.share) explorer.share.destroy();
    holder.textContent = "";
    explorer.share = new uPlot(opts, data, holder);
    explorer.shareSeries = series;
    // The interval series only feed the bands; their legend rows would repeat the hover text.
    explorer.share.root.querySelectorAll(".u-legend .u-series").forEach((row, i) => { if (i > 0 && (i - 1) % 3) row.style.display = "none"; });
    holder.setAttribute("aria-label", `Share of ${roleText(st)} postings naming ${series.skills.map((s) => s.name).join(", ") || "no skill"}, per ${st.grain}; the table below lists the numbers.`);
    shareTable(series);
    $("share-note").textContent = series.unsplit.length
      ? `Not split by region (too few postings): ${series.unsplit.join(", ")}; pick all regions to see it.` : "";
  }

  function shareTable(series) {
    const table = $("share-table"), head = el("tr"), body = el("tbody");
    head.append(el("th", { scope: "col" }, "Period"), el("th", { scope: "col" }, "Postings"));
    series.skills.forEach((s) => head.append(el("th", { scope: "col" }, s.name)));
    series.labels.forEach((label, p) => {
      if (series.totals[p] == null) return; // uncovered: no row, as the chart has no point
      const tr = el("tr");
      tr.append(el("th", { scope: "row" }, label), el("td", {}, String(series.totals[p])));
      series.skills.forEach((s) => tr.append(el("td", {}, s.share[p] == null ? "–" : `${s.counts[p]} (${pct(s.share[p])}, ${pct(s.lo[p])}–${pct(s.hi[p])})`)));
      body.append(tr);
    });
    const thead = el("thead");
    thead.append(head);
    table.replaceChildren(el("caption", {}, "Postings naming each skill per period (share, 95% interval)"), thead, body);
  }

  function roleText(st) {
    return st.roles.map((t) => DATA.roles.name[t]).join(", ") || "no role";
  }

  function drawTitles(st) {
    const t = DATA.titles, role = Number($("title-role").value), rows = t.grains[st.grain], g = DATA.grains[st.grain];
    const picked = t.text.map((_, i) => i).filter((i) => t.role[i] === role);
    const totals = new Float64Array(g.periods.length), counts = new Map(picked.map((i) => [i, new Float64Array(g.periods.length)]));
    for (let i = 0; i < rows.n.length; i++) {
      if (rows.role[i] !== role) continue;
      if (rows.t[i] === -1) totals[rows.p[i]] += rows.n[i];
      else if (counts.has(rows.t[i])) counts.get(rows.t[i])[rows.p[i]] += rows.n[i];
    }
    const known = (p) => g.covered[p] === 1 && totals[p] > 0;
    const data = [g.starts], opts = {
      width: Math.min($("titles-chart").clientWidth || 900, 1100), height: 320,
      series: [{ label: "Period", value: (u, v, si, idx) => (idx == null ? "--" : g.periods[idx]) }],
      axes: [{}, { label: "share of the role's postings", values: percentTicks }],
      scales: { x: { time: true }, y: { range: (u, lo, hi) => [0, Math.max(hi || 0, 0.05)] } },
    };
    picked.slice(0, 8).forEach((i, k) => {
      const c = counts.get(i);
      data.push(g.starts.map((_, p) => (known(p) ? c[p] / totals[p] : null)));
      opts.series.push({ label: t.text[i], stroke: COLORS[k % COLORS.length], width: 2, points: { show: true, size: 4 },
        value: (u, v, si, idx) => (v == null ? "no data" : `${pct(v)} (${c[idx]} of ${totals[idx]})`) });
    });
    if (explorer.titles) explorer.titles.destroy();
    $("titles-chart").textContent = "";
    explorer.titles = new uPlot(opts, data, $("titles-chart"));
  }

  function drawCompanies() {
    const c = DATA.companies, token = Number($("company-role").value), skill = Number($("company-skill").value);
    const body = el("tbody"), rows = c.rows;
    for (let i = 0; i < (rows.token || []).length; i++) {
      if (rows.token[i] !== token || rows.s[i] !== skill) continue;
      const tr = el("tr");
      tr.append(el("th", { scope: "row" }, c.names[rows.company[i]]),
        el("td", {}, `${rows.recent[i]} of ${rows.recent_total[i]}`), el("td", {}, `${rows.base[i]} of ${rows.base_total[i]}`));
      body.append(tr);
    }
    if (!body.children.length) body.append(el("tr", {}, "")).firstChild.append(el("td", { colspan: "3" }, "No company named this skill for this role in either window."));
    $("companies-table").querySelector("tbody").replaceWith(body);
  }

  function redraw() {
    const weekly = checked("grain")[0] === "week";
    $("region").disabled = weekly;
    if (weekly) $("region").value = "0";
    const st = state();
    drawShare(st);
    drawTitles(st);
    $("status").textContent = `${st.skills.length} skill(s) among ${roleText(st)}, per ${st.grain}, ${st.measure} postings, ${DATA.regions[st.region]}.`;
  }

  function filterSkills() {
    const q = $("skill-search").value.trim().toLowerCase();
    for (const o of $("skills").options) o.hidden = q !== "" && !o.textContent.toLowerCase().includes(q) && !o.selected;
  }

  function setup() {
    const roles = $("roles");
    DATA.roles.token.forEach((token, i) => {
      const id = "role-" + i, label = el("label", { for: id }), box = el("input", { type: "checkbox", name: "role", id, value: String(i) });
      box.checked = !token.includes("/") && token !== "other";
      label.append(box, document.createTextNode(" " + DATA.roles.name[i]));
      roles.append(label);
    });
    const order = DATA.skills.name.map((_, i) => i).sort((a, b) => DATA.skills.name[a].localeCompare(DATA.skills.name[b]));
    for (const i of order) {
      const o = el("option", { value: String(i) }, DATA.skills.name[i]);
      o.selected = ["pytorch", "tensorflow"].includes(DATA.skills.id[i]);
      $("skills").append(o);
      $("company-skill").append(el("option", { value: String(i) }, DATA.skills.name[i]));
    }
    const pyIndex = DATA.skills.id.indexOf("pytorch");
    if (pyIndex >= 0) $("company-skill").value = String(pyIndex);
    DATA.regions.forEach((name, i) => $("region").append(el("option", { value: String(i) }, name)));
    DATA.titles.roles.forEach((r, i) => $("title-role").append(el("option", { value: String(i) }, DATA.roles.name[DATA.roles.token.indexOf(r)] || r)));
    DATA.roles.token.forEach((t, i) => $("company-role").append(el("option", { value: String(i) }, DATA.roles.name[i])));
    const ml = DATA.roles.token.indexOf("ml_engineer");
    if (ml >= 0) $("company-role").value = String(ml);
    const mlTitles = DATA.titles.roles.indexOf("ml_engineer");
    if (mlTitles >= 0) $("title-role").value = String(mlTitles);
    const c = DATA.companies;
    $("company-windows").textContent = c.recent ? `Recent window ${c.recent[0]} to ${c.recent[1]} (exclusive); baseline ${c.baseline[0]} to ${c.baseline[1]}.` : "No covered months.";
    $("controls").addEventListener("change", redraw);
    $("skill-search").addEventListener("input", filterSkills);
    $("title-role").addEventListener("change", () => drawTitles(state()));
    $("company-role").addEventListener("change", drawCompanies);
    $("company-skill").addEventListener("change", drawCompanies);
    redraw();
    drawCompanies();
    document.body.dataset.ready = "true";
  }

  async function load() {
    const packed = document.getElementById("explorer-data").textContent.trim();
    const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
    const buffer = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    // [JSON length][JSON][columns]: a column is {"$array": "Int32Array", "at": offset, "length": n}.
    const jsonLength = new DataView(buffer).getUint32(0, true), base = 4 + jsonLength;
    const text = new TextDecoder().decode(new Uint8Array(buffer, 4, jsonLength));
    const arrays = { Int16Array, Int32Array };
    DATA = explorer.data = JSON.parse(text, (key, v) => (v && v.$array ? new arrays[v.$array](buffer, base + v.at, v.length) : v));
    setup();
  }

  load().catch((error) => {
    $("status").textContent = "The explorer's data could not be read: " + error;
    throw error;
  });
})();
