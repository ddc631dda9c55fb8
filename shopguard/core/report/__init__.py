"""The morning report: a workbook, an HTML summary for the email body, an .eml draft, and sending it.

content   what the report says, computed once from a triage (counts, lists, the next 48 hours)
workbook  the .xlsx (openpyxl, write-only: 200,000 clocks fit in memory)
html      the email body
message   the email (.eml draft or to send)
mail      SMTP sending, presets, the password in the OS credential store
files     atomic writes and what to do when Excel holds the target open
"""
