// The site header's signed-in identity. The sign-in cookie is HttpOnly and sent to /session only,
// so the page asks GET /session who is signed in; pages stay the same for every visitor (and
// cacheable), and only this corner of the header differs.
const ROLES = { partner: 'Directory partner', developer: 'Developer', admin: 'Admin' };
const account = document.querySelector('header.site [data-identity]');

/** The current sign-in as GET /session answers it ({ audience, name } or nulls). */
export const session = fetch('/session', { headers: { Accept: 'application/json' } })
  .then((res) => (res.ok ? res.json() : null))
  .catch(() => null);

/** Shows who is signed in, or nobody: called with what /session or a sign-in answered. */
export function showIdentity(current) {
  if (!account) return;
  const signedIn = Boolean(current?.audience);
  account.hidden = !signedIn;
  if (!signedIn) return;
  const name = current.name || ROLES[current.audience];
  account.querySelector('[data-identity-name]').textContent = name;
  account.querySelector('[data-identity-role]').textContent = ROLES[current.audience] ?? current.audience;
  account.querySelector('[data-identity-initial]').textContent = name.trim().charAt(0).toUpperCase();
}

let changed = false; // a sign-in made before the first answer wins over it
session.then((current) => changed || showIdentity(current));
export const identityChanged = (current) => {
  changed = true;
  showIdentity(current);
};

account?.querySelector('[data-action="sign-out"]').addEventListener('click', async () => {
  await fetch('/session/sign-out', { method: 'POST' }).catch(() => undefined);
  location.reload(); // also drops the embed sessions the widgets hold in memory
});
