// Signs a host page in: the credential is typed by the user, kept in sessionStorage for this tab
// only, and handed to the page's widgets as their `token` property (never an attribute, never
// in the page's source).
const form = document.querySelector('form.sign-in');
if (form) {
  const audience = form.dataset.audience;
  const storageKey = `ecosystem-widgets:${audience}`;
  const input = form.querySelector('input');
  const status = form.querySelector('output');
  const widgets = () => document.querySelectorAll(`[data-credential="${audience}"]`);
  const apply = (token) => {
    for (const widget of widgets()) widget.token = token || undefined;
    status.textContent = token ? 'Signed in for this tab.' : 'Not signed in.';
    form.querySelector('[data-action="sign-out"]').hidden = !token;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    sessionStorage.setItem(storageKey, token);
    input.value = '';
    apply(token);
  });
  form.querySelector('[data-action="sign-out"]').addEventListener('click', () => {
    sessionStorage.removeItem(storageKey);
    apply(undefined);
  });
  // Widgets upgrade asynchronously; set the property once they are defined.
  const saved = sessionStorage.getItem(storageKey);
  Promise.all([...widgets()].map((w) => customElements.whenDefined(w.localName))).then(() => apply(saved));
}
