// Draws the book's charts with the Vega files the book serves itself (no CDN).
// Each chart is a <div data-nk-chart> holding a static SVG drawn at build time (readable with
// JavaScript off), followed by its Vega-Lite spec in a JSON script tag. Near the screen, the
// static SVG is replaced by the interactive chart (tooltips), in the colours of the page's
// light or dark mode, and redrawn when the reader switches mode.
(function () {
  "use strict";

  const COLOURS = {
    light: { text: "#1f2328", muted: "#424a53", grid: "#d0d7de" },
    dark: { text: "#e6edf3", muted: "#c9d1d9", grid: "#3d444d" },
  };

  function pageMode() {
    return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
  }

  function themeConfig(mode) {
    const c = COLOURS[mode];
    return {
      background: "transparent",
      title: { color: c.text, subtitleColor: c.muted },
      axis: { labelColor: c.text, titleColor: c.text, gridColor: c.grid, domainColor: c.muted, tickColor: c.muted },
      legend: { labelColor: c.text, titleColor: c.text },
      header: { labelColor: c.text, titleColor: c.text },
      text: { color: c.text },
    };
  }

  const drawn = new Map(); // chart element id -> vega-embed result

  // Vega, Vega-Lite and vega-embed (about 1 MB) load only when the first chart comes onto the
  // screen, from the same folder as this file: a page without charts, or a reader who never
  // scrolls to one, downloads none of it. Not before: until then the drawing made at build time
  // shows the same chart, and a first visit stays light (on a phone, a chart just below the
  // screen would otherwise add 300 KiB to it).
  const base = document.currentScript.src.replace(/nk-charts\.js.*$/, "");
  let vegaLoaded = null;
  function loadVega() {
    if (!vegaLoaded) {
      const files = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
      vegaLoaded = Promise.all(files.map(function (name) {
        return new Promise(function (resolve, reject) {
          const script = document.createElement("script");
          script.src = base + name;
          script.async = false; // download in parallel, run in this order
          script.onload = resolve;
          script.onerror = function () { reject(new Error("could not load " + name)); };
          document.head.appendChild(script);
        });
      }));
    }
    return vegaLoaded;
  }

  // Break a long title into lines that fit the chart's width (a phone is 375px wide), so the
  // title never squeezes the plot. Widths are rough averages of the theme's font per size.
  // Hangul and CJK characters are about twice as wide as Latin letters: they count as two
  // (as nkbook.charts._columns does for the drawings made at build time).
  function columns(text) {
    const wide = text.match(/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/g);
    return text.length + (wide ? wide.length : 0);
  }

  function wrap(text, maxChars) {
    const words = String(Array.isArray(text) ? text.join(" ") : text).split(/\s+/);
    const lines = [];
    let line = "";
    words.forEach(function (word) {
      if (line && columns(line + " " + word) > maxChars) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) lines.push(line);
    return lines.length > 1 ? lines : lines[0];
  }

  // In dark mode the chart's page-following colours (ink, context) take their dark values,
  // listed by the renderer in the spec (nkbook.charts.DARK_MODE_SWAPS).
  function specFor(element, mode) {
    const tag = document.querySelector('script.nk-chart-spec[data-for="' + element.id + '"]');
    let text = tag.textContent;
    const swaps = (JSON.parse(text).usermeta || {}).darkModeSwaps || {};
    if (mode === "dark") {
      Object.keys(swaps).forEach(function (light) {
        text = text.split('"' + light + '"').join('"' + swaps[light] + '"');
      });
    }
    const spec = JSON.parse(text);
    // A phone's column: the narrow layout the renderer worked out (nkbook.charts.narrow_layout),
    // with panels as wide as this column when they stack in one.
    const meta = spec.usermeta || {};
    const column = Math.max(element.clientWidth, 200);
    if (column < (meta.narrowBelow || 0)) {
      (meta.narrow || []).forEach(function (change) {
        const path = change[0];
        let value = change[1];
        if (path.join(".") === "spec.width") value = column - 90;
        let target = spec;
        path.slice(0, -1).forEach(function (key) { target = target[key]; });
        target[path[path.length - 1]] = value;
      });
    }
    const width = column;
    if (spec.title && spec.title.text) {
      spec.title.text = wrap(spec.title.text, Math.floor(width / 10));
      if (spec.title.subtitle) spec.title.subtitle = wrap(spec.title.subtitle, Math.floor(width / 7.5));
    }
    return spec;
  }

  async function draw(element) {
    await loadVega();
    const mode = pageMode();
    const previous = drawn.get(element.id);
    if (previous) previous.finalize();
    // Keep the static chart's height while the interactive one replaces it: no layout jump.
    const still = element.querySelector(".nk-chart-static");
    if (still) {
      element.style.minHeight = still.offsetHeight + "px";
      still.remove();
    }
    // An explorer's controls go in their own box above the chart (nkbook.charts.render).
    const controls = document.querySelector('.nk-chart-controls[data-for="' + element.id + '"]');
    if (controls) controls.textContent = "";
    const result = await vegaEmbed(element, specFor(element, mode), {
      mode: "vega-lite",
      bind: controls || undefined,
      actions: false, // the actions menu fails an accessibility rule; the data table replaces it
      renderer: "svg",
      config: themeConfig(mode),
      tooltip: { theme: mode },
    });
    addDetails(element, result.view);
    element.dataset.nkMode = mode;
    element.style.minHeight = "";
    element.classList.add("nk-chart-drawn");
    drawn.set(element.id, result);
  }

  // What a tooltip says, also on a tap and from the keyboard: a line under the chart (read out
  // by screen readers) shows the values of the mark tapped, or of the mark chosen with the arrow
  // keys once the chart has focus; a ring shows which mark that is.
  function tooltipText(tooltip) {
    if (tooltip === null || tooltip === undefined) return "";
    if (typeof tooltip !== "object") return String(tooltip);
    return Object.keys(tooltip).map(function (key) { return key + ": " + tooltip[key]; }).join(" · ");
  }

  function marksWithTooltips(view) {
    const found = [];
    (function walk(item) {
      if (item.tooltip !== undefined && item.tooltip !== null && item.bounds) found.push(item);
      (item.items || []).forEach(walk);
    })(view.scenegraph().root);
    // Left to right, then top to bottom: the order a reader scans a chart.
    return found.sort(function (a, b) { return absolute(a).x1 - absolute(b).x1 || absolute(a).y1 - absolute(b).y1; });
  }

  function absolute(item) {
    let x = 0, y = 0;
    for (let group = item.mark && item.mark.group; group; group = group.mark && group.mark.group) {
      x += group.x || 0;
      y += group.y || 0;
    }
    const b = item.bounds;
    return { x1: b.x1 + x, y1: b.y1 + y, x2: b.x2 + x, y2: b.y2 + y };
  }

  function addDetails(element, view) {
    const details = document.querySelector('.nk-chart-details[data-for="' + element.id + '"]');
    if (!details) return;
    details.textContent = "";
    let ring = element.querySelector(".nk-chart-ring");
    if (!ring) {
      ring = document.createElement("div");
      ring.className = "nk-chart-ring";
      ring.setAttribute("aria-hidden", "true");
      element.appendChild(ring);
    }
    ring.hidden = true;
    // An explorer's controls change the marks, so they are listed again at each tap and key.
    let marks = marksWithTooltips(view);
    let current = -1;
    function show(item) {
      details.textContent = tooltipText(item.tooltip);
      // The SVG renderer keeps each mark's element on the item.
      const mark = item._svg;
      if (!mark) return;
      const box = mark.getBoundingClientRect(), frame = element.getBoundingClientRect();
      ring.style.left = box.left - frame.left - 3 + "px";
      ring.style.top = box.top - frame.top - 3 + "px";
      ring.style.width = Math.max(box.width, 2) + 6 + "px";
      ring.style.height = Math.max(box.height, 2) + 6 + "px";
      ring.hidden = false;
      ring.scrollIntoView({ block: "nearest", inline: "nearest" }); // tall charts on a phone
    }
    // A finger is less precise than a mouse: a tap shows the mark under it, or the nearest
    // mark with values within 24 px.
    view.addEventListener("click", function (event, item) {
      marks = marksWithTooltips(view);
      if (!item || item.tooltip === undefined || item.tooltip === null) {
        item = null;
        let best = 24;
        marks.forEach(function (candidate) {
          if (!candidate._svg) return;
          const r = candidate._svg.getBoundingClientRect();
          const dx = Math.max(r.left - event.clientX, 0, event.clientX - r.right);
          const dy = Math.max(r.top - event.clientY, 0, event.clientY - r.bottom);
          if (Math.hypot(dx, dy) < best) { best = Math.hypot(dx, dy); item = candidate; }
        });
      }
      if (item) {
        current = marks.indexOf(item);
        show(item);
      }
    });
    if (!marks.length) return;
    element.tabIndex = 0;
    element.setAttribute("aria-keyshortcuts", "ArrowLeft ArrowRight");
    element.onkeydown = function (event) {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const before = marks[current];
      marks = marksWithTooltips(view);
      if (!marks.length) return;
      current = marks.indexOf(before);
      current = (current + step + marks.length) % marks.length;
      show(marks[current]);
    };
  }

  function drawSafely(element) {
    draw(element).catch(function (error) {
      element.textContent = "This chart could not be drawn: " + error.message;
      console.error(error);
    });
  }

  function start() {
    const charts = document.querySelectorAll("[data-nk-chart]");
    if ("IntersectionObserver" in window) {
      const observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            drawSafely(entry.target);
          }
        });
      });
      charts.forEach(function (element) { observer.observe(element); });
    } else {
      charts.forEach(drawSafely);
    }
    // Printing needs every chart, not only those scrolled past.
    window.addEventListener("beforeprint", function () {
      charts.forEach(function (element) { if (!drawn.has(element.id)) drawSafely(element); });
    });
    new MutationObserver(function () {
      drawn.forEach(function (_result, id) {
        const element = document.getElementById(id);
        if (element.dataset.nkMode !== pageMode()) drawSafely(element);
      });
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
