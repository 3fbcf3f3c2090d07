"""Scale-out: the Spark batch job, its Parquet output and the loader back into DuckDB.

pyspark is an optional extra (`pip install flashpoint[spark]`) imported only inside `job` and
`session`; `schema`, `coding` and `load` run without it (the local multi-process runner uses `coding`).
"""
