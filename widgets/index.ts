// Every widget in one module: the all-in-one bundle and the package's main entry.
export * from './admin-revenue-dashboard/define.ts';
export * from './developer-ecosystem-tab/define.ts';
export * from './earnings-balance/define.ts';
export * from './ecosystem-growth/define.ts';
export * from './ecosystem-impact-card/define.ts';
// The host page's side of the signed-in elements' `fetchSession`.
export type { EmbedSessionAnswer, FetchSession } from './internal/embed-session.ts';
export * from './live-business-feed/define.ts';
export * from './partner-data-sources/define.ts';
export * from './partner-powered-badge/define.ts';
export * from './partner-powered-showcase/define.ts';
export * from './technical-partner-approvals/define.ts';
export * from './technical-partner-upgrade/define.ts';
