// Signs a host page in. The credential the user types goes to the server once (POST
// /session/sign-in), which answers with an HttpOnly cookie; the page keeps no copy. The page's
// widgets get short-lived embed sessions for this origin through their `fetchSession` property,
// which asks POST /session/embed-session (the cookie is sent with it, never readable here).
const form = document.querySelector('form.sign-in');
if (form) {
  const audience = form.dataset.audience;
  const input = form.querySelector('input');
  const status = form.querySelector('output');
  const signOut = form.querySelector('[data-action="sign-out"]');
  const widgets = () => document.querySelectorAll(`[data-credential="${audience}"]`);

  const failure = async (res) => {
    const body = await res.json().catch(() => null);
    return new Error(body?.error?.message ?? `HTTP ${res.status}`);
  };
  // One function for every widget of the page, so they share one pending request and its answer.
  const fetchSession = () =>
    fetch('/session/embed-session', { method: 'POST' }).then(async (res) => {
      if (!res.ok) {
        if (res.status === 401) show(false, 'Signed out: the sign-in expired.');
        throw await failure(res);
      }
      return res.json();
    });

  const show = (signedIn, message) => {
    for (const widget of widgets()) widget.fetchSession = signedIn ? fetchSession : undefined;
    status.textContent = message ?? (signedIn ? 'Signed in.' : 'Not signed in.');
    signOut.hidden = !signedIn;
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
      show(true);
    } catch (error) {
      show(false, `Sign-in refused: ${error.message}`);
    }
  });

  signOut.addEventListener('click', async () => {
    await fetch('/session/sign-out', { method: 'POST' }).catch(() => undefined);
    location.reload(); // also drops the embed sessions the widgets hold in memory
  });

  // Already signed in (the cookie outlives reloads)? Widgets upgrade asynchronously: set the
  // property once they are defined.
  const current = fetch('/session')
    .then((res) => res.json())
    .catch(() => null);
  Promise.all([current, ...[...widgets()].map((w) => customElements.whenDefined(w.localName))]).then(([session]) => {
    if (answered) return;
    const other = session?.audience && session.audience !== audience;
    show(session?.audience === audience, other ? `Signed in as ${session.audience}; sign in here for this page.` : undefined);
  });
}
