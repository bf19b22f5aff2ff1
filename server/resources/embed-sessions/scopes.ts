/**
 * What an embed session may do, per audience. `read` covers every GET route of the audience and
 * is always granted; a write route names the scope it needs (`RouteSpec.scope`), and a write
 * route that names none is closed to embed sessions (minting, allowlists, admin changes).
 * Long-lived credentials hold every scope.
 */
export const SCOPES = {
  partner: {
    read: 'Read the partner’s own data (every GET route of the partner API)',
    'technical_partner:apply': 'POST /v1/partner/me/technical-partner/apply',
    'technical_partner:key': 'POST /v1/partner/me/technical-partner/key (issues the linked developer’s preferential key, shown once)',
  },
  developer: {
    read: 'Read the developer’s own data and the data pool (every GET route of the developer API; data-pool calls are metered)',
    'apps:write': 'POST /v1/developer/me/apps',
    'technical_partner:apply': 'POST /v1/developer/me/technical-partner/apply',
    'technical_partner:key': 'POST /v1/developer/me/technical-partner/key (issues a preferential key, shown once)',
    'partner_link:confirm': 'POST /v1/developer/me/partner-link/confirm',
  },
  admin: {
    read: 'Read the admin reports (every GET route of the admin API)',
    'technical_partners:review': 'POST /v1/admin/technical-partners/:id/approve, …/suspend, …/reactivate',
    'fraud_signals:review': 'POST /v1/admin/fraud-signals/:id/release, …/void, …/suspend',
  },
} as const;

export type SessionAudience = keyof typeof SCOPES;
export type ScopeOf<A extends SessionAudience> = keyof (typeof SCOPES)[A] & string;
export type Scope = { [A in SessionAudience]: ScopeOf<A> }[SessionAudience];

export const SESSION_AUDIENCES = Object.keys(SCOPES) as SessionAudience[];

export function scopesOf<A extends SessionAudience>(audience: A): [ScopeOf<A>, ...ScopeOf<A>[]] {
  return Object.keys(SCOPES[audience]) as [ScopeOf<A>, ...ScopeOf<A>[]];
}
