export {
  DEFAULT_CLAIM_RULES,
  CLAIM_PATTERN_FLAGS,
  claimRuleSchema,
  claimRuleFileSchema,
  claimRuleFileObjectSchema,
  compileClaimPattern,
  parseClaimRules,
  type ClaimRule,
} from './claimRules.js';
export { clipCompliance } from './clipCompliance.js';
export { findComplianceFlags, type ComplianceItem } from './findComplianceFlags.js';
