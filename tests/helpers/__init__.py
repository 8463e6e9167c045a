"""Builders and fakes shared by several test folders (import as ``helpers.<module>``)."""
