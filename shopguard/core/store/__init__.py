"""The local store: one SQLite file per merchant that every import merges into.

database      open (read-write, or read-only to look), integrity check, migrations, transactions, backups
errors        StoreError: what went wrong (damaged, full, read-only, busy ...) and what to do, in Chinese
backups       writing, checking and rolling over the copies in backups/
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
