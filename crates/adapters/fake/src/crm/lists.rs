//! The reference generator's constant lists (crm-analytics.md §6).

pub(super) const INDUSTRIES: [&str; 10] = [
    "Technology",
    "Healthcare",
    "Finance",
    "Manufacturing",
    "Retail",
    "Education",
    "Energy",
    "Media",
    "Real Estate",
    "Consulting",
];
pub(super) const TARGET_INDUSTRIES: [&str; 4] = ["Technology", "Finance", "Healthcare", "Consulting"];
pub(super) const LEAD_SOURCES: [&str; 8] = [
    "Web",
    "Phone Inquiry",
    "Partner Referral",
    "Purchased List",
    "Event",
    "LinkedIn",
    "Google Ads",
    "Content Download",
];
pub(super) const LEAD_STATUSES: [&str; 5] = ["New", "Contacted", "Qualified", "Unqualified", "Nurturing"];
pub(super) const COMPANIES: [&str; 25] = [
    "Acme Corp",
    "Globex Industries",
    "Initech Solutions",
    "Umbrella Ltd",
    "Stark Industries",
    "Wayne Enterprises",
    "Cyberdyne Systems",
    "Soylent Corp",
    "Tyrell Corporation",
    "Wonka Industries",
    "Hooli",
    "Pied Piper",
    "Vandelay Industries",
    "Massive Dynamic",
    "Oscorp",
    "Aperture Science",
    "Black Mesa",
    "Dunder Mifflin",
    "Prestige Worldwide",
    "Gringotts Partners",
    "CloudFirst Ltd",
    "DataVault Inc",
    "NextGen Analytics",
    "Quantum Leap Tech",
    "BlueShift AI",
];
pub(super) const FIRST_NAMES: [&str; 20] = [
    "James",
    "Olivia",
    "William",
    "Emma",
    "Oliver",
    "Sophia",
    "Harry",
    "Isabella",
    "George",
    "Mia",
    "Noah",
    "Amelia",
    "Jack",
    "Charlotte",
    "Leo",
    "Ava",
    "Oscar",
    "Grace",
    "Henry",
    "Lily",
];
pub(super) const LAST_NAMES: [&str; 20] = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson",
    "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
];
pub(super) const TITLES: [&str; 9] = [
    "CEO",
    "CTO",
    "VP Sales",
    "Head of IT",
    "Operations Director",
    "Procurement Manager",
    "Finance Director",
    "Marketing Manager",
    "IT Manager",
];
pub(super) const COUNTRIES: [&str; 6] = ["UK", "US", "Germany", "France", "Australia", "Canada"];
pub(super) const STAGES: [(&str, f64, &str); 7] = [
    ("Prospecting", 10.0, "Pipeline"),
    ("Qualification", 25.0, "Pipeline"),
    ("Needs Analysis", 50.0, "Best Case"),
    ("Proposal", 65.0, "Commit"),
    ("Negotiation", 80.0, "Commit"),
    ("Closed Won", 100.0, "Closed"),
    ("Closed Lost", 0.0, "Omitted"),
];
pub(super) const AMOUNTS: [f64; 10] =
    [10_000.0, 25_000.0, 50_000.0, 75_000.0, 100_000.0, 150_000.0, 250_000.0, 500_000.0, 750_000.0, 1_000_000.0];
pub(super) const OPP_TYPES: [&str; 3] = ["New Business", "Existing Business", "Renewal"];
pub(super) const NEXT_STEPS: [&str; 5] =
    ["Schedule demo", "Send proposal", "Follow-up call", "Negotiate terms", "Executive sponsor meeting"];
pub(super) const CASE_SUBJECTS: [&str; 10] = [
    "Login issues",
    "Data export failing",
    "Billing discrepancy",
    "Feature request: reporting",
    "Integration error",
    "Slow performance",
    "Password reset",
    "API rate limits",
    "Dashboard not loading",
    "Invoice query",
];
pub(super) const CASE_TYPES: [&str; 4] = ["Problem", "Feature Request", "Question", "Billing"];
pub(super) const CASE_ORIGINS: [&str; 4] = ["Web", "Phone", "Email", "Chat"];
