"""Where rules live: the platform's rules as data, and which rule sets a clock.

packs       rule packs (TOML): loading, validation, the shipped packs
book        which pack and which rule apply to one clock at its start (daily book, promo overlays)
user_packs  the merchant's own packs: new, copied to new dates, imported, exported, conflicts
regions     province names as exports write them, reduced to the names rules use
"""
