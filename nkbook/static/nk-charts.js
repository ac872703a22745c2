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

  // Vega, Vega-Lite and vega-embed (about 1 MB) load only when the first chart comes near the
  // screen, from the same folder as this file: a page without charts, or a reader who never
  // scrolls to one, downloads none of it.
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
  function wrap(text, maxChars) {
    const words = String(Array.isArray(text) ? text.join(" ") : text).split(/\s+/);
    const lines = [];
    let line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > maxChars) {
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
    const width = Math.max(element.clientWidth, 200);
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
    const result = await vegaEmbed(element, specFor(element, mode), {
      mode: "vega-lite",
      actions: false, // the actions menu fails an accessibility rule; the data table replaces it
      renderer: "svg",
      config: themeConfig(mode),
      tooltip: { theme: mode },
    });
    element.dataset.nkMode = mode;
    element.style.minHeight = "";
    element.classList.add("nk-chart-drawn");
    drawn.set(element.id, result);
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
      }, { rootMargin: "400px 0px" });
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
