// Tribune's dashboard: plain JavaScript over the JSON API, no framework, no network beyond
// this server. Every piece of text from the store is put in the page with textContent, never
// as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const PAGE = 50;
const QUADS = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const FILTERS = ["actor", "source", "target", "code", "quad", "plover", "modality", "country", "place", "since", "until", "q"];

const state = { filters: {}, eventsOffset: 0, documentsOffset: 0, world: null, speaker: null };

// ---------------------------------------------------------------- helpers

function $(id) { return document.getElementById(id); }

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function titled(node, text) { node.append(svg("title", {}, text)); return node; }

function query(params) {
  const parts = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
  }
  return parts.length ? "?" + parts.join("&") : "";
}

async function api(path, params) {
  const response = await fetch(path + query(params || {}), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (body.error && body.error.message) || response.statusText;
    throw new Error(`${path}: ${message}`);
  }
  return body;
}

function showError(error) {
  const box = $("error");
  box.textContent = String(error.message || error);
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 8000);
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function articleLink(id, label, focus) {
  return el("a", { href: `#/doc/${encodeURIComponent(id)}` + (focus ? `/${encodeURIComponent(focus)}` : "") }, label);
}

function who(name, code) {
  if (!name && !code) return "—";
  return el("span", {}, name || "", code ? el("span", { class: "code muted" }, ` ${code}`) : null);
}

// ---------------------------------------------------------------- tooltip

const tooltip = {
  show(event, lines) {
    const box = clear($("tooltip"));
    for (const line of lines) box.append(line instanceof Node ? line : el("div", {}, line));
    box.hidden = false;
    const x = Math.min(event.clientX + 14, window.innerWidth - box.offsetWidth - 8);
    const y = Math.min(event.clientY + 14, window.innerHeight - box.offsetHeight - 8);
    box.style.left = `${x}px`;
    box.style.top = `${y}px`;
  },
  hide() { $("tooltip").hidden = true; },
};

// ---------------------------------------------------------------- filters

function readFilters() {
  const form = $("filters");
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) filters[name] = name === "country" ? value.toUpperCase() : value;
  }
  return filters;
}

function writeFilters(filters) {
  const form = $("filters");
  for (const name of FILTERS) form.elements[name].value = filters[name] || "";
  $("search-text").value = filters.q || "";
}

function applyFilters(filters) {
  state.filters = filters;
  state.eventsOffset = 0;
  writeFilters(filters);
  const hash = "#/" + query(filters);
  if (location.hash !== hash) history.replaceState(null, "", hash);
  const summary = Object.entries(filters).map(([k, v]) => `${k}=${v}`).join(", ");
  $("filter-summary").textContent = summary ? `Filtered: ${summary}` : "All events in the store.";
  return refreshOverview();
}

function setFilter(name, value) {
  const filters = Object.assign({}, state.filters, { [name]: value });
  return applyFilters(filters);
}

// ---------------------------------------------------------------- overview

async function refreshOverview() {
  await Promise.all([loadEvents(true), loadTimeline(), loadMap(), loadNetwork()].map((p) => p.catch(showError)));
}

async function loadEvents(withTotal) {
  const page = await api("/api/events", Object.assign({}, state.filters,
    { limit: PAGE, offset: state.eventsOffset, total: withTotal ? "true" : undefined }));
  if (page.total !== null && page.total !== undefined) state.eventsTotal = page.total;
  const body = clear($("events").tBodies[0]);
  for (const e of page.items) {
    const plover = e.plover ? ` ${e.plover.type}` : "";
    const where = e.location ? `${e.location.name}${e.location.country ? ", " + e.location.country : ""}` : "—";
    body.append(el("tr", { "data-seq": e.seq },
      el("td", {}, e.day || "—"),
      el("td", {}, who(e.sourceName, e.sourceCode)),
      el("td", { title: `QuadClass ${e.quad}: ${QUADS[e.quad]}; Goldstein ${e.goldstein}` },
        el("span", { class: `quad q${e.quad}` }), el("span", { class: "code" }, e.cameo), plover),
      el("td", {}, who(e.targetName, e.targetCode)),
      el("td", {}, where),
      el("td", {}, e.modality),
      el("td", { class: "text" }, e.text),
      el("td", {}, articleLink(e.document, e.title || e.document.slice(0, 8), e.id), " ",
        /^https?:/.test(e.url) ? el("a", { href: e.url, rel: "noopener noreferrer", target: "_blank" }, "source") : null)));
  }
  if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: 8, class: "muted" }, "No events match.")));
  const first = page.items.length ? state.eventsOffset + 1 : 0;
  $("events-count").textContent = state.eventsTotal !== undefined ? `(${state.eventsTotal.toLocaleString()} match)` : "";
  $("events-page").textContent = `${first}–${state.eventsOffset + page.items.length}`;
  $("events-prev").disabled = state.eventsOffset === 0;
  $("events-next").disabled = !page.more;
}

