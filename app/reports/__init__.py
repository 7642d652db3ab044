"""Reports: named measures (tested SQL), report definitions (data files in resources/reports/),
the engine that turns them into one computed table, and the renderers (PDF, XLSX, CSV) that all
print that same table."""
