import { define } from '../internal/define.ts';
import { AdminRevenueDashboard } from './admin-revenue-dashboard.ts';

export { AdminRevenueDashboard };
export type {
  RevenueMonth,
  AdminDashboardData,
  CrossPollination,
  DashboardPanelChangeDetail,
  Health,
  HealthIndicator,
  HealthStatus,
  Panel,
  Revenue,
} from './admin-revenue-dashboard.ts';
define('admin-revenue-dashboard', AdminRevenueDashboard);
