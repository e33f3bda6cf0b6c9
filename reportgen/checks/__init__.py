"""Check what was read: cell rules, cross-field rules, completeness, the rule table."""
