// A classic script, run before the first paint: it applies the stored theme (see theme.js) so that a
// page with a fixed dark theme does not flash light while the modules load. No inline script: the
// content security policy allows this origin's files only.
(function applyStoredTheme() {
  try {
    var theme = localStorage.getItem('durableDags.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch (e) { /* storage disabled: the system's theme */ }
}());
