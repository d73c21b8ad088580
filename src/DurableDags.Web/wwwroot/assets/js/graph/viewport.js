// Zoom and pan of a drawing inside a fixed box: the wheel zooms around the pointer, a drag
// pans, and fit() shows the whole drawing in both dimensions. The drawing is one <g> whose
// transform is translate(x, y) scale(k); the box's data-scale says k, for tests and styles.

const MAX_SCALE = 2;
const DRAG_SLOP = 4;

/** The scale and offset that show a width × height drawing whole and centred in a view; never above 1. */
export function fitTransform(width, height, viewW, viewH) {
  const k = Math.min(1, viewW / width, viewH / height);
  return { k, x: (viewW - width * k) / 2, y: (viewH - height * k) / 2 };
}

/**
 * box: the element that clips (its size is the view); world: the <g> to transform; size:
 * { width, height } of the drawing. onChange(view) runs after every change.
 */
export function createViewport(box, world, size, { onChange } = {}) {
  const view = { k: 1, x: 0, y: 0 };
  const viewSize = () => ({ w: box.clientWidth || 900, h: box.clientHeight || 400 });
  const minScale = () => { const { w, h } = viewSize(); return Math.min(0.5, fitTransform(size.width, size.height, w, h).k / 2); };

  function apply() {
    world.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
    box.dataset.scale = view.k.toFixed(4);
    onChange?.(view);
  }

  function set(k, x, y) {
    view.k = Math.min(MAX_SCALE, Math.max(minScale(), k));
    view.x = x;
    view.y = y;
    apply();
  }

  /** Zooms by factor keeping the drawing's point under (cx, cy) of the box in place. */
  function zoomBy(factor, cx = viewSize().w / 2, cy = viewSize().h / 2) {
    const k = Math.min(MAX_SCALE, Math.max(minScale(), view.k * factor));
    const wx = (cx - view.x) / view.k;
    const wy = (cy - view.y) / view.k;
    set(k, cx - wx * k, cy - wy * k);
  }

  function fit() {
    const { w, h } = viewSize();
    const t = fitTransform(size.width, size.height, w, h);
    set(t.k, t.x, t.y);
  }

  /** Puts the drawing's point (wx, wy) in the middle of the box, at scale k (default: as is). */
  function centerOn(wx, wy, k = view.k) {
    const { w, h } = viewSize();
    const scale = Math.min(MAX_SCALE, Math.max(minScale(), k));
    set(scale, w / 2 - wx * scale, h / 2 - wy * scale);
  }

  box.addEventListener('wheel', (event) => {
    event.preventDefault();
    const rect = box.getBoundingClientRect();
    zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
  }, { passive: false });

  // A drag pans; a press that does not move stays a click (on a node, it opens the node).
  let drag = null;
  let justPanned = false;
  // The click that ends a pan comes right after its pointerup and must not open the node under it.
  box.addEventListener('click', (event) => { if (justPanned) event.stopPropagation(); }, { capture: true });
  box.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || event.target.closest?.('.graph-tools, .graph-minimap')) return;
    drag = { id: event.pointerId, sx: event.clientX, sy: event.clientY, x: view.x, y: view.y, moved: false };
  });
  box.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.sx;
    const dy = event.clientY - drag.sy;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_SLOP) return;
    if (!drag.moved) { drag.moved = true; box.setPointerCapture(drag.id); box.classList.add('panning'); }
    set(view.k, drag.x + dx, drag.y + dy);
  });
  const end = (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    if (drag.moved) {
      box.classList.remove('panning');
      justPanned = true;
      setTimeout(() => { justPanned = false; }, 0);
    }
    drag = null;
  };
  box.addEventListener('pointerup', end);
  box.addEventListener('pointercancel', end);
  // Focus moving to a node outside the box would scroll the clipping box; keep it still.
  box.addEventListener('scroll', () => { box.scrollTop = 0; box.scrollLeft = 0; });

  apply();
  return { view, zoomBy, fit, centerOn, set, viewSize };
}