// A stacked bar per day (or month when the range is long), one colour per QuadClass.
async function loadTimeline() {
  let data = await api("/api/aggregates/timeline", Object.assign({}, state.filters, { interval: "day", by: "quad" }));
  const days = new Set(data.bins.map((b) => b.period));
  if (days.size > 120) {
    data = await api("/api/aggregates/timeline", Object.assign({}, state.filters, { interval: "month", by: "quad" }));
  }
  $("timeline-interval").textContent = data.interval;
  const periods = [...new Set(data.bins.map((b) => b.period))].sort();
  const stacks = new Map(periods.map((p) => [p, { 1: 0, 2: 0, 3: 0, 4: 0 }]));
  for (const bin of data.bins) stacks.get(bin.period)[bin.key] = bin.events;
  const max = Math.max(1, ...[...stacks.values()].map((s) => s[1] + s[2] + s[3] + s[4]));
  const width = 600, height = 260, left = 36, bottom = 22, top = 10, right = 8;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Events per period by QuadClass" });
  const plotW = width - left - right, plotH = height - top - bottom;
  chart.append(svg("line", { class: "axis-line", x1: left, y1: top + plotH, x2: width - right, y2: top + plotH }));
  for (const fraction of [0, 0.5, 1]) {
    const value = Math.round(max * fraction);
    const y = top + plotH - (value / max) * plotH;
    chart.append(svg("text", { class: "axis", x: left - 4, y: y + 3, "text-anchor": "end" }, String(value)));
  }
  if (!periods.length) {
    chart.append(svg("text", { class: "axis", x: width / 2, y: height / 2, "text-anchor": "middle" }, "No dated events match."));
  }
  const step = plotW / Math.max(periods.length, 1);
  const barWidth = Math.max(1, Math.min(40, step * 0.8));
  periods.forEach((period, index) => {
    const x = left + index * step + (step - barWidth) / 2;
    let y = top + plotH;
    for (const quad of [1, 2, 3, 4]) {
      const count = stacks.get(period)[quad];
      if (!count) continue;
      const h = (count / max) * plotH;
      y -= h;
      const rect = svg("rect", { class: `bar q${quad}`, x: x.toFixed(2), y: y.toFixed(2), width: barWidth.toFixed(2),
        height: Math.max(h, 0.5).toFixed(2), "data-period": period, "data-quad": quad,
        onclick: () => {
          const since = data.interval === "day" ? period : `${period}-01`;
          const until = data.interval === "day" ? period : lastDayOfMonth(period);
          applyFilters(Object.assign({}, state.filters, { since, until }));
        } });
      chart.append(titled(rect, `${period}: ${count} ${QUADS[quad]}`));
    }
  });
  const labels = periods.length > 1 ? [0, periods.length - 1] : periods.length ? [0] : [];
  if (periods.length > 6) labels.splice(1, 0, Math.floor(periods.length / 2));
  for (const index of labels) {
    chart.append(svg("text", { class: "axis", x: left + index * step + step / 2, y: height - 6, "text-anchor": "middle" }, periods[index]));
  }
  clear($("timeline")).append(chart);
}

function lastDayOfMonth(month) {
  const [year, m] = month.split("-").map(Number);
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}

