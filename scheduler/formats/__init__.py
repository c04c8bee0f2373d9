"""The exchange formats, one module per format: roster CSV, district settings TOML, incidents CSV,
boundary GeoJSON, plan JSON, plan CSV and iCalendar. They turn files into domain values and back,
and know nothing of the database or the planner."""
