"""Schema versions. MIGRATIONS[i] takes a database from version i to i + 1 (PRAGMA user_version).

Never edit a migration that has shipped: add a new one. tests/core/store/test_migrations.py migrates a
database from every earlier version with data in it.
"""

from __future__ import annotations

V1 = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT,
    export_time TEXT,
    imported_at TEXT NOT NULL,
    rows INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    older INTEGER NOT NULL DEFAULT 0,
    problems INTEGER NOT NULL DEFAULT 0,
    same_as INTEGER REFERENCES imports(id)
);
CREATE INDEX imports_by_hash ON imports(sha256);

CREATE TABLE import_problems (
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row INTEGER,
    column_name TEXT,
    message TEXT NOT NULL
);
CREATE INDEX import_problems_by_import ON import_problems(import_id);

CREATE TABLE order_lines (
    sub_order_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    product TEXT, quantity INTEGER, amount TEXT, province TEXT, city TEXT, district TEXT,
    paid_at TEXT, promised_ship_at TEXT, shipped_at TEXT, order_status TEXT, after_sale_status TEXT,
    packages TEXT,
    export_time TEXT, first_import INTEGER NOT NULL, last_import INTEGER NOT NULL
);
CREATE INDEX order_lines_by_order ON order_lines(order_id);

CREATE TABLE after_sales (
    after_sale_id TEXT PRIMARY KEY,
    order_id TEXT, sub_order_id TEXT, product TEXT, type TEXT, status TEXT,
    applied_at TEXT, approved_at TEXT, return_tracking_no TEXT, return_shipped_at TEXT, refunded_at TEXT,
    finished_at TEXT, closed_at TEXT, exchange_tracking_no TEXT,
    export_time TEXT, first_import INTEGER NOT NULL, last_import INTEGER NOT NULL
);
CREATE INDEX after_sales_by_order ON after_sales(order_id);

CREATE TABLE parcels (
    tracking_no TEXT PRIMARY KEY,
    courier TEXT, picked_up_at TEXT, first_sort_at TEXT, signed_at TEXT, last_update_at TEXT,
    export_time TEXT, first_import INTEGER NOT NULL, last_import INTEGER NOT NULL
);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX notes_by_order ON notes(order_id);

CREATE TABLE marks (
    order_id TEXT NOT NULL,
    mark TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (order_id, mark)
);

CREATE TABLE corrections (
    order_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,  -- tracking number or after-sale id the time belongs to; '' for the order itself
    at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (order_id, kind, target)
);
"""

# v2: column mappings the merchant made for header rows ShopGuard did not recognise.
V2 = """
CREATE TABLE header_mappings (
    signature TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    columns TEXT NOT NULL,  -- JSON: {field: header}
    created_at TEXT NOT NULL
);
"""

# v3: filings (报备/申诉) with the clocks they cover and their evidence.
V3 = """
CREATE TABLE filings (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    cause TEXT,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    province TEXT, city TEXT, district TEXT, street TEXT,
    status TEXT NOT NULL,
    text TEXT NOT NULL,
    notice_date TEXT,
    ticket TEXT,
    reason TEXT,
    new_due TEXT,
    filed_at TEXT,
    package TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE filing_clocks (
    filing_id INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    order_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    tracking_no TEXT NOT NULL DEFAULT '',
    due TEXT,
    covered INTEGER NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX filing_clocks_by_order ON filing_clocks(order_id);
CREATE TABLE filing_evidence (
    filing_id INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    original_name TEXT NOT NULL,
    item TEXT NOT NULL,
    elements TEXT NOT NULL,  -- JSON list of the elements the merchant confirmed
    vault_path TEXT NOT NULL
);
"""

# v4: the buyer's name, phone and address from the order export (left out of reports unless asked for).
V4 = """
ALTER TABLE order_lines ADD COLUMN buyer_name TEXT;
ALTER TABLE order_lines ADD COLUMN buyer_phone TEXT;
ALTER TABLE order_lines ADD COLUMN buyer_address TEXT;
"""

# v5: a stamp that every change to the tables deadlines are computed from replaces with a random one, so
# clocks computed before can be kept and used only for exactly the data they came from (store.clock_cache).
# Random rather than a count: a database restored from a backup must never meet a stamp it had before.
V5 = """
CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), stamp BLOB NOT NULL);
INSERT INTO data_version (id, stamp) VALUES (1, randomblob(16));
""" + "".join(
    f"CREATE TRIGGER {table}_{event.lower()} AFTER {event} ON {table} "
    "BEGIN UPDATE data_version SET stamp = randomblob(16); END;\n"
    for table in ("order_lines", "after_sales", "parcels", "corrections")
    for event in ("INSERT", "UPDATE", "DELETE")
)


# v6: a journal of what changed since the kept clocks were computed, so the next triage computes only the
# orders concerned (store.changes, store.clock_update). The code that writes orders, after-sales, parcels
# and corrections writes down the keys it touched; changed_since says from which data_version the journal
# starts and up to which one it is complete (a write that did not keep it leaves it incomplete).
V6 = """
CREATE TABLE changed_since (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    start BLOB NOT NULL,
    complete_to BLOB NOT NULL
);
INSERT INTO changed_since (id, start, complete_to) SELECT 1, stamp, stamp FROM data_version;
CREATE TABLE changed_keys (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
"""

# v7: what decides a clock where an export leaves out the usual time: 订单提交时间 (no 支付完成时间), 商品ID (which
# sub-order a parcel belongs to), 退货物流状态 (a return signed for, with no time). Packed parcels may carry
# their products' 商品ID after a second '|' (store.codec).
V7 = """
ALTER TABLE order_lines ADD COLUMN submitted_at TEXT;
ALTER TABLE order_lines ADD COLUMN product_id TEXT;
ALTER TABLE after_sales ADD COLUMN return_logistics_status TEXT;
"""

# v8: when the platform asked for evidence on a filing, the evidence is due (normally 24 h later).
V8 = """
ALTER TABLE filings ADD COLUMN evidence_due TEXT;
"""

MIGRATIONS: list[str] = [V1, V2, V3, V4, V5, V6, V7, V8]
LATEST = len(MIGRATIONS)
