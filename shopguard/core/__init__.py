"""Qt-free core, one folder per stage of the flow (ARCHITECTURE.md draws it):

imports    spreadsheets come in and become records
rules      rule packs, the rule book, regions: where the platform's rules live
deadlines  a record meets a rule: every clock with its start, due time, status and why
store      everything imported, kept in SQLite, with the merchant's notes, marks and corrections
filing     报备/申诉: filings, their evidence packages, and what an approved filing changes
triage     the morning list: groups, filters, outputs, and what to do about each clock
report     the morning report (workbook, email) and sending it

The modules at this level are the basics every stage shares: records, clock (Beijing time), settings, files
(atomic writes), datadir, resources, bulk, demo. Nothing here imports PySide6, and no module imports from a
later stage (tests/test_layers.py enforces both).
"""
