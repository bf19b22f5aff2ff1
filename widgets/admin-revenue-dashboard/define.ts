import { define } from '../internal/define.ts';
import { AdminRevenueDashboard, type Panel } from './admin-revenue-dashboard.ts';

export type {
  AdminDashboardData,
  ChannelFigures,
  CrossPollination,
  Health,
  HealthIndicator,
  HealthStatus,
  Revenue,
  RevenueMonth,
} from './admin-revenue-dashboard.api.ts';
export type { Panel } from './admin-revenue-dashboard.ts';
export { AdminRevenueDashboard };

define('admin-revenue-dashboard', AdminRevenueDashboard);

export interface DashboardPanelChangeDetail {
  panel: Panel;
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-revenue-dashboard': AdminRevenueDashboard;
  }
  interface HTMLElementEventMap {
    'dashboard-panel-change': CustomEvent<DashboardPanelChangeDetail>;
  }
}
