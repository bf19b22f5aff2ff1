import { define } from '../internal/define.ts';
import type { Action, ApplicationStatus } from './technical-partner-approvals.api.ts';
import { TechnicalPartnerApprovals } from './technical-partner-approvals.ts';

export type { Action, Application, ApplicationList, ApplicationStatus, TransitionResult } from './technical-partner-approvals.api.ts';
export { TechnicalPartnerApprovals };

define('technical-partner-approvals', TechnicalPartnerApprovals);

export interface TechnicalPartnerReviewedDetail {
  id: string;
  action: Action;
  status: ApplicationStatus;
}

declare global {
  interface HTMLElementTagNameMap {
    'technical-partner-approvals': TechnicalPartnerApprovals;
  }
  interface HTMLElementEventMap {
    'technical-partner-reviewed': CustomEvent<TechnicalPartnerReviewedDetail>;
  }
}
