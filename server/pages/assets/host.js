// The host pages' own wiring between widgets, through the events they fire: the "Become a
// Technical Partner" call to action brings the page's upgrade form into view.
document.addEventListener('technical-partner-cta', () => {
  const upgrade = document.querySelector('technical-partner-upgrade');
  if (!upgrade) return;
  upgrade.scrollIntoView({ behavior: 'smooth', block: 'start' });
  upgrade.tabIndex = -1; // focusable from script only, so assistive technology lands on the form
  upgrade.focus({ preventScroll: true });
});