// An equirectangular world from the shipped Natural Earth outline, zoomed to the points.
async function loadMap() {
  if (!state.world) {
    const response = await fetch("/static/world.geojson");
    state.world = await response.json();
  }
  const data = await api("/api/places", Object.assign({}, state.filters, { limit: 500 }));
  const project = (lon, lat) => [lon + 180, 90 - lat];
  const chart = svg("svg", { role: "img", "aria-label": "Map of events", preserveAspectRatio: "xMidYMid meet" });
  chart.append(svg("rect", { class: "ocean", x: 0, y: 0, width: 360, height: 180 }));
  const land = svg("g", { class: "countries" });
  for (const feature of state.world.features) {
    const geometry = feature.geometry;
    if (!geometry) continue;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    let d = "";
    for (const polygon of polygons) {
      for (const ring of polygon) {
        ring.forEach(([lon, lat], i) => {
          const [x, y] = project(lon, lat);
          d += `${i ? "L" : "M"}${x.toFixed(2)},${y.toFixed(2)}`;
        });
        d += "Z";
      }
    }
    land.append(titled(svg("path", { class: "land", d }), feature.properties.name));
  }
  chart.append(land);
  const max = Math.max(1, ...data.items.map((p) => p.events));
  let box = null;
  const points = svg("g", { class: "points" });
  for (const place of data.items) {
    const [x, y] = project(place.lon, place.lat);
    box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
    const r = 0.8 + 5 * Math.sqrt(place.events / max);
    const circle = svg("circle", { class: "point", cx: x.toFixed(2), cy: y.toFixed(2), r: r.toFixed(2),
      "data-name": place.name, "data-events": place.events, onclick: () => setFilter("place", place.name) });
    points.append(titled(circle, `${place.name}${place.admin1 ? ", " + place.admin1 : ""}${place.country ? " (" + place.country + ")" : ""}: ${place.events} events`));
  }
  chart.append(points);
  // Zoom to the points, keeping at least a region's worth of context around them.
  let view = [0, 0, 360, 180];
  if (box) {
    const w = Math.max(box[2] - box[0] + 16, 48), h = Math.max(box[3] - box[1] + 10, 26);
    const cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
    const ratio = 600 / 260;
    const vw = Math.max(w, h * ratio), vh = vw / ratio;
    view = [cx - vw / 2, cy - vh / 2, vw, vh];
    const scale = vw / 360;
    for (const circle of points.querySelectorAll("circle")) circle.setAttribute("r", (Number(circle.getAttribute("r")) * scale * 1.6).toFixed(3));
    for (const place of data.items.slice(0, 8)) {
      const [x, y] = project(place.lon, place.lat);
      const label = svg("text", { class: "point-label", x: (x + 1.2 * scale * 3).toFixed(2), y: (y + 0.4).toFixed(2) }, place.name);
      label.style.fontSize = `${(9 * scale).toFixed(2)}px`;
      chart.append(label);
    }
  }
  chart.setAttribute("viewBox", view.map((v) => v.toFixed(2)).join(" "));
  clear($("map")).append(chart);
  if (!data.items.length) $("map").append(el("p", { class: "muted" }, "No matching event has a known place."));
}

