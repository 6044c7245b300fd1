"""Engines: house rules, LanguageTool and proselint behind one protocol."""
