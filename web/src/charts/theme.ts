// Chart colors shared with styles.css: a series keeps its color on every page (revenue is always
// blue, cost always orange), and the palette stays distinct for color-blind viewers (Okabe–Ito).
export const COLORS = {
  revenue: '#2563eb',
  cost: '#e07b00',
  net: '#059669',
  loss: '#dc2626',
  neutral: '#64748b',
  accent: '#7c3aed',
  callCost: '#f59e0b',
  labor: '#d55e00',
  commission: '#cc79a7',
  list: '#a16207',
};

export const PALETTE = [
  '#2563eb',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#7c3aed',
  '#64748b',
];

export const FONT = "Inter, 'Segoe UI', system-ui, -apple-system, sans-serif";
