"""The default rule pack, installed as evidencekit._rulepack (data files only; see README.md)."""