// Actors as nodes, source → target pairs as edges; a small force layout, run to rest.
async function loadNetwork() {
  const data = await api("/api/actors/pairs", Object.assign({}, state.filters, { limit: 60 }));
  const width = 600, height = 260;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Actor network" });
  chart.append(svg("defs", {},
    svg("marker", { id: "arrow-coop", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto" },
      svg("path", { d: "M0,0L10,5L0,10Z", class: "bar q2" })),
    svg("marker", { id: "arrow-conf", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto" },
      svg("path", { d: "M0,0L10,5L0,10Z", class: "bar q4" }))));
  const nodes = new Map();
  const node = (code, name) => {
    if (!nodes.has(code)) nodes.set(code, { code, name: name || code, events: 0, x: 0, y: 0, vx: 0, vy: 0 });
    const n = nodes.get(code);
    if (name && n.name === code) n.name = name;
    return n;
  };
  for (const pair of data.items) {
    node(pair.source, pair.sourceName).events += pair.events;
    node(pair.target, pair.targetName).events += pair.events;
  }
  const list = [...nodes.values()];
  list.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(list.length, 1);
    n.x = width / 2 + Math.cos(angle) * width * 0.3;
    n.y = height / 2 + Math.sin(angle) * height * 0.3;
  });
  const edges = data.items.map((p) => ({ s: nodes.get(p.source), t: nodes.get(p.target), pair: p }));
  // Fruchterman–Reingold: nodes repel, edges pull, and the moves shrink as the layout cools.
  const k = 0.75 * Math.sqrt((width * height) / Math.max(list.length, 1));
  const steps = 250;
  for (let step = 0; step < steps; step++) {
    const temperature = (width / 8) * (1 - step / steps);
    for (const n of list) { n.vx = 0; n.vy = 0; }
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const a = list[i], b = list[j];
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(Math.hypot(dx, dy), 0.5);
      const force = (k * k) / d;
      dx /= d; dy /= d;
      a.vx += dx * force; a.vy += dy * force; b.vx -= dx * force; b.vy -= dy * force;
    }
    for (const e of edges) {
      if (e.s === e.t) continue;
      let dx = e.t.x - e.s.x, dy = e.t.y - e.s.y;
      const d = Math.max(Math.hypot(dx, dy), 0.5);
      const force = (d * d) / k;
      dx /= d; dy /= d;
      e.s.vx += dx * force; e.s.vy += dy * force; e.t.vx -= dx * force; e.t.vy -= dy * force;
    }
    for (const n of list) {
      // A gentle pull to the centre keeps unconnected pieces on screen.
      n.vx += (width / 2 - n.x) * 0.05 * k / 10; n.vy += (height / 2 - n.y) * 0.05 * k / 10;
      const move = Math.max(Math.hypot(n.vx, n.vy), 0.001);
      const step = Math.min(move, temperature);
      n.x = Math.min(width - 40, Math.max(20, n.x + (n.vx / move) * step));
      n.y = Math.min(height - 14, Math.max(14, n.y + (n.vy / move) * step));
    }
  }
  const maxEvents = Math.max(1, ...edges.map((e) => e.pair.events));
  const maxNode = Math.max(1, ...list.map((n) => n.events));
  const radius = (n) => 4 + 10 * Math.sqrt(n.events / maxNode);
  for (const e of edges) {
    if (e.s === e.t) continue;
    const conflict = e.pair.conflict >= e.pair.cooperation;
    const dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.max(Math.hypot(dx, dy), 1);
    const end = [e.t.x - (dx / d) * (radius(e.t) + 2), e.t.y - (dy / d) * (radius(e.t) + 2)];
    // A slight curve keeps A→B and B→A apart.
    const mx = (e.s.x + end[0]) / 2 - (dy / d) * 12, my = (e.s.y + end[1]) / 2 + (dx / d) * 12;
    const path = svg("path", { class: `edge ${conflict ? "conf" : "coop"}`,
      d: `M${e.s.x.toFixed(1)},${e.s.y.toFixed(1)}Q${mx.toFixed(1)},${my.toFixed(1)} ${end[0].toFixed(1)},${end[1].toFixed(1)}`,
      "stroke-width": (1 + 5 * Math.sqrt(e.pair.events / maxEvents)).toFixed(2),
      "marker-end": `url(#arrow-${conflict ? "conf" : "coop"})`, "data-events": e.pair.events });
    chart.append(titled(path, `${e.s.name} → ${e.t.name}: ${e.pair.events} events (${e.pair.cooperation} cooperation, ${e.pair.conflict} conflict)`));
  }
  for (const n of list) {
    const group = svg("g", { class: "actor", onclick: () => setFilter("actor", n.code) });
    group.append(titled(svg("circle", { class: "node", cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: radius(n).toFixed(1), "data-code": n.code }),
      `${n.name} (${n.code}): ${n.events} events`));
    group.append(svg("text", { class: "node-label", x: (n.x + radius(n) + 2).toFixed(1), y: (n.y + 3).toFixed(1) }, n.code));
    chart.append(group);
  }
  if (!edges.length) {
    chart.append(svg("text", { class: "axis", x: width / 2, y: height / 2, "text-anchor": "middle" }, "No event with both a source and a target matches."));
  }
  clear($("network")).append(chart);
}

// ---------------------------------------------------------------- documents

async function loadDocuments() {
  const q = $("search-text").value.trim();
  const page = await api("/api/documents", { q, limit: 25, offset: state.documentsOffset });
  $("documents-count").textContent = `(${page.total.toLocaleString()}${q ? ` matching “${q}”` : ""})`;
  const body = clear($("documents").tBodies[0]);
  for (const d of page.items) {
    body.append(el("tr", {},
      el("td", {}, d.day || "—"),
      el("td", {}, articleLink(d.id, d.title || d.id.slice(0, 12))),
      el("td", {}, d.site || ""),
      el("td", {}, d.events), el("td", {}, d.quotes),
      el("td", { class: "muted" }, /^https?:/.test(d.url) ? el("a", { href: d.url, rel: "noopener noreferrer", target: "_blank" }, d.url) : d.url)));
  }
  if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No articles match.")));
  $("documents-prev").disabled = state.documentsOffset === 0;
  $("documents-next").disabled = state.documentsOffset + page.items.length >= page.total;
}

// ---------------------------------------------------------------- article

