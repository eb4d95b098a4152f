package compliance

// RulesVersion names this release's rules. Stored due items carry the
// version they were worked out with, and start-up works every household
// out again when it differs, so raise it with any change that moves a due
// date or rewords a reason. TestRulesFingerprint in internal/registry fails
// when the rules' output changes and this number does not.
const RulesVersion = 2
