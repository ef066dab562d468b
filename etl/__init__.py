"""Write side: extract the sources and catalog, validate them, load DuckDB atomically."""
