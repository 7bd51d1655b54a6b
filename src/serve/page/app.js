// cjm live preview. Listens to /events and keeps the page in step with the
// builds, without reloading: a new SVG replaces the old one in place (pan and
// zoom kept), a failed build shows its diagnostics over the last good map.
// Text from journeys and diagnostics is only ever set with textContent.
'use strict';

(() => {
  const status = document.getElementById('status');

  function setStatus(text, kind) {
    status.textContent = text;
    status.dataset.kind = kind || '';
  }

  // Opens the event stream; `onEvent` gets each parsed event, `onOpen` runs
  // on every (re)connection, before the server resends the current state.
  function listen(onEvent, onOpen) {
    const source = new EventSource('/events');
    source.addEventListener('open', () => {
      setStatus('live', 'ok');
      onOpen();
    });
    source.addEventListener('error', () => setStatus('reconnecting…', 'warn'));
    source.addEventListener('message', (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      onEvent(event);
    });
  }

  function errorCount(event) {
    return event.diagnostics.filter((d) => d.severity === 'error').length;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  }

  // ---- one map -------------------------------------------------------------

  function mapView(id) {
    const viewport = document.getElementById('viewport');
    const canvas = document.getElementById('canvas');
    const empty = document.getElementById('empty');
    const overlay = document.getElementById('overlay');
    const overlayTitle = document.getElementById('overlay-title');
    const list = document.getElementById('diagnostics');
    const downloads = {
      svg: document.getElementById('dl-svg'),
      png: document.getElementById('dl-png'),
      json: document.getElementById('dl-json'),
    };

    // What is on screen, and the newest build the server announced.
    let shown = 0;
    let wanted = 0;
    let loading = false;
    let hasMap = false;

    const view = { x: 0, y: 0, k: 1, fitted: false };
    const MIN_ZOOM = 0.05;
    const MAX_ZOOM = 20;

    function apply() {
      canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.k})`;
    }

    function mapSize() {
      const svg = canvas.firstElementChild;
      if (!svg) return null;
      const width = svg.width.baseVal.value;
      const height = svg.height.baseVal.value;
      return width > 0 && height > 0 ? { width, height } : null;
    }

    function fit() {
      const size = mapSize();
      if (!size) return;
      const box = viewport.getBoundingClientRect();
      const margin = 16;
      const k = Math.min(
        (box.width - 2 * margin) / size.width,
        (box.height - 2 * margin) / size.height,
        1,
      );
      view.k = Math.max(MIN_ZOOM, k);
      view.x = (box.width - size.width * view.k) / 2;
      view.y = Math.max(margin, (box.height - size.height * view.k) / 2);
      apply();
    }

    // Zooms by `factor` keeping the point (px, py) of the viewport still.
    function zoomAt(factor, px, py) {
      const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.k * factor));
      view.x = px - ((px - view.x) * k) / view.k;
      view.y = py - ((py - view.y) * k) / view.k;
      view.k = k;
      apply();
    }

    function zoomCentre(factor) {
      const box = viewport.getBoundingClientRect();
      zoomAt(factor, box.width / 2, box.height / 2);
    }

    viewport.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const box = viewport.getBoundingClientRect();
        zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - box.left, e.clientY - box.top);
      },
      { passive: false },
    );

    let drag = null;
    viewport.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY };
      viewport.setPointerCapture(e.pointerId);
      viewport.classList.add('dragging');
    });
    viewport.addEventListener('pointermove', (e) => {
      if (!drag) return;
      view.x += e.clientX - drag.x;
      view.y += e.clientY - drag.y;
      drag = { x: e.clientX, y: e.clientY };
      apply();
    });
    const endDrag = () => {
      drag = null;
      viewport.classList.remove('dragging');
    };
    viewport.addEventListener('pointerup', endDrag);
    viewport.addEventListener('pointercancel', endDrag);
    viewport.addEventListener('dblclick', fit);

    document.getElementById('zoom-in').addEventListener('click', () => zoomCentre(1.25));
    document.getElementById('zoom-out').addEventListener('click', () => zoomCentre(0.8));
    document.getElementById('zoom-fit').addEventListener('click', fit);
    document.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '+' || e.key === '=') zoomCentre(1.25);
      else if (e.key === '-') zoomCentre(0.8);
      else if (e.key === '0') fit();
    });
    window.addEventListener('resize', () => {
      if (!view.fitted) fit();
    });

    // Puts a new SVG in place of the old one; the transform lives on the
    // container, so pan and zoom stay as they were.
    function swap(text) {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = doc.documentElement;
      if (svg.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
        setStatus('the new map is not valid SVG', 'warn');
        return false;
      }
      // Give a viewBox-only SVG a size so that it can be fitted and zoomed.
      if (!svg.hasAttribute('width') && svg.viewBox && svg.viewBox.baseVal) {
        const box = svg.viewBox.baseVal;
        if (box.width > 0 && box.height > 0) {
          svg.setAttribute('width', String(box.width));
          svg.setAttribute('height', String(box.height));
        }
      }
      canvas.replaceChildren(document.importNode(svg, true));
      empty.hidden = true;
      hasMap = true;
      if (!view.fitted) {
        fit();
        view.fitted = true;
      }
      return true;
    }

    // Fetches the SVG until the newest announced build is on screen; builds
    // that arrive while a fetch runs are picked up by the loop.
    async function load(version) {
      wanted = Math.max(wanted, version);
      if (loading) return;
      loading = true;
      try {
        while (shown < wanted) {
          const target = wanted;
          const response = await fetch(`/map/${id}.svg`, { cache: 'no-store' });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          if (swap(await response.text())) {
            shown = target;
            document.body.dataset.shown = String(shown);
          } else {
            break;
          }
        }
      } catch {
        setStatus('could not load the map', 'warn');
      } finally {
        loading = false;
      }
    }

    function showDiagnostics(event) {
      const rows = event.diagnostics.map((d) => {
        const item = document.createElement('li');
        item.className = `diagnostic ${d.severity === 'warning' ? 'warning' : 'error'}`;
        const head = document.createElement('div');
        // A failure outside the text (say, rendering) has no code or place.
        if (d.code) {
          const code = document.createElement('code');
          code.className = 'code';
          code.textContent = d.code;
          head.append(code, ' ');
        }
        if (d.line > 0) {
          const where = document.createElement('span');
          where.className = 'where';
          where.textContent = `line ${d.line}, column ${d.column}`;
          head.append(where);
        }
        const message = document.createElement('p');
        message.className = 'message';
        message.textContent = d.message;
        item.append(head, message);
        if (d.help) {
          const help = document.createElement('p');
          help.className = 'help';
          help.textContent = `help: ${d.help}`;
          item.append(help);
        }
        return item;
      });
      list.replaceChildren(...rows);
      const errors = errorCount(event);
      overlayTitle.textContent = hasMap || event.has_svg
        ? `${event.name}: ${plural(errors, 'error')} · showing the last good map`
        : `${event.name}: ${plural(errors, 'error')}`;
      overlay.hidden = false;
    }

    function hideDiagnostics() {
      overlay.hidden = true;
      list.replaceChildren();
    }

    listen(
      (event) => {
        if (event.id !== id) return;
        if (event.kind === 'remove') {
          overlayTitle.textContent = `${event.name} is no longer watched`;
          list.replaceChildren();
          overlay.hidden = false;
          return;
        }
        // Downloads exist only once a build succeeded.
        downloads.svg.hidden = !event.has_svg;
        downloads.json.hidden = !event.has_svg;
        downloads.png.hidden = !event.has_png;
        if (event.ok) {
          hideDiagnostics();
        } else {
          showDiagnostics(event);
        }
        if (event.has_svg) {
          load(event.version);
        } else {
          empty.hidden = hasMap;
        }
      },
      () => {
        // After a reconnection the server may have restarted with new
        // versions: take whatever it announces next.
        shown = 0;
        wanted = 0;
      },
    );
  }

  // ---- the index -------------------------------------------------------------

  function indexView() {
    const list = document.getElementById('maps');
    const none = document.getElementById('none');
    const rows = new Map();

    function row(event) {
      let entry = rows.get(event.id);
      if (!entry) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = `/map/${event.id}`;
        link.textContent = event.name;
        const state = document.createElement('span');
        state.className = 'state';
        item.append(link, ' ', state);
        entry = { item, state, name: event.name };
        rows.set(event.id, entry);
        const after = [...rows.values()]
          .filter((other) => other !== entry && other.name > event.name)
          .sort((a, b) => (a.name < b.name ? -1 : 1))[0];
        list.insertBefore(item, after ? after.item : null);
      }
      return entry;
    }

    listen(
      (event) => {
        if (event.kind === 'remove') {
          const entry = rows.get(event.id);
          if (entry) entry.item.remove();
          rows.delete(event.id);
        } else {
          const entry = row(event);
          const errors = errorCount(event);
          entry.state.textContent = event.ok ? 'ok' : plural(errors, 'error');
          entry.state.dataset.kind = event.ok ? 'ok' : 'error';
        }
        none.hidden = rows.size > 0;
      },
      () => {},
    );
  }

  if (document.body.dataset.view === 'map') {
    mapView(Number(document.body.dataset.map));
  } else {
    indexView();
  }
})();
