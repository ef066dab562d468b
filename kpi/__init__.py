"""Read side of the KPI dashboard: settings, queries, charts, exports and text."""
