/* Flashpoint dashboard: small SVG charts built with DOM APIs (no innerHTML, no libraries). */
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const QUAD_COLORS = { 1: "#4c9a2a", 2: "#9bd17b", 3: "#f0a04b", 4: "#c8372d" };
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

function svgEl(tag, attrs, text) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = String(text);
  return el;
}

function svgRoot(width, height, label) {
  return svgEl("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": label,
                        preserveAspectRatio: "xMidYMid meet" });
}

function scale(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

function axisLabels(svg, labels, xOf, y) {
  const step = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((lab, i) => {
    if (i % step === 0) svg.appendChild(svgEl("text", { x: xOf(i), y, class: "tick", "text-anchor": "middle" }, lab));
  });
}

/* Line chart of the escalation index with its baseline mean; points are {label, value, base}. */
function indexChart(points, onClick) {
  const W = 900, H = 240, L = 50, R = 15, T = 15, B = 30;
  const svg = svgRoot(W, H, "escalation index over time");
  svg.classList.add("chart", "index-chart");
  if (!points.length) return svg;
  const vals = points.flatMap((p) => [p.value, p.base ?? 0]);
  const lo = Math.min(0, ...vals), hi = Math.max(1, ...vals);
  const x = scale(0, Math.max(1, points.length - 1), L, W - R), y = scale(lo, hi, H - B, T);
  svg.appendChild(svgEl("line", { x1: L, x2: W - R, y1: y(0), y2: y(0), class: "zero" }));
  [lo, hi].forEach((v) => svg.appendChild(svgEl("text", { x: L - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, v.toFixed(1))));
  const path = (key) => points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p[key] ?? 0).toFixed(1)}`).join(" ");
  svg.appendChild(svgEl("path", { d: path("base"), class: "baseline" }));
  svg.appendChild(svgEl("path", { d: path("value"), class: "index-line" }));
  points.forEach((p, i) => {
    const c = svgEl("circle", { cx: x(i), cy: y(p.value), r: 4, class: p.z !== null && p.z >= 3 ? "pt hot" : "pt" });
    c.appendChild(svgEl("title", {}, `${p.label}: index ${p.value.toFixed(2)}, z ${p.z === null ? "n/a" : p.z.toFixed(2)}`));
    if (onClick) c.addEventListener("click", () => onClick(p));
    svg.appendChild(c);
  });
  axisLabels(svg, points.map((p) => p.label), x, H - 8);
  return svg;
}

/* Stacked bars of event counts by quad class; rows are {label, quad: {1:n, 2:n, 3:n, 4:n}}. */
function stackedBars(rows) {
  const W = 900, H = 200, L = 50, R = 15, T = 10, B = 30;
  const svg = svgRoot(W, H, "events by quad class");
  svg.classList.add("chart", "quad-chart");
  if (!rows.length) return svg;
  const max = Math.max(1, ...rows.map((r) => [1, 2, 3, 4].reduce((s, q) => s + (r.quad[q] || 0), 0)));
  const bw = (W - L - R) / rows.length;
  const y = scale(0, max, H - B, T);
  svg.appendChild(svgEl("text", { x: L - 6, y: y(max) + 4, class: "tick", "text-anchor": "end" }, String(max)));
  rows.forEach((r, i) => {
    let acc = 0;
    [1, 2, 3, 4].forEach((q) => {
      const n = r.quad[q] || 0;
      if (!n) return;
      const rect = svgEl("rect", { x: L + i * bw + 1, width: Math.max(1, bw - 2), y: y(acc + n), height: y(acc) - y(acc + n),
                                   fill: QUAD_COLORS[q], class: `bar q${q}` });
      rect.appendChild(svgEl("title", {}, `${r.label}: ${n} ${QUAD_NAMES[q]}`));
      svg.appendChild(rect);
      acc += n;
    });
  });
  axisLabels(svg, rows.map((r) => r.label), (i) => L + i * bw + bw / 2, H - 8);
  return svg;
}

function sparkline(values) {
  const W = 120, H = 28;
  const svg = svgRoot(W, H, "index trend");
  svg.classList.add("spark");
  if (!values.length) return svg;
  const lo = Math.min(0, ...values), hi = Math.max(1, ...values);
  const x = scale(0, Math.max(1, values.length - 1), 2, W - 2), y = scale(lo, hi, H - 2, 2);
  svg.appendChild(svgEl("path", { d: values.map((v, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" "),
                                   class: "index-line" }));
  return svg;
}

/* Actor network on a circle: edges coloured by cooperation share, width by volume. */
function networkChart(edges, onEdge) {
  const W = 900, H = 620, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 70;
  const svg = svgRoot(W, H, "actor network");
  svg.classList.add("chart", "network");
  const degree = new Map();
  edges.forEach((e) => { degree.set(e.a, (degree.get(e.a) || 0) + e.events); degree.set(e.b, (degree.get(e.b) || 0) + e.events); });
  const nodes = [...degree.keys()].sort();
  const pos = new Map(nodes.map((n, i) => {
    const t = (2 * Math.PI * i) / Math.max(1, nodes.length);
    return [n, [cx + rad * Math.cos(t), cy + rad * Math.sin(t)]];
  }));
  const maxN = Math.max(1, ...edges.map((e) => e.events));
  edges.forEach((e) => {
    const [x1, y1] = pos.get(e.a), [x2, y2] = pos.get(e.b);
    const total = e.cooperative + e.conflictual;
    const coop = total ? e.cooperative / total : 0.5;
    const line = svgEl("line", { x1, y1, x2, y2, class: "edge", "stroke-width": 1 + (6 * e.events) / maxN,
                                 stroke: coop >= 0.5 ? QUAD_COLORS[1] : QUAD_COLORS[4], "data-dyad": `${e.a},${e.b}` });
    line.appendChild(svgEl("title", {}, `${e.a} – ${e.b}: ${e.events} events, ${e.cooperative} cooperative, ${e.conflictual} conflictual`));
    line.addEventListener("click", () => onEdge(e));
    svg.appendChild(line);
  });
  nodes.forEach((n) => {
    const [x, y] = pos.get(n);
    svg.appendChild(svgEl("circle", { cx: x, cy: y, r: 4 + Math.min(12, Math.sqrt(degree.get(n))), class: "node" }));
    svg.appendChild(svgEl("text", { x, y: y - 10, class: "node-label", "text-anchor": "middle" }, n));
  });
  return svg;
}

/* Equirectangular map: a lat/lon graticule with aggregated event points. */
function mapChart(points, onPoint) {
  const W = 900, H = 450;
  const svg = svgRoot(W, H, "map of event locations");
  svg.classList.add("chart", "map");
  const x = (lon) => ((lon + 180) / 360) * W, y = (lat) => ((90 - lat) / 180) * H;
  svg.appendChild(svgEl("rect", { x: 0, y: 0, width: W, height: H, class: "ocean" }));
  for (let lon = -180; lon <= 180; lon += 30) svg.appendChild(svgEl("line", { x1: x(lon), x2: x(lon), y1: 0, y2: H, class: "grid" }));
  for (let lat = -90; lat <= 90; lat += 30) svg.appendChild(svgEl("line", { x1: 0, x2: W, y1: y(lat), y2: y(lat), class: "grid" }));
  svg.appendChild(svgEl("line", { x1: 0, x2: W, y1: y(0), y2: y(0), class: "equator" }));
  const maxN = Math.max(1, ...points.map((p) => p.events));
  points.forEach((p) => {
    const c = svgEl("circle", { cx: x(p.lon), cy: y(p.lat), r: 3 + 9 * Math.sqrt(p.events / maxN), class: "place",
                                fill: (p.goldstein_mean ?? 0) >= 0 ? QUAD_COLORS[1] : QUAD_COLORS[4] });
    c.appendChild(svgEl("title", {}, `${p.name || "?"} (${p.country || "?"}): ${p.events} events`));
    c.addEventListener("click", () => onPoint(p));
    svg.appendChild(c);
  });
  return svg;
}

window.FPCharts = { indexChart, stackedBars, sparkline, networkChart, mapChart, QUAD_COLORS, QUAD_NAMES };
