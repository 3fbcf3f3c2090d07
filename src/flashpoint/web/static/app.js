/* Flashpoint dashboard: hash router + pages. Data is only ever inserted with textContent. */
"use strict";

const C = window.FPCharts;
const app = document.getElementById("app");

/* h("a", {href: "#/"}, "text", child) -> element; strings become text nodes, never HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

const enc = encodeURIComponent;

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") qs.set(k, v);
  const url = qs.toString() ? `${path}?${qs}` : path;
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body && body.error ? body.error.message : `HTTP ${res.status}`);
  return body;
}

function fmt(v, digits) {
  return v === null || v === undefined ? "–" : Number(v).toFixed(digits ?? 2);
}

function dyadLink(a, b) {
  return h("a", { href: `#/dyad/${enc(a)}/${enc(b)}`, class: "dyad-link", "data-dyad": `${a},${b}` }, `${a} – ${b}`);
}

function actorLabel(side) {
  if (!side) return "–";
  return side.code ? `${side.text || ""} (${side.code})` : side.text || "–";
}

function table(headers, rows, cls) {
  return h("table", { class: cls || "" }, h("thead", {}, h("tr", {}, headers.map((x) => h("th", {}, x)))),
           h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c))))));
}

/* Pages return their nodes; the router shows them only if no newer navigation started meanwhile. */
function view(...nodes) {
  return nodes.flat().filter((n) => n !== null && n !== undefined);
}

let routeGen = 0;

function section(title, ...body) {
  return h("section", {}, h("h2", {}, title), ...body);
}

/* ------------------------------------------------------------------------------------- overview */
async function overview() {
  const [alerts, movers] = await Promise.all([api("/alerts", { days: 365 }), api("/movers", { limit: 10 })]);
  const alertRows = alerts.items.slice(0, 20).map((a) => [
    a.day, h("span", { class: `kind ${a.kind}` }, a.kind.replace(/_/g, " ")), dyadLink(a.a, a.b), a.message,
    h("span", {}, a.event_ids.slice(0, 3).map((id) => h("a", { href: `#/event/${enc(id)}`, class: "ev-link" }, id.slice(0, 12))),
      a.event_ids.length > 3 ? ` +${a.event_ids.length - 3}` : ""),
  ]);
  const moverRows = movers.items.map((m) => [dyadLink(m.a, m.b), fmt(m.index), fmt(m.change), fmt(m.z),
                                             String(m.events), C.sparkline(m.series)]);
  return view(h("h1", {}, "Overview"),
    section("Latest alerts", alertRows.length ? table(["Day", "Kind", "Dyad", "Why", "Events"], alertRows, "alerts")
                                               : h("p", { class: "muted" }, "No alerts in the last year of data.")),
    section("Biggest index change (latest week vs. baseline)",
      moverRows.length ? table(["Dyad", "Index", "Change", "z", "Events", "Trend"], moverRows, "movers")
                       : h("p", { class: "muted" }, "No dyads with events.")));
}

/* ----------------------------------------------------------------------------------------- dyad */
async function dyadPage(a, b, params) {
  const period = params.get("period") || "week";
  const page = Number(params.get("page") || 1);
  const [ts, evs] = await Promise.all([
    api(`/dyads/${enc(a)}/${enc(b)}`, { period }),
    api("/events", { dyad: `${a},${b}`, page, page_size: 25 }),
  ]);
  const pts = ts.series.map((s) => ({ label: s.period, value: s.index.index, base: s.index.baseline_mean, z: s.index.z }));
  const periodNav = h("p", { class: "periods" }, "Period: ", ["day", "week", "month"].map((p) =>
    h("a", { href: `#/dyad/${enc(a)}/${enc(b)}?period=${p}`, class: p === period ? "on" : "" }, p)));
  const legend = h("p", { class: "legend" }, [1, 2, 3, 4].map((q) =>
    h("span", {}, h("i", { class: `sw q${q}` }), C.QUAD_NAMES[q])));
  return view(h("h1", {}, `Dyad ${a} – ${b}`), periodNav,
    section("Escalation index", C.indexChart(pts),
            h("p", { class: "muted" }, "Line: index per period; dashed: trailing baseline mean; red points: z ≥ 3. ",
              h("a", { href: "/openapi.json" }, "API schema"), " · formula in docs/escalation.md")),
    section("Events by quad class", C.stackedBars(ts.series.map((s) => ({ label: s.period, quad: s.quad_class }))), legend),
    section(`Events (${evs.total})`, eventTable(evs.items), pager(evs, (p) => `#/dyad/${enc(a)}/${enc(b)}?period=${period}&page=${p}`)));
}

