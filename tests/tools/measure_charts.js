// Measures every chart on the page as the reader sees it (run by tests/test_charts_readable.py).
// Marks in context colours or in a layer named "context" are left out.
// Returns, per chart: each visible text (box, rendered size, colour, what lies behind it,
// contrast), the pairs of texts that overlap, and each mark's contrast against the page.
(contextColours) => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 };
  };
  const over = (top, alpha, under) => ({
    r: top.r * alpha + under.r * (1 - alpha),
    g: top.g * alpha + under.g * (1 - alpha),
    b: top.b * alpha + under.b * (1 - alpha),
    a: 1,
  });
  const lum = (c) => [c.r, c.g, c.b].map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (x, y) => {
    const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
    return (a + 0.05) / (b + 0.05);
  };
  const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

  // Opacity of an element and all its ancestors up to the chart's <svg>.
  const opacity = (el, svg) => {
    let o = 1;
    for (let e = el; e && e !== svg.parentNode; e = e.parentNode) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden") return 0;
      o *= Number(s.opacity);
    }
    return o;
  };
  const pageBackground = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const paint = (el, property) => {
    const s = getComputedStyle(el);
    const c = parse(s[property]);
    if (!c || c.a === 0) return null;
    const extra = property === "fill" ? Number(s.fillOpacity) : Number(s.strokeOpacity);
    return { colour: c, alpha: c.a * extra };
  };
  // The four corners of an element's box on the screen (rotation included).
  const corners = (el) => {
    const b = el.getBBox(), m = el.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
  };
  // Two convex quadrilaterals overlap by more than `tolerance` px on every axis (SAT).
  const overlap = (p, q, tolerance) => {
    for (const poly of [p, q]) {
      for (let i = 0; i < 4; i++) {
        const a = poly[i], b = poly[(i + 1) % 4];
        const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
        const nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
        const proj = (pts) => pts.map((v) => v.x * nx + v.y * ny);
        const pp = proj(p), qq = proj(q);
        const depth = Math.min(Math.max(...pp), Math.max(...qq)) - Math.max(Math.min(...pp), Math.min(...qq));
        if (depth <= tolerance) return false;
      }
    }
    return true;
  };

  const SHAPES = "path, rect, circle, ellipse, polygon, line";
  const MARKS = [
    ["line", ".mark-line.role-mark path, .mark-trail.role-mark path", "stroke"],
    ["rule", ".mark-rule.role-mark line, .mark-rule.role-mark path", "stroke"],
    ["point", ".mark-symbol.role-mark path, .mark-symbol.role-mark circle", "fill"],
    ["bar", ".mark-rect.role-mark path, .mark-rect.role-mark rect", "fill"],
    ["area", ".mark-area.role-mark path", "fill"],
    ["shape", ".mark-shape.role-mark path", "fill"],
    ["axis line", ".role-axis-domain line, .role-axis-domain path", "stroke"],
    ["legend symbol", ".role-legend-symbol path", "fill"],
  ];

  const charts = [...document.querySelectorAll("[data-nk-chart]")].map((chart, index) => {
    // The drawing the reader sees (the static chart has a narrow and a wide one; one is hidden).
    const svg = [...chart.querySelectorAll("svg")].find((s) => s.getBoundingClientRect().width > 0);
    const page = pageBackground(chart);
    const box = chart.getBoundingClientRect();
    const visible = {
      left: Math.max(box.left, 0), right: Math.min(box.right, window.innerWidth),
      top: box.top, bottom: box.bottom,
    };
    const title = (chart.querySelector(".role-title-text") || {}).textContent || chart.id;
    const result = { index, title, box: [visible.left, visible.right].map(Math.round), texts: [], overlaps: [], marks: [] };
    if (!svg) return result;
    const shapes = [...svg.querySelectorAll(SHAPES)];
    const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim() && opacity(t, svg) > 0.05);
    const quads = [];
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      let bg = page;
      for (const g of shapes) {
        if (!(t.compareDocumentPosition(g) & Node.DOCUMENT_POSITION_PRECEDING)) continue;
        const fill = paint(g, "fill");
        if (!fill || !g.isPointInFill) continue;
        const o = fill.alpha * opacity(g, svg);
        if (o < 0.05) continue;
        const local = new DOMPoint(cx, cy).matrixTransform(g.getScreenCTM().inverse());
        if (g.isPointInFill(local)) bg = over(fill.colour, o, bg);
      }
      // A halo (an outline drawn under the letters: paint-order stroke) is what lies behind them.
      const halo = paint(t, "stroke");
      const style = getComputedStyle(t);
      if (halo && halo.alpha > 0.95 && parseFloat(style.strokeWidth) >= 2
          && style.paintOrder.startsWith("stroke")) bg = halo.colour;
      const fill = paint(t, "fill");
      const fg = fill ? over(fill.colour, fill.alpha * opacity(t, svg), bg) : bg;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      const inside = r.left >= visible.left - 1 && r.right <= visible.right + 1
        && r.top >= visible.top - 1 && r.bottom <= visible.bottom + 1;
      result.texts.push({
        text: t.textContent.trim(), px, inside, fg: hex(fg), bg: hex(bg),
        contrast: contrast(fg, bg), box: [r.left, r.right].map(Math.round),
      });
      quads.push([t.textContent.trim(), corners(t)]);
    }
    for (let i = 0; i < quads.length; i++) {
      for (let j = i + 1; j < quads.length; j++) {
        if (overlap(quads[i][1], quads[j][1], 1.5)) result.overlaps.push([quads[i][0], quads[j][0]]);
      }
    }
    const seen = new Set();
    for (const [role, selector, property] of MARKS) {
      for (const el of svg.querySelectorAll(selector)) {
        let p = paint(el, property) || paint(el, property === "fill" ? "stroke" : "fill");
        if (!p) continue;
        const o = p.alpha * opacity(el, svg);
        if (o < 0.05) continue;
        // Context (shapes a reader does not need: countries off the routes, era shading).
        if (el.closest(".context_marks") || contextColours.includes(hex(p.colour))) continue;
        const colour = over(p.colour, o, page);
        const key = role + hex(colour);
        if (seen.has(key)) continue;
        seen.add(key);
        result.marks.push({ role, colour: hex(colour), bg: hex(page), contrast: contrast(colour, page) });
      }
    }
    return result;
  });
  return { charts };
}
