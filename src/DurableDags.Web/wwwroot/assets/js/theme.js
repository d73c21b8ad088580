// The colour theme. app.css declares each colour as light-dark(light, dark), so the theme follows
// the system (prefers-color-scheme) until the top bar's menu fixes one; the choice is kept in
// localStorage (durableDags.theme) and applied before the first page is drawn.

const THEME_STORAGE = 'durableDags.theme';
const THEMES = new Set(['light', 'dark']);

export function getTheme() {
  try {
    const stored = localStorage.getItem(THEME_STORAGE) ?? '';
    return THEMES.has(stored) ? stored : '';
  } catch { return ''; }
}

/** '' follows the system; 'light' or 'dark' sets data-theme on <html>, which fixes color-scheme. */
export function applyTheme(theme) {
  if (THEMES.has(theme)) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

function storeTheme(theme) {
  try {
    if (THEMES.has(theme)) localStorage.setItem(THEME_STORAGE, theme);
    else localStorage.removeItem(THEME_STORAGE);
  } catch { /* storage disabled: the choice lives for this page only */ }
}

/** Wires the top bar's menu: it shows the stored choice and applies and stores a new one. */
export function setUpTheme(select) {
  const theme = getTheme();
  applyTheme(theme);
  if (!select) return;
  select.value = theme;
  select.addEventListener('change', () => {
    applyTheme(select.value);
    storeTheme(select.value);
  });
}