function eventTable(items) {
  return table(["Day", "Source", "Type", "CAMEO", "Modality", "Target", "Conf.", "Sentence"], items.map((e) => [
    e.day, actorLabel(e.source), h("a", { href: `#/event/${enc(e.event_id)}`, class: "ev-link" }, e.plover_type || "STATEMENT"),
    e.cameo, e.modality, actorLabel(e.target), fmt(e.confidence), h("span", { class: "sentence-cell" }, e.sentence),
  ]), "events");
}

function pager(pageObj, hrefOf) {
  if (pageObj.pages <= 1) return null;
  return h("p", { class: "pager" },
    pageObj.page > 1 ? h("a", { href: hrefOf(pageObj.page - 1) }, "← previous") : "",
    ` page ${pageObj.page} of ${pageObj.pages} `,
    pageObj.page < pageObj.pages ? h("a", { href: hrefOf(pageObj.page + 1) }, "next →") : "");
}

/* ---------------------------------------------------------------------------------------- event */
function highlighted(e) {
  const text = e.sentence || "";
  const spans = [["source", e.source.start, e.source.end], ["target", e.target.start, e.target.end],
                 ["trigger", e.trigger.start, e.trigger.end]]
    .filter(([, s, t]) => Number.isInteger(s) && Number.isInteger(t) && s >= 0 && t > s && t <= text.length);
  const cuts = [...new Set([0, text.length, ...spans.flatMap(([, s, t]) => [s, t])])].sort((x, y) => x - y);
  const out = h("p", { class: "sentence", id: "sentence" });
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [s, t] = [cuts[i], cuts[i + 1]];
    const roles = spans.filter(([, rs, rt]) => rs <= s && t <= rt).map(([r]) => r);
    const piece = text.slice(s, t);
    out.appendChild(roles.length ? h("mark", { class: roles.join(" "), "data-role": roles.join(" ") }, piece)
                                 : document.createTextNode(piece));
  }
  return out;
}

async function eventPage(id) {
  const e = await api(`/events/${enc(id)}`);
  const dl = (pairs) => h("dl", { class: "facts" }, pairs.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "–")]));
  const sk = e.source.country || e.source.code, tk = e.target.country || e.target.code;
  const mentions = e.mentions.map((m) => {
    const url = safeUrl(m.article_url);
    return h("li", {}, h("strong", {}, m.article_title || m.article_id), " ", h("span", { class: "muted" }, m.article_source || ""),
      " ", m.article_published || "", url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, " [link]") : "",
      h("blockquote", {}, m.sentence), h("span", { class: "muted" }, `modality ${m.modality}, trigger “${m.trigger_text}”`));
  });
  return view(h("h1", {}, `${e.plover_type || "Statement"} event`), highlighted(e),
    h("p", { class: "legend" }, h("mark", { class: "source" }, "source"), " ", h("mark", { class: "trigger" }, "trigger"), " ",
      h("mark", { class: "target" }, "target")),
    sk && tk ? h("p", {}, "Dyad: ", dyadLink(sk, tk)) : null,
    dl([["Source", actorLabel(e.source)], ["Target", actorLabel(e.target)], ["PLOVER", e.plover_type ? `${e.plover_type}${e.plover_mode ? " / " + e.plover_mode : ""}` : "none (a statement, CAMEO 01)"],
        ["CAMEO", `${e.cameo} (quad class ${e.quad_class}, Goldstein ${fmt(e.goldstein, 1)})`], ["Modality", e.modality],
        ["Attribution", e.attribution_text ? `${e.attribution_text}${e.attribution_code ? " (" + e.attribution_code + ")" : ""}` : "–"],
        ["Date", `${e.day} (${e.event_date_source || "publication/ingest date"})`], ["Location", e.location_name || "–"],
        ["Confidence", fmt(e.confidence)], ["Sources", String(e.num_sources)], ["Rule", e.rule]]),
    section("Evidence", h("ul", { class: "evidence" }, e.evidence.map((x) => h("li", {}, x)))),
    section(`Source articles (${e.mentions.length} mention${e.mentions.length === 1 ? "" : "s"})`, h("ul", { class: "mentions" }, mentions)));
}

