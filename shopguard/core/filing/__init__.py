"""Filing assistant core: from at-risk orders to a 报备/申诉 evidence package the platform accepts.

catalogue  filing types, causes and the evidence each needs (with the elements every item must show)
model      the Filing record and its evidence
coverage   which orders a filing's period and area cover
plan       报备 or 申诉, the latest moment to file, the Chinese filing text
package    the evidence package folder and .zip
vault      evidence files kept in the data folder, deduplicated by hash
storage    filing records in the store: draft → ready → filed → approved / rejected
service    creating a filing from orders in the store
effects    what approved filings change in the triage (exempt clocks, new due times)
"""
