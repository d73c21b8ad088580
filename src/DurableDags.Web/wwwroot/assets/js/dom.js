// Small helpers to build DOM without a framework. Text always goes in as text, never as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

function assign(element, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value' || name === 'checked') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** An HTML element: h('a', { href, class }, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  assign(element, attrs);
  append(element, children);
  return element;
}

/** An SVG element, with the same conventions as h(). */
export function s(tag, attrs, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  assign(element, attrs);
  append(element, children);
  return element;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For the few views built as one HTML string for speed (the grid of a 500-node DAG). */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Says a short message to screen readers, through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (region) region.textContent = message;
}
