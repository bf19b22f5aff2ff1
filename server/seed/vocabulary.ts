/** Word lists for realistic demo data. */
export const CATEGORIES = [
  'Restaurants', 'Retail', 'Health & Wellness', 'Home Services', 'Auto Services', 'Beauty & Spas',
  'Professional Services', 'Education', 'Fitness', 'Pets', 'Travel & Lodging', 'Financial Services',
  'Arts & Entertainment', 'Real Estate',
] as const;

const CATEGORY_NOUNS: Record<(typeof CATEGORIES)[number], readonly string[]> = {
  Restaurants: ['Bistro', 'Kitchen', 'Grill', 'Cafe', 'Taqueria', 'Noodle House', 'Diner', 'Bakery'],
  Retail: ['Outfitters', 'Market', 'Boutique', 'Goods', 'Emporium', 'Supply Co.'],
  'Health & Wellness': ['Clinic', 'Wellness Center', 'Pharmacy', 'Chiropractic', 'Family Dental'],
  'Home Services': ['Plumbing', 'Electric', 'Roofing', 'Landscaping', 'Cleaning Co.', 'HVAC'],
  'Auto Services': ['Auto Repair', 'Tire & Lube', 'Body Shop', 'Car Wash', 'Motors'],
  'Beauty & Spas': ['Salon', 'Day Spa', 'Barbershop', 'Nail Studio', 'Lash Lounge'],
  'Professional Services': ['Accounting', 'Law Group', 'Consulting', 'Design Studio', 'Tax Services'],
  Education: ['Tutoring', 'Learning Center', 'Music School', 'Academy', 'Language Institute'],
  Fitness: ['Fitness', 'Yoga Studio', 'CrossFit', 'Boxing Gym', 'Pilates'],
  Pets: ['Pet Grooming', 'Animal Hospital', 'Pet Supply', 'Dog Daycare'],
  'Travel & Lodging': ['Inn', 'Motel', 'Travel Agency', 'Bed & Breakfast', 'Suites'],
  'Financial Services': ['Credit Union', 'Insurance', 'Financial Planning', 'Mortgage Co.'],
  'Arts & Entertainment': ['Gallery', 'Theater', 'Bowling', 'Escape Room', 'Comedy Club'],
  'Real Estate': ['Realty', 'Property Management', 'Home Inspections', 'Title Co.'],
};

const NAME_WORDS = [
  'Golden', 'Blue Ridge', 'Sunrise', 'Maple', 'Harbor', 'Summit', 'Evergreen', 'Riverside', 'Cedar',
  'Liberty', 'Pioneer', 'Magnolia', 'Oak Street', 'Silver', 'Lakeside', 'Prairie', 'Copper',
  'Northside', 'Heritage', 'Bright Star', 'Red Rock', 'Main Street', 'Willow', 'Union', 'Coastal',
  'Highland', 'Peachtree', 'Lone Star', 'Bayou', 'Sierra',
];

export function businessName(category: (typeof CATEGORIES)[number], pick: <T>(items: readonly T[]) => T): string {
  return `${pick(NAME_WORDS)} ${pick(CATEGORY_NOUNS[category])}`;
}

/** [city, state] pairs, most populous first (the seeder favours the head of the list). */
export const PLACES: readonly (readonly [string, string])[] = [
  ['New York', 'NY'], ['Los Angeles', 'CA'], ['Chicago', 'IL'], ['Houston', 'TX'], ['Phoenix', 'AZ'],
  ['Philadelphia', 'PA'], ['San Antonio', 'TX'], ['San Diego', 'CA'], ['Dallas', 'TX'], ['Austin', 'TX'],
  ['Jacksonville', 'FL'], ['San Jose', 'CA'], ['Columbus', 'OH'], ['Charlotte', 'NC'], ['Indianapolis', 'IN'],
  ['Seattle', 'WA'], ['Denver', 'CO'], ['Nashville', 'TN'], ['Atlanta', 'GA'], ['Miami', 'FL'],
  ['Portland', 'OR'], ['Detroit', 'MI'], ['Memphis', 'TN'], ['Baltimore', 'MD'], ['Milwaukee', 'WI'],
  ['Albuquerque', 'NM'], ['Kansas City', 'MO'], ['Raleigh', 'NC'], ['Omaha', 'NE'], ['Minneapolis', 'MN'],
  ['New Orleans', 'LA'], ['Tampa', 'FL'], ['Cleveland', 'OH'], ['Pittsburgh', 'PA'], ['St. Louis', 'MO'],
  ['Salt Lake City', 'UT'], ['Boise', 'ID'], ['Richmond', 'VA'], ['Birmingham', 'AL'], ['Boston', 'MA'],
];

export const DIRECTORY_NAMES = [
  'Main Street Directory', 'LocalGems', 'CityPages Plus', 'Neighborhood Finder', 'Black-Owned Biz Hub',
  'Latino Business Network', 'Women in Business Directory', 'Veteran Owned Directory', 'Small Town Listings',
  'Metro Business Guide', 'Green Business Registry', 'Family Business Index', 'Southern Shops Guide',
  'Rust Belt Makers', 'Pacific Local', 'Heartland Merchants', 'Desert Business Circle', 'Harbor Town Pages',
];

export const DEVELOPER_FIRST = ['Ada', 'Grace', 'Linus', 'Maya', 'Tariq', 'Sofia', 'Kenji', 'Amara', 'Diego', 'Priya', 'Noah', 'Zara', 'Omar', 'Lena', 'Kofi', 'Ines'];
export const DEVELOPER_LAST = ['Okafor', 'Nguyen', 'Garcia', 'Smith', 'Haddad', 'Kowalski', 'Tanaka', 'Mensah', 'Silva', 'Patel', 'Cohen', 'Rossi', 'Johnson', 'Ali', 'Dubois', 'Park'];
export const COMPANY_WORDS = ['Labs', 'Analytics', 'Software', 'Apps', 'Data', 'Studio', 'Systems', 'Works'];

export const APP_WORDS = [
  'Local Pulse', 'ShopRadar', 'TrustScore', 'Main Street Maps', 'SafeSpend', 'CircleSave', 'VoiceBoard',
  'LendRight', 'BizCompass', 'NearMe Now', 'FraudShield', 'Impact Tracker', 'Community Ledger',
  'CallCoach', 'Storefront Insights', 'NeighborPay', 'Review Relay', 'GrowthLens',
];

export const PRODUCTS = ['cmal', 'voice', 'susu', 'fraud'] as const;
export const PAYMENT_PLANS = ['19.99', '29.00', '49.00', '99.00', '149.99', '299.00', '499.00'] as const;
