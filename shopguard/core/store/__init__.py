"""The local store: one SQLite file per merchant that every import merges into.

database   open, integrity check, migrations, transactions, backups
codec      records <-> table rows
merge      importing files into the store (one transaction per import)
snapshot   loading records back, with the merchant's corrections applied
annotate   notes, "handled" marks and manual corrections
purge      deleting old orders for privacy
"""
