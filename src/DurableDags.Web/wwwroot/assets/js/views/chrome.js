// The parts of the page around a view: the breadcrumb trail and the document title.
import { h } from '../dom.js';
import { paths } from '../router.js';

/** crumbs: [{ text, href? }] after "DAGs"; the last one is the current page. */
export function setCrumbs(crumbs) {
  const all = [{ text: 'DAGs', href: paths.dags() }, ...crumbs];
  const nav = document.getElementById('crumbs');
  nav.replaceChildren(h('ol', null, all.map((c, i) => {
    const last = i === all.length - 1;
    return h('li', null, last ? h('span', { 'aria-current': 'page' }, c.text) : h('a', { href: c.href }, c.text));
  })));
  document.title = `${all.length > 1 ? all.at(-1).text : 'DAGs'} · DurableDags`;
}
