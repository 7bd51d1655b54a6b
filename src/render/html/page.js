// Pan and zoom for a cjm map page: drag to pan, wheel or +/- to zoom,
// 0 or a double click to fit. Nothing is fetched; without this script the
// map is shown at full width and scrolls.
(function () {
  'use strict';
  const viewport = document.getElementById('viewport');
  const canvas = document.getElementById('canvas');
  const svg = canvas && canvas.querySelector('svg');
  if (!viewport || !svg) return;
  const MIN_ZOOM = 0.05;
  const MAX_ZOOM = 16;
  const width = svg.width.baseVal.value;
  const height = svg.height.baseVal.value;
  if (!(width > 0 && height > 0)) return;
  document.body.classList.add('zoomable');
  const head = document.querySelector('header');
  const view = { x: 0, y: 0, k: 1, moved: false };

  function apply() {
    canvas.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.k})`;
  }
  function size() {
    document.body.style.setProperty('--head', `${head ? head.offsetHeight : 0}px`);
  }
  // The map at full width (never above 100 %), or whole when it is wide.
  function fit() {
    size();
    const box = viewport.getBoundingClientRect();
    const margin = 16;
    const k = Math.min((box.width - 2 * margin) / width, 1);
    view.k = Math.max(MIN_ZOOM, k);
    view.x = (box.width - width * view.k) / 2;
    view.y = margin;
    view.moved = false;
    apply();
  }
  function zoomAt(factor, px, py) {
    const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.k * factor));
    view.x = px - ((px - view.x) * k) / view.k;
    view.y = py - ((py - view.y) * k) / view.k;
    view.k = k;
    view.moved = true;
    apply();
  }
  function zoomCentre(factor) {
    const box = viewport.getBoundingClientRect();
    zoomAt(factor, box.width / 2, box.height / 2);
  }
  viewport.addEventListener('wheel', (e) => {
    e.preventDefault();
    const box = viewport.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });
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
    view.moved = true;
    apply();
  });
  const endDrag = () => { drag = null; viewport.classList.remove('dragging'); };
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
  window.addEventListener('resize', () => { if (!view.moved) fit(); else size(); });
  fit();
})();
