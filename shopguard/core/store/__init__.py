"""The local store: one SQLite file per merchant that every import merges into.

database      open, integrity check, migrations, transactions, backups
migrations    schema versions
codec         records <-> table rows
merge         importing files into the store (one transaction per import)
mappings      column mappings the merchant made for unrecognised header rows
snapshot      loading records back, with the merchant's corrections applied
annotate      notes, "handled" marks and manual corrections
changes       the journal of which orders each write touched
clock_cache   clocks kept between runs
clock_update  the store's clocks: kept ones reused, only changed orders computed again
preferences   the merchant's settings, with defaults and checks
purge         deleting old orders for privacy
"""
