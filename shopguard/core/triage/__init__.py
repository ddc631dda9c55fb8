"""What is on the morning list, and what to do about it.

session  one triage of everything in the store (the CLI and the window both start here)
buckets  groups by urgency (已超时 / 6小时内 / 24小时内 / 24小时后) and countdown wording
filter   filtering, searching and sorting the list
output   `shopguard triage` outputs: JSON (a stable contract), CSV, the readable list
actions  what to do about each kind of clock, and where in 抖店
"""
