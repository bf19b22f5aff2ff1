import type { DataSources } from './partner-data-sources.api.ts';

const directory = (n: number, directory_name: string, records_served: number, share_percent: string, apps: number) => ({
  id: `5b0c2d4e-8f1a-4c3b-9d2e-${String(n).padStart(12, '0')}`,
  directory_name,
  records_served,
  share_percent,
  apps,
});

/** A developer whose apps read from eleven partner directories, shaped like the API's answer. */
export const dataSources: DataSources = {
  currency: 'USD',
  records_served: 184320,
  directories: [
    directory(1, 'Black Business Directory of Atlanta', 52110, '28.27', 3),
    directory(2, 'Houston Minority Merchants', 31870, '17.29', 2),
    directory(3, 'Chicago Southside Shops', 24200, '13.13', 3),
    directory(4, 'Carolina Founders Network', 18430, '10.00', 1),
    directory(5, 'Bay Area Black Makers', 15020, '8.15', 2),
    directory(6, 'DMV Buy Black', 12160, '6.60', 2),
    directory(7, 'Detroit Made', 9350, '5.07', 1),
    directory(8, 'Memphis Main Street', 8110, '4.40', 1),
    directory(9, 'New Orleans Creole Commerce', 6240, '3.39', 1),
    directory(10, 'Philly Neighborhood Guide', 4580, '2.48', 1),
    directory(11, 'Tulsa Greenwood Revival', 2250, '1.22', 1),
  ],
  by_month: [
    { month: '2025-12', records_served: 8120 },
    { month: '2026-01', records_served: 9400 },
    { month: '2026-02', records_served: 10950 },
    { month: '2026-03', records_served: 12010 },
    { month: '2026-04', records_served: 12880 },
    { month: '2026-05', records_served: 14300 },
    { month: '2026-06', records_served: 15920 },
    { month: '2026-07', records_served: 16440 },
    { month: '2026-08', records_served: 18200 },
    { month: '2026-09', records_served: 19870 },
    { month: '2026-10', records_served: 21980 },
    { month: '2026-11', records_served: 24250 },
  ],
  technical_partner: { status: 'active', revenue_share_percent: '7.50', total_app_referrals: 214, total_app_earnings: '18342.60' },
};

/** The same developer before becoming a Technical Partner, with three directories. */
export const notTechnicalPartner: DataSources = {
  ...dataSources,
  records_served: 108180,
  directories: [
    directory(1, 'Black Business Directory of Atlanta', 52110, '48.17', 3),
    directory(2, 'Houston Minority Merchants', 31870, '29.46', 2),
    directory(3, 'Chicago Southside Shops', 24200, '22.37', 3),
  ],
  technical_partner: null,
};

/** A new developer: no partner data read yet. */
export const emptyDataSources: DataSources = { currency: 'USD', records_served: 0, directories: [], by_month: [], technical_partner: null };
