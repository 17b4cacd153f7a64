"""The dependency lock and its audit: `make lock`, `make audit`, `make audit-refresh`."""
