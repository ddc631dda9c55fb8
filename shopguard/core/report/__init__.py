"""The morning report: a workbook, an HTML summary for the email body, an .eml draft, and sending it.

content   what the report says, computed once from a triage (counts, lists, the next 48 hours)
workbook  the .xlsx (xlsxwriter, constant memory: open clocks in full, finished ones counted)
html      the email body
message   the email (.eml draft or to send)
mail      SMTP sending, the password in the OS credential store
delivery  building and sending the report or a test email, for the CLI and the window alike
"""