/* ---------------------------------------------------------------------------- events, network, map */
async function eventsPage(params) {
  const page = Number(params.get("page") || 1);
  const filters = Object.fromEntries(["actor", "type", "modality", "date_from", "date_to", "text"].map((k) => [k, params.get(k)]));
  const evs = await api("/events", { ...filters, page, page_size: 50 });
  const form = h("form", { class: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    const qs = new URLSearchParams([...new FormData(ev.target)].filter(([, v]) => v));
    location.hash = `#/events?${qs}`;
  } }, ["actor", "type", "modality", "date_from", "date_to", "text"].map((k) =>
    h("label", {}, k, h("input", { name: k, value: filters[k] || "", maxlength: 200 }))), h("button", { type: "submit" }, "Filter"));
  const rest = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  return view(h("h1", {}, `Events (${evs.total})`), form, eventTable(evs.items), pager(evs, (p) => `#/events?${rest}&page=${p}`));
}

async function networkPage() {
  const edges = await api("/dyads", { limit: 150 });
  return view(h("h1", {}, "Actor network"),
    h("p", { class: "legend" }, h("span", {}, h("i", { class: "sw q1" }), "mostly cooperative"),
      h("span", {}, h("i", { class: "sw q4" }), "mostly conflictual"), " width = number of events; click an edge for the dyad"),
    C.networkChart(edges.items, (e) => { location.hash = `#/dyad/${enc(e.a)}/${enc(e.b)}`; }));
}

async function mapPage() {
  const pts = await api("/map", { limit: 2000 });
  return view(h("h1", {}, "Event locations"),
    h("p", { class: "muted" }, `${pts.items.length} places (0.5° grid, equirectangular; lines every 30°). Click a place for an event.`),
    C.mapChart(pts.items, (p) => { location.hash = `#/event/${enc(p.sample_event)}`; }));
}

async function searchPage(params) {
  const q = params.get("q") || "";
  const res = await api("/search", { q, page_size: 50 });
  return view(h("h1", {}, `Articles matching “${q}” (${res.total})`),
    h("ul", { class: "results" }, res.items.map((r) => h("li", {},
      h("a", { href: `#/events?article_id=${enc(r.article_id)}` }, r.title || r.article_id), " ",
      h("span", { class: "muted" }, `${r.source || ""} ${r.published || ""} · ${r.events} events`), h("p", {}, r.snippet)))));
}

/* --------------------------------------------------------------------------------------- router */
const routes = [
  [/^#?\/?$/, () => overview()],
  [/^#\/dyad\/([^/?]+)\/([^/?]+)$/, (m, p) => dyadPage(decodeURIComponent(m[1]), decodeURIComponent(m[2]), p)],
  [/^#\/event\/([^/?]+)$/, (m) => eventPage(decodeURIComponent(m[1]))],
  [/^#\/events$/, (m, p) => eventsPage(p)],
  [/^#\/network$/, () => networkPage()],
  [/^#\/map$/, () => mapPage()],
  [/^#\/search$/, (m, p) => searchPage(p)],
];

async function route() {
  const [path, query] = (location.hash || "#/").split("?");
  const params = new URLSearchParams(query || "");
  const gen = ++routeGen;
  document.body.dataset.page = "loading";
  let nodes = view(h("h1", {}, "Not found"), h("p", {}, "No such page."));
  for (const [re, fn] of routes) {
    const m = path.match(re);
    if (!m) continue;
    try {
      nodes = await fn(m, params);
    } catch (err) {
      nodes = view(h("h1", {}, "Error"), h("p", { class: "error" }, String(err.message || err)));
    }
    break;
  }
  if (gen !== routeGen) return; // a newer navigation owns the page
  app.replaceChildren(...nodes);
  document.body.dataset.page = "ready";
}

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  location.hash = `#/search?q=${enc(document.getElementById("search-input").value)}`;
});
window.addEventListener("hashchange", route);
api("/stats").then((s) => {
  document.getElementById("stats").textContent =
    `${s.events} events from ${s.articles} articles, ${s.first_day || "?"} to ${s.last_day || "?"} · Flashpoint ${s.version}`;
}).catch(() => {});
route();
