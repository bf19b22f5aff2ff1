// Signs a host page in. The credential the user types goes to the server once (POST
// /session/sign-in), which answers with an HttpOnly cookie; the page keeps no copy. The page's
// widgets get short-lived embed sessions for this origin through their `fetchSession` property,
// which asks POST /session/embed-session (the cookie is sent with it, never readable here).
// Who is signed in, and signing out, belong to the site header (shell.js).
import { identityChanged, session } from './shell.js';

const form = document.querySelector('form.sign-in');
if (form) {
  const audience = form.dataset.audience;
  const input = form.querySelector('input');
  const status = form.querySelector('output');
  const widgets = () => document.querySelectorAll(`[data-credential="${audience}"]`);

  const failure = async (res) => {
    const body = await res.json().catch(() => null);
    return new Error(body?.error?.message ?? `HTTP ${res.status}`);
  };
  // One function for every widget of the page, so they share one pending request and its answer.
  const fetchSession = () =>
    fetch('/session/embed-session', { method: 'POST' }).then(async (res) => {
      if (!res.ok) {
        if (res.status === 401) {
          show(false, 'Signed out: the sign-in expired.');
          identityChanged(null);
        }
        throw await failure(res);
      }
      return res.json();
    });

  // Signed in for this page: the form steps aside (the header says who, and signs out).
  const show = (signedIn, message) => {
    for (const widget of widgets()) widget.fetchSession = signedIn ? fetchSession : undefined;
    status.textContent = message ?? (signedIn ? 'Signed in.' : 'Not signed in.');
    form.hidden = signedIn;
  };

  let answered = false; // a sign-in made before the first check below answered wins over it
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    answered = true;
    const credential = input.value.trim();
    if (!credential) return;
    input.value = '';
    status.textContent = 'Signing in…';
    try {
      const res = await fetch('/session/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ audience, credential }),
      });
      if (!res.ok) throw await failure(res);
      identityChanged(await res.json());
      show(true);
    } catch (error) {
      show(false, `Sign-in refused: ${error.message}`);
    }
  });

  // Already signed in (the cookie outlives reloads)? Widgets upgrade asynchronously: set the
  // property once they are defined.
  Promise.all([session, ...[...widgets()].map((w) => customElements.whenDefined(w.localName))]).then(([current]) => {
    if (answered) return;
    const other = current?.audience && current.audience !== audience;
    show(current?.audience === audience, other ? `Signed in as ${current.name ?? current.audience}; sign in here for this page.` : undefined);
  });
}
