"""What reaches the owner and the team without anyone opening ShopGuard.

digest        the one message a run sends to the group chats (counts, money, shop risk, the most urgent)
robots        企业微信 / 钉钉 / 飞书 group robots: signing, sending, reading their replies
channels      which robots are set up (their webhook URLs and secrets live in the OS keyring)
push          one digest to every configured robot; a failed one never stops the others
schedule      the OS task that sends the report every morning, and starting with the system
watch_folder  new 抖店 exports landing in a folder, imported once each
reminders     which clocks the desktop warns about, at most one notification per check
"""
