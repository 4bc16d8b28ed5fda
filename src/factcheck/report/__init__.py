"""Verification reports for editors: pure renderers from `ReportData` (report.model) to Markdown,
HTML, JSON, CSV and schema.org ClaimReview. services.reports gathers the data; nothing here touches
the database, the clock or the terminal, so the same data always renders to the same bytes.
"""