// Spans are Unicode scalar offsets; Array.from splits a string into exactly those.
async function loadArticle(id, focus) {
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const chars = Array.from(doc.text);
  const entities = new Map(doc.entities.map((e) => [e.id, e]));
  const name = (entityID) => (entityID && entities.get(entityID) ? entities.get(entityID).name : null);
  const annotations = [];
  for (const e of doc.entities) for (const [s, t] of e.mentions) annotations.push({ s, t, kind: "ent", cls: `ent ent-${e.type}`, item: e });
  for (const q of doc.quotes) annotations.push({ s: q.span[0], t: q.span[1], kind: "quote", cls: "quote", item: q });
  for (const t of doc.times) annotations.push({ s: t.span[0], t: t.span[1], kind: "time", cls: "time", item: t });
  for (const v of doc.events) annotations.push({ s: v.trigger[0], t: v.trigger[1], kind: "event", cls: `trig q${v.quad}`, item: v });
  // Cut the text at every start and end; each piece carries every annotation over it.
  const cuts = new Set([0, chars.length]);
  for (const a of annotations) { cuts.add(Math.max(0, Math.min(a.s, chars.length))); cuts.add(Math.max(0, Math.min(a.t, chars.length))); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const text = clear($("article-text"));
  for (let i = 0; i + 1 < bounds.length; i++) {
    const s = bounds[i], t = bounds[i + 1];
    const over = annotations.filter((a) => a.s <= s && a.t >= t && a.s < a.t);
    const piece = chars.slice(s, t).join("");
    if (!over.length) { text.append(piece); continue; }
    const classes = ["seg", "ann", ...new Set(over.flatMap((a) => a.cls.split(" ")))];
    const span = el("span", { class: classes.join(" "), "data-ids": over.filter((a) => a.item.id).map((a) => a.item.id).join(" ") }, piece);
    span.addEventListener("mousemove", (event) => tooltip.show(event, over.map((a) => describe(a, name))));
    span.addEventListener("mouseleave", () => tooltip.hide());
    text.append(span);
  }
  $("article-title").textContent = doc.title || "(untitled)";
  const meta = [doc.published && `published ${doc.published}`, doc.site, doc.source && doc.source.uri].filter(Boolean).join(" · ");
  $("article-meta").textContent = `${meta} · ${doc.events.length} events, ${doc.quotes.length} quotes, ${doc.entities.length} entities, ${doc.times.length} times`;
  const events = clear($("article-events"));
  for (const v of doc.events) {
    events.append(el("li", { "data-id": v.id, onclick: () => focusOn(v.id) },
      el("span", { class: `quad q${v.quad}` }), `${name(v.source) || v.sourceCode || "?"} `,
      el("span", { class: "code" }, v.cameo), v.plover ? ` ${v.plover.type} ` : " ", name(v.target) || v.targetCode || "?",
      v.date ? el("span", { class: "muted" }, ` (${v.date})`) : null));
  }
  if (!doc.events.length) events.append(el("li", { class: "muted" }, "none"));
  const quotes = clear($("article-quotes"));
  for (const q of doc.quotes) {
    quotes.append(el("li", { "data-id": q.id, onclick: () => focusOn(q.id) }, el("b", {}, name(q.speaker) || q.speakerText || "unknown"), `: “${q.text.slice(0, 90)}${q.text.length > 90 ? "…" : ""}”`));
  }
  if (!doc.quotes.length) quotes.append(el("li", { class: "muted" }, "none"));
  const list = clear($("article-entities"));
  for (const e of doc.entities) {
    list.append(el("li", { "data-id": e.id, onclick: () => focusOn(e.id) }, `${e.name} `, el("span", { class: "muted" }, e.type), e.actor ? el("span", { class: "code" }, ` ${e.actor.code}`) : null));
  }
  if (focus) focusOn(focus);
  else window.scrollTo(0, 0);
}

function describe(a, name) {
  const item = a.item;
  switch (a.kind) {
    case "ent":
      return el("div", {}, el("b", {}, item.type), ` ${item.name}`, item.titles && item.titles.length ? ` (${item.titles.join(", ")})` : "",
        item.actor ? el("div", {}, "CAMEO actor ", el("span", { class: "code" }, item.actor.code)) : null);
    case "quote":
      return el("div", {}, el("b", {}, `${item.kind} quote`), ` by ${name(item.speaker) || item.speakerText || "an unknown speaker"}`,
        item.cue ? ` (“${item.cue}”)` : "", item.date ? `, ${item.date}` : "");
    case "time":
      return el("div", {}, el("b", {}, item.type), ` ${item.value}${item.mod ? " " + item.mod : ""}`);
    case "event": {
      const plover = item.plover ? ` · PLOVER ${item.plover.type}${item.plover.mode ? "/" + item.plover.mode : ""}` : "";
      return el("div", {}, el("b", {}, `Event ${item.id}`), ` CAMEO ${item.cameo} (QuadClass ${item.quad}, Goldstein ${item.goldstein})${plover}`,
        el("div", {}, `${name(item.source) || item.sourceCode || "?"} → ${name(item.target) || item.targetCode || "?"}`),
        el("div", {}, `${item.modality}, confidence ${item.confidence}${item.date ? ", " + item.date : ""}${item.place && name(item.place) ? ", in " + name(item.place) : ""}`));
    }
  }
  return el("div", {}, a.kind);
}

function focusOn(id) {
  for (const node of document.querySelectorAll(".focus")) node.classList.remove("focus");
  const marks = [...document.querySelectorAll("#article-text span[data-ids]")].filter((n) => n.dataset.ids.split(" ").includes(id));
  for (const node of marks) node.classList.add("focus");
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
}

// ---------------------------------------------------------------- quotes

async function loadSpeakers() {
  const q = $("speaker-filter").value.trim();
  const data = await api("/api/speakers", { q, limit: 200 });
  const list = clear($("speakers"));
  for (const s of data.items) {
    list.append(el("li", { class: s.name === state.speaker ? "active" : "", onclick: () => { state.speaker = s.name; loadSpeakers().catch(showError); loadQuotes().catch(showError); } },
      `${s.name} `, el("span", { class: "muted" }, `${s.quotes} in ${s.documents} article${s.documents === 1 ? "" : "s"}`)));
  }
  if (!data.items.length) list.append(el("li", { class: "muted" }, "No quoted speaker."));
}

async function loadQuotes() {
  const data = await api("/api/quotes", { speaker: state.speaker, limit: 200 });
  $("quotes-title").textContent = state.speaker ? `Quotes of ${state.speaker}` : "Latest quotes";
  const list = clear($("quotes"));
  for (const r of data.items) {
    list.append(el("li", {}, el("blockquote", {}, `“${r.text}”`),
      el("div", { class: "muted" }, `${r.speakerName || r.speakerText || "unknown"}${r.cue ? ", " + r.cue : ""} · ${r.day || "undated"} · `,
        articleLink(r.document, r.title || r.document.slice(0, 8), r.id))));
  }
  if (!data.items.length) list.append(el("li", { class: "muted" }, "No quotes."));
}

// ---------------------------------------------------------------- views

function show(view) {
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${view}`;
  for (const link of document.querySelectorAll("nav a")) link.classList.toggle("active", link.dataset.view === view);
}

async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "doc" && parts[1]) {
      show("article");
      await loadArticle(parts[1], parts[2]);
    } else if (parts[0] === "documents") {
      show("documents");
      await loadDocuments();
    } else if (parts[0] === "quotes") {
      show("quotes");
      await Promise.all([loadSpeakers(), loadQuotes()]);
    } else {
      show("overview");
      const filters = {};
      for (const [key, value] of new URLSearchParams(search || "")) if (FILTERS.includes(key) && value) filters[key] = value;
      await applyFilters(filters);
    }
  } catch (error) {
    showError(error);
  }
  document.body.dataset.ready = "true";
}

async function loadStats() {
  const stats = await api("/api/stats");
  $("stats").textContent = `${stats.documents.toLocaleString()} articles · ${stats.events.toLocaleString()} events · ${stats.quotes.toLocaleString()} quotes`;
}

function start() {
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); applyFilters(readFilters()); });
  $("clear-filters").addEventListener("click", () => applyFilters({}));
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const q = $("search-text").value.trim();
    if (location.hash.startsWith("#/documents")) { state.documentsOffset = 0; loadDocuments().catch(showError); return; }
    location.hash = "#/" + query(Object.assign({}, state.filters, { q }));
  });
  $("events-prev").addEventListener("click", () => { state.eventsOffset = Math.max(0, state.eventsOffset - PAGE); loadEvents(false).catch(showError); });
  $("events-next").addEventListener("click", () => { state.eventsOffset += PAGE; loadEvents(false).catch(showError); });
  $("documents-prev").addEventListener("click", () => { state.documentsOffset = Math.max(0, state.documentsOffset - 25); loadDocuments().catch(showError); });
  $("documents-next").addEventListener("click", () => { state.documentsOffset += 25; loadDocuments().catch(showError); });
  $("speaker-filter").addEventListener("input", () => loadSpeakers().catch(showError));
  window.addEventListener("hashchange", () => { document.body.dataset.ready = "false"; route(); });
  loadStats().catch(showError);
  route();
}

start();
