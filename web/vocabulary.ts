// The API's closed vocabularies the console offers in its forms (typologies, review statuses, complaint categories).

export const TYPOLOGIES = [
  'complaint_mill',
  'surrender_agent',
  'loan_mediation',
  'credit_repair',
  'stock_tips',
  'debt_collection',
  'unknown',
];

export const REVIEW_STATUSES = ['new', 'under_review', 'confirmed', 'dismissed', 'referred'];

export const COMPLAINT_CATEGORIES = [
  'fee_refund',
  'service_quality',
  'collection_harassment',
  'debt_negotiation',
  'credit_report',
  'investment_advice',
  'insurance_mis_selling',
  'account_issue',
  'outage',
  'other',
];

/** What an allow-list entry of kind `identifier` may name (POST /v1/allowlist). */
export const ALLOW_IDENTIFIER_KINDS = ['phone', 'account', 'device', 'agent'];
