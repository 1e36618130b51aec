// Domain vocabulary shared by ingest, analytics, seed and reports.

export const ACTOR_KINDS = ['person', 'organization', 'agent'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ACCOUNT_KINDS = ['bank', 'payment', 'securities', 'insurance_policy', 'social'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

export const INSTITUTION_TYPES = [
  'bank',
  'insurer',
  'consumer_finance',
  'platform',
  'securities',
  'other',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const CLAIM_KINDS = ['claim', 'surrender'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const TYPOLOGIES = [
  'complaint_mill',
  'surrender_agent',
  'loan_mediation',
  'credit_repair',
  'stock_tips',
  'debt_collection',
  'unknown',
] as const;
export type Typology = (typeof TYPOLOGIES)[number];

/**
 * Complaint categories. Free text is accepted on ingest; these are the ones the typology labeller knows.
 * NOTE: each planted typology files mostly in its own categories, but honest consumers file in all of them,
 * so a category alone never makes a ring.
 */
export const COMPLAINT_CATEGORIES = {
  fee_refund: 'complaint_mill', // 退费/息费减免
  service_quality: 'complaint_mill', // 服务质量
  collection_harassment: 'debt_collection', // 暴力催收
  debt_negotiation: 'loan_mediation', // 协商还款/停息挂账
  credit_report: 'credit_repair', // 征信异议
  investment_advice: 'stock_tips', // 投资咨询/荐股
  insurance_mis_selling: 'surrender_agent', // 误导销售/退保
  account_issue: null, // 账户问题
  outage: null, // 系统故障
  other: null,
} as const satisfies Record<string, Typology | null>;
export type KnownCategory = keyof typeof COMPLAINT_CATEGORIES;

export const COMPLAINT_CHANNELS = [
  'regulator_hotline',
  'regulator_web',
  'bank_branch',
  'bank_app',
  'letter',
  'platform',
] as const;
